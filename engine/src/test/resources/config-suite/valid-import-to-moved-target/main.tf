import {
  id = "x-id"
  to = terraform_data.items["b"]
}

moved {
  from = terraform_data.item_old
  to   = terraform_data.items["b"]
}

resource "terraform_data" "items" {
  for_each = toset(["a", "b"])
}
