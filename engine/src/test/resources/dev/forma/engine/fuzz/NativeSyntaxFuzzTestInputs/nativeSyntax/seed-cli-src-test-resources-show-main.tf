variable "v" {
  default = "hello"
}
resource "terraform_data" "a" {
  input = var.v
}
resource "terraform_data" "b" {
  input = { x = terraform_data.a.output, n = 3, l = [1, 2] }
  triggers_replace = [terraform_data.a.id]
}
output "o" {
  value = terraform_data.a.output
}
output "s" {
  value     = "secret"
  sensitive = true
}
output "m" {
  value = { k = [1, true] }
}
