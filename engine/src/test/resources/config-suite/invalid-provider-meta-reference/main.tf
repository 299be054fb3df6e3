terraform {
  provider_meta "terraform" {
    hello = var.name
  }
}

variable "name" {
  type = string
}
