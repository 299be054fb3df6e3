module "dev" {
  source   = "./modules/app"
  env      = "dev"
  replicas = 1
  secret   = "dev-secret"
}

module "prod" {
  source   = "./modules/app"
  env      = "prod"
  replicas = 4
  secret   = "prod-secret"
}

output "dev_endpoint" {
  value = module.dev.endpoint
}

output "prod_names" {
  value = module.prod.names
}

output "prod_secret" {
  value     = module.prod.secret
  sensitive = true
}
