# The configuration walkthrough.sh changes step by step: see README.md.

provider "alicloud" {
  region   = "cn-hangzhou"
  endpoint = "local"
}

variable "replicas" {
  type    = number
  default = 1
}

variable "vector_store_type" {
  type    = string
  default = "MilvusConnection"
}

variable "with_model" {
  type    = bool
  default = true
}

resource "alicloud_pai_workspace_workspace" "main" {
  workspace_name = "forma_changes"
  description    = "Walk-through of updates, replacements and deletions"
  env_types      = ["prod"]
}

resource "alicloud_pai_workspace_connection" "vectors" {
  workspace_id    = alicloud_pai_workspace_workspace.main.id
  connection_name = "vectors"
  connection_type = var.vector_store_type
  configs = {
    uri      = "http://vectors.changes.internal:19530"
    username = "root"
  }
  secrets = {
    password = "fake-demo-password"
  }
}

resource "alicloud_model_router_model" "qwen" {
  count      = var.with_model ? 1 : 0
  name       = "changes-qwen-turbo"
  model_id   = "qwen-turbo"
  model_type = "Chat"
  base_url   = "https://dashscope.aliyuncs.com/compatible-mode/v1"
  api_key    = "sk-forma-demo-1111111111111111"
}

resource "alicloud_pai_eas_app_service" "llm" {
  service_name = "changes_llm"
  app_type     = "LLM"
  service_spec = "llama_7b_fp16"
  replicas     = var.replicas
  workspace_id = alicloud_pai_workspace_workspace.main.id
  config {
    model_storage = "oss"
    oss_path      = "oss://forma-changes/models/llama-7b/"
  }
}
