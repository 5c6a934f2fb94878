# Sourced by ./tether and ./run-tests: sets JAVA_HOME to a JDK 25 (or newer) or fails with a hint.
# Looks at $JAVA_HOME, java on PATH, /usr/lib/jvm/*, /Library/Java/JavaVirtualMachines, SDKMAN.

_tether_java_major() {
  # Prints the feature version of the java binary $1 (e.g. 25), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

_tether_jdk_ok() {
  # True if $1 is a JDK home with java and javac of version >= 25.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local v
  v=$(_tether_java_major "$1/bin/java")
  [ -n "$v" ] && [ "$v" -ge 25 ]
}

tether_find_jdk() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && _tether_jdk_ok "$JAVA_HOME"; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if _tether_jdk_ok "$candidate"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "${SDKMAN_DIR:-$HOME/.sdkman}"/candidates/java/*; do
    [ -d "$candidate" ] || continue
    if _tether_jdk_ok "$candidate"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "tether: no JDK 25 found. Install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2
  echo "        Looked at \$JAVA_HOME, javac on PATH, /usr/lib/jvm/*, SDKMAN." >&2
  return 1
}
