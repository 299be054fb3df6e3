resource "terraform_data" "network" {
  input = "net"
}

resource "terraform_data" "app" {
  input = "${terraform_data.network.id}-v2"
}

resource "terraform_data" "unrelated" {
  input = "other2"
}

locals {
  app_out = terraform_data.app.output
}

output "app" {
  value = local.app_out
}

output "network" {
  value = terraform_data.network.output
}

output "mixed" {
  value = "${local.app_out}-${terraform_data.unrelated.output}"
}

output "unrelated" {
  value = terraform_data.unrelated.output
}

output "constant" {
  value = "fixed2"
}
