variable "name" {
  type = string
}

resource "terraform_data" "conn" {
  input = "conn-${var.name}"
}

resource "terraform_data" "old" {
  input = "conn-${var.name}"
}

moved {
  from = terraform_data.old
  to   = terraform_data.conn
}

output "conn" {
  value = terraform_data.conn.output
}
