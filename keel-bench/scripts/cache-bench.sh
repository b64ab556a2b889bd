#!/usr/bin/env bash
# Issue 3's cache performance goals as same-run ratios (docs/benchmarks/cache.md). Usage:
#   keel-bench/scripts/cache-bench.sh l1|l1-paired|l2|memory|all
# Each step takes /work/bench.lock (override with LOCK=...) for itself and stays under ~5 minutes.
# CP: a classpath holding keel-bench's classes and dependencies; by default built from keel-bench/target with the
# Netty 4.2 jars Lettuce needs put first (the parent pins Netty 4.1 for Helidon).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
LOCK="${LOCK:-/work/bench.lock}"
if [[ -z "${CP:-}" ]]; then
  if [[ ! -f "$ROOT/keel-bench/target/classpath.txt" || "${BUILD:-0}" == "1" ]]; then
    (cd "$ROOT" && ./mvnw -B -q -o -pl keel-bench -am package -DskipTests)
  fi
  NETTY=$(ls ~/.m2/repository/io/netty/netty-{buffer,codec-base,codec-dns,common,handler,resolver-dns,resolver,transport-native-unix-common,transport}/4.2.18.Final/*-4.2.18.Final.jar | tr '\n' ':')
  CP="${NETTY}$ROOT/keel-bench/target/classes:$(cat "$ROOT/keel-bench/target/classpath.txt")"
fi
FORKS="${FORKS:-5}"
note() { echo "== $1 $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"; }
jmh() { "$JAVA" -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main "$@" 2>&1 | grep -E '^(Benchmark|[A-Z][A-Za-z0-9]*Benchmark\.)|^\[memory'; }

l1() {   # goal: Keel >= 0.50 (uniform) and >= 0.60 (zipf) of Caffeine getIfPresent, 2 threads, >= 5 forks
  flock "$LOCK" bash -c "$(declare -f note jmh); JAVA='$JAVA' CP='$CP'; note l1-jmh; jmh 'cache.L1HitBenchmark' -f $FORKS -wi 3 -i 5; note l1-jmh-end"
}
l1_paired() {   # the same ratio, Caffeine and Keel alternating in 200 ms rounds, in three JVMs
  flock "$LOCK" bash -c "$(declare -f note); note l1-paired; for i in 1 2 3; do '$JAVA' -cp '$CP' io.keel.bench.cache.L1HitInterleaved 30; done; note l1-paired-end"
}
l2() {   # goal: getAll(100) >= 0.80 of raw Lettuce MGET keys/s; redis-benchmark beside it
  flock "$LOCK" bash -c "$(declare -f note jmh); JAVA='$JAVA' CP='$CP'; note l2
    redis-benchmark -h 127.0.0.1 -p 6379 -P 16 -t get -n 200000 -q
    '$JAVA' -cp '$CP' io.keel.bench.cache.L2BulkReadInterleaved 40 2>&1 | grep -v SLF4J
    jmh 'cache.L2BulkReadBenchmark' -f $FORKS -wi 3 -i 5
    redis-benchmark -h 127.0.0.1 -p 6379 -P 16 -t get -n 200000 -q; note l2-end"
}
memory() {   # goal: >= 100,000 writes/s (and >= 500,000 reads/s) through L1 with Redis write-behind
  flock "$LOCK" bash -c "$(declare -f note jmh); JAVA='$JAVA' CP='$CP'; note memory
    jmh 'cache.MemoryStoreBenchmark.(write|caffeinePut)' -f 3 -wi 3 -i 5; note memory-end"
  flock "$LOCK" bash -c "$(declare -f note jmh); JAVA='$JAVA' CP='$CP'; note memory-read
    jmh 'cache.MemoryStoreBenchmark.read' -p keys=10000 -f 3 -wi 3 -i 5; note memory-read-end"
}

case "${1:-all}" in
  l1) l1 ;;
  l1-paired) l1_paired ;;
  l2) l2 ;;
  memory) memory ;;
  all) l1; l1_paired; l2; memory ;;
  *) echo "usage: $0 l1|l1-paired|l2|memory|all" >&2; exit 2 ;;
esac
