module "c" {
  source = "./modules/child"
  count  = 2
  in     = "x${count.index}"
}
module "d" {
  source = "./modules/child"
  in     = "d"
}
resource "terraform_data" "r" {
  input = [module.c[0].out, module.d.out, module.d, module.c]
}
output "o" {
  value = module.c[1].out
}
