# a moved, b replaced on request, an import, an output gone
variable "n" {
  default = "one"
}

resource "terraform_data" "c" {
  input = var.n
}

moved {
  from = terraform_data.a
  to   = terraform_data.c
}

resource "terraform_data" "b" {
  count = 2
  input = "${var.n}-b"
}

import {
  to = terraform_data.i
  id = "abc"
}

resource "terraform_data" "i" {
}

output "o" {
  value = terraform_data.c.output
}
