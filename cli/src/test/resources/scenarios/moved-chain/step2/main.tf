# the chain v1 -> v2 -> v3: the objects go straight to v3
resource "terraform_data" "v3" {
  count = 2
  input = "node-${count.index}"
}

moved {
  from = terraform_data.v1
  to   = terraform_data.v2
}

moved {
  from = terraform_data.v2
  to   = terraform_data.v3
}
