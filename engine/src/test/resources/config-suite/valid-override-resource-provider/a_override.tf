resource "terraform_data" "explicit" {
  provider = terraform.second
}
