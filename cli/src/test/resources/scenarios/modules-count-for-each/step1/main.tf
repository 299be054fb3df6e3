variable "teams" {
  type = map(number)
  default = {
    search = 1
    vision = 2
  }
}

module "team" {
  source   = "./modules/team"
  for_each = var.teams
  name     = each.key
  models   = each.value
}

module "shared" {
  source     = "./modules/team"
  count      = 2
  name       = "shared-${count.index}"
  depends_on = [module.team]
}

resource "terraform_data" "registry" {
  input = { for k, t in module.team : k => t.models }
}

output "team_models" {
  value = { for k, t in module.team : k => t.models }
}

output "shared_names" {
  value = module.shared[*].name
}
