variable "becomes_sensitive" {
  sensitive = true
}

variable "stops_being_sensitive" {
  sensitive = false
}

variable "flips_twice" {
  sensitive = true
}
