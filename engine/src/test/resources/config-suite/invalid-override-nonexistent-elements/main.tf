resource "terraform_data" "exists" {}
