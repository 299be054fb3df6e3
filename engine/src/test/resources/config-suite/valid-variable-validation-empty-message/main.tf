variable "size" {
  validation {
    condition     = var.size != 0
    error_message = ""
  }
}
