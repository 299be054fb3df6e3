variable "size" {
  type    = number
  default = 2
}

variable "prefix" {
  type    = string
  default = "web"
}

variable "forbidden" {
  type    = string
  default = "none"
}

variable "want" {
  type    = map(string)
  default = { blue = "web-0", green = "web-0" }
}

variable "first" {
  type    = string
  default = "web-0"
}

variable "limit" {
  type    = number
  default = 5
}

resource "terraform_data" "web" {
  count = var.size
  input = "${var.prefix}-${count.index}"

  lifecycle {
    precondition {
      condition     = count.index < var.limit
      error_message = "At most ${var.limit} web servers, not ${var.size} (index ${count.index})."
    }
    postcondition {
      condition     = self.output != var.forbidden
      error_message = "Web ${count.index} is ${self.output}."
    }
  }
}

resource "terraform_data" "tag" {
  for_each = var.want
  input    = "${each.key}-${each.value}"

  lifecycle {
    postcondition {
      condition     = self.output == "${each.key}-web-0"
      error_message = "Tag ${each.key} is ${self.output}."
    }
  }
}

output "first" {
  value = terraform_data.web[0].output

  precondition {
    condition     = length(terraform_data.web) <= var.limit - 1
    error_message = "Too many web servers for output first: ${length(terraform_data.web)}."
  }
}

check "first_web" {
  assert {
    condition     = terraform_data.web[0].output == var.first
    error_message = "First web is ${terraform_data.web[0].output}, not ${var.first}."
  }
}
