locals {
  a = [[
    1,
  ]]
  b = { c = [
    1,
  ] }
  d = [
    1,
    2]
  e = [1,
    2,
  3]
  f = foo(bar(
    1
  ))
  g = {
    h = {
      i = 1
  } }
}
