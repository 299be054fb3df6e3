# an apply, then -refresh=false: a plan with no changes and no refresh messages
resource "terraform_data" "a" {
  input = "x"
}
