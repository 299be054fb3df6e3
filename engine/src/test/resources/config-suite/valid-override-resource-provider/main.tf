provider "terraform" {
  alias = "first"
}

provider "terraform" {
  alias = "second"
}

resource "terraform_data" "explicit" {
  provider = terraform.first
}

resource "terraform_data" "implied" {}
