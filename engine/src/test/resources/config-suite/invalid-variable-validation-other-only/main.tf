locals {
  other = "x"
}

variable "size" {
  validation {
    condition     = local.other == "x"
    error_message = "Only the local."
  }
}
