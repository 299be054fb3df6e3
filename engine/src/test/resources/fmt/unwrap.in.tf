a = "${var.a}"
b = "${ var.b }"
c = "${foo("${bar}")}"
d = "${a}${b}"
e = "x${a}"
f = "${a}x"
g = "${
  var.g
}"
h = "${a ?
b : c}"
i = "${(a ?
b : c)}"
j = {
  k = "${var.k}"
}
l = ["${var.l}"]
m = "${var.m}" # comment kept
resource "x" "y" {
  n = "${var.n}"
  nested {
    o = "${var.o}"
  }
}
p = "%{if a}${b}%{endif}"
q = "${a+b}"
