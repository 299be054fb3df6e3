variable "owner" {
  type = string
}

resource "terraform_data" "label" {
  input = "team-${var.owner}"
}

output "label" {
  value = terraform_data.label.output
}
