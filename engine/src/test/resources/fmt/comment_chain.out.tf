a = x   # c
bbb = [ # c2
  1
]
cc = 1 # c3

d = 2 # c4
