resource "terraform_data" "a" {
  input = {
    name = "alpha"
    tags = { env = "dev", team = "x" }
    list = [1, 2, 3]
    text = "line1\nline2\nline3\n"
  }
}
resource "terraform_data" "b" {
  input = "hello"
  triggers_replace = ["v1"]
}
resource "terraform_data" "c" {
  input = terraform_data.b.output
}
variable "secret" {
  default = "s3cr3t"
  sensitive = true
}
resource "terraform_data" "s" {
  input = var.secret
}
output "o1" { value = terraform_data.a.output }
output "o2" { value = "static" }
output "o3" {
  value = var.secret
  sensitive = true
}
