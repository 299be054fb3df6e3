variable "in" {
  type = string
}
resource "terraform_data" "a" {
  input = var.in
}
output "out" {
  value = terraform_data.a.output
}
