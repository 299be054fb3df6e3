module "shared" {
  source = "./modules/app"
  name   = "shared"
}

module "team" {
  source   = "./modules/app"
  for_each = toset(["team-a"])
  name     = each.key
}

moved {
  from = terraform_data.conn
  to   = module.shared.terraform_data.conn
}

moved {
  from = module.old
  to   = module.team["team-a"]
}
