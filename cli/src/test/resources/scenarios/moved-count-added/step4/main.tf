# count removed again: worker[0] becomes worker, worker[1] is destroyed
resource "terraform_data" "worker" {
  input = "worker"
}
