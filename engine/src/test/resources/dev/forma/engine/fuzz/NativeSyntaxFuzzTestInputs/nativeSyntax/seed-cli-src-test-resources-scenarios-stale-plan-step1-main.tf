resource "terraform_data" "a" {
  input = "first"
}
