resource "x" "y" {
  dynamic "setting" {
    for_each = var.settings
    iterator = s
    content {
      name  = s.key
      value = s.value
    }
  }
}
