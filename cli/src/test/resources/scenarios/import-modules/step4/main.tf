# Objects made elsewhere, imported into resources of child modules: through a module call with
# for_each (one import block with for_each), one with count, and a nested module.
module "team" {
  source   = "./modules/team"
  for_each = toset(["a", "b"])
  name     = each.key
}

module "shared" {
  source = "./modules/team"
  count  = 2
  name   = "shared-${count.index}"
}

import {
  for_each = { a = "team-a-0001", b = "team-b-0002" }
  to       = module.team[each.key].terraform_data.conn
  id       = each.value
}

import {
  to = module.shared[1].terraform_data.conn
  id = "shared-1-0003"
}

import {
  to = module.team["a"].module.net.terraform_data.vpc
  id = "vpc-a-0004"
}
