resource "terraform_data" "b" {
  depends_on = [terraform_data.a]
}

output "o" {
  depends_on = [terraform_data.a]
}
