# Uses the example provider plugin: build it and put its jar into .forma/plugins first
# (see README.md).
terraform {
  required_providers {
    hello = {
      source  = "example/hello"
      version = "~> 0.1"
    }
  }
}

resource "hello_greeting" "world" {
  name = "world"
}

output "greeting" {
  value = hello_greeting.world.greeting
}
