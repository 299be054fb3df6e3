variable "l" {
  default = ["a"]
}
variable "nul" {
  default = null
}
variable "s" {
  default = "maybe"
}
variable "f" {
  default = false
}

resource "terraform_data" "a" {
  input = "x"
  lifecycle {
    precondition {
      condition     = var.nul
      error_message = "null cond"
    }
    precondition {
      condition     = var.s
      error_message = "string cond"
    }
    precondition {
      condition     = var.f
      error_message = var.l
    }
    precondition {
      condition     = var.f
      error_message = "x${var.l}"
    }
    precondition {
      condition     = var.f
      error_message = var.nul
    }
  }
}
