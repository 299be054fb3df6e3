locals {
  o = {
    a = 1
    bbb = 2
    "quoted key" = 3
    c: 4
    ddd : 5
    (var.k) = 6
    e = {
      f = 1
      ggg = 2
    }
    h = 7
  }
  p = { a = 1, bb = 2 }
  q = {a=1}
  r = {}
  s = { }
  t = []
  u = [ ]
}
