# Leading hash comment
// Leading slash comment
/* Leading block comment */
/*
   Multi-line
     block comment
*/
a    = 1 # one
bbbb = 2 // two
c    = 3 /* three */
dd   = 4
# standalone
eeeee = 5 # five
f     = 6 #six
resource "x" "y" {
  # inside
  g              = 1 # g
  hhh            = 2 # h
  /* inline */ i = 3
  j              = /* before value */ 4
  // trailing comment in block
}
k = [
  1,  # first
  22, # second
  # alone
  333, // third
]
