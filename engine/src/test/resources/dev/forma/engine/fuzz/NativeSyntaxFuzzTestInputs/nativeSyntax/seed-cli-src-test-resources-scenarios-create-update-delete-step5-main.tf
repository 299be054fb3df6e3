resource "terraform_data" "a" {
  input = "alpha-2"
}

output "a_output" {
  value = terraform_data.a.output
}
