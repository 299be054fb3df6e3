resource "failing_thing" "base" {
  name = "base"
  fail = "delete"
}

resource "failing_thing" "broken" {
  name = "broken"
}

resource "failing_thing" "after_broken" {
  name  = "after-broken"
  input = failing_thing.broken.id
}

resource "failing_thing" "unhealthy" {
  name = "unhealthy"
}

resource "terraform_data" "independent" {
  input = failing_thing.base.id
}
