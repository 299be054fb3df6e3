resource "terraform_data" "a" {
  input = "a"
}

resource "terraform_data" "b" {
  input = "b"
}

moved {
  from = terraform_data.p
  to   = terraform_data.q
}

moved {
  from = terraform_data.q
  to   = terraform_data.p
}
