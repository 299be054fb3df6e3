variable "flips_twice" {
  sensitive = false
}
