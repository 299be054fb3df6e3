# count added: the object without a key becomes worker[0], as Terraform implies
resource "terraform_data" "worker" {
  count = 2
  input = "worker"
}
