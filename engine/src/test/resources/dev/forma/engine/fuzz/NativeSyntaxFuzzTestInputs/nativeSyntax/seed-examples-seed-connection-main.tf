variable "name" {
  default = "terraform-example"
}

provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_pai_workspace_workspace" "defaultMr2RQE" {
  description    = "example_connection_1769080362"
  display_name   = "连接管理镇元资源example用例"
  workspace_name = "connection_1769080362"
  env_types      = ["prod"]
}


resource "alicloud_pai_workspace_connection" "default" {
  connection_name = "example_connection_1769080363"
  description     = "镇元资源example用例"
  accessibility   = "PRIVATE"
  connection_type = "MilvusConnection"
  secrets {
  }
  configs {
  }
  workspace_id = alicloud_pai_workspace_workspace.defaultMr2RQE.id
  resource_meta {
    instance_name = "example_inst"
    instance_id   = "c-b1c5222fba7cxxxx"
  }
  models {
    model        = "qwen-vl-max"
    display_name = "通义千问VL-Max"
    model_type   = "LLM"
  }
  models {
    model        = "qwen-qwq"
    display_name = "通义千问qwq"
    model_type   = "LLM"
  }
  models {
    model        = "qwen-plus"
    display_name = "通义千问plus"
    model_type   = "LLM"
    tool_call    = true
  }
}
