a = foo()
b = foo( )
c = foo(1,2,3)
d = foo (1)
e = foo(a...)
f = foo( [1,2]... )
g = foo(bar(baz(1)))
h = provider::p::fn(1)
i = foo(
  1,
  2
)
j = foo(1,
2)
