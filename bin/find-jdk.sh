# Sourced (POSIX sh) by mvnw, bin/forma and .ci/run: exports JAVA_HOME pointing at a JDK 21 or
# newer. Order: JAVA_HOME when it is new enough, then the JDK of `javac` on PATH, then the JDKs
# installed under the usual system folders, newest first.

forma_java_major() {
  # the JDK's release file answers without starting a JVM; ask the JVM only when it is missing
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

forma_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  forma_major=$(forma_java_major "$1")
  [ -n "$forma_major" ] && [ "$forma_major" -ge 21 ]
}

forma_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && forma_jdk_ok "$JAVA_HOME"; then
    echo "$JAVA_HOME"
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    forma_candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if forma_jdk_ok "$forma_candidate"; then
      echo "$forma_candidate"
      return 0
    fi
  fi
  # find, not a glob: mvnw runs with globbing off (set -f)
  for forma_candidate in $(find /usr/lib/jvm /usr/local/lib/jvm /opt/java /opt \
      /Library/Java/JavaVirtualMachines -mindepth 1 -maxdepth 3 -name javac -path '*/bin/javac' \
      2>/dev/null | sed 's#/bin/javac$##' | sort -rV); do
    if forma_jdk_ok "$forma_candidate"; then
      echo "$forma_candidate"
      return 0
    fi
  done
  return 1
}

if FORMA_JDK=$(forma_find_jdk); then
  JAVA_HOME="$FORMA_JDK"
  export JAVA_HOME
  # Maven itself (jansi, guava) uses APIs that JDK 24+ warns about on every run; allow them so
  # that a build prints only what matters. Older JDKs do not know these flags.
  if [ "$(forma_java_major "$FORMA_JDK")" -ge 24 ]; then
    case "${MAVEN_OPTS:-}" in
      *sun-misc-unsafe-memory-access*) ;;
      *) MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
         export MAVEN_OPTS ;;
    esac
  fi
else
  echo "forma: no JDK 21 or newer found (looked at JAVA_HOME, javac on PATH, /usr/lib/jvm)." >&2
  echo "forma: install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME to it." >&2
  exit 1
fi
