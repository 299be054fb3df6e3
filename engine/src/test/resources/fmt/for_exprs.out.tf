a = [for x in xs : x]
b = [for x in xs : upper(x) if x != ""]
c = { for k, v in m : k => v }
d = { for k, v in m : k => v... }
e = [for x in [1, 2] : x]
f = [for x in(xs) : x]
g = {
  for k, v in m :
  k => v
}
h = [
  for x in xs :
  x
  if x
]
