import {
  for_each = ["one", "two"]
  to       = terraform_data.imported[each.value]
  id       = each.value
}

resource "terraform_data" "imported" {
  for_each = toset(["one", "two"])
}
