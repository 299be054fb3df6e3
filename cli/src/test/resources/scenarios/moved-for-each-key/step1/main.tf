resource "terraform_data" "conn" {
  for_each = toset(["dashscope", "milvus"])
  input    = "conn-${each.key}"
}

resource "terraform_data" "single" {
  input = "single"
}
