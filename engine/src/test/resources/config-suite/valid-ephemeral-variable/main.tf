variable "token" {
  ephemeral = true
}
