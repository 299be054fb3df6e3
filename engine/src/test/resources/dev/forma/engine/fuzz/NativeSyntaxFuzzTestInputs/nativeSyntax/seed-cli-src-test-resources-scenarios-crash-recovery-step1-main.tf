provider "failing" {
  store = "${path.cwd}/things"
}

resource "failing_thing" "first" {
  name = "first"
}
