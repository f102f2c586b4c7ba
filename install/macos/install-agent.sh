#!/usr/bin/env bash
# Installs, upgrades or removes the Paddock host agent on a Mac with Parallels Desktop, as a launchd daemon.
#
#   sudo ./install-agent.sh install --orchestrator https://paddock.example.com --token <enrollment token> \
#        --jar host-agent.jar [--name mac-mini-07] [--tags arm64,xcode16] [--port 3080]
#        [--advertise http://mac-mini-07.local:3080]   (the URL the orchestrator reaches this agent at)
#   sudo ./install-agent.sh upgrade --jar host-agent.jar
#   sudo ./install-agent.sh uninstall [--purge]
#
# An enrollment token comes from 'paddock hosts enrollment-token <name>'; the agent spends it on its first start and
# keeps the credentials it is given in its state file. --root DIR stages every file under DIR and skips launchctl (for
# packaging and for checking the installer on another system).
set -euo pipefail

LABEL=dev.paddock.agent
root=""
command=""
orchestrator=""
token=""
jar=""
name=$(scutil --get LocalHostName 2>/dev/null || hostname -s)
tags=""
port=3080
advertise=""
purge=false

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-2}"
}

fail() {
    echo "install-agent: $*" >&2
    exit 1
}

[ $# -gt 0 ] || usage
command=$1
shift
while [ $# -gt 0 ]; do
    case $1 in
        --orchestrator) orchestrator=${2:?--orchestrator needs a URL}; shift 2 ;;
        --token) token=${2:?--token needs a value}; shift 2 ;;
        --jar) jar=${2:?--jar needs a file}; shift 2 ;;
        --name) name=${2:?--name needs a value}; shift 2 ;;
        --tags) tags=${2:?--tags needs a value}; shift 2 ;;
        --port) port=${2:?--port needs a number}; shift 2 ;;
        --advertise) advertise=${2:?--advertise needs a URL}; shift 2 ;;
        --root) root=${2:?--root needs a folder}; shift 2 ;;
        --purge) purge=true; shift ;;
        -h | --help) usage 0 ;;
        *) echo "install-agent: unknown option $1" >&2; usage ;;
    esac
done

prefix="$root/usr/local/paddock"
config_dir="$root/usr/local/etc/paddock"
data_dir="$root/usr/local/var/paddock"
log_dir="$root/usr/local/var/log/paddock"
plist="$root/Library/LaunchDaemons/$LABEL.plist"
staged=$([ -n "$root" ] && echo true || echo false)

launchctl_run() {
    if $staged; then
        echo "(staged: would run launchctl $*)"
    else
        launchctl "$@"
    fi
}

check_runtime() {
    if $staged; then
        return
    fi
    [ "$(uname -s)" = Darwin ] || fail "this installer is for macOS; use --root to stage files elsewhere"
    [ "$(id -u)" = 0 ] || fail "run it with sudo: the agent is a system daemon"
    command -v prlctl >/dev/null 2>&1 || fail "Parallels Desktop's prlctl is not on PATH; install Parallels Desktop (Pro or Business) first"
    prlctl --version >/dev/null || fail "prlctl does not answer; open Parallels Desktop once and accept its licence"
    /usr/libexec/java_home -v 21+ >/dev/null 2>&1 || fail "the agent needs Java 21 or newer (e.g. 'brew install --cask temurin@21')"
}

write_jar() {
    [ -n "$jar" ] || fail "--jar is required: the host-agent executable jar (host-agent/target/host-agent-*-exec.jar)"
    [ -f "$jar" ] || fail "no such jar: $jar"
    mkdir -p "$prefix"
    # Replace atomically: a running agent keeps its open file until launchd restarts it.
    cp "$jar" "$prefix/host-agent.jar.new"
    mv "$prefix/host-agent.jar.new" "$prefix/host-agent.jar"
}

write_launcher() {
    cat >"$prefix/run-agent.sh" <<'LAUNCHER'
#!/bin/bash
# Started by launchd: reads the agent's settings (root-only file: it may hold the enrollment token) and runs the agent.
set -euo pipefail
set -a
# shellcheck disable=SC1091
source /usr/local/etc/paddock/agent.env
set +a
java_home=$(/usr/libexec/java_home -v 21+)
exec "$java_home/bin/java" -XX:MaxRAMPercentage=25 -jar /usr/local/paddock/host-agent.jar
LAUNCHER
    chmod 755 "$prefix/run-agent.sh"
}

write_config() {
    [ -n "$orchestrator" ] || fail "--orchestrator is required: the suite's URL (the edge), e.g. https://paddock.example.com"
    [ -n "$token" ] || fail "--token is required: run 'paddock hosts enrollment-token $name' to get one"
    mkdir -p "$config_dir" "$data_dir" "$log_dir"
    umask 077
    cat >"$config_dir/agent.env" <<ENV
PADDOCK_AGENT_PORT=$port
PADDOCK_PRLCTL=$(command -v prlctl || echo /usr/local/bin/prlctl)
PADDOCK_PRLSRVCTL=$(command -v prlsrvctl || echo /usr/local/bin/prlsrvctl)
PADDOCK_SECURITY_ORCHESTRATORURL=$orchestrator
PADDOCK_ORCHESTRATOR_URL=$orchestrator
PADDOCK_AGENT_FLEET_NAME=$name
PADDOCK_AGENT_FLEET_ADVERTISEURL=${advertise:-http://$name.local:$port}
PADDOCK_AGENT_FLEET_TAGS=$tags
PADDOCK_AGENT_FLEET_STATEFILE=/usr/local/var/paddock/fleet-state.json
PADDOCK_AGENT_CATALOG_URL=$orchestrator
PADDOCK_AGENT_CATALOG_CACHEFOLDER=/usr/local/var/paddock/pack-cache
PADDOCK_ENROLLMENT_TOKEN=$token
ENV
    chmod 600 "$config_dir/agent.env"
    umask 022
}

write_plist() {
    mkdir -p "$(dirname "$plist")"
    cat >"$plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>Label</key>
    <string>$LABEL</string>
    <key>ProgramArguments</key>
    <array>
        <string>/usr/local/paddock/run-agent.sh</string>
    </array>
    <key>RunAtLoad</key>
    <true/>
    <key>KeepAlive</key>
    <dict>
        <key>SuccessfulExit</key>
        <false/>
    </dict>
    <key>ThrottleInterval</key>
    <integer>10</integer>
    <key>WorkingDirectory</key>
    <string>/usr/local/var/paddock</string>
    <key>StandardOutPath</key>
    <string>/usr/local/var/log/paddock/agent.log</string>
    <key>StandardErrorPath</key>
    <string>/usr/local/var/log/paddock/agent.log</string>
</dict>
</plist>
PLIST
    chmod 644 "$plist"
}

wait_healthy() {
    if $staged; then
        return
    fi
    echo "Waiting for the agent to answer on port $port..."
    for _ in $(seq 1 60); do
        if curl -fs "http://127.0.0.1:$port/api/health/probe" >/dev/null 2>&1; then
            echo "The agent is up and enrolling as $name; check with 'paddock hosts get $name'."
            return
        fi
        sleep 2
    done
    fail "the agent did not answer within 2 minutes; see /usr/local/var/log/paddock/agent.log"
}

case $command in
    install)
        check_runtime
        write_jar
        write_launcher
        write_config
        write_plist
        launchctl_run bootout "system/$LABEL" 2>/dev/null || true
        launchctl_run bootstrap system "$plist"
        wait_healthy
        ;;
    upgrade)
        check_runtime
        [ -f "$plist" ] || fail "the agent is not installed ($plist is missing); run install first"
        write_jar
        write_launcher
        launchctl_run kickstart -k "system/$LABEL"
        wait_healthy
        ;;
    uninstall)
        launchctl_run bootout "system/$LABEL" 2>/dev/null || true
        rm -f "$plist"
        rm -rf "$prefix"
        if $purge; then
            rm -rf "$config_dir" "$data_dir" "$log_dir"
            echo "Removed the agent, its settings, state and pack cache. Remove the host from the fleet: paddock hosts remove $name"
        else
            echo "Removed the agent; settings and state kept in $config_dir and $data_dir (--purge removes them)."
        fi
        ;;
    *)
        echo "install-agent: unknown command '$command'" >&2
        usage
        ;;
esac
