variable "whole" {
  default     = "from a"
  description = "a description"
  type        = string
}

variable "partly" {
  default = "a partly"
}
