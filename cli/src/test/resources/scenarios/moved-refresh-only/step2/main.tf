# a refresh-only plan shows the move as something found, and its apply records it
resource "terraform_data" "b" {
  input = "one"
}

moved {
  from = terraform_data.a
  to   = terraform_data.b
}
