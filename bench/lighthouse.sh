#!/usr/bin/env bash
# Lighthouse, mobile preset (slow 4G, 4x CPU slowdown), on the dashboard, a report form and the home
# page, signed in, RUNS times each (default 3); the median run per page goes into summary.md.
#
#   bench/lighthouse.sh                 # apt-get install -y chromium nodejs npm curl openssl sqlite3
#   RUNS=5 bench/lighthouse.sh
#   ONLY=Dashboard RUNS=1 bench/lighthouse.sh
#
# Lighthouse is pinned in bench/lighthouse/package-lock.json (12.2.3: 13 wants Node 22) and installed
# here with npm ci. Chromium is Debian's (CHROME_PATH, default /usr/bin/chromium).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$bench_root"

runs=${RUNS:-3}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

bench_need dotnet node npm curl openssl sqlite3 gzip
[[ -x $CHROME_PATH ]] || { echo "bench: no Chromium at $CHROME_PATH (Debian: apt-get install chromium)" >&2; exit 2; }
(cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error)
lighthouse=bench/lighthouse/node_modules/.bin/lighthouse

bench_before_start() { bench_add_officers "$returned_report_province_sql" returned; }
bench_start
results=$(bench_results_dir lighthouse)
mkdir -p "$results/raw"

leader=$(sign_in leadership@demo.local)
officer_email=$(sqlite3 "$database" "SELECT Email FROM AspNetUsers WHERE Email LIKE 'returned%@bench.local'")
officer=$(sign_in "$officer_email")
[[ $leader == *portal.session* ]] || { echo "bench: sign-in as leadership@demo.local failed" >&2; exit 1; }
[[ $officer == *portal.session* ]] || { echo "bench: sign-in as $officer_email failed" >&2; exit 1; }
report_id=$(curl -ksS -H "Cookie: $officer" "$base/reports?State=Returned" | grep -oP 'href="/reports/\K[0-9]+(?=")' | head -1)
[[ -n $report_id ]] || { echo "bench: no returned report for $officer_email" >&2; exit 1; }

# The provincial officer's home page: the people on the slowest links.
targets=(
  "Dashboard|$leader|/dashboard"
  "Report form|$officer|/reports/$report_id/edit"
  "Home|$officer|/"
)

# One Lighthouse run: "performance tbt_ms lcp_ms cls best_practices bytes console_errors".
lighthouse_run() { # cookie path jsonfile
  # The session cookie goes with every request to the app (the only origin the pages load from);
  # Chromium is a fresh profile each run, so every run is a first visit with a cold cache.
  "$lighthouse" "$base$2" --quiet --output=json --output-path="$3" \
    --extra-headers="$(node -e 'console.log(JSON.stringify({ Cookie: process.argv[1] }))' "$1")" \
    --chrome-flags="--headless=new --no-sandbox --ignore-certificate-errors" \
    --only-categories=performance,best-practices >/dev/null 2>"$3.log" || { cat "$3.log" >&2; return 1; }
  node -e '
    const r = require(process.argv[1]);
    const a = r.audits, n = (id) => a[id] && a[id].numericValue;
    const errors = (a["errors-in-console"].details.items || []).length;
    console.log([Math.round(r.categories.performance.score * 100), Math.round(n("total-blocking-time")),
      Math.round(n("largest-contentful-paint")), n("cumulative-layout-shift").toFixed(3),
      Math.round(r.categories["best-practices"].score * 100), n("total-byte-weight"), errors].join(" "));
    if (r.runtimeError) { console.error(r.runtimeError.message); process.exit(1); }
  ' "$(realpath "$3")"
}

median_of() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

summary="$results/summary.md"
{
  echo "# CoordinationPortal Lighthouse (mobile preset)"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) cores (shared), Lighthouse" \
    "$("$lighthouse" --version), $("$CHROME_PATH" --version 2>/dev/null | head -1)."
  echo "Mobile preset (simulated slow 4G, 4x CPU slowdown), signed in, cold cache, ${BENCH_YEARS:-5} years of demo data,"
  echo "$runs runs per page. Each row is the run with the median performance score; the spread column gives"
  echo "min–max of the score and of TBT over the runs. Bytes: transferred (compressed as sent), every request of the page."
  echo "Raw reports in raw/ (gzipped JSON, screenshots left out)."
  echo
  echo "| page | performance | spread (score; TBT ms) | TBT ms | LCP ms | CLS | best practices | bytes | console errors |"
  echo "|---|---:|---|---:|---:|---:|---:|---:|---:|"
} >"$summary"

for target in "${targets[@]}"; do
  IFS='|' read -r name cookie path <<<"$target"
  [[ -z ${ONLY:-} || $name == *"$ONLY"* ]] || continue
  slug=$(tr 'A-Z ' 'a-z-' <<<"$name")
  status=$(curl -ksS -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  [[ $status == 200 ]] || { echo "bench: $path answered $status" >&2; exit 1; }
  echo "== $name ($path): $runs Lighthouse runs"
  lines=()
  for run in $(seq 1 "$runs"); do
    json="$results/raw/$slug-r$run.json"
    line=$(lighthouse_run "$cookie" "$path" "$json")
    lines+=("$line")
    # The screenshots are most of a report's size and no figure: kept out of the raw copy.
    node -e '
      const fs = require("fs"), r = JSON.parse(fs.readFileSync(process.argv[1]));
      delete r.fullPageScreenshot;
      for (const id of ["screenshot-thumbnails", "final-screenshot"]) { if (r.audits[id]) delete r.audits[id].details; }
      fs.writeFileSync(process.argv[1], JSON.stringify(r));
    ' "$json"
    gzip -f "$json"
    rm -f "$json.log"
    echo "   run $run: performance TBT LCP CLS best-practices bytes console-errors = $line"
  done
  scores=() tbts=()
  for line in "${lines[@]}"; do read -r s t _ <<<"$line"; scores+=("$s"); tbts+=("$t"); done
  # The run whose score is the median (ties: the one with the median TBT among them).
  median_score=$(median_of "${scores[@]}")
  chosen=$(printf '%s\n' "${lines[@]}" | awk -v s="$median_score" '$1 == s' | sort -k2,2g | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }')
  read -r perf tbt lcp cls bp bytes errors <<<"$chosen"
  lo=$(printf '%s\n' "${scores[@]}" | sort -g | head -1) hi=$(printf '%s\n' "${scores[@]}" | sort -g | tail -1)
  tlo=$(printf '%s\n' "${tbts[@]}" | sort -g | head -1) thi=$(printf '%s\n' "${tbts[@]}" | sort -g | tail -1)
  echo "| $name | $perf | $lo–$hi; $tlo–$thi | $tbt | $lcp | $cls | $bp | $bytes | $errors |" >>"$summary"
done

# What MapStaticAssets sends for the dashboard's files (Chart.js too, fetched by dashboard.js when a
# chart nears the screen): pre-compressed brotli and a year of caching under the fingerprinted URL.
{
  echo
  echo "Dashboard files as served (Accept-Encoding: br, gzip):"
  echo
  echo "| file | encoding | bytes | cache-control |"
  echo "|---|---|---:|---|"
  curl -ksS -H "Cookie: $leader" "$base/dashboard" | grep -oP '(href|src|data-chart-src)="\K/[^"]+\.(css|js|svg)(?=")' | sort -u | while read -r file; do
    curl -ksS -o /dev/null -D - -H 'Accept-Encoding: br, gzip' "$base$file" | tr -d '\r' | awk -v f="$file" -F': ' '
      tolower($1) == "content-encoding" { e = $2 } tolower($1) == "content-length" { n = $2 } tolower($1) == "cache-control" { c = $2 }
      END { printf "| %s | %s | %s | %s |\n", f, e ? e : "none", n, c }'
  done
} >>"$summary"

echo
cat "$summary"
echo
echo "bench: results in ${results#"$bench_root"/}"
