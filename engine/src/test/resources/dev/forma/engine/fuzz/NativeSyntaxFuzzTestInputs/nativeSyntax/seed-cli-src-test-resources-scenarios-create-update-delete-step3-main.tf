resource "terraform_data" "a" {
  input = "alpha-2"
}

resource "terraform_data" "b" {
  input = {
    name   = "beta"
    parent = terraform_data.a.id
  }
}

output "a_output" {
  value = terraform_data.a.output
}
