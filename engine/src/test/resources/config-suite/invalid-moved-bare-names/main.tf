moved {
  from = alpha
  to   = beta
}
