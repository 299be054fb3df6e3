resource "alicloud_pai_workspace_workspace" "example" {
  workspace_name = "forma_example"
  description    = "Workspace of the example team"
  env_types      = ["prod"]
}

resource "alicloud_pai_eas_app_service" "example" {
  service_name = "example_llm"
  app_type     = "LLM"
  app_version  = "v1"
  service_spec = "chatglm2_6b_fp16"
  replicas     = 1
  workspace_id = alicloud_pai_workspace_workspace.example.id

  config {
    model_storage = "oss"
    oss_path      = "oss://example-bucket/models/chatglm2-6b/"
  }

  timeouts {
    create = "45m"
  }
}
