#!/usr/bin/env bash
# What an idle server costs once it holds many records: IDLE_LOAD seconds of the echo submit (wrk -c64, about
# 10,000 durable records a second on H2), then the CPU time of the maintenance thread (pruning, lease renewal,
# monitoring, warming) and of the whole server over IDLE seconds with no requests. Usage:
#   keel-bench/scripts/idle-maintenance.sh        # IDLE_LOAD=90 IDLE=150
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-server.sh"
build_if_needed
trap stop_keel EXIT
export KEEL_RATE_LIMIT=0
IDLE_LOAD="${IDLE_LOAD:-90}"
IDLE="${IDLE:-150}"

ticks() { awk '{print $14 + $15}' "$1"; }

start_keel idle "$@"
echo "== wrk -t$THREADS -c$CONNECTIONS -d${IDLE_LOAD}s echo submits, then ${IDLE}s idle"
machine_note
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${IDLE_LOAD}s" -s "$ROOT/keel-bench/scripts/echo.lua" "$KEEL_URL" | grep -E '^requests'
maintenance="$(dirname "$(grep -l '^keel-maintenan' /proc/"$KEEL_PID"/task/*/comm | head -1)")"
m0="$(ticks "$maintenance/stat")"; p0="$(ticks "/proc/$KEEL_PID/stat")"
sleep "$IDLE"
m1="$(ticks "$maintenance/stat")"; p1="$(ticks "/proc/$KEEL_PID/stat")"
hz="$(getconf CLK_TCK)"
echo "idle ${IDLE}s: maintenance thread $(( (m1 - m0) * 1000 / hz )) ms CPU, whole server $(( (p1 - p0) * 1000 / hz )) ms CPU"
