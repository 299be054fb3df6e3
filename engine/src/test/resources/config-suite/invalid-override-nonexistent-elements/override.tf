locals {
  missing_local = 1
}

output "missing_output" {
  value = 1
}

resource "terraform_data" "missing" {}

data "terraform_remote_state" "missing" {
  backend = "local"
}

provider "terraform" {
  alias = "missing"
}
