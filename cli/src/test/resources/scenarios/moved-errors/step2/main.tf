resource "terraform_data" "a" {
  input = "a"
}

resource "terraform_data" "b" {
  input = "b"
}

# one source, two destinations
moved {
  from = terraform_data.p
  to   = terraform_data.q
}

moved {
  from = terraform_data.p
  to   = terraform_data.r
}

# two sources, one destination
moved {
  from = terraform_data.s
  to   = terraform_data.t
}

moved {
  from = terraform_data.u
  to   = terraform_data.t
}
