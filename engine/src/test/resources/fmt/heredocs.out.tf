a = <<EOT
  content   
	tab	kept
EOT
b = <<-EOT
    indented
      more
    EOT
c = <<EOT
with ${var.x} and %{if y}z%{endif}
EOT
resource "x" "y" {
  d  = <<EOT
  inside block
  EOT
  e  = <<-EOF
      stripped
   EOF
  f  = 1
  gg = 2
  h = foo(<<EOT
arg
EOT
  )
  i = [<<EOT
x
EOT
  , 2]
}
