module "app" {
  source   = "./modules/app"
  env      = "dev"
  replicas = "many"
}
