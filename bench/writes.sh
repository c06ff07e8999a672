#!/usr/bin/env bash
# Write benchmark: OFFICERS provincial officers (default 20, each of its own province, VWU branch)
# saving report drafts and submitting, while REVIEWERS central officer sessions (default 2) return
# what was submitted; then saves alone, counting the rows each writes. See bench/writeload.py.
#
#   bench/writes.sh                       publish Release, seed demo data, 60 s of load
#   DURATION=20 OFFICERS=10 bench/writes.sh
#   WARMUP=15 bench/writes.sh             (seconds of the same load before the measured window; default 15)
#   SUBMIT_EVERY=5 THINK=0 bench/writes.sh (every 5th change submits; no pause between saves)
#
# Needs: dotnet, curl, openssl, sqlite3, python3 (Debian: apt-get install sqlite3 python3).
# Results (JSON, summary.md, the app's warnings) go to bench/results/<date>-<commit>-writes/.
#
# The officers beyond the demo ones are made in the bench's own throwaway database (bench_add_officers
# in lib.sh): no bench-only command in the app, nothing of this reaches a real database.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$bench_root"

officers=${OFFICERS:-20}
reviewers=${REVIEWERS:-2}
duration=${DURATION:-60}
# The app has just started: its first seconds under load are .NET compiling its hot paths (tiered
# JIT, a burst of finalizers), not what a running server does. They are measured and reported apart.
warmup=${WARMUP:-15}

bench_need dotnet curl openssl sqlite3 python3

bench_before_start() {
  echo "== adding $officers provincial officers (VWU, one per province valid today) and one with a returned report"
  # Not the province of the returned report: that one is kept for the saves alone, editable at the end.
  bench_add_officers "SELECT Id, Code FROM Provinces WHERE ValidTo IS NULL AND Id NOT IN (SELECT Id FROM ($returned_report_province_sql))
    ORDER BY Code LIMIT $officers" bench
  bench_add_officers "$returned_report_province_sql" returned
  local made
  made=$(sqlite3 "$database" "SELECT count(*) FROM AspNetUsers WHERE Email LIKE 'bench%@bench.local'")
  [[ $made == "$officers" ]] || { echo "bench: made $made officers, wanted $officers (only $(sqlite3 "$database" "SELECT count(*) FROM Provinces WHERE ValidTo IS NULL") provinces)" >&2; exit 1; }
}

bench_start
results=$(bench_results_dir writes)
password=$(password_of tuyenquang.vwu@demo.local)
returned_officer=$(sqlite3 "$database" "SELECT Email FROM AspNetUsers WHERE Email LIKE 'returned%@bench.local'")
sqlite3 "$database" "SELECT Email FROM AspNetUsers WHERE Email LIKE 'bench%@bench.local' ORDER BY Email" | sed "s/\$/ $password/" >"$work/officers.txt"
for _ in $(seq 1 "$reviewers"); do echo "vwu@demo.local $(password_of vwu@demo.local)"; done >"$work/reviewers.txt"

echo "== $officers officers and $reviewers reviewers for ${warmup} s of warm-up, then ${duration} s measured"
status=0
python3 bench/writeload.py --port "$port" --officers "$work/officers.txt" --reviewers "$work/reviewers.txt" \
  --database "$database" --warmup "$warmup" --duration "$duration" --submit-every "${SUBMIT_EVERY:-5}" --think "${THINK:-0}" \
  --also-returned-of "$returned_officer" "$password" --json "$results/result.json" >/dev/null || status=$?
# The app's warnings and errors only: its full log (every request) stays in bench/.work.
grep -E '^\[[0-9:]+ (WRN|ERR|FTL)\]' "$work/app.log" | head -500 >"$results/app-warnings.log" || true

python3 - "$results/result.json" >"$results/summary.md" <<'PY'
import json, sys, subprocess, datetime
r = json.load(open(sys.argv[1]))
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
print("# CoordinationPortal write benchmark\n")
print(f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}, commit {commit}. {r['officers']} provincial officers "
      f"({r['officers with a report']} with a report), {r['reviewers']} reviewer sessions, {r['duration s']} s measured after "
      f"{r.get('warm-up s', 0)} s of the same load as warm-up, every "
      f"{r['submit every']}th change submitted, think time {r['think s']} s. Latency of the POST until its redirect.\n")
print("| request | n | p50 ms | p95 ms | p99 ms | max ms | errors |\n|---|---:|---:|---:|---:|---:|---:|")
for k, v in r["latency ms"].items():
    print(f"| {k} | {v['n']} | {v['p50']} | {v['p95']} | {v['p99']} | {v['max']} | {r['errors'].get(k, 0)} |")
for k, n in r["errors"].items():
    if k not in r["latency ms"]:
        print(f"| {k} | 0 | | | | | {n} |")
if r.get("latency ms during the warm-up"):
    print("\nThe warm-up (the app just started), apart:\n")
    print("| request | n | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|")
    for k, v in r["latency ms during the warm-up"].items():
        print(f"| {k} | {v['n']} | {v['p50']} | {v['p95']} | {v['p99']} | {v['max']} |")
print(f"\nAudit entries per write (save, submit, return) during the load: {r['audit entries per write (save, submit, return) during the load']}.")
def rows(d):
    return "; ".join(f"{t} " + ", ".join(f"{n} {k}" for k, n in v.items()) for t, v in d.items()) or "none"
print(f"Rows changed during the load (net: a row updated many times counts once): {rows(r['rows changed during the load (net)'])}.\n")
for alone in r.get("saves alone", []):
    print(f"Saves alone (report {alone['report']} of {alone['lines']} lines, no other load), rows written per save:\n")
    for label in ("one field changed", "nothing changed"):
        v = alone[label]
        print(f"- {label} ({v['saves']} saves): {rows(v['rows written per save'])}")
    print()
if r["error samples"]:
    print("\nError samples:\n")
    for k, v in r["error samples"].items():
        for s in v:
            print(f"- {k}: `{s[:200]}`")
PY
cat "$results/summary.md"
echo
echo "bench: results in ${results#"$bench_root"/}"
exit $status
