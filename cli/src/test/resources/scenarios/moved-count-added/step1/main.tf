resource "terraform_data" "worker" {
  input = "worker"
}
