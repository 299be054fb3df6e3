resource "terraform_data" "db" {
  input            = "data"
  triggers_replace = "v2"

  lifecycle {
    prevent_destroy = true
  }
}
