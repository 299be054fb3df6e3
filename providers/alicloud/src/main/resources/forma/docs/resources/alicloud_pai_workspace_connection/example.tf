variable "dashscope_api_key" {
  type      = string
  sensitive = true
}

resource "alicloud_pai_workspace_workspace" "example" {
  workspace_name = "forma_example"
  description    = "Workspace of the example team"
  env_types      = ["prod"]
}

resource "alicloud_pai_workspace_connection" "example" {
  workspace_id    = alicloud_pai_workspace_workspace.example.id
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
}
