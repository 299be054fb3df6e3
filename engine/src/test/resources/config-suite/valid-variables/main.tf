variable "plain" {
}

variable "greeting" {
  default = "hi"
}

variable "legacy_list" {
  type = list
}

variable "with-dash" {
  default = []
  type    = list(string)
}

variable "documented" {
  description = "Says what it is"
}

variable "λ" {
  default = 2.71828
}

variable "secret_map" {
  default = {
    "x" = 1,
    "y" = 2
  }
  sensitive = true
}

variable "_private" {
  default  = "u"
  nullable = false
}
