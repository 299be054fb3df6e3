# Import targets the configuration does not have: a module call, a resource in a module, a
# module instance, and an instance key the resource does not take.
module "team" {
  source   = "./modules/team"
  for_each = toset(["a", "b"])
}

module "shared" {
  source = "./modules/team"
  count  = 2
}

import {
  to = module.shared[5].terraform_data.conn
  id = "x-1"
}
