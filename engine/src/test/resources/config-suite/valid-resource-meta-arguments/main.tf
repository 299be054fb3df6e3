resource "terraform_data" "firewall" {
  input = "rules"

  lifecycle {
    create_before_destroy = true
    prevent_destroy       = true
    ignore_changes        = [input]
  }

  connection {
    host = "127.0.0.1"
  }

  provisioner "local-exec" {
    command = "echo firewall"

    connection {
      host = "10.0.0.1"
    }
  }

  provisioner "local-exec" {
    command = "echo again"
  }
}

resource "terraform_data" "web" {
  count = 2
  input = ["a", "b"]

  depends_on = [
    terraform_data.firewall,
  ]
}

resource "terraform_data" "follower" {
  lifecycle {
    replace_triggered_by = [terraform_data.web[1], terraform_data.firewall.id]
  }
}
