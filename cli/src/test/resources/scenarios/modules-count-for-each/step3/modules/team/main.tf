variable "name" {
  type = string
}

variable "models" {
  type    = number
  default = 0
}

resource "terraform_data" "model" {
  for_each = toset([for i in range(var.models) : "${var.name}-m${i}"])
  input    = each.key
}

output "name" {
  value = var.name
}

output "models" {
  value = sort([for m in terraform_data.model : m.output])
}
