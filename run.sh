#!/usr/bin/env bash
# Runs JPKI Gate on this machine in dev mode: an embedded Redis on loopback (data under ./data),
# the J-LIS simulator, and the gateway. Builds only the gateway and what it depends on.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -ntp -pl gateway -am package -DskipTests
exec java -jar gateway/target/jpki-gate.jar "$@"
