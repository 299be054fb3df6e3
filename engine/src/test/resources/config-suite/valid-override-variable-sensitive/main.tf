variable "becomes_sensitive" {
  sensitive = false
}

variable "stops_being_sensitive" {
  sensitive = true
}

variable "flips_twice" {
  sensitive = false
}
