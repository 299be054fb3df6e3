module "app" {
  source  = "./modules/app"
  env     = "dev"
  replica = 2
}
