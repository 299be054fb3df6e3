variable "name" {
  nullable = false
}
