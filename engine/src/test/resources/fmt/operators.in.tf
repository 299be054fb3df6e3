a = 1+2*3/4%5
b = a-1
c = a - -1
d = -1
e = (-a)
f = [-1, - 2]
g = a==b
h = a!=b&&c||d
i = a<b
j = a<=b
k = a>b
l = a>=b
m = !a
n = ! a
o = a ? b : c
p = a?b:c
q = a*-b
r = {x=-1}
s = f(-1,-2)
t = a > -1
u = a && -1
v = x[-1]
w = (a)-(b)
y = !(a && b)
z = a?-1:-2
