variable "name" {
  type    = string
  default = "demo2"
}
variable "secret" {
  type      = string
  default   = "s3cr3t"
  sensitive = true
}
locals {
  tags = { env = "dev", n = 3 }
}
resource "terraform_data" "a" {
  input = { name = var.name, tags = local.tags, list = [1, 2, 3] }
}
resource "terraform_data" "b" {
  count            = 2
  input            = "${terraform_data.a.id}-${count.index}"
  triggers_replace = [var.secret]
}
resource "terraform_data" "c" {
  for_each = toset(["x", "y"])
  input    = each.key
}
output "a" {
  value = terraform_data.a.output
}
output "s" {
  value     = var.secret
  sensitive = true
}
