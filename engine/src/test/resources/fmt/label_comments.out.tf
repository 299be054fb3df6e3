resource "a" "b" {
}
