a = "plain"
b = "x-${var.x}"
c = "x-${var.x}-y"
d = "${a}${b}"
e = "%{if a}yes%{else}no%{endif}"
f = "%{for x in xs}${x},%{endfor}"
g = a
h = "a${ { a = 1 }.a}b"
i = "nested ${x}"
j = "$${literal}"
k = "%%{literal}"
l = "escapes \n \t \" \\ \u00e9"
m = a + 1
n = "x${f(1, 2)}y"
