provider "terraform" {
  alias = "reserved"

  count      = 1
  depends_on = []
  for_each   = {}
  source     = "example.com/x/y"
  lifecycle {}
  locals {}
}
