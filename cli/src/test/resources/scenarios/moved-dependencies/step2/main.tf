resource "terraform_data" "a2" {
  input = "a"
}

moved {
  from = terraform_data.a
  to   = terraform_data.a2
}

resource "terraform_data" "b" {
  input = terraform_data.a2.output
}

resource "terraform_data" "c" {
  input      = "c"
  depends_on = [terraform_data.a2]
}
