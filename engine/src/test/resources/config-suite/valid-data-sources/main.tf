data "terraform_remote_state" "first" {
  backend = "local"
}

data "terraform_remote_state" "second" {
  backend = "local"
  config = {
    path = "other.tfstate"
  }

  count = 3
  depends_on = [
    data.terraform_remote_state.first,
  ]
}
