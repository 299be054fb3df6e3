resource "terraform_data" "v1" {
  count = 2
  input = "node-${count.index}"
}
