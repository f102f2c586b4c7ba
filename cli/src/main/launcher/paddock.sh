#!/usr/bin/env bash
# paddock: the Paddock command line. This file is a launcher script with the CLI's jar appended to it.
java_bin=""
for candidate in "${PADDOCK_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    # The JDK's release file names its version without starting a JVM; ask the JVM only when there is none.
    version=""
    if [ -r "$candidate/release" ]; then
        while IFS= read -r line; do
            case "$line" in JAVA_VERSION=*) version=${line#JAVA_VERSION=}; version=${version//\"/}; break ;; esac
        done <"$candidate/release"
    fi
    [ -n "$version" ] || version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then java_bin="$candidate/bin/java"; break; fi
done
if [ -z "$java_bin" ]; then
    echo "paddock: needs a JDK or JRE 21 or newer; set JAVA_HOME to one." >&2
    exit 2
fi
exec "$java_bin" --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar "$0" "$@"
