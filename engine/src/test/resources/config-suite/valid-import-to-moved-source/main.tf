import {
  id = "an-id"
  to = terraform_data.before
}

moved {
  from = terraform_data.before
  to   = terraform_data.after
}

resource "terraform_data" "after" {}
