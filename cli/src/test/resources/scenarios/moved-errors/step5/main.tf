# b already has an object: a cannot move there, and is destroyed
resource "terraform_data" "b" {
  input = "b"
}

moved {
  from = terraform_data.a
  to   = terraform_data.b
}
