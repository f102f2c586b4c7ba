# Sourced by Paddock's scripts: makes JAVA_HOME point at a JDK 21 or newer, or stops with one clear line.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }

paddock_select_java() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
        /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        local major
        major=$(java_major "$candidate")
        if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    echo "paddock: no JDK 21 or newer found; install one (e.g. Temurin 21) and set JAVA_HOME to it." >&2
    return 1
}

# Maven's Guice warns about sun.misc.Unsafe on JDK 24+; the flag that silences it only exists there.
paddock_quiet_maven() {
    local major
    major=$(java_major "$JAVA_HOME")
    if [ "${major%%.*}" -ge 24 ] 2>/dev/null; then
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    fi
}
