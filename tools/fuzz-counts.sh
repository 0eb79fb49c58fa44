#!/usr/bin/env bash
# Counts the generated inputs each jqwik property class checked in the last test run, from the
# surefire XML reports (jqwik writes "checks = N" for every property), as a Markdown table.
# Run after `mvn verify` (or `mvn test`) from the repository root:   tools/fuzz-counts.sh
set -eu
cd "$(dirname "$0")/.."
shopt -s nullglob
printf '| module | property class | properties | inputs checked | failures |\n|---|---|---:|---:|---:|\n'
for report in */target/surefire-reports/TEST-*.xml; do
    awk -v report="$report" '
        /<testsuite / && !suite { suite = 1
            if (match($0, /failures="[0-9]+"/)) failed += substr($0, RSTART + 10, RLENGTH - 11)
            if (match($0, /errors="[0-9]+"/)) failed += substr($0, RSTART + 8, RLENGTH - 9) }
        /checks = [0-9]+/ { match($0, /checks = [0-9]+/); checks += substr($0, RSTART + 9, RLENGTH - 9); properties++ }
        END {
            if (checks == 0) exit
            module = report; sub(/\/.*/, "", module)
            class = report; sub(/.*TEST-/, "", class); sub(/\.xml$/, "", class); sub(/.*\./, "", class)
            printf "| %s | %s | %d | %d | %d |\n", module, class, properties, checks, failed
        }' "$report"
done | tee /dev/stderr 2>/dev/null | awk -F'|' '{ print; total += $5 } END { printf "| | **all** | | **%d** | |\n", total }'
