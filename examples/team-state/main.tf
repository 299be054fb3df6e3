# The quickstart's AI platform as a team keeps it: the state in PostgreSQL (backend "pg", which
# Terraform's pg backend can share), one workspace per environment (dev, prod), and the state
# encrypted at rest as OpenTofu encrypts it. run.sh walks through it on a throwaway PostgreSQL.
#
# endpoint = "local" sends every cloud call to Forma's local cloud: nothing here touches a real
# account.

terraform {
  # conn_str comes from PG_CONN_STR (or -backend-config=conn_str=... at init): a connection
  # string holds a password, which belongs in the environment, not in Git.
  backend "pg" {}

  encryption {
    key_provider "pbkdf2" "team" {
      passphrase = var.state_passphrase
    }
    method "aes_gcm" "team" {
      keys = key_provider.pbkdf2.team
    }
    state {
      method = method.aes_gcm.team
    }
    plan {
      method = method.aes_gcm.team
    }
  }

  required_providers {
    alicloud = {
      source = "aliyun/alicloud"
    }
  }
}

variable "state_passphrase" {
  type        = string
  description = "The passphrase the state and saved plans are encrypted with (16 characters or more): TF_VAR_state_passphrase."
  sensitive   = true
}

variable "dashscope_api_key" {
  type      = string
  sensitive = true
  default   = "sk-forma-demo-0000000000000000" # a fake key: it only ever reaches the local cloud
}

locals {
  # one environment per workspace: names must not collide in one account
  env      = terraform.workspace
  replicas = terraform.workspace == "prod" ? 2 : 1
}

provider "alicloud" {
  region   = "cn-hangzhou"
  endpoint = "local"
}

resource "alicloud_pai_workspace_workspace" "main" {
  workspace_name = "team_${local.env}"
  description    = "The team's ${local.env} workspace, managed by Forma"
  env_types      = ["prod"]
}

resource "alicloud_pai_workspace_connection" "dashscope" {
  workspace_id    = alicloud_pai_workspace_workspace.main.id
  connection_name = "dashscope"
  connection_type = "DashScopeConnection"
  accessibility   = "PUBLIC"
  configs = {
    base_url = "https://dashscope.aliyuncs.com/compatible-mode/v1"
  }
  secrets = {
    api_key = var.dashscope_api_key
  }
  models {
    model        = "qwen-plus"
    display_name = "Qwen Plus"
    model_type   = "LLM"
  }
}

resource "alicloud_model_router_model" "qwen" {
  name       = "team-${local.env}-qwen-plus"
  model_id   = "qwen-plus"
  model_type = "Chat"
  base_url   = "https://dashscope.aliyuncs.com/compatible-mode/v1"
  api_key    = var.dashscope_api_key
}

resource "alicloud_pai_eas_app_service" "llm" {
  service_name = "team_llm_${local.env}"
  app_type     = "LLM"
  app_version  = "v1"
  service_spec = "chatglm2_6b_fp16"
  replicas     = local.replicas
  workspace_id = alicloud_pai_workspace_workspace.main.id
  quota_id     = "quota-team"
  config {
    model_storage = "oss"
    oss_path      = "oss://forma-team/models/chatglm2-6b/"
  }
}

output "workspace_id" {
  value = alicloud_pai_workspace_workspace.main.id
}

output "llm_replicas" {
  value = alicloud_pai_eas_app_service.llm.replicas
}
