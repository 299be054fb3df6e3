a = var.x
b = var.x
c = a[0]
d = a[0]
e = a["k"]
f = a[*].b
g = a[*].b
h = a.*.b
i = a.0.b
j = [1, 2][0]
k = { a = 1 }["a"]
l = foo()[0]
m = a[0][1]
n = a[b[c]]
o = a.b[0].c
