#!/usr/bin/env bash
# Orchestrator benchmark (issue 4): 1,000 synthetic hosts and 10,000 VMs against a real orchestrator on PostgreSQL,
# each figure beside a same-run baseline. Usage: bench/orchestrator/run.sh [-Dhosts=N -DvmsPerHost=M -Dwindow=S]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$repo/bin/lib/java.sh"
paddock_select_java
paddock_quiet_maven
cd "$repo"
if ! ls orchestrator-service/target/orchestrator-service-*-exec.jar >/dev/null 2>&1; then
    ./mvnw -B -q -pl orchestrator-service -am package -DskipTests
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The benchmark's own classpath: embedded PostgreSQL and Jackson, as the tests use them.
./mvnw -B -q -pl test-support dependency:build-classpath -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=runtime
jar=$(ls orchestrator-service/target/orchestrator-service-*-exec.jar | head -1)
"$JAVA_HOME/bin/java" -cp "$(cat "$work/classpath")" "$@" bench/orchestrator/OrchestratorBench.java "$jar" "$work"
