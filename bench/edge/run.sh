#!/usr/bin/env bash
# Edge benchmark (issue 6): HTTP requests/s and latency through the edge beside nginx configured as the same reverse
# proxy to the same backend (wrk, one run), and a bulk TCP transfer through an edge TCP route beside haproxy in TCP mode.
# Usage: bench/edge/run.sh [wrk duration, default 15s] [wrk connections, default 64]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$repo/bin/lib/java.sh"
paddock_select_java
paddock_quiet_maven
cd "$repo"
missing=()
for tool in wrk nginx haproxy; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "install ${missing[*]} first" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
export PATH="$PATH:/usr/sbin"
work=$(mktemp -d "${PADDOCK_BENCH_DIR:-/tmp}/edge-bench.XXXXXX")
# One reactor run: the classpath file is written per module, and the edge's (with test-support) comes last.
./mvnw -B -q -pl reverse-proxy-service -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=test

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
backend=$(free_port); nginx_proxy=$(free_port); haproxy_port=$(free_port); source_port=$(free_port)

# The backend both proxies forward to: nginx answering a small fixed response.
mkdir -p "$work/backend" "$work/proxy"
cat > "$work/backend/nginx.conf" <<CONF
worker_processes 1; pid $work/backend/nginx.pid; error_log $work/backend/error.log; daemon on;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 100000;
  server { listen 127.0.0.1:$backend; location / { return 200 "hello from the backend\n"; } } }
CONF
# The baseline: nginx as a reverse proxy to that backend, keep-alive upstream connections, as many workers as the
# edge has event loops.
cat > "$work/proxy/nginx.conf" <<CONF
worker_processes $(nproc); pid $work/proxy/nginx.pid; error_log $work/proxy/error.log; daemon on;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 100000;
  upstream backend { server 127.0.0.1:$backend; keepalive 128; }
  server { listen 127.0.0.1:$nginx_proxy;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } } }
CONF
cat > "$work/haproxy.cfg" <<CONF
global
    nbthread $(nproc)
defaults
    mode tcp
    timeout connect 5s
    timeout client 60s
    timeout server 60s
listen bulk
    bind 127.0.0.1:$haproxy_port
    server source 127.0.0.1:$source_port
CONF
nginx -c "$work/backend/nginx.conf"
nginx -c "$work/proxy/nginx.conf"
haproxy -D -p "$work/haproxy.pid" -f "$work/haproxy.cfg"
cleanup() {
    nginx -c "$work/backend/nginx.conf" -s stop 2>/dev/null || true
    nginx -c "$work/proxy/nginx.conf" -s stop 2>/dev/null || true
    [ -f "$work/haproxy.pid" ] && kill "$(cat "$work/haproxy.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(nginx -v 2>&1), $(haproxy -v | head -1 | cut -d' ' -f1-3), JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" -cp "$(cat "$work/classpath")" bench/edge/EdgeBench.java \
    "$(ls reverse-proxy-service/target/reverse-proxy-service-*-exec.jar | head -1)" "$work" \
    "$backend" "$nginx_proxy" "$haproxy_port" "$source_port" "${1:-15s}" "${2:-64}"
