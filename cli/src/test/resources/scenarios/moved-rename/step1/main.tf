resource "terraform_data" "api" {
  input = "api-v1"
}

resource "terraform_data" "db" {
  input = "db-v1"
}

output "api" {
  value = terraform_data.api.output
}
