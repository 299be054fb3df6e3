resource "terraform_data" "server" {
  input            = "web"
  triggers_replace = ["v1"]
}

resource "terraform_data" "client" {
  input = terraform_data.server.id
}
