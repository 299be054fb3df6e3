run "check" {
command=plan
assert {
condition = x == 1
error_message = "bad"
}
}
