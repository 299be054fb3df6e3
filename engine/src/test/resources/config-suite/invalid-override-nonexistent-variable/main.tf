variable "exists" {}
