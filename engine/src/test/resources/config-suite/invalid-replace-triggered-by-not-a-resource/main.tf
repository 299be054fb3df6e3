resource "terraform_data" "a" {
  count = 1
  lifecycle {
    replace_triggered_by = [not_a_resource]
  }
}
