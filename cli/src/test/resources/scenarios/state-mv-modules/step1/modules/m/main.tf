resource "terraform_data" "x" {
  input = "x"
}

module "n" {
  source = "../n"
}
