a = provider :: p :: fn(1)
b = provider::p::fn (1)
x = !-a
y = -(-a)
z = "a" [0]
w = (a)[0]
v = "${~ a ~}x"
u = <<EOT
${~a}
EOT
