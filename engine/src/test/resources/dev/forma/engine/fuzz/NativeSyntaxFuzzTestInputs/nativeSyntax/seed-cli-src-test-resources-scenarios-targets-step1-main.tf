resource "terraform_data" "network" {
  input = "net"
}

resource "terraform_data" "app" {
  input = terraform_data.network.id
}

resource "terraform_data" "unrelated" {
  input = "other"
}
