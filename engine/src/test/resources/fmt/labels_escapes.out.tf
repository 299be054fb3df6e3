resource "a\"b" "c\\d" {}
resource "x" "yé" {}
