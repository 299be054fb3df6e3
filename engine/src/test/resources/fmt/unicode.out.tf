locals {
  m = {
    "é"       = 1
    "日本"      = 2
    b         = 3
    "e\u0301" = 4
  }
  emoji = "😀" # c
  x     = 1   # d
}
