resource "example_firewall" "fw" {
  rule {
    port = 80
  }
}
