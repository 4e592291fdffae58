#!/usr/bin/env bash
# Benchmarks of the clean stage; results go into docs/benchmarks.md by hand, with machine and date.
#   mapreduce/benchmarks/bench.sh parser          JMH: our parser vs httpdlog-parser vs java.util.regex
#   mapreduce/benchmarks/bench.sh sessionize-map  JMH: a day's page view from Avro to sessionize's shuffle key and value,
#                                                 decoded and encoded again vs its bytes copied (FlatRecordBytes)
#   mapreduce/benchmarks/bench.sh job [LINES|LOGS] [RUNS] [FORMAT]  clean-access-logs vs an identity map-only job (the
#                                                 floor), on generated lines or on real logs (a file or a directory)
#   mapreduce/benchmarks/bench.sh process [LINES] [RUNS]  each daily stage on the middle of three generated days: wall
#                                                 and CPU time, shuffle bytes, heap; user-agent parsing
#   mapreduce/benchmarks/bench.sh peers [SMALL_LINES] [LINES] [RUNS] [HIVE_RUNS]  sessionize and marts against the same
#                                                 stages in Spark SQL (mapreduce/peers) and in HQL on the embedded
#                                                 warehouse (hive-peer): checked row by row on a small day, then timed
#                                                 on the larger one
#   mapreduce/benchmarks/bench.sh scaling [RUNS] [LINES...]  the daily stages on days of each size (default 5, 10 and 20
#                                                 million lines: about 1, 2 and 4 GB of log text), in a new JVM per size,
#                                                 all with the same heap
#   mapreduce/benchmarks/bench.sh yarn [LINES...]  task memory on YARN: the daily stages on HDFS and a MiniYARN cluster
#                                                 for days of each size (default 0.5, 1 and 2 million lines)
#   mapreduce/benchmarks/bench.sh agents [LOOKUPS] the User-Agent cache on a long tail: LRU vs Caffeine
#   mapreduce/benchmarks/bench.sh checks [DAY] [RUNS]  the check step of a quickstart day (run the quickstart first):
#                                                      its time inside the command, HiveServer2's start-up excluded
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
(cd "$root" && mvn -B -q -DskipTests -pl mapreduce/benchmarks -am install)
opens=$(sed -n 's:.*<jdk17.opens>\(.*\)</jdk17.opens>.*:\1:p' "$root/pom.xml" | head -1)
# The project's own jars and classes are copied aside, so that rebuilding while a long bench runs cannot change them.
snapshot=$(mktemp -d)
trap 'rm -rf "$snapshot"' EXIT
cp=""
for entry in "$here/target/classes" $(tr ':' ' ' < "$here/target/classpath.txt"); do
  case "$entry" in
    "$root"/*|*/io/clickstream/*) copy="$snapshot/$(echo "$entry" | md5sum | cut -c1-8)-$(basename "$entry")"
                                  cp -r "$entry" "$copy"; entry="$copy" ;;
  esac
  cp="${cp:+$cp:}$entry"
done
log4j="-Dlog4j.configuration=file:$root/src/main/config/log4j.properties"
# One heap for every size: ProcessingBench generates large days in slices of a million lines (about 0.9 GB held).
heap="-Xmx4g"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%F)"
case "${1:-parser}" in
  parser) java $opens -cp "$cp" org.openjdk.jmh.Main AccessLogParserBenchmark -rf json -rff "$here/target/jmh-parser.json" ;;
  sessionize-map) java $opens -cp "$cp" org.openjdk.jmh.Main SessionizeInputBenchmark -rf json \
    -rff "$here/target/jmh-sessionize-map.json" ;;
  job)
    work=$(mktemp -d)
    trap 'rm -rf "$work" "$snapshot"' EXIT
    java -Xmx3g $opens $log4j -cp "$cp" io.clickstream.bench.CleanJobBench "$work" "${2:-2000000}" "${3:-3}" "${4:-combined}" ;;
  process)
    work=$(mktemp -d)
    trap 'rm -rf "$work" "$snapshot"' EXIT
    java $heap $opens $log4j -cp "$cp" io.clickstream.bench.ProcessingBench "$work" "${2:-1000000}" "${3:-3}" ;;
  peers)
    (cd "$root" && mvn -B -q -Ppeers -DskipTests -pl mapreduce/peers,hive -am install)
    work=$(mktemp -d)
    trap 'rm -rf "$work" "$snapshot"' EXIT
    peers="$root/mapreduce/peers/target/classes:$(cat "$root/mapreduce/peers/target/classpath.txt")"
    spark_opens="$opens --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
      --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED"
    day=2026-11-21  # ProcessingBench's middle day
    echo "== a small day: the jobs, then the rows of Spark SQL and of HQL compared with theirs"
    java $heap $opens $log4j -cp "$cp" io.clickstream.bench.ProcessingBench "$work/small" "${2:-200000}" 1 | grep '^|'
    java -Xmx4g $spark_opens -cp "$peers" io.clickstream.peers.SparkPeer check "file:$work/small/warehouse" $day 2>/dev/null
    "$root/hive/target/bin/hive-peer" check "file:$work/small/warehouse" $day "$work/small/metastore" 2>/dev/null | grep hive-sql
    echo "== the timed day: the jobs, then Spark SQL and HQL on the same warehouse"
    java $heap $opens $log4j -cp "$cp" io.clickstream.bench.ProcessingBench "$work/large" "${3:-1000000}" "${4:-3}"
    java -Xmx4g $spark_opens -cp "$peers" io.clickstream.peers.SparkPeer time "file:$work/large/warehouse" $day "${4:-3}" \
      "$work/peer-out" 2>/dev/null
    if [ "${5:-1}" -gt 0 ]; then
      "$root/hive/target/bin/hive-peer" time "file:$work/large/warehouse" $day "$work/large/metastore" "${5:-1}" 2>/dev/null \
        | grep hive-sql
    fi ;;
  scaling)
    runs=${2:-2}
    shift $(( $# > 1 ? 2 : $# ))
    for lines in ${@:-5000000 10000000 20000000}; do
      work=$(mktemp -d)
      echo "== $lines lines a day"
      java $heap $opens $log4j -cp "$cp" io.clickstream.bench.ProcessingBench "$work" "$lines" "$runs" \
        | grep -E '^raw access logs|^run |^\|'
      rm -rf "$work"
    done ;;
  yarn)
    shift
    work=$(mktemp -d)
    trap 'rm -rf "$work" "$snapshot"' EXIT
    java $heap $opens "-Djdk17.opens=$opens" $log4j -cp "$cp" io.clickstream.bench.YarnMemoryBench "$work" "$@" \
      | grep -E '^\||^raw' ;;
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
  *) echo "usage: $0 parser | sessionize-map | job [LINES|LOGS] [RUNS] [FORMAT] | process [LINES_PER_DAY] [RUNS] | peers [SMALL_LINES] [LINES] [RUNS] [HIVE_RUNS] | scaling [RUNS] [LINES...] | yarn [LINES...] | agents [LOOKUPS] [RUNS] | checks [DAY] [RUNS]" >&2; exit 2 ;;
esac
