variable "a" {
  type = "string"
}
variable "b" {
  type = "list"
}
variable "c" {
  type = "map"
}
variable "d" {
  type = list
}
variable "e" {
  type = map
}
variable "f" {
  type = set
}
variable "g" {
  type = "number"
}
variable "h" {
  type = list(string)
}
variable "i" {
  type = string
}
variable "j" {
  type = any
}
variable "k" {
  type = list # kept comment
  default = []
}
variable "l" {
  validation {
    type = list
  }
}
locals {
  type = list
}
type = "string"
module "m" {
  type = list
}
