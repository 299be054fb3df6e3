module "app" {
  source = "./modules/app"
  env    = "dev"
}

output "urls" {
  value = module.app.urls
}
