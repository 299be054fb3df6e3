resource "terraform_data" "keep" {
  input = "keep"
}

# forgotten, not destroyed
removed {
  from = terraform_data.legacy

  lifecycle {
    destroy = false
  }
}

# destroyed
removed {
  from = terraform_data.old
}
