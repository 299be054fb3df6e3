# -json never asks for input: a variable without a value is an error message in the stream
variable "x" {
}

resource "terraform_data" "a" {
  input = var.x
}
