#!/usr/bin/env bash
# Runs the whole suite RUNS times (default 10) with every core kept busy by BURNERS spinning
# processes (default: one per core), as issue 18 asks: each run's jest JSON and log go to OUT
# (default /tmp/selaras-burner), and one summary line per run to OUT/summary. Two clones running
# it side by side with BURNERS=0 keep the cores just as busy, each suite the other's burner;
# BURNER_NICE (default 0) runs the spinners at that niceness, so with two suites side by side a
# spinner at 19 burns only what the suites leave idle and the cores are never idle.
# Needs what `.ci/run` provides (PostgreSQL, Redis, Chromium, LibreOffice); `CI=true` makes a
# missing prerequisite fail instead of skipping.
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-10}"
OUT="${OUT:-/tmp/selaras-burner}"
mkdir -p "$OUT"
export CI=true
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
export NODE_OPTIONS='--experimental-vm-modules --no-warnings=ExperimentalWarning'

burners=()
stop_burners() { kill "${burners[@]}" 2>/dev/null || true; }
trap stop_burners EXIT
for _ in $(seq "${BURNERS:-$(nproc)}"); do
  nice -n "${BURNER_NICE:-0}" node -e 'for (;;) {}' &
  burners+=($!)
done

for i in $(seq "$RUNS"); do
  start=$(date +%s)
  npx jest --ci --json --outputFile="$OUT/run-$i.json" >"$OUT/run-$i.log" 2>&1
  rc=$?
  echo "run $i rc=$rc $(git rev-parse --short HEAD) $(($(date +%s) - start))s load=$(cut -d' ' -f1-3 /proc/loadavg)" |
    tee -a "$OUT/summary"
done
