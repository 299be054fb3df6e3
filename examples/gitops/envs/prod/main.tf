# The prod environment of the AI platform: its own PAI workspace, with the platform module's
# connections, routed model and EAS LLM service. CI runs Forma in this folder (see ../../README.md):
# a pull request is planned here and the plan posted for review; the merge applies that plan.

terraform {
  # The state lives in PostgreSQL (Terraform's pg backend, which Terraform can share): the
  # connection string comes from PG_CONN_STR, a CI secret; each environment has its own schema.
  backend "pg" {
    schema_name = "forma_prod"
  }

  required_providers {
    alicloud = {
      source = "aliyun/alicloud"
    }
  }
}

# Credentials come from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID and
# ALIBABA_CLOUD_ACCESS_KEY_SECRET, CI secrets), never from Git.
provider "alicloud" {
  region = "cn-hangzhou"
}

variable "api_key" {
  type        = string
  description = "The model service key (DashScope): TF_VAR_api_key, a CI secret."
  sensitive   = true
}

resource "alicloud_pai_workspace_workspace" "this" {
  workspace_name = "platform_prod"
  description    = "The AI platform's prod workspace, managed by Forma from Git"
  display_name   = "AI platform (prod)"
  env_types      = ["prod"] # a simple workspace: one environment
}

module "platform" {
  source       = "../../modules/ai-platform"
  env          = "prod"
  workspace_id = alicloud_pai_workspace_workspace.this.id
  api_key      = var.api_key
  replicas     = 2
  connections = {
    dashscope = {
      type     = "DashScopeConnection"
      base_url = "https://dashscope.aliyuncs.com/compatible-mode/v1"
      models   = ["qwen-plus", "qwen-max"]
    }
  }
}

output "workspace_id" {
  value = alicloud_pai_workspace_workspace.this.id
}

output "platform" {
  value = {
    connections = module.platform.connection_ids
    model       = module.platform.model_name
    llm_service = module.platform.llm_service
  }
}
