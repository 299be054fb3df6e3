output "address" {
  sensitive = true
}
