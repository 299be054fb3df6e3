variable "v" {
  validation {
    condition     = var.v == "a"
    error_message = "Only a."
  }
}

resource "terraform_data" "r" {
  lifecycle {
    postcondition {
      condition     = self.id != ""
      error_message = "Has an id."
    }
  }
}

output "o" {
  precondition {
    condition     = var.v == "a"
    error_message = "Only a."
  }
}
