variable "name" {
  type = string
}

resource "terraform_data" "old" {
  input = "conn-${var.name}"
}

resource "terraform_data" "node" {
  input = var.name
}

module "net" {
  source = "../net"
}

output "conn" {
  value = terraform_data.old.output
}
