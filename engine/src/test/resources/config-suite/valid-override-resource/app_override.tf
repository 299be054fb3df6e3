resource "terraform_data" "app" {
  input = "override"
  count = 2

  lifecycle {
    create_before_destroy = true
    ignore_changes        = all
  }
}
