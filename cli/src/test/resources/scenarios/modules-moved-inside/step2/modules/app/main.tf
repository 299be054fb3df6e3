variable "name" {
  type = string
}

resource "terraform_data" "conn" {
  input = "conn-${var.name}"
}

moved {
  from = terraform_data.old
  to   = terraform_data.conn
}

resource "terraform_data" "node" {
  count = 1
  input = var.name
}

module "network" {
  source = "../net"
}

moved {
  from = module.net
  to   = module.network
}

output "conn" {
  value = terraform_data.conn.output
}
