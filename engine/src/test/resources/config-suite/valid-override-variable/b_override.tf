variable "whole" {
  nullable    = false
  default     = "from b"
  description = "b description"
  type        = string
}

variable "partly" {
  default = "b partly"
}
