terraform {
  experiments = [no_such_experiment]
}
