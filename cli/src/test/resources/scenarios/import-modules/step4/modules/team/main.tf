variable "name" {
  type = string
}

resource "terraform_data" "conn" {
  input = var.name
}

module "net" {
  source = "../net"
}

output "conn" {
  value = terraform_data.conn.id
}
