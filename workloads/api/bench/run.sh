#!/usr/bin/env bash
# API benchmark (not a test): wrk against the cached live endpoint and a trivial endpoint of the
# same server, then WebSocket fan-out to many subscribed clients. Needs wrk and redis-server
# (apt-get install -y wrk redis-server). Knobs: BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_THREADS,
# BENCH_WS_CLIENTS. The machine is shared: numbers vary with what else runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=../..
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
"$root/mvnw" -q -B -f "$root/pom.xml" -pl workloads/api -am install -DskipTests -Ddashboard.test.skip=true
"$root/mvnw" -q -B -f "$root/pom.xml" -pl workloads/api test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g \
  -Dbench.seconds="${BENCH_SECONDS:-15}" \
  -Dbench.connections="${BENCH_CONNECTIONS:-64}" \
  -Dbench.threads="${BENCH_THREADS:-2}" \
  -Dbench.ws.clients="${BENCH_WS_CLIENTS:-1000}" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.telemetra.api.bench.ApiBenchmark
