terraform {
  provider_meta "terraform" {
    hello = "module"
  }
}
