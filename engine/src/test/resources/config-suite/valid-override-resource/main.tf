resource "terraform_data" "app" {
  input = "base"
  count = 1

  lifecycle {
    prevent_destroy = true
  }
}
