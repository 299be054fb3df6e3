variable "whole" {
  default     = "base"
  description = "base description"
}

variable "partly" {
  default     = "base partly"
  description = "base partly description"
  type        = string
}
