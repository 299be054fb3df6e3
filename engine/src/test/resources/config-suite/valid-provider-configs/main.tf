provider "terraform" {
}

provider "terraform" {
  alias = "second"
}
