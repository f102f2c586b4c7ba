#!/usr/bin/env bash
# Soak benchmark (issue 17): starts the local suite (bin/paddock-local, fresh data), then runs mixed traffic through
# its edge for N minutes (bench/soak/SoakBench.java) and prints the error rate, latency drift against the first minute,
# and each JVM's heap, threads and open files over time with their slopes.
# Usage: bench/soak/run.sh [minutes, default 30]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$repo/bin/lib/java.sh"
paddock_select_java
paddock_quiet_maven
cd "$repo"
minutes=${1:-30}
work=$(mktemp -d "${PADDOCK_BENCH_DIR:-/tmp}/soak-bench.XXXXXX")
./mvnw -B -q -DskipTests package
bin/paddock-local --no-build --data-dir "$work/data" >"$work/suite.log" 2>&1 &
suite=$!
trap 'kill "$suite" 2>/dev/null; wait "$suite" 2>/dev/null; cp "$work/suite.log" "${TMPDIR:-/tmp}/soak-suite.log" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do
    grep -q "Paddock is running" "$work/suite.log" && break
    kill -0 "$suite" 2>/dev/null || { cat "$work/suite.log"; exit 1; }
    sleep 1
done
password=$(grep -o 'username root, password [^ ]*' "$work/suite.log" | head -n 1 | awk '{print $NF}')
"$JAVA_HOME/bin/java" -Djdk.httpclient.allowRestrictedHeaders=host bench/soak/SoakBench.java http://localhost:8080 "$password" "$minutes" \
    orchestrator=http://localhost:8081/actuator/prometheus \
    catalog=http://localhost:8082/actuator/prometheus \
    edge=http://localhost:8090/actuator/prometheus \
    agent-arm64=http://localhost:3080/actuator/prometheus \
    agent-x86=http://localhost:3081/actuator/prometheus
