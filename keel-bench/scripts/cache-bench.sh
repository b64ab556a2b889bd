#!/usr/bin/env bash
# Issue 3's cache performance goals as same-run ratios (docs/benchmarks/cache.md). Usage:
#   keel-bench/scripts/cache-bench.sh l1|l1-paired|l1-forks|l1-decompose|l2|l2-forks|memory|all
# Each step takes /work/bench.lock (override with LOCK=...) for itself and stays under ~5 minutes.
# CP: a classpath holding keel-bench's classes and dependencies; by default built from keel-bench/target with the
# Netty 4.2 jars Lettuce needs put first (the parent pins Netty 4.1 for Helidon).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
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

# Each public step re-runs this script under the lock with the step's unlocked name (_l1, _l2, ...).
_l1() {   # goal: Keel >= 0.50 (uniform) and >= 0.60 (zipf) of Caffeine getIfPresent, 2 threads, >= 5 forks
  note l1-jmh; jmh 'cache.L1HitBenchmark' -f "$FORKS" -wi 3 -i 5; note l1-jmh-end
}
_l1_paired() {   # the same ratio, Caffeine and Keel alternating in 200 ms rounds, in three JVMs
  note l1-paired
  for i in 1 2 3; do "$JAVA" -cp "$CP" io.keel.bench.cache.L1HitInterleaved 30; done
  note l1-paired-end
}
_l2() {   # goal: getAll(100) >= 0.80 of raw Lettuce MGET keys/s; redis-benchmark beside it
  note l2
  redis-benchmark -h 127.0.0.1 -p 6379 -P 16 -t get -n 200000 -q
  "$JAVA" -cp "$CP" io.keel.bench.cache.L2BulkReadInterleaved 40 2>&1 | grep -v SLF4J
  jmh 'cache.L2BulkReadBenchmark' -f "$FORKS" -wi 3 -i 5
  redis-benchmark -h 127.0.0.1 -p 6379 -P 16 -t get -n 200000 -q
  note l2-end
}

# JMH forks alternating between the two sides (one fork each, order swapped every round), so each pair of forks
# sees the same minutes of load; prints each pair's ratio (Keel / reference) and their median.
paired_forks() {
  local keel="$1" ref="$2"; shift 2
  local out; out="$(mktemp)"
  local i b
  for i in $(seq 1 "$FORKS"); do
    local order=("$keel" "$ref")
    if (( i % 2 == 0 )); then order=("$ref" "$keel"); fi
    for b in "${order[@]}"; do
      "$JAVA" -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main "$b" -f 1 "$@" 2>&1 \
        | grep -E '^[A-Z][A-Za-z0-9]*Benchmark[.]' | sed "s/^/$i /" | tee -a "$out"
    done
  done
  # columns: round, benchmark, [param], mode, cnt, score, ...
  awk -v keel="${keel##*.}" '{ side = ($2 ~ keel) ? "keel" : "ref"; param = (NF >= 9) ? $3 : "-";
         score = (NF >= 9) ? $6 : $5; s[$1 "|" param "|" side] = score; params[param] = 1; rounds[$1] = 1 }
       END { for (p in params) { n = 0; for (r in rounds) { k = s[r "|" p "|keel"]; c = s[r "|" p "|ref"];
               if (k != "" && c > 0) v[++n] = k / c }
             asort(v); printf "paired forks %s: Keel/reference per pair:", p; for (j = 1; j <= n; j++) printf " %.2f", v[j];
             printf "  median %.2f\n", (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2; delete v } }' "$out"
  rm -f "$out"
}
_l1_forks() {
  note l1-forks
  paired_forks 'cache.L1HitBenchmark.keelGetIfPresent' 'cache.L1HitBenchmark.caffeineGetIfPresent' -wi 3 -i 5
  note l1-forks-end
}
# What each part of an L1 hit costs: the 5-fork ratio of Keel with hits counted to raw Caffeine, with parts of
# Keel's hit path switched off by l1-decomposition.patch (applied to a scratch clone; its classes go first on the
# classpath), and with the unchanged code but a larger JIT inlining budget. Zipf keys only.
_l1_decompose() {
  SCRATCH="$(mktemp -d)"   # global: the EXIT trap runs after this function has returned
  git -C "$ROOT" worktree add -q --detach "$SCRATCH" HEAD
  trap 'git -C "$ROOT" worktree remove --force "$SCRATCH"' EXIT
  (cd "$SCRATCH" && git apply "$ROOT/keel-bench/scripts/l1-decomposition.patch" \
     && "$ROOT/mvnw" -B -q -o -pl keel-cache compile)
  local flags
  note l1-decompose
  for flags in "-Dkeel.diag.none=1" "-Dkeel.diag.noHitCount=true" "-Dkeel.diag.noReadCount=true" \
      "-Dkeel.diag.noHitCount=true -Dkeel.diag.noReadCount=true" "-Dkeel.diag.noHitCount=true -Dkeel.diag.bareHit=true" \
      "-XX:InlineSmallCode=6000"; do
    echo "-- $flags"
    CP="$SCRATCH/keel-cache/target/classes:$CP" jmh 'cache.L1HitBenchmark.(caffeine|keelCounted)GetIfPresent' -f "$FORKS" -wi 3 -i 5 \
      -p distribution=zipf \
      -jvmArgsAppend "$flags"
  done
  note l1-decompose-end
}
_l2_forks() {
  note l2-forks
  paired_forks 'cache.L2BulkReadBenchmark.keelGetAll' 'cache.L2BulkReadBenchmark.lettuceMget' -wi 3 -i 5
  note l2-forks-end
}
_memory() {   # goal: >= 100,000 writes/s (and >= 500,000 reads/s) through L1 with Redis write-behind
  note memory; jmh 'cache.MemoryStoreBenchmark.(write|caffeinePut)' -f 3 -wi 3 -i 5; note memory-end
}
_memory_read() {
  note memory-read; jmh 'cache.MemoryStoreBenchmark.read' -p keys=10000 -f 3 -wi 3 -i 5; note memory-read-end
}

locked() { CP="$CP" FORKS="$FORKS" flock "$LOCK" "$0" "$1"; }

case "${1:-all}" in
  l1) locked _l1 ;;
  l1-paired) locked _l1_paired ;;
  l1-forks) locked _l1_forks ;;
  l1-decompose) locked _l1_decompose ;;
  l2) locked _l2 ;;
  l2-forks) locked _l2_forks ;;
  memory) locked _memory; locked _memory_read ;;
  all) for step in _l1 _l1_paired _l1_forks _l2 _l2_forks _memory _memory_read; do locked "$step"; done ;;
  _l1|_l1_paired|_l1_forks|_l1_decompose|_l2|_l2_forks|_memory|_memory_read) "$1" ;;
  *) echo "usage: $0 l1|l1-paired|l1-forks|l1-decompose|l2|l2-forks|memory|all" >&2; exit 2 ;;
esac
