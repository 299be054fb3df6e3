import {
  for_each = ["one", "two"]
  to       = nothing[each.value]
  id       = each.value
}

resource "terraform_data" "t" {
  for_each = toset(["one", "two"])
}
