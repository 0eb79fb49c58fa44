#!/usr/bin/env bash
# A short Gatling run of the full JPKI login (JpkiLoginSimulation) against a gateway started here:
# builds the gateway and perf, writes the fixtures (people with virtual cards, the load-test client),
# starts the gateway in dev mode on free loopback ports with its own data dir under
# perf/target/login-run, waits for /health/ready, runs the simulation, reports the server CPU per
# login from /proc/<pid>/stat, and stops the gateway. Not part of `mvn verify`.
#
#   perf/run-login.sh [--rate N] [--warm-up SECONDS] [--duration SECONDS] [--people N] [-Dlogin.NAME=VALUE ...]
#
# Defaults: 20 logins/s, 30 s warm-up, 60 s measured, 200 people. Every -Dlogin.* property of
# LoginSettings passes through (e.g. -Dlogin.scope="openid name" for signature-certificate logins).
# The HTML report goes to perf/target/gatling/; the gateway's log to perf/target/login-run/gateway.log.
#
# The full benchmark runner (the perf issue) is to drive this script: a --quick CI mode, the other
# scenarios, and the results report belong there, beside the argument parsing below.
set -euo pipefail
cd "$(dirname "$0")/.."

rate=20 warm_up=30 duration=60 people=200
properties=()
while (($#)); do
    case "$1" in
        --rate) rate=$2; shift 2 ;;
        --warm-up) warm_up=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --people) people=$2; shift 2 ;;
        -Dlogin.*) properties+=("$1"); shift ;;
        *) sed -n '8,12p' "$0" >&2; exit 2 ;;
    esac
done

run_dir=$PWD/perf/target/login-run
mvn -B -q -ntp -pl gateway,perf -am package -DskipTests
java -cp perf/target/benchmarks.jar jp.jpkigate.perf.login.LoginFixtures "$run_dir" "$people"
rm -rf "$run_dir/data/redis"  # a fresh Redis each run; the simulator's state is kept

# A loopback port nothing listens on, from $1 up.
free_port() {
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    echo "$port"
}
http_port=$(free_port 18080)
sim_port=$(free_port $((http_port + 1)))
base_url=http://127.0.0.1:$http_port

env -u REDIS_URL -u JPKI_GATE_CONFIG JPKI_GATE_MODE=dev JPKI_GATE_DATA_DIR="$run_dir/data" \
    JPKI_GATE_HTTP_PORT="$http_port" JPKI_GATE_SIM_PORT="$sim_port" \
    JPKI_GATE_OIDC_CLIENTS_FILE="$run_dir/clients.json" \
    java ${GATEWAY_JAVA_OPTS:-} -jar gateway/target/jpki-gate.jar >"$run_dir/gateway.log" 2>&1 &
gateway=$!
stop_gateway() {
    kill "$gateway" 2>/dev/null && wait "$gateway" 2>/dev/null || true
}
trap stop_gateway EXIT

for _ in $(seq 120); do
    curl -fs -o /dev/null "$base_url/health/ready" && break
    kill -0 "$gateway" 2>/dev/null || { echo "the gateway exited: see $run_dir/gateway.log" >&2; exit 1; }
    sleep 0.5
done
curl -fs -o /dev/null "$base_url/health/ready" || { echo "the gateway is not ready after 60 s" >&2; exit 1; }
redis=$(ps --ppid "$gateway" -o pid=,comm= | awk '$2 ~ /redis/ {print $1; exit}')
pids=$gateway${redis:+,$redis}

# CPU milliseconds (user + system) of the processes in $pids, from /proc/<pid>/stat fields 14 and 15.
cpu_millis() {
    local ticks total=0 pid
    ticks=$(getconf CLK_TCK)
    for pid in ${pids//,/ }; do
        total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
    done
    echo $((total * 1000 / ticks))
}

echo "gateway pid $gateway, redis pid ${redis:-none}, $base_url; load before: $(uptime)"
summary=$run_dir/summary.properties
rm -f "$summary"
cpu_before=$(cpu_millis)
status=0
mvn -B -q -ntp -pl perf -am -Pgatling test -DskipTests \
    -Dlogin.baseUrl="$base_url" -Dlogin.rate="$rate" -Dlogin.warmUpSeconds="$warm_up" \
    -Dlogin.durationSeconds="$duration" -Dlogin.simDir="$run_dir/data/sim" \
    -Dlogin.clientKeyFile="$run_dir/client-key.json" -Dlogin.serverPids="$pids" \
    -Dlogin.clockTicks="$(getconf CLK_TCK)" -Dlogin.summaryFile="$summary" "${properties[@]}" || status=$?
cpu_after=$(cpu_millis)
echo "load after: $(uptime)"

if [[ -f $summary ]]; then
    logins=$(sed -n 's/^logins.total=//p' "$summary")
    echo "server CPU, whole run (warm-up included): $((cpu_after - cpu_before)) ms for $logins logins" \
        "= $(awk -v c=$((cpu_after - cpu_before)) -v n="$logins" 'BEGIN {printf "%.2f", n ? c / n : 0}') ms/login"
    echo "server CPU, measurement window: $(sed -n 's/^window.cpuMillisPerLogin=//p' "$summary") ms/login"
fi
echo "report: $(ls -td perf/target/gatling/*/ 2>/dev/null | head -1)index.html"
exit "$status"
