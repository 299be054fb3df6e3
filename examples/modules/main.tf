# The AI platform of two environments, dev and prod, from one module (modules/ai-platform) called
# twice with different sizes. Both environments live in one PAI workspace (its dev and prod
# environment types); each owns its connections, routed model and EAS LLM service.
#
# endpoint = "local" sends every call to Forma's local cloud: nothing here touches a real
# account. Remove that line (and give credentials) to run it against Alibaba Cloud.

terraform {
  required_providers {
    alicloud = {
      source = "aliyun/alicloud"
    }
  }
}

provider "alicloud" {
  region   = "cn-hangzhou"
  endpoint = "local"
}

variable "api_key" {
  type        = string
  description = "The model service key, from the environment (TF_VAR_api_key) in CI."
  sensitive   = true
  default     = "sk-local-example"
}

resource "alicloud_pai_workspace_workspace" "platform" {
  workspace_name = "ai_platform"
  description    = "The AI platform's workspace, managed by Forma"
  display_name   = "AI platform"
  env_types      = ["dev", "prod"]
}

module "dev" {
  source       = "./modules/ai-platform"
  env          = "dev"
  workspace_id = alicloud_pai_workspace_workspace.platform.id
  api_key      = var.api_key
  replicas     = 1
  connections = {
    dashscope-dev = {
      type     = "DashScopeConnection"
      base_url = "https://dashscope.aliyuncs.com/compatible-mode/v1"
      models   = ["qwen-plus"]
    }
  }
}

module "prod" {
  source       = "./modules/ai-platform"
  env          = "prod"
  workspace_id = alicloud_pai_workspace_workspace.platform.id
  api_key      = var.api_key
  replicas     = 3
  connections = {
    dashscope-prod = {
      type     = "DashScopeConnection"
      base_url = "https://dashscope.aliyuncs.com/compatible-mode/v1"
      models   = ["qwen-plus", "qwen-max"]
    }
    # Started in dev; prod owns it now. The moved block below tells Forma it is the same
    # connection: it changes its address in state, and nothing in the cloud is destroyed.
    vectors = {
      type     = "MilvusConnection"
      uri      = "http://c-platform0001.milvus.aliyuncs.com:19530"
      username = "platform"
    }
  }
}

moved {
  from = module.dev.alicloud_pai_workspace_connection.this["vectors"]
  to   = module.prod.alicloud_pai_workspace_connection.this["vectors"]
}

output "dev" {
  value = {
    connections = module.dev.connection_ids
    model       = module.dev.model_name
    llm         = module.dev.llm_service
  }
}

output "prod" {
  value = {
    connections = module.prod.connection_ids
    model       = module.prod.model_name
    llm         = module.prod.llm_service
  }
}
