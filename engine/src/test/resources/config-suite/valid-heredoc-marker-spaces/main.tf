output "banner" {
  value = <<EOT
  hello
  EOT  
}

output "tabbed" {
  value = <<-EOT
    indented
	EOT	
}
