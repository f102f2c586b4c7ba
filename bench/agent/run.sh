#!/usr/bin/env bash
# Host-agent benchmark (issue 3): an agent on a simulated Mac with 50 VMs; figures beside same-run baselines.
# Usage: bench/agent/run.sh   (builds the agent and the simulator if needed)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$repo/bin/lib/java.sh"
paddock_select_java
paddock_quiet_maven
cd "$repo"
if ! ls host-agent/target/host-agent-*-exec.jar >/dev/null 2>&1 || [ ! -d parallels-simulator/target/lib ]; then
    ./mvnw -B -q -pl host-agent,parallels-simulator -am package -DskipTests
fi
work=$(mktemp -d)
export PADDOCK_SIM_HOME="$work/sim"
prlctl="$repo/parallels-simulator/bin/prlctl"
vms=50
echo "Creating $vms simulated VMs..."
for i in $(seq 0 $((vms - 1))); do
    "$prlctl" create "bench-vm-$i" --ostype ubuntu --disk-size 256 >/dev/null
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
MALLOC_ARENA_MAX=2 "$JAVA_HOME/bin/java" ${AGENT_JAVA_OPTS:--Xmx64m -Xms16m -XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5 -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m} -jar host-agent/target/host-agent-*-exec.jar --server.port="$port" \
    --paddock.agent.prlctl-path="$prlctl" --paddock.agent.prlsrvctl-path="$repo/parallels-simulator/bin/prlsrvctl" \
    --paddock.agent.tools.sysctl="$repo/parallels-simulator/bin/sysctl" --paddock.agent.tools.uname="$repo/parallels-simulator/bin/uname" \
    --paddock.agent.run-as-owner=false --paddock.agent.standalone.enabled=true \
    --paddock.agent.standalone.data-dir="$work/agent" --paddock.agent.standalone.root-password=Bench-Passw0rd \
    > "$work/agent.log" 2>&1 &
agent=$!
trap 'kill $agent 2>/dev/null; "$prlctl" list -a 2>/dev/null | grep running | awk "{print \$1}" | xargs -r -n1 "$prlctl" stop --kill >/dev/null 2>&1; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://localhost:$port/api/health/probe" >/dev/null && break; sleep 0.5; done
token=$(curl -sf "http://localhost:$port/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d '{"username":"root","password":"Bench-Passw0rd"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" "$repo/bench/agent/AgentBench.java" "http://localhost:$port" "$token" "$prlctl" "$agent" bench-vm- "$vms"
