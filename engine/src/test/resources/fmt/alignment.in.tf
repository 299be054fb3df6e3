a=1
bb   =   2
ccc= "x"   
dddd    = true

e = 4
ffff = 5
resource "x" "y" {
  g = 1
  hhhhh = 2
  nested {
    i = 1
    jj = [1, 2]
  }
  kkk = 3
  list = [
    1,
  ]
  l = 1
  mm = <<EOT
text
EOT
  nnnn = 1
}
