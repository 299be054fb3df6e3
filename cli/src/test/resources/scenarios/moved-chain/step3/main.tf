# the chain ends at an address nothing declares: the objects are destroyed there
resource "terraform_data" "other" {
  input = "other"
}

moved {
  from = terraform_data.v1
  to   = terraform_data.v2
}

moved {
  from = terraform_data.v2
  to   = terraform_data.v3
}
