# api is renamed to gateway; db is renamed to store and changed in the same plan.
resource "terraform_data" "gateway" {
  input = "api-v1"
}

moved {
  from = terraform_data.api
  to   = terraform_data.gateway
}

resource "terraform_data" "store" {
  input = "db-v2"
}

moved {
  from = terraform_data.db
  to   = terraform_data.store
}

output "api" {
  value = terraform_data.gateway.output
}
