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

variable "secret" {
  type      = string
  sensitive = true
}

resource "terraform_data" "workspace" {
  input = {
    name = "ai-${var.env}"
    path = path.module
  }
}

resource "terraform_data" "service" {
  count = var.replicas
  input = "${terraform_data.workspace.output.name}-svc-${count.index}"
}

module "tag" {
  source = "../tag"
  owner  = terraform_data.workspace.output.name
}

output "endpoint" {
  value = "https://${terraform_data.workspace.output.name}.example/${module.tag.label}"
}

output "names" {
  value = terraform_data.service[*].output
}

output "secret" {
  value     = var.secret
  sensitive = true
}
