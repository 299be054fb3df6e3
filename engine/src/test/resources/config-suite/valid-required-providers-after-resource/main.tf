resource "terraform_data" "first" {}
