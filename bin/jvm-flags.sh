# Sourced (POSIX sh) by bin/forma (a clone's, which builds the jar) and by the release's bin/forma
# (which runs the bundled runtime): the JVM flags every Forma command runs with.
#
# The parallel collector puts the second core to work on large configurations; the client
# compiler alone (C1) starts fastest, and measured on two cores it is also faster for the long
# workloads: a no-op plan of 10,000 resources took 1.9x as long with the optimising compiler as
# well, one of 50,000 1.3x (its compiler threads take the cores from the plan; figures in
# docs/benchmarks.md), so every command uses it. FORMA_JAVA_OPTS comes after these, so it
# overrides any of them (e.g. -Xmx1g; -XX:TieredStopAtLevel=4 brings the optimising compiler
# back).
FORMA_JVM_FLAGS="-XX:+UseParallelGC -Xms512m -XX:TieredStopAtLevel=1"
# A heap the user sizes (-Xmx in FORMA_JAVA_OPTS) must not be smaller than the initial 512 MB:
# the JVM would refuse to start, so the initial size is then left to the JVM.
case " ${FORMA_JAVA_OPTS:-} " in
  *" -Xmx"*) FORMA_JVM_FLAGS="-XX:+UseParallelGC -XX:TieredStopAtLevel=1" ;;
esac
