# An error while planning: the part planned (nothing) is streamed before the error, as Terraform streams it
variable "n" {
  type    = number
  default = -1
}

resource "terraform_data" "a" {
  count = var.n
}
