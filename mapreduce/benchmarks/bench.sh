#!/usr/bin/env bash
# Benchmarks of the clean stage; results go into docs/benchmarks.md by hand, with machine and date.
#   mapreduce/benchmarks/bench.sh parser          JMH: our parser vs httpdlog-parser vs java.util.regex
#   mapreduce/benchmarks/bench.sh job [LINES|LOGS] [RUNS] [FORMAT]  clean-access-logs vs an identity map-only job (the
#                                                 floor), on generated lines or on real logs (a file or a directory)
#   mapreduce/benchmarks/bench.sh process [LINES]  cost of each processing stage, shuffle bytes, user-agent parsing
#   mapreduce/benchmarks/bench.sh agents [LOOKUPS] the User-Agent cache on a long tail: LRU vs Caffeine
#   mapreduce/benchmarks/bench.sh checks [DAY] [RUNS]  the check step of a quickstart day (run the quickstart first):
#                                                      its time inside the command, HiveServer2's start-up excluded
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
(cd "$root" && mvn -B -q -DskipTests -pl mapreduce/benchmarks -am install)
opens=$(sed -n 's:.*<jdk17.opens>\(.*\)</jdk17.opens>.*:\1:p' "$root/pom.xml" | head -1)
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
log4j="-Dlog4j.configuration=file:$root/src/main/config/log4j.properties"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%F)"
case "${1:-parser}" in
  parser) java $opens -cp "$cp" org.openjdk.jmh.Main AccessLogParserBenchmark -rf json -rff "$here/target/jmh-parser.json" ;;
  job)
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    java -Xmx3g $opens $log4j -cp "$cp" io.clickstream.bench.CleanJobBench "$work" "${2:-2000000}" "${3:-3}" "${4:-combined}" ;;
  process)
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    java -Xmx3g $opens $log4j -cp "$cp" io.clickstream.bench.ProcessingBench "$work" "${2:-1000000}" ;;
  agents) java -Xmx2g -cp "$cp" io.clickstream.bench.UserAgentCacheBench "${2:-200000}" "${3:-3}" ;;
  checks)
    q="$root/target/quickstart"
    [ -d "$q/warehouse" ] || { echo "no $q/warehouse: run mvn -q -Pquickstart package first" >&2; exit 2; }
    day=${2:-$(ls "$q/warehouse/audit" | sed -n 's/^dt=//p' | sort | tail -1)}
    (cd "$root" && mvn -B -q -DskipTests -pl hive -am install)
    for run in $(seq 1 "${3:-3}"); do
      "$root/hive/target/bin/warehouse" check --date "$day" --warehouse "$q/warehouse" --metastore "$q/metastore" \
        | grep -o "dt=$day: .*" || true
    done ;;
  *) echo "usage: $0 parser | job [LINES] [RUNS] | process [LINES_PER_DAY] | agents [LOOKUPS] [RUNS] | checks [DAY] [RUNS]" >&2; exit 2 ;;
esac
