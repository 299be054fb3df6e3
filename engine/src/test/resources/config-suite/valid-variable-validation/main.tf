variable "port" {
  validation {
    condition     = var.port == 8080
    error_message = "Only 8080."
  }
}

variable "names" {
  type = list(string)
  validation {
    condition     = length(var.names) > 0
    error_message = "At least one name."
  }
}

variable "tags" {
  type = list(string)
  validation {
    condition     = length(var.tags) < 5
    error_message = "Too many tags (${length(var.tags)} of at most 4)."
  }
}
