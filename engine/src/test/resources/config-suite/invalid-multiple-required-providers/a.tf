terraform {
  required_providers {
    alicloud = {
      version = "~> 1.0"
    }
  }
}
