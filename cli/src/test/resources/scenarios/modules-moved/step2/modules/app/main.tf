variable "name" {
  type = string
}

resource "terraform_data" "conn" {
  input = var.name
}
