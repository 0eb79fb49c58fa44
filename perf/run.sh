#!/usr/bin/env bash
# The benchmark runner (the perf issue): builds the gateway and perf, writes the fixtures (people with
# virtual cards, the load-test clients), starts J-LIS (the simulator, with a bulk CRL in front) and
# the gateway with production-like settings on free loopback ports, runs the Gatling scenarios and the
# JMH floors, and writes the report.
#
#   perf/run.sh [--quick] [--only NAME,...] [--jdk JAVA_HOME] [--out DIR] [--jfr] [-DNAME=VALUE ...]
#
#   --quick   CI: a 100,000-entry revocation index, 40 people, 1 s warm-up and 2 s measured, every
#             simulation in one JVM (unless --jfr), relaxed latency service levels (errors still fail
#             the run), one short unforked JMH iteration; the numbers only show that everything still
#             runs. The report goes to perf/target/perf-run/ unless --out says otherwise
#   full      (default) a 10M-entry revocation index, 400 people, 20 s warm-up (the login's: 120 s) and
#             40 s measured per scenario (-Dperf.warmUpSeconds=.. -Dperf.durationSeconds=..), the back
#             ends' operations at saturation (closed, 8 users), JMH with one fork, 2 warm-up and 3
#             measured iterations, the 50M lookup, footprint and ingest; the report goes to
#             perf/results/latest.{md,json} with a dated copy
#   --only    scenarios, comma separated (default all): login, login-100 (the login at 100/s),
#             login-identity, refresh,
#             client-credentials, introspection, check, check-batch100, check-batch1000,
#             check-serials1000 (1,000 issuer + serial pairs a request), ocsp,
#             consent-invitations, consent-sign, consent-withdraw (after consent-sign: its people),
#             feed (pushed), feed-poll, floors (the JMH floors) and index (the revocation index at
#             50M entries: lookup, bytes per entry, streaming ingest)
#   --jdk     the JDK that runs the gateway, J-LIS, the HTTP floor and JMH (default: java on PATH);
#             Gatling always runs on the default java
#   --jfr     a JFR profile (settings=profile, or the .jfc file in PERF_JFR_SETTINGS) of the gateway in
#             each scenario's measurement window, perf/target/perf-run/results/<scenario>.jfr
#   -D...     passed to every Gatling simulation (e.g. -Dlogin.rate=30; see each simulation's Javadoc)
#
# Gatling HTML reports: perf/target/gatling/; logs and raw results: perf/target/perf-run/.
# Exit status: non-zero when a simulation failed its Gatling assertions or could not run.
set -euo pipefail
cd "$(dirname "$0")/.."

command="perf/run.sh $*"
quick=false only="" jdk="" out="" jfr=false properties=()
while (($#)); do
    case "$1" in
        --quick) quick=true; shift ;;
        --only) only=$2; shift 2 ;;
        --jdk) jdk=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --jfr) jfr=true; shift ;;
        -D*) properties+=("$1"); shift ;;
        *) sed -n '7,31p' "$0" >&2; exit 2 ;;
    esac
done
java_bin=${jdk:+$jdk/bin/}java

if $quick; then
    mode=quick people=40 crl_entries=100000 warm_up=1 duration=2 lookup_entries=1000000
    # No fork, one short iteration: enough to show the benchmarks still run, not a measurement.
    jmh_options=(-f 0 -wi 0 -i 1 -r 300ms)
    # Latency service levels are for the full run on a known machine; CI keeps the functional ones.
    properties=(-Dlogin.p99Millis=20000 -Drefresh.p99Millis=20000 -Dcc.p99Millis=20000 -Dintrospect.p99Millis=20000
        -Dcheck.p99Millis=20000 -Docsp.p99Millis=20000 -Dinvite.p99Millis=20000 -Dsign.p99Millis=20000
        -Dwithdraw.p99Millis=20000 -Dfeed.p99Millis=20000 -Dlogin.rate=4 -Dcc.rate=50 -Dintrospect.rate=50
        -Dcheck.rate=50 -Docsp.rate=30 -Dinvite.rate=1 -Dsign.rate=3 -Dwithdraw.rate=2 -Drefresh.users=4
        -Dfeed.rate=2000 -Dfeed.drainSeconds=60 "${properties[@]}")
    # The load generator's JVM: C1 only, it starts faster and its numbers do not matter here.
    GATLING_JAVA_OPTS=${GATLING_JAVA_OPTS:--Xmx1g -XX:TieredStopAtLevel=1 -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12}
    out=${out:-perf/target/perf-run}
else
    mode=full people=400 crl_entries=10000000 warm_up=20 duration=40 lookup_entries=50000000
    jmh_options=(-f 1 -wi 2 -w 2s -i 3 -r 2s)
    # The back ends' operations (grants, introspection, checks, OCSP, and the HTTP floor beside them) at
    # saturation: 8 users each sending its next request when the last is answered. Server CPU per
    # operation is then the work of the operation; at a few hundred a second it is mostly the event
    # loops' and Redis's wake-ups (the trivial endpoint: 14 µs a request saturated, 220 µs at 300/s).
    properties=(-Dlogin.rate=50 -Dsign.rate=2 -Dwithdraw.rate=2 -Drefresh.users=20
        -Dcc.model=closed -Dcc.users=8 -Dintrospect.model=closed -Dintrospect.users=8
        -Dcheck.model=closed -Dcheck.users=8 -Docsp.model=closed -Docsp.users=8 "${properties[@]}")
    out=${out:-perf/results}
fi
login_warm_up=$($quick && echo "$warm_up" || echo 120)
# The JFR window and the runner's own timing follow the warm-up and duration given as properties.
for property in "${properties[@]}"; do
    case $property in
        -Dperf.warmUpSeconds=*) warm_up=${property#*=} login_warm_up=${property#*=} ;;
        -Dperf.durationSeconds=*) duration=${property#*=} ;;
    esac
done
wanted() { [[ -z $only || ",$only," == *",$1,"* ]]; }

run_dir=$PWD/perf/target/perf-run
results=$run_dir/results
rm -rf "$results" && mkdir -p "$results" "$out"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
busiest=$(ps -eo pcpu=,comm= --sort=-pcpu 2>/dev/null | head -6 | awk '{printf "%s%s %s%%", (NR > 1 ? ", " : ""), $2, $1}' || true)

echo "== build"
mvn -B -ntp -q -pl gateway,perf -am package dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
bench_jar=perf/target/benchmarks.jar
gatling_cp=perf/target/test-classes:perf/target/classes:$(cat perf/target/test-classpath.txt)

# A loopback port nothing listens on, from $1 up.
free_port() {
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    echo "$port"
}
# The feed scenario's push receiver (in the Gatling JVM): its URL goes into the clients file.
feed_port=$(free_port 18400)

echo "== fixtures: $people people"
java -cp "$bench_jar" jp.jpkigate.perf.login.LoginFixtures "$run_dir" "$people" "$feed_port"
rm -rf "$run_dir/data/redis"  # a fresh Redis each run; the simulator's state and cards are kept

started_pids=()
# Stops what this run started: SIGTERM, up to 10 s to exit, then SIGKILL (never waits forever).
stop_all() {
    local pid
    for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${started_pids[@]}"; do
        for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
    done
}
trap stop_all EXIT
# GET $2 from 127.0.0.1:$1 (HTTP/1.0, no curl needed): the status line, headers and body on stdout.
http_get() {
    exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    cat <&3
    exec 3<&-
}
ready() {
    http_get "$1" /health/ready 2>/dev/null | head -1 | grep -q ' 200'
}
# Waits until $2 (a file) has a line matching $3, or process $1 exits, or $4 seconds pass.
wait_for_line() {
    local i
    for ((i = 0; i < $4 * 2; i++)); do
        grep -q "$3" "$2" 2>/dev/null && return 0
        kill -0 "$1" 2>/dev/null || { echo "process $1 exited: see $2" >&2; return 1; }
        sleep 0.5
    done
    echo "no '$3' in $2 after $4 s" >&2
    return 1
}

echo "== J-LIS: simulator and a CRL publisher with a bulk CRL of $crl_entries entries"
sim_port=$(free_port 18181)
publisher_port=$(free_port $((sim_port + 1)))
: >"$run_dir/jlis.log"  # emptied before the start, so a last run's "ready" is never read
$java_bin -cp "$bench_jar" jp.jpkigate.perf.revocation.BulkCrlPublisher "$run_dir/data/sim" "$sim_port" \
    "$publisher_port" "$crl_entries" >"$run_dir/jlis.log" 2>&1 &
started_pids+=($!)
wait_for_line $! "$run_dir/jlis.log" '^ready' 600
cat "$run_dir/jlis.log"

echo "== gateway"
http_port=$(free_port 18080)
base_url=http://127.0.0.1:$http_port
# The metrics listener (/metrics, /revocation/metrics, /feed/metrics): never on the public port. The
# per-client limit at its maximum (16,667/s): the default 200/s would refuse a saturating load generator.
metrics_port=$(free_port $((http_port + 10)))
env -u REDIS_URL -u JPKI_GATE_CONFIG JPKI_GATE_MODE=dev JPKI_GATE_DATA_DIR="$run_dir/data" \
    JPKI_GATE_HTTP_PORT="$http_port" JPKI_GATE_PUBLIC_URL="$base_url" JPKI_GATE_SIM_ENABLED=false \
    JPKI_GATE_METRICS_PORT="$metrics_port" JPKI_GATE_LIMITS_CLIENT_REQUESTS_PER_MINUTE=1000000 \
    JPKI_GATE_REVOCATION_URL="http://127.0.0.1:$publisher_port" JPKI_GATE_REVOCATION_REFRESH_SECONDS=900 \
    JPKI_GATE_OIDC_LINKAGE_URL="http://127.0.0.1:$sim_port" JPKI_GATE_JLIS_URL="http://127.0.0.1:$sim_port" \
    JPKI_GATE_REVOCATION_CLIENTS="$(cat "$run_dir/revocation-clients.txt")" \
    JPKI_GATE_OIDC_CLIENTS_FILE="$run_dir/clients.json" \
    $java_bin ${GATEWAY_JAVA_OPTS:-} -jar gateway/target/jpki-gate.jar >"$run_dir/gateway.log" 2>&1 &
gateway=$!
started_pids+=("$gateway")
for _ in $(seq 600); do
    ready "$http_port" && break
    kill -0 "$gateway" 2>/dev/null || { echo "the gateway exited: see $run_dir/gateway.log" >&2; exit 1; }
    sleep 0.5
done
ready "$http_port" || { echo "the gateway is not ready after 300 s" >&2; exit 1; }
# Its embedded Redis: the child process named redis-server (from /proc, no procps needed).
redis=$(grep -l '^PPid:[[:space:]]*'"$gateway"'$' /proc/[0-9]*/status 2>/dev/null \
    | xargs -r grep -l '^Name:[[:space:]]*redis' | head -1 | cut -d/ -f3 || true)
server_pids=$gateway${redis:+,$redis}
# Its URL, as the gateway printed it at start (the feed scenario enqueues there).
redis_url=$(grep -o -m1 'redis://127\.0\.0\.1:[0-9]*' "$run_dir/gateway.log" || echo redis://127.0.0.1:6379)
# Ready does not wait for the CRLs: wait until the index holds the bulk CRL (at most 300 s).
index_entries() {
    http_get "$metrics_port" /revocation/metrics 2>/dev/null | awk '/^jpki_revocation_issuer_entries/ {n += $NF} END {print n + 0}'
}
for _ in $(seq 600); do
    (($(index_entries) >= crl_entries)) && break
    sleep 0.5
done
index_entries=$(index_entries)
echo "gateway pid $gateway, redis pid ${redis:-none}, $base_url; revocation index: $index_entries entries"

failures=0
# The quick run (without --jfr) gathers the simulations into one plan and runs them in one JVM (Suite):
# on a busy 2-core machine Gatling's JVM start costs more than a 4-second scenario.
suite=false
$quick && ! $jfr && suite=true
plan=$results/suite.plan
# Runs one Gatling simulation: $1 scenario name, $2 class (under jp.jpkigate.perf), $3 server pids, $4 base URL, then -D...
gatling() {
    local name=$1 class=$2 pids=$3 url=$4
    shift 4
    if $suite; then
        local setting
        printf '%s\t%s' "$name" "$class" >>"$plan"
        for setting in -Dperf.scenario="$name" -Dperf.baseUrl="$url" -Dperf.serverPids="$pids" \
            -Dperf.summaryFile="$results/$name.json" "$@"; do
            printf '\t%s' "$setting" >>"$plan"
        done
        printf '\n' >>"$plan"
        return 0
    fi
    echo "== $name ($class) at $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
    local status=0
    if $jfr && [[ $pids == "$server_pids" ]]; then
        ${jdk:+$jdk/bin/}jcmd "$gateway" JFR.start name="$name" settings="${PERF_JFR_SETTINGS:-profile}" delay="${warm_up}s" \
            duration="${duration}s" filename="$results/$name.jfr" >/dev/null
    fi
    gatling_java -Dperf.scenario="$name" -Dperf.baseUrl="$url" -Dperf.serverPids="$pids" \
        -Dperf.summaryFile="$results/$name.json" "${properties[@]}" "$@" \
        io.gatling.app.Gatling -s "jp.jpkigate.perf.$class" -rf "$PWD/perf/target/gatling" -rd "$name" \
        >"$results/$name.log" 2>&1 || status=$?
    grep -E "^(Please open|Reports generated)|assertion|KO=|> Global" "$results/$name.log" | tail -8 || true
    echo "$status" >"$results/$name.status"
    if ((status != 0)); then
        echo "$name FAILED (exit $status): see $results/$name.log" >&2
        failures=$((failures + 1))
    fi
}
# The load generator's JVM with the run's settings, then its arguments (the JVM options the
# gatling-maven-plugin gives its forked JVM). It reads its own fixture cards, so BouncyCastle's
# primality tests of every RSA modulus (about 2 s a card on a busy machine) are switched off there.
gatling_java() {
    java ${GATLING_JAVA_OPTS:--Xmx1g -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12} --add-opens=java.base/java.lang=ALL-UNNAMED \
        -cp "$gatling_cp" -Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider \
        -Dorg.bouncycastle.rsa.allow_unsafe_mod=true \
        -Dperf.runDir="$run_dir" -Dperf.warmUpSeconds="$warm_up" -Dperf.durationSeconds="$duration" \
        -Dperf.clockTicks="$(getconf CLK_TCK)" "$@"
}
# Redis's forks so far (INFO stats total_forks): an AOF rewrite forks, and its disk writes beside
# `appendfsync always` are the usual cause of a latency tail in the scenario it falls in.
redis_forks() {
    local port=${redis_url##*:} forks
    forks=$({ exec 4<>"/dev/tcp/127.0.0.1/$port" && printf 'INFO stats\r\nQUIT\r\n' >&4 && timeout 5 cat <&4; } \
        2>/dev/null | tr -d '\r' | awk -F: '$1 == "total_forks" {print $2}' || true)
    echo "${forks:-0}"
}
scenario() {
    wanted "$1" || return 0
    local forks_before
    forks_before=$(redis_forks)
    gatling "$1" "$2" "$server_pids" "$base_url" "${@:3}"
    $suite || echo "redis forks (AOF rewrites, snapshots) during $1: $(($(redis_forks) - forks_before))" \
        | tee "$results/$1.redis"
}

# The login first, with a longer warm-up in the full run: its code is the largest, and after 20 s at 20/s
# the JIT was still compiling it (8.6 of 30 ms a login). Those after it find most of it compiled.
warm_up=$login_warm_up scenario login login.JpkiLoginSimulation -Dlogin.people="$people"
# The same at twice the rate: the server CPU per login falls as logins share the wake-ups.
scenario login-100 login.JpkiLoginSimulation -Dlogin.people="$people" -Dlogin.rate=$($quick && echo 4 || echo 100)
scenario login-identity login.JpkiLoginSimulation -Dlogin.variant=identity -Dlogin.people="$people"
scenario refresh login.TokenRefreshSimulation -Dlogin.people="$people"
scenario client-credentials token.ClientCredentialsSimulation
scenario introspection token.IntrospectionSimulation
if wanted check || wanted check-batch100 || wanted check-batch1000 || wanted check-serials1000; then
    floor_port=$(free_port 18300)
    : >"$run_dir/floor.log"
    $java_bin -cp "$bench_jar" jp.jpkigate.perf.floor.TrivialEndpointServer "$floor_port" >"$run_dir/floor.log" 2>&1 &
    floor=$!
    started_pids+=("$floor")
    wait_for_line "$floor" "$run_dir/floor.log" '^ready' 60
    gatling http-floor floor.HttpFloorSimulation "$floor" "http://127.0.0.1:$floor_port"
    $suite || kill "$floor"  # the suite runs later: it stops with the rest at the end
fi
scenario check revocation.ValidityCheckSimulation -Dcheck.batch=1
scenario check-batch100 revocation.ValidityCheckSimulation -Dcheck.batch=100 -Dcheck.rate=$($quick && echo 10 || echo 30)
scenario check-batch1000 revocation.ValidityCheckSimulation -Dcheck.batch=1000 -Dcheck.rate=$($quick && echo 2 || echo 5)
scenario check-serials1000 revocation.ValidityCheckSimulation -Dcheck.batch=1000 -Dcheck.form=serials \
    -Dcheck.rate=$($quick && echo 2 || echo 100)
scenario ocsp revocation.OcspSimulation
scenario consent-invitations consent.ConsentInvitationSimulation
scenario consent-sign consent.ConsentSigningSimulation
if wanted consent-withdraw && ! wanted consent-sign && [[ ! -s $results/consented.txt ]]; then
    echo "no consents to withdraw: it withdraws those of consent-sign, which did not run before it" \
        >"$results/consent-withdraw.skipped"
else
    scenario consent-withdraw consent.ConsentWithdrawalSimulation
fi
scenario feed feed.FeedSimulation -Dfeed.method=push -Dfeed.redisUrl="$redis_url" -Dfeed.receiverPort="$feed_port" \
    -Dfeed.metricsUrl="http://127.0.0.1:$metrics_port"
scenario feed-poll feed.FeedSimulation -Dfeed.method=poll -Dfeed.redisUrl="$redis_url"
# The JMH floors and the revocation index; returns how many failed.
benchmarks() {
    local failed=0
    if wanted floors; then
        echo "== JMH floors ($($java_bin -version 2>&1 | head -1))"
        $java_bin -jar "$bench_jar" 'LoginCryptoBenchmark|DpopProofBenchmark|CheckPathBenchmark.check$' \
            -p body=single,batch100,batch1000,serials1000 "${jmh_options[@]}" -rf json -rff "$results/jmh-crypto.json" \
            >"$results/jmh-crypto.log" 2>&1 || failed=$((failed + 1))
    fi
    if wanted index; then
        echo "== revocation index: $lookup_entries entries"
        $java_bin -Xmx2g -jar "$bench_jar" 'RevokedSerialLookupBenchmark.findLong' -p entries="$lookup_entries" \
            "${jmh_options[@]}" -rf json -rff "$results/jmh-lookup.json" >"$results/jmh-lookup.log" 2>&1 \
            || failed=$((failed + 1))
        $java_bin -Xmx3g -cp "$bench_jar" jp.jpkigate.perf.revocation.IndexFootprint "$lookup_entries" \
            >"$results/footprint.txt" 2>&1 || failed=$((failed + 1))
        local crl_file=$run_dir/ingest-$lookup_entries.crl
        [[ -f $crl_file ]] || $java_bin -cp "$bench_jar" jp.jpkigate.perf.revocation.CrlFileGenerator "$lookup_entries" "$crl_file"
        $java_bin -Xmx1g -cp "$bench_jar" jp.jpkigate.perf.revocation.CrlIngestMeasurement "$crl_file" \
            >"$results/ingest.txt" 2>&1 || failed=$((failed + 1))
        cat "$results/footprint.txt" "$results/ingest.txt"
    fi
    return "$failed"
}

if $suite && [[ -s $plan ]]; then
    # Quick: the benchmarks beside the simulations, whose short phases mostly wait (the numbers mean little).
    benchmarks >"$results/benchmarks.out" 2>&1 &
    bench=$!
    echo "== $(grep -c . "$plan") simulations in one JVM at $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
    gatling_java "${properties[@]}" jp.jpkigate.perf.common.Suite "$plan" "$results" "$PWD/perf/target/gatling" || true
    for status_file in "$results"/*.status; do
        (($(cat "$status_file") == 0)) || failures=$((failures + 1))
    done
    wait "$bench" || failures=$((failures + $?))
    cat "$results/benchmarks.out"
else
    benchmarks || failures=$((failures + $?))
fi

cat >"$results/env.json" <<EOF
{"mode": "$mode", "started": "$started", "finished": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
 "command": "$command",
 "commit": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo '+changes')",
 "cores": $(nproc), "gatewayJava": "$($java_bin -version 2>&1 | head -1 | sed 's/"/\\"/g')",
 "gatlingJava": "$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')",
 "gateway": "dev mode jar, simulator in its own process, embedded Redis with AOF (appendfsync always), $(nproc) event loops",
 "loadBefore": "$load_before", "loadAfter": "$(cut -d' ' -f1-3 /proc/loadavg)", "busiest": "$busiest",
 "crlEntries": $crl_entries, "indexEntries": ${index_entries:-0}, "people": $people}
EOF
echo "== report"
java -cp "$bench_jar" jp.jpkigate.perf.report.ReportWriter "$results" "$out/latest.md" "$out/latest.json"
if ! $quick && [[ $out == perf/results ]]; then
    day=$(date -u +%Y-%m-%d)
    cp "$out/latest.md" "$out/$day-run.md"
    cp "$out/latest.json" "$out/$day-run.json"
fi
echo "Gatling reports: perf/target/gatling/; failures: $failures"
exit $((failures > 0))
