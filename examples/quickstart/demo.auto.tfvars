# Demo values: these keys are fake and only ever reach the local cloud.
dashscope_api_key     = "sk-forma-demo-0000000000000000"
vector_store_uri      = "http://milvus.quickstart.internal:19530"
vector_store_password = "fake-demo-password"
