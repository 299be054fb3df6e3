resource "terraform_data" "tagged" {
  input = {
    name = "one"
    tags = "a"
  }
  triggers_replace = "t1"

  lifecycle {
    ignore_changes = [input]
  }
}

resource "terraform_data" "frozen" {
  input            = "f1"
  triggers_replace = "t1"

  lifecycle {
    ignore_changes = all
  }
}
