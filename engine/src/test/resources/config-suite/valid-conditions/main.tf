resource "terraform_data" "checked" {
  lifecycle {
    precondition {
      condition     = path.module != ""
      error_message = "The module path is set."
    }
    postcondition {
      condition     = self.id != ""
      error_message = "The object has an id."
    }
  }
}

data "terraform_remote_state" "checked" {
  backend = "local"
  lifecycle {
    precondition {
      condition     = path.root != ""
      error_message = "The root path is set."
    }
    postcondition {
      condition     = self.outputs != null
      error_message = "The state has outputs."
    }
  }
}

output "checked" {
  value = ""

  precondition {
    condition     = terraform.workspace != ""
    error_message = "A workspace is selected."
  }
}
