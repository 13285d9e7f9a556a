#!/usr/bin/env bash
# Runs every JMH benchmark once (one fork, no warmup, one 100 ms iteration; SingleShotTime
# benchmarks one shot) so that none rots; exits non-zero as soon as one fails.
#
#   perfkit-bench/smoke.sh                  # builds the jar, runs them all
#   perfkit-bench/smoke.sh EmfFlush         # a JMH filter and options may follow
#   PERFKIT_BENCH_SKIP_BUILD=1 perfkit-bench/smoke.sh   # reuse perfkit-bench/target/benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${PERFKIT_BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q -pl perfkit-bench -am package -DskipTests
fi

results="$(mktemp)"
trap 'rm -f "$results"' EXIT

java -jar perfkit-bench/target/benchmarks.jar \
  -f 1 -wi 0 -i 1 -r 100ms -to 2m -foe true -rf json -rff "$results" "$@"

ran="$(grep -c '"benchmark" :' "$results" || true)"
if [[ "$ran" -eq 0 ]]; then
  echo "smoke: no benchmark ran" >&2
  exit 1
fi
echo "smoke: $ran passed, 0 failed"
