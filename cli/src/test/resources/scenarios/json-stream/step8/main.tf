# warnings as diagnostic messages, and a plan that destroys what the configuration dropped
resource "terraform_data" "c" {
  input = "one"
}

resource "terraform_data" "b" {
  count = 1
  input = "one-b"
}

output "o" {
  value = terraform_data.b[0].output
}
