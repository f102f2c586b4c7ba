#!/usr/bin/env bash
# Simulator benchmark (issue 19, test time): what one simulated prlctl call costs, resident (one JVM serves every call,
# dev.paddock.simulator.resident) beside the baseline of a JVM per call (PADDOCK_SIM_RESIDENT=off, class data sharing
# and C1 as before), in the same run, on a simulated Mac with 20 VMs. Wall and CPU (user + sys) per call, and ratios.
# Usage: bench/simulator/run.sh [calls per command, default 40]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$repo/bin/lib/java.sh"
paddock_select_java
paddock_quiet_maven
cd "$repo"
./mvnw -B -q -pl parallels-simulator -am package -DskipTests
calls=${1:-40}
home=$(mktemp -d "${PADDOCK_BENCH_DIR:-/tmp}/simulator-bench.XXXXXX")
trap 'rm -rf "$home"' EXIT
export PADDOCK_SIM_HOME="$home" PADDOCK_SIM_DISK_MB=64
prlctl="$repo/parallels-simulator/bin/prlctl"
for i in $(seq 1 20); do "$prlctl" create "vm$i" -o ubuntu >/dev/null; done
# Warm both paths once (the class data sharing archive, the resident JVM).
PADDOCK_SIM_RESIDENT=off "$prlctl" list -a >/dev/null
"$prlctl" list -a >/dev/null

# Prints "<wall ms per call> <cpu ms per call>" for $calls runs of the command line.
measure() {
    local started ended cpu_before cpu_after me=$BASHPID
    cpu_before=$(cpu_ms "$me")
    started=$(date +%s%N)
    for _ in $(seq 1 "$calls"); do "$@" >/dev/null 2>&1 || true; done
    ended=$(date +%s%N)
    cpu_after=$(cpu_ms "$me")
    echo "$(( (ended - started) / 1000000 / calls )) $(( (cpu_after - cpu_before) / calls ))"
}

# CPU of the finished children of the shell $1 plus the resident simulator's process, in ms.
cpu_ms() {
    local tick children resident=0 pid
    tick=$(getconf CLK_TCK)
    children=$(awk -v t="$tick" '{print int(($16 + $17) * 1000 / t)}' "/proc/$1/stat")
    for pid in $(pgrep -f dev.paddock.simulator.resident.ResidentSimulator || true); do
        resident=$(( resident + $(awk -v t="$tick" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat") ))
    done
    echo $(( children + resident ))
}

printf '%-34s %22s %22s %9s %9s\n' "command ($calls calls each)" "JVM per call: wall/cpu" "resident: wall/cpu" "wall x" "cpu x"
for command in "list -a" "list -a -i --json" "list -i --json vm7" "set vm3 --cpus 2" "start-nosuch"; do
    if [ "$command" = start-nosuch ]; then args=(start no-such-vm); else read -r -a args <<<"$command"; fi
    read -r one_wall one_cpu < <(PADDOCK_SIM_RESIDENT=off measure "$prlctl" "${args[@]}")
    read -r res_wall res_cpu < <(measure "$prlctl" "${args[@]}")
    awk -v c="prlctl ${args[*]}" -v ow="$one_wall" -v oc="$one_cpu" -v rw="$res_wall" -v rc="$res_cpu" 'BEGIN {
        printf "%-34s %14s ms/%4s ms %14s ms/%4s ms %8.1fx %8.1fx\n", c, ow, oc, rw, rc, ow / (rw ? rw : 1), oc / (rc ? rc : 1)
    }'
done
