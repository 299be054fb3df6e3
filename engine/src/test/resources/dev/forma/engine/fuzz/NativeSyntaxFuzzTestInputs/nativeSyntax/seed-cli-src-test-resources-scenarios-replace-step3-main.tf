resource "terraform_data" "server" {
  input            = "web"
  triggers_replace = ["v3"]

  lifecycle {
    create_before_destroy = true
  }
}

resource "terraform_data" "client" {
  input = terraform_data.server.id
}
