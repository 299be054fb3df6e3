provider "terraform" {
  alias = "second"
}

import {
  to = terraform_data.first
  id = "first-id"
}

import {
  to       = terraform_data.second
  provider = terraform.second
  id       = "second-id"
}

resource "terraform_data" "first" {}

resource "terraform_data" "second" {
  provider = terraform.second
}
