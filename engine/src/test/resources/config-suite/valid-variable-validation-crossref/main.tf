locals {
  limit = 3
}

variable "count_of" {
  validation {
    condition     = var.count_of <= local.limit
    error_message = "Too many."
  }
}

variable "name_of" {
  validation {
    condition     = var.name_of != ""
    error_message = "Not more than ${local.limit}."
  }
}
