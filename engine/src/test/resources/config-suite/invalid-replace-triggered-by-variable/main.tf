variable "v" {
  default = "x"
}

resource "terraform_data" "a" {
  lifecycle {
    replace_triggered_by = [var.v]
  }
}
