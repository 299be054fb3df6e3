# The -json stream names objects in module instances as Terraform does: module, resource, addr.
module "svc" {
  source   = "./modules/svc"
  for_each = toset(["a", "b"])
  name     = each.key
}

module "one" {
  source = "./modules/svc"
  name   = "one"
}

output "ids" {
  value = { for k, m in module.svc : k => m.id }
}
