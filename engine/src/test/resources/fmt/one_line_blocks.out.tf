resource "x" "y" {}
resource "x" "z" {}
resource "x" "w" { a = 1 }
locals { a = 1 }
provider "p" {
  features {}
  other {}
}
