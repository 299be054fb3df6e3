variable "name" {
  type            = string
  null_as_default = true
}
