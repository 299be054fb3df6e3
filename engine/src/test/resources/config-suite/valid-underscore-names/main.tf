locals {
  subnets = [{ id = "s-1" }, { id = "s-2" }]
  ids     = [for _, s in local.subnets : s.id]
  flags   = { _hidden = true, shown = false }
}

resource "terraform_data" "_" {
  input = local.flags._hidden
}

output "_ids" {
  value = local.ids
}
