variable "vpc" {
  type    = string
  default = null
}

variable "regional" {
  default = true
}

variable "zones" {
  type    = list(string)
  default = []
}

output "vpc" {
  value = var.vpc != null ? "vpc/${var.vpc}" : "none"
}

output "zone" {
  value = var.regional ? "cn-hangzhou" : var.zones[0]
}

output "first" {
  value = true ? "a" : [][0]
}
