locals {
  region = "cn-shanghai"
}
