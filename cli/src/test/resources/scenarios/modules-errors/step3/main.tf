module "app" {
  source = "./modules/app"
  env    = "staging"
}
