output "banner" {
  value = <<EOT
  hello
EOTX
}
