resource "terraform_data" "keep" {
  input = "keep"
}

resource "terraform_data" "old" {
  input = "old"
}

# still declared above: refused
removed {
  from = terraform_data.old
}
