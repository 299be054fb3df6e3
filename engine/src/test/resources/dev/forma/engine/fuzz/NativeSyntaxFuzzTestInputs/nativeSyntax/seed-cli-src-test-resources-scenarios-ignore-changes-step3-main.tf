resource "terraform_data" "tagged" {
  input = {
    name = "two"
    tags = "b"
  }
  triggers_replace = "t2"

  lifecycle {
    ignore_changes = [input]
  }
}

resource "terraform_data" "frozen" {
  input            = "f2"
  triggers_replace = "t2"

  lifecycle {
    ignore_changes = all
  }
}
