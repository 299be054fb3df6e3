# state mv of whole module instances (with the modules they call), between keys, and of a
# resource into a module; then the errors Terraform gives.
module "a" {
  source = "./modules/m"
}

module "c" {
  source = "./modules/m"
  count  = 2
}

resource "terraform_data" "r" {
  input = "r"
}
