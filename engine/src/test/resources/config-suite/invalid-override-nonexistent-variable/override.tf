variable "missing" {
  description = "nothing to override"
}
