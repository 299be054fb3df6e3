a  = 1
bb = 2
resource "x" "y" {
  c = [
    1,
  ]
}
