variable "names" {
  type = set(string)
}

resource "terraform_data" "a" {
  for_each = var.names
  lifecycle {
    replace_triggered_by = [terraform_data.b[each.val]]
  }
}

resource "terraform_data" "b" {
  for_each = var.names
}
