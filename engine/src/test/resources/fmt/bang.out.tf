x = !{ a = 1 }
y = ![1]
z = !"a"
w = !<<EOT
x
EOT
