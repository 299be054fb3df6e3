resource "terraform_data" "main" {
  input = "vpc"
}

moved {
  from = terraform_data.vpc
  to   = terraform_data.main
}
