# a key renamed, and a single resource turned into one instance of a for_each resource
resource "terraform_data" "conn" {
  for_each = {
    qwen   = "conn-dashscope"
    milvus = "conn-milvus"
    extra  = "single"
  }
  input = each.value
}

moved {
  from = terraform_data.conn["dashscope"]
  to   = terraform_data.conn["qwen"]
}

moved {
  from = terraform_data.single
  to   = terraform_data.conn["extra"]
}
