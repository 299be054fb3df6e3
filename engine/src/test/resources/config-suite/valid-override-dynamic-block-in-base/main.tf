resource "example_firewall" "fw" {
  dynamic "rule" {
    for_each = []
    content {
      port = 80
    }
  }
}
