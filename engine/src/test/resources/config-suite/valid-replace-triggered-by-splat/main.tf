resource "terraform_data" "a" {
  count = 1
  lifecycle {
    replace_triggered_by = [terraform_data.b[*]]
  }
}

resource "terraform_data" "b" {
  count = 1
}
