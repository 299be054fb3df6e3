resource "terraform_data" "worker" {
  count = 2
  input = "worker-${count.index}"
}

resource "terraform_data" "zone" {
  for_each = toset(["x", "y", "z"])
  input    = "zone-${each.key}"
}

output "workers" {
  value = terraform_data.worker[*].output
}
