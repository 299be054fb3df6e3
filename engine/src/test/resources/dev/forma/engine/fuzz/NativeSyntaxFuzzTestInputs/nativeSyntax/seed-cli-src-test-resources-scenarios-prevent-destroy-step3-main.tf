resource "terraform_data" "db" {
  input            = "data-2"
  triggers_replace = "v1"

  lifecycle {
    prevent_destroy = true
  }
}
