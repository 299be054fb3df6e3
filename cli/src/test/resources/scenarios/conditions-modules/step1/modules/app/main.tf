variable "name" {
  type = string
}

variable "replicas" {
  type = number
}

variable "max" {
  type = number
}

variable "banned" {
  type = string
}

variable "base" {
  type = string
}

variable "expect_base" {
  type = string
}

resource "terraform_data" "svc" {
  count = var.replicas
  input = "${var.name}-${count.index}"

  lifecycle {
    precondition {
      condition     = count.index < var.max
      error_message = "${var.name} wants ${var.replicas} replicas, at most ${var.max}."
    }
    postcondition {
      condition     = startswith(self.output, var.name)
      error_message = "Service ${count.index} of ${var.name} is ${self.output}."
    }
  }
}

output "name" {
  value = var.name

  precondition {
    condition     = var.name != var.banned
    error_message = "Environment ${var.name} is banned."
  }
}

check "base" {
  assert {
    condition     = var.base == var.expect_base
    error_message = "Base of ${var.name} is ${var.base}, not ${var.expect_base}."
  }
}
