variable "env" {
  type = string
  validation {
    condition     = contains(["dev", "prod"], var.env)
    error_message = "env must be dev or prod."
  }
}

variable "replicas" {
  type    = number
  default = 1
}

resource "terraform_data" "svc" {
  count = var.replicas
  input = "${var.env}-${count.index}"
}

output "names" {
  value = terraform_data.svc[*].output
}
