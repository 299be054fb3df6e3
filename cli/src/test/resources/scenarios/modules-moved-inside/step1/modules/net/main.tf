resource "terraform_data" "vpc" {
  input = "vpc"
}
