variable "token" {
  sensitive = "yes"
}
