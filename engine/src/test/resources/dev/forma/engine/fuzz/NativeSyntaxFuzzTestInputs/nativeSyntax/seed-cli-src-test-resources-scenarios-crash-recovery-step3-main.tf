provider "failing" {
  store = "${path.cwd}/things"
}

resource "failing_thing" "first" {
  name = "first"
}

resource "failing_thing" "slow" {
  name = "slow"
}

resource "terraform_data" "after" {
  input = failing_thing.slow.id
}
