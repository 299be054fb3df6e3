moved {
  from = terraform_data.old
  to   = terraform_data.new
}

moved {
  from = terraform_data.single
  to   = terraform_data.many["a"]
}

resource "terraform_data" "new" {}

resource "terraform_data" "many" {
  for_each = toset(["a"])
}
