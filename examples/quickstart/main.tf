# A small AI platform on Alibaba Cloud PAI: a workspace, two connections (a DashScope model
# service and a Milvus vector store), a ModelRouter model and an EAS LLM app service.
#
# endpoint = "local" sends every call to Forma's local cloud: nothing here touches a real
# account. Remove that line (and give credentials) to run it against Alibaba Cloud.
#
# The base_url of the connection and the model is DashScope's. On the local cloud, `forma check`
# calls the local cloud's chat endpoint for it (the local cloud stands in for every Alibaba Cloud
# host, model services included), so the check passes after apply; against Alibaba Cloud it calls
# DashScope with the real key.

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

resource "alicloud_pai_workspace_workspace" "main" {
  workspace_name = var.workspace_name
  description    = "Quickstart workspace managed by Forma"
  display_name   = "Forma quickstart"
  env_types      = ["prod"]
}

resource "alicloud_pai_workspace_connection" "dashscope" {
  workspace_id    = alicloud_pai_workspace_workspace.main.id
  connection_name = "dashscope"
  connection_type = "DashScopeConnection"
  accessibility   = "PUBLIC"
  description     = "Qwen models through DashScope"
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
    tool_call    = true
  }
  models {
    model        = "text-embedding-v3"
    display_name = "Text Embedding v3"
    model_type   = "Embedding"
  }
}

resource "alicloud_pai_workspace_connection" "vectors" {
  workspace_id    = alicloud_pai_workspace_workspace.main.id
  connection_name = "vectors"
  connection_type = var.vector_store_type
  accessibility   = "PRIVATE"
  description     = "Vector store for retrieval"
  configs = {
    uri      = var.vector_store_uri
    username = "root"
  }
  secrets = {
    password = var.vector_store_password
  }
  resource_meta {
    instance_id   = "c-quickstart0001"
    instance_name = "quickstart-vectors"
  }
}

resource "alicloud_model_router_model" "qwen" {
  name              = "quickstart-qwen-plus"
  description       = "Qwen Plus, routed through ModelRouter"
  model_id          = "qwen-plus"
  model_type        = "Chat"
  base_url          = "https://dashscope.aliyuncs.com/compatible-mode/v1"
  api_key           = var.dashscope_api_key
  tags              = ["quickstart", "chat"]
  max_input_length  = "129024"
  max_output_length = "8192"
}

resource "alicloud_pai_eas_app_service" "llm" {
  service_name = "quickstart_llm"
  app_type     = "LLM"
  app_version  = "v1"
  service_spec = "chatglm2_6b_fp16"
  replicas     = var.replicas
  workspace_id = alicloud_pai_workspace_workspace.main.id
  quota_id     = "quota-quickstart"
  config {
    model_storage = "oss"
    oss_path      = "oss://forma-quickstart/models/chatglm2-6b/"
  }
}
