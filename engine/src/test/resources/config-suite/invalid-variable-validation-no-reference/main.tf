variable "size" {
  validation {
    condition     = 1 == 1
    error_message = "Always."
  }
}
