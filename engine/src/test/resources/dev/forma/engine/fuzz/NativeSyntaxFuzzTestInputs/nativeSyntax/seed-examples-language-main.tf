# A tour of the configuration language Forma reads: variables with types and validation,
# locals, functions, for expressions, templates, and resources with count and for_each.
# It uses only the builtin terraform_data resource, so it needs no cloud account.

variable "platform" {
  description = "Name prefix for every object of the AI platform."
  type        = string
  default     = "forma-demo"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.platform))
    error_message = "The platform name must be 3-31 lowercase letters, digits or dashes."
  }
}

variable "models" {
  description = "Models the platform serves, by name."
  type = map(object({
    vendor     = string
    max_tokens = optional(number, 4096)
    tool_call  = optional(bool, false)
  }))
  default = {
    "qwen-plus" = { vendor = "dashscope", tool_call = true }
    "qwen-max"  = { vendor = "dashscope", max_tokens = 8192 }
    "llama-3"   = { vendor = "open-llm" }
  }
}

variable "api_key" {
  description = "Key for the model service (a demo value; never a real one in a file)."
  type        = string
  default     = "sk-demo-not-a-real-key"
  sensitive   = true
}

locals {
  vendors      = toset([for m in values(var.models) : m.vendor])
  tool_models  = sort([for name, m in var.models : name if m.tool_call])
  display_name = title(replace(var.platform, "-", " "))
  endpoint     = "https://${var.platform}.example.invalid/v1"
  banner       = "${local.display_name}: ${join(", ", keys(var.models))}"
  tools        = "%{if length(local.tool_models) > 0}Tool calling: ${join(", ", local.tool_models)}%{else}No model calls tools.%{endif}"
  summary      = <<-EOT
    Endpoint: ${local.endpoint}
    ${local.tools}
  EOT
}

resource "terraform_data" "workspace" {
  input = {
    name        = "${var.platform}-ws"
    description = "Workspace for ${local.display_name}"
  }
}

resource "terraform_data" "connection" {
  for_each = local.vendors

  input = {
    workspace = terraform_data.workspace.id
    type      = each.key == "dashscope" ? "DashScopeConnection" : "OpenLLMConnection"
    base_url  = local.endpoint
    key_hash  = sha256(var.api_key)
  }
}

resource "terraform_data" "model" {
  for_each = var.models

  input = {
    connection = terraform_data.connection[each.value.vendor].id
    name       = each.key
    max_tokens = each.value.max_tokens
  }
}

resource "terraform_data" "replica" {
  count = 2

  input = "${var.platform}-replica-${count.index}"

  lifecycle {
    create_before_destroy = true
  }
}

output "tool_models" {
  value = local.tool_models
}

output "banner" {
  value = local.banner
}

output "summary" {
  value = local.summary
}

output "model_ids" {
  value = { for name, m in terraform_data.model : name => m.id }
}
