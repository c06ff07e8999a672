#!/usr/bin/env bash
# Measures the portal's busiest pages under load, against a fixed page of the same size served by
# the same app, so the ratio shows what the portal's own work (queries, rendering) costs.
#
#   bench/run.sh                 publish Release, seed 5 years of demo data, measure, print a table
#   DURATION=30s CONNECTIONS=32 bench/run.sh
#   ONLY=Dashboard bench/run.sh   (only the pages whose name contains this)
#
# Needs: dotnet, wrk, curl, openssl (Debian: apt-get install wrk curl openssl).
# Everything it makes lives in bench/.work (deleted at the start of each run); the table is also
# written to bench/results/<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

duration=${DURATION:-15s}
warmup=${WARMUP:-10s}  # tiered JIT: the first seconds of a page run unoptimised code
connections=${CONNECTIONS:-8}
threads=${THREADS:-1}   # a 2-core machine: one core for wrk, the rest for the app
port=${PORT:-5443}
base="https://127.0.0.1:$port"
work="$root/bench/.work"

for tool in dotnet wrk curl openssl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (Debian: apt-get install $tool)" >&2; exit 2; }
done

rm -rf "$work"
mkdir -p "$work/data" "$root/bench/results"

echo "== publishing Release build"
dotnet publish src/CoordinationPortal.Web -c Release -o "$work/app" --nologo -v quiet >"$work/publish.log" || { cat "$work/publish.log"; exit 1; }

# A throwaway certificate: the session cookie is Secure, so the app is measured over HTTPS as served.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

# Production also wants a key-protection certificate outside the data folder and its host names.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=bench key protection" \
  -keyout "$work/keys-key.pem" -out "$work/keys-cert.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$work/keys-key.pem" -in "$work/keys-cert.pem" -out "$work/keys.pfx" -passout pass:bench

export ASPNETCORE_ENVIRONMENT=Production
export Database__DataDirectory="$work/data"
export DataProtection__CertificatePath="$work/keys.pfx"
export DataProtection__CertificatePassword=bench
export AllowedHosts=127.0.0.1
export DOTNET_CLI_TELEMETRY_OPTOUT=1

echo "== seeding 5 years of demo data"
# From the publish folder, as deployed: the working directory is the content root (appsettings.json).
# As on a developer's machine: demo accounts ready to sign in, their passwords in demo-accounts.txt.
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Development dotnet CoordinationPortal.Web.dll seed-demo --years 5 | grep -E '^Demo data:')
accounts="$work/data/demo-accounts.txt"
password_of() { awk -F' \\| ' -v e="$1" '$2 == e { print $3 }' "$accounts"; }

echo "== starting the app on $base"
(cd "$work/app" && ASPNETCORE_URLS="$base" Bench__Enabled=true \
  Kestrel__Certificates__Default__Path="$work/cert.pem" Kestrel__Certificates__Default__KeyPath="$work/key.pem" \
  exec dotnet CoordinationPortal.Web.dll >"$work/app.log" 2>&1) &
app_pid=$!
trap 'kill $app_pid 2>/dev/null || true; wait $app_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -ksf "$base/health" >/dev/null 2>&1 && break
  kill -0 $app_pid 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.5
done

# Signs in through the real form (antiforgery token and all); prints the Cookie header to send.
sign_in() {
  local email=$1 jar="$work/$1.jar" token
  token=$(curl -ksS -c "$jar" -b "$jar" "$base/account/sign-in" | grep -oP 'name="__RequestVerificationToken" type="hidden" value="\K[^"]+' | head -1)
  curl -ksS -o /dev/null -c "$jar" -b "$jar" "$base/account/sign-in" \
    --data-urlencode "Email=$email" --data-urlencode "Password=$(password_of "$email")" \
    --data-urlencode "__RequestVerificationToken=$token"
  # Netscape cookie jar: HttpOnly cookies are written as "#HttpOnly_<domain>".
  awk -F'\t' 'NF == 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar"
}

leader=$(sign_in leader@demo.local)
officer=$(sign_in hagiang.vwu@demo.local)
[[ $leader == *portal.session* && $officer == *portal.session* ]] || { echo "bench: sign-in failed" >&2; exit 1; }

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

measure() { # cookie path -> "requests rps p50us p99us bytes bad"
  wrk -t1 -c"$connections" -d"$warmup" -H "Cookie: $1" "$base$2" >/dev/null
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/summary.lua -H "Cookie: $1" "$base$2" | grep '^BENCH ' | cut -d' ' -f2-
}
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }

{
  echo "CoordinationPortal benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD)"
  echo "wrk -t$threads -c$connections -d$duration over HTTPS, signed in, no Accept-Encoding (uncompressed); 5 years of demo data"
  printf '%-15s %9s %9s %9s %9s %9s %9s %9s %9s %7s\n' page "HTML B" "br B" "req/s" "p50 ms" "p99 ms" "fix req/s" "fix p50" "fix p99" ratio
} | tee "$work/table.txt"

for target in "${targets[@]}"; do
  IFS='|' read -r name cookie path <<<"$target"
  [[ -z ${ONLY:-} || $name == *"$ONLY"* ]] || continue
  status=$(curl -ksS -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  [[ $status == 200 ]] || { echo "bench: $path answered $status" >&2; exit 1; }
  bytes=$(curl -ksS -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" "$base$path")
  brotli=$(curl -ksS -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br' -H "Cookie: $cookie" "$base$path")
  read -r _ rps p50 p99 _ bad <<<"$(measure "$cookie" "$path")"
  read -r _ frps fp50 fp99 _ fbad <<<"$(measure "$cookie" "/bench/fixed/$bytes")"
  [[ $bad == 0 && $fbad == 0 ]] || echo "bench: $name had $bad failed requests, fixed page $fbad" >&2
  printf '%-15s %9s %9s %9s %9s %9s %9s %9s %9s %7s\n' "$name" "$bytes" "$brotli" "$rps" "$(ms "$p50")" "$(ms "$p99")" \
    "$frps" "$(ms "$fp50")" "$(ms "$fp99")" "$(awk -v a="$rps" -v b="$frps" 'BEGIN { printf "%.2f", a / b }')" | tee -a "$work/table.txt"
done

echo "(ratio = page req/s / fixed page req/s; the fixed page has the same size and goes through the same middleware)" | tee -a "$work/table.txt"
cp "$work/table.txt" "bench/results/$(date -u '+%Y-%m-%dT%H%M').txt"
