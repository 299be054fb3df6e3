variable "a" {
  type = string
}
variable "b" {
  type = list(string)
}
variable "c" {
  type = map(string)
}
variable "d" {
  type = list(any)
}
variable "e" {
  type = map(any)
}
variable "f" {
  type = set(any)
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
  type    = list(any) # kept comment
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
