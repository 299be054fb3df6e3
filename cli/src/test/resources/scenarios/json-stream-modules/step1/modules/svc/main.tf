variable "name" {
  type = string
}

resource "terraform_data" "node" {
  count = 2
  input = "${var.name}-${count.index}"
}

output "id" {
  value = terraform_data.node[0].id
}
