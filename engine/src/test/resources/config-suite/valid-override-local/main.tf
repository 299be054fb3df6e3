locals {
  region = "cn-hangzhou"
}

output "region" {
  value = local.region
}
