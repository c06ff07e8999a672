#!/usr/bin/env bash
# Measures the portal's busiest pages under load, each beside a fixed page of the same size served
# by the same app, so the ratio shows what the portal's own work (queries, rendering) costs.
#
#   bench/run.sh                   publish Release, seed 5 years of demo data, measure, write a table
#   ROUNDS=5 DURATION=30s bench/run.sh
#   ONLY=Dashboard bench/run.sh     (only the pages whose name contains this)
#   FragmentCache__Enabled=false ONLY=Dashboard bench/run.sh   (the dashboard computed on every request)
#
# Each page is measured ROUNDS times (default 3), each round the page and then its fixed page, so
# both see the same machine load; the table gives the median and the spread (min-max) of the
# requests/s and of the per-round ratio. The machine is shared with wrk: compare ratios, not req/s.
#
# Needs: dotnet, wrk, curl, openssl, sqlite3 (Debian: apt-get install wrk curl openssl sqlite3).
# The app and its data live in bench/.work (deleted at the start of each run); the raw wrk outputs
# and summary.md go to bench/results/<date>-<commit>-pages/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$bench_root"

duration=${DURATION:-15s}
warmup=${WARMUP:-10s}  # tiered JIT: the first seconds of a page run unoptimised code
rounds=${ROUNDS:-3}
connections=${CONNECTIONS:-8}
threads=${THREADS:-1}   # a 2-core machine: one core for wrk, the rest for the app

bench_need dotnet wrk curl openssl sqlite3
# The report form is measured on a real-sized returned report; the demo officer's province has none.
bench_before_start() { bench_add_officers "$returned_report_province_sql" returned; }
bench_start
results=$(bench_results_dir pages)
mkdir -p "$results/raw"

leader=$(sign_in leadership@demo.local)
officer_email=$(sqlite3 "$database" "SELECT Email FROM AspNetUsers WHERE Email LIKE 'returned%@bench.local'")
officer=$(sign_in "$officer_email")
[[ $leader == *portal.session* ]] || { echo "bench: sign-in as leadership@demo.local failed" >&2; exit 1; }
[[ $officer == *portal.session* ]] || { echo "bench: sign-in as $officer_email failed" >&2; exit 1; }

page() { curl -ksS -H "Cookie: $1" "$base$2"; }
plan_id=$(page "$leader" /plans | grep -oP 'href="/plans/\K[0-9]+(?="[^>]*>[^<]*468/KH)' | head -1)
# A returned report: the officer may always edit it, whatever the quarter's lock says.
report_id=$(page "$officer" "/reports?State=Returned" | grep -oP 'href="/reports/\K[0-9]+(?=")' | head -1)
[[ -n $plan_id && -n $report_id ]] || { echo "bench: could not find Plan 468 ($plan_id) or a returned report ($report_id)" >&2; exit 1; }

# name | who | path
targets=(
  "Dashboard|$leader|/dashboard"
  "Plan 468 page|$leader|/plans/$plan_id"
  "Report list|$leader|/reports"
  "Report form|$officer|/reports/$report_id/edit"
)

run_wrk() { # cookie path rawfile -> "requests rps p50us p99us bytes bad"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/summary.lua -H "Cookie: $1" "$base$2" >"$3"
  grep '^BENCH ' "$3" | cut -d' ' -f2-
}
# Median and min-max of numbers given as arguments: "median min max".
stats() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'; }
fmt() { awk -v v="$1" -v f="$2" 'BEGIN { printf f, v }'; }
spread() { # "median min max" format -> "median (min-max)"
  local m lo hi; read -r m lo hi <<<"$1"
  echo "$(fmt "$m" "$2") ($(fmt "$lo" "$2")–$(fmt "$hi" "$2"))"
}

summary="$results/summary.md"
{
  echo "# CoordinationPortal page benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) cores (shared with wrk)."
  echo "wrk -t$threads -c$connections -d$duration (after a ${warmup} warm-up per page), $rounds rounds, HTTPS, signed in,"
  echo "no Accept-Encoding (uncompressed), ${BENCH_YEARS:-5} years of demo data. Each cell: median (min–max) over the rounds;"
  echo "the ratio is page req/s / fixed page req/s of the same round. Raw wrk outputs in raw/."
  # The dashboard is served from its fragment cache after the first request unless switched off.
  if [[ ${FragmentCache__Enabled:-true} == false ]]; then
    echo "Dashboard cache OFF (FragmentCache__Enabled=false): every dashboard request computed."
  else
    echo "Dashboard cache on: the dashboard is computed once, then served from the fragment cache."
  fi
  echo
  echo "| page | HTML B | br B | req/s | fixed req/s | ratio | p50 ms | p99 ms | fixed p50 ms | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$summary"

for target in "${targets[@]}"; do
  IFS='|' read -r name cookie path <<<"$target"
  [[ -z ${ONLY:-} || $name == *"$ONLY"* ]] || continue
  slug=$(tr 'A-Z ' 'a-z-' <<<"$name")
  status=$(curl -ksS -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  [[ $status == 200 ]] || { echo "bench: $path answered $status" >&2; exit 1; }
  bytes=$(curl -ksS -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" "$base$path")
  brotli=$(curl -ksS -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br' -H "Cookie: $cookie" "$base$path")
  fixed="/bench/fixed/$bytes"

  echo "== $name ($path, $bytes B): warm-up, then $rounds rounds"
  wrk -t1 -c"$connections" -d"$warmup" -H "Cookie: $cookie" "$base$path" >/dev/null
  wrk -t1 -c"$connections" -d"$warmup" -H "Cookie: $cookie" "$base$fixed" >/dev/null
  rps=() frps=() ratios=() p50s=() p99s=() fp50s=() bad=0
  for round in $(seq 1 "$rounds"); do
    read -r _ r p50 p99 _ b <<<"$(run_wrk "$cookie" "$path" "$results/raw/$slug-r$round-page.txt")"
    read -r _ fr fp50 _ _ fb <<<"$(run_wrk "$cookie" "$fixed" "$results/raw/$slug-r$round-fixed.txt")"
    rps+=("$r") frps+=("$fr") p50s+=("$p50") p99s+=("$p99") fp50s+=("$fp50")
    ratios+=("$(awk -v a="$r" -v b="$fr" 'BEGIN { printf "%.4f", a / b }')")
    bad=$((bad + b + fb))
    echo "   round $round: $r req/s, fixed $fr req/s, ratio ${ratios[-1]}"
  done
  [[ $bad == 0 ]] || echo "bench: $name had $bad failed requests (page and fixed page)" >&2
  ms() { read -r m _ <<<"$(stats "$@")"; awk -v us="$m" 'BEGIN { printf "%.1f", us / 1000 }'; }
  echo "| $name | $bytes | $brotli | $(spread "$(stats "${rps[@]}")" '%.0f') | $(spread "$(stats "${frps[@]}")" '%.0f') |" \
    "$(spread "$(stats "${ratios[@]}")" '%.2f') | $(ms "${p50s[@]}") | $(ms "${p99s[@]}") | $(ms "${fp50s[@]}") | $bad |" >>"$summary"
done

# The app's warnings and errors only: its full log (every request) stays in bench/.work.
grep -E '^\[[0-9:]+ (WRN|ERR|FTL)\]' "$work/app.log" | head -500 >"$results/raw/app-warnings.log" || true
echo
cat "$summary"
echo
echo "bench: results in ${results#"$bench_root"/}"
