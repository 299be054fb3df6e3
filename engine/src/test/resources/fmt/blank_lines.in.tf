

a = 1



b = 2
resource "x" "y" {

  c = 1


}



