# One environment of the AI platform: its connections (model services, vector stores), a
# ModelRouter model and an EAS LLM service, all in the workspace the caller gives. The caller's
# default alicloud provider configuration is inherited: this module declares none of its own.

terraform {
  required_providers {
    alicloud = {
      source = "aliyun/alicloud"
    }
  }
}

resource "alicloud_pai_workspace_connection" "this" {
  for_each = var.connections

  workspace_id    = var.workspace_id
  connection_name = each.key
  connection_type = each.value.type
  accessibility   = "PRIVATE"
  description     = "${each.key} for ${var.env}"
  configs = {
    for k, v in {
      base_url = each.value.base_url
      uri      = each.value.uri
      username = each.value.username
    } : k => v if v != null
  }
  # a vector store signs in with a password, a model service with an API key
  secrets = {
    (each.value.type == "MilvusConnection" ? "password" : "api_key") = var.api_key
  }

  dynamic "models" {
    for_each = each.value.models
    content {
      model        = models.value
      display_name = models.value
      model_type   = "LLM"
    }
  }
}

resource "alicloud_model_router_model" "chat" {
  name        = "${var.env}-qwen-plus"
  description = "Qwen Plus for ${var.env}, routed through ModelRouter"
  model_id    = "qwen-plus"
  model_type  = "Chat"
  base_url    = "https://dashscope.aliyuncs.com/compatible-mode/v1"
  api_key     = var.api_key
  tags        = [var.env, "chat"]
}

resource "alicloud_pai_eas_app_service" "llm" {
  service_name = "${var.env}_llm"
  app_type     = "LLM"
  app_version  = "v1"
  service_spec = "chatglm2_6b_fp16"
  replicas     = var.replicas
  workspace_id = var.workspace_id
  quota_id     = "quota-${var.env}"
  config {
    model_storage = "oss"
    oss_path      = "oss://forma-platform/models/chatglm2-6b/"
  }
}
