moved {
  from = terraform_data.other_old
  to   = terraform_data.other_new
}

resource "terraform_data" "other_new" {}
