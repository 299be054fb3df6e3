a = b[*]
c = d.*
e = f[*].g[*].h
i = merge(j...)
k = {for x in l: x.k => x...}
m = concat([1],[2]) [0]
