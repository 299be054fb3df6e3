resource "terraform_data" "conn" {
  input = "shared"
}

module "old" {
  source = "./modules/app"
  name   = "team-a"
}
