# The ids come from ids.auto.tfvars, which create-outside.sh's output becomes (see README.md).
variable "workspace_id" {
  type = string
}

variable "search_connection_id" {
  type = string
}

variable "archive_connection_id" {
  type = string
}

variable "search_password" {
  type      = string
  sensitive = true
  default   = "fake-es-password"
}

variable "archive_password" {
  type      = string
  sensitive = true
  default   = "fake-milvus-password"
}
