variable "envs" {
  type    = map(number)
  default = { dev = 1, prod = 3 }
}

variable "max" {
  type    = number
  default = 3
}

variable "banned" {
  type    = string
  default = "none"
}

variable "expect_base" {
  type    = string
  default = "base"
}

resource "terraform_data" "base" {
  input = "base"
}

module "app" {
  source   = "./modules/app"
  for_each = var.envs

  name        = each.key
  replicas    = each.value
  max         = var.max
  banned      = var.banned
  base        = terraform_data.base.output
  expect_base = var.expect_base
}

output "names" {
  value = [for k, m in module.app : m.name]
}
