resource "terraform_data" "db" {
  input            = "data"
  triggers_replace = "v1"

  lifecycle {
    prevent_destroy = true
  }
}
