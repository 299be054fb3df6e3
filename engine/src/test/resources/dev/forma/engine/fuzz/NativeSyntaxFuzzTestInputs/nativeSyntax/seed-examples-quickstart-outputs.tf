output "workspace_id" {
  value = alicloud_pai_workspace_workspace.main.id
}

output "dashscope_connection_id" {
  value = alicloud_pai_workspace_connection.dashscope.id
}

output "vector_connection_id" {
  value = alicloud_pai_workspace_connection.vectors.id
}

output "model_id" {
  value = alicloud_model_router_model.qwen.id
}

output "model_api_key_preview" {
  value = alicloud_model_router_model.qwen.api_key_preview
}

output "llm_service_id" {
  value = alicloud_pai_eas_app_service.llm.service_id
}

output "llm_internet_endpoint" {
  value = alicloud_pai_eas_app_service.llm.internet_endpoint
}

output "llm_intranet_endpoint" {
  value = alicloud_pai_eas_app_service.llm.intranet_endpoint
}
