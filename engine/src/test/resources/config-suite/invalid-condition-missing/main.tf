resource "terraform_data" "x" {
  lifecycle {
    precondition {
      error_message = "No condition here."
    }
    postcondition {
      error_message = "Nor here."
    }
  }
}
