#!/usr/bin/env bash
# Counts the generated inputs each jqwik property class checked in the last test run, from the
# surefire XML reports (jqwik writes "checks = N" for every property), as a Markdown table.
# Run after `mvn verify` (or `mvn test`) from the repository root:   tools/fuzz-counts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
printf '| module | property class | properties | inputs checked | failures |\n|---|---|---:|---:|---:|\n'
total=0
for report in */target/surefire-reports/TEST-*.xml; do
  checks=$( (grep -o 'checks = [0-9]*' "$report" || true) | awk '{s += $3} END {print s + 0}')
  [ "$checks" -gt 0 ] || continue
  properties=$(grep -c 'checks = ' "$report")
  failures=$(grep -o 'failures="[0-9]*"' "$report" | head -1 | tr -dc '0-9')
  errors=$(grep -o 'errors="[0-9]*"' "$report" | head -1 | tr -dc '0-9')
  module=${report%%/*}
  class=$(basename "$report" .xml); class=${class#TEST-}; class=${class##*.}
  printf '| %s | %s | %d | %d | %d |\n' "$module" "$class" "$properties" "$checks" "$((failures + errors))"
  total=$((total + checks))
done
printf '| | **all** | | **%d** | |\n' "$total"
