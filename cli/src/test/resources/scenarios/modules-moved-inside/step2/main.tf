# moved blocks inside a child module: written relative to the module, acted on in every instance
# of it (for_each here), a nested module's too; and the implied move of adding count there.
module "app" {
  source   = "./modules/app"
  for_each = toset(["a", "b"])
  name     = each.key
}

output "conn" {
  value = { for k, m in module.app : k => m.conn }
}
