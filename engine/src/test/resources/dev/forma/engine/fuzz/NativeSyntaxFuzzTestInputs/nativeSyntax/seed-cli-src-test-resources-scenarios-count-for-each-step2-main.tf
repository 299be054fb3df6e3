resource "terraform_data" "worker" {
  count = 4
  input = "worker-${count.index}"
}

resource "terraform_data" "zone" {
  for_each = toset(["x", "y", "z", "w"])
  input    = "zone-${each.key}"
}

output "workers" {
  value = terraform_data.worker[*].output
}
