variable "dashscope_api_key" {
  type      = string
  sensitive = true
}

resource "alicloud_model_router_model" "example" {
  name              = "example-qwen-plus"
  description       = "Qwen Plus, routed through ModelRouter"
  model_id          = "qwen-plus"
  model_type        = "Chat"
  base_url          = "https://dashscope.aliyuncs.com/compatible-mode/v1"
  api_key           = var.dashscope_api_key
  tags              = ["TXT_GEN"]
  max_input_length  = "129024"
  max_output_length = "8192"
}
