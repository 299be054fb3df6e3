variable "name" {
  type    = string
  default = null
}
