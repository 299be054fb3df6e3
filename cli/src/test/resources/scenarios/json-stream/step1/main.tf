# The -json stream of plan, apply, refresh-only and destroy, message for message as Terraform's.
variable "n" {
  default = "one"
}

resource "terraform_data" "a" {
  input = var.n
}

resource "terraform_data" "b" {
  count = 2
  input = "${var.n}-b"
}

output "o" {
  value = terraform_data.a.output
}

output "s" {
  value     = "secret"
  sensitive = true
}
