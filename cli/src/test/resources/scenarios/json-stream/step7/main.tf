# errors as diagnostic messages, with their snippets
resource "terraform_data" "c" {
  input = "one"
}

resource "terraform_data" "b" {
  count = 2
  input = terraform_data.nowhere.output
}
