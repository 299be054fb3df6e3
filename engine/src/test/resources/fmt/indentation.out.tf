resource "aws_instance" "web" {
  ami = "abc"
  tags = {
    Name = "web"
    Env  = "prod"
  }
  lifecycle {
    ignore_changes = [
      tags,
    ]
  }
  dynamic "x" {
    for_each = var.x
    content {
      y = x.value
    }
  }
}
locals {
  v = merge(
    a,
    b,
  )
  w = (
    1 + 2
  )
  nested = [[
    1
    ], [
    2
  ]]
  obj = { a = [
    1,
  ] }
}
