#!/usr/bin/env bash
# Pack benchmark (issue 5): a synthetic 4 GiB bundle (half random, half a sparse hole) packed and unpacked with
# Paddock's chunked pack format, beside `tar | gzip -5` (the reference's method) and `tar | zstd -T0` in the same run.
# Usage: bench/pack/run.sh [size in MiB, default 4096]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$repo/bin/lib/java.sh"
paddock_select_java
paddock_quiet_maven
cd "$repo"
command -v zstd >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq zstd >/dev/null; }
work=$(mktemp -d "${PADDOCK_BENCH_DIR:-/tmp}/pack-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
# One reactor run, so image-pack's dependency on contracts resolves to the jar just built (nothing need be installed);
# image-pack's classpath is written last.
./mvnw -B -q -pl image-pack -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=runtime
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "image-pack/target/classes:$(cat "$work/classpath")" bench/pack/PackBench.java "$work" "${1:-4096}"
