variable "settings" {
  type = object({
    name    = optional(string)
    enabled = optional(bool, false)
  })
}

variable "list_of" {
  type = list(object({
    name = optional(string)
  }))
}

variable "set_of" {
  type = set(object({
    name = optional(string)
  }))
}

variable "map_of" {
  type = map(object({
    name = optional(string)
  }))
}

variable "nullable_object" {
  type = object({
    name    = string
    enabled = optional(bool, true)
  })
  default = null
}
