# a is renamed to b: a plan that targets neither is refused
resource "terraform_data" "b" {
  input = "one"
}

resource "terraform_data" "z" {
  input = "z2"
}

moved {
  from = terraform_data.a
  to   = terraform_data.b
}
