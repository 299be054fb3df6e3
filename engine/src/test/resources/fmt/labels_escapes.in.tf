resource "a\"b" "c\\d" {}
resource x "y\u00e9" {}
