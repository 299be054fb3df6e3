variable "v" {
  default = "a"
}

resource "terraform_data" "r" {}

output "o" {
  value = "x"
}
