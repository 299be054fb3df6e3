resource "terraform_data" "self_ref" {
  input = 5

  lifecycle {
    precondition {
      condition     = terraform_data.self_ref.input == 5
      error_message = "Must be five."
    }
    postcondition {
      condition     = self.input == 5
      error_message = "Is ${terraform_data.self_ref.input}."
    }
  }
}
