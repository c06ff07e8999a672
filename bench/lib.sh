#!/usr/bin/env bash
# Shared by bench/run.sh (pages) and bench/writes.sh (saves): publish a Release build, seed the demo
# data, start the app over HTTPS and sign in through the real form. Sourced, not run.
#
# After bench_start: $base, $work, $app_pid, $accounts (demo-accounts.txt), $database (the SQLite file),
# and the functions password_of EMAIL and sign_in EMAIL (prints the Cookie header to send).

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${PORT:-5443}
base="https://127.0.0.1:$port"
work="$bench_root/bench/.work"

bench_need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (Debian: apt-get install $tool)" >&2; exit 2; }
  done
}

# results/<UTC date and time>-<commit>[-dirty]: what was measured, so two runs can be compared.
bench_results_dir() { # kind
  local commit dirty=""
  commit=$(git -C "$bench_root" rev-parse --short HEAD)
  git -C "$bench_root" diff --quiet HEAD -- src || dirty="-dirty"
  local dir="$bench_root/bench/results/$(date -u '+%Y-%m-%dT%H%MZ')-$commit$dirty-$1"
  mkdir -p "$dir"
  echo "$dir"
}

bench_start() {
  rm -rf "$work"
  mkdir -p "$work/data"

  echo "== publishing Release build"
  dotnet publish "$bench_root/src/CoordinationPortal.Web" -c Release -o "$work/app" --nologo -v quiet >"$work/publish.log" \
    || { cat "$work/publish.log"; exit 1; }

  # A throwaway certificate: the session cookie is Secure, so the app is measured over HTTPS as served.
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
  # Production also wants a key-protection certificate outside the data folder.
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=bench key protection" \
    -keyout "$work/keys-key.pem" -out "$work/keys-cert.pem" 2>/dev/null
  openssl pkcs12 -export -inkey "$work/keys-key.pem" -in "$work/keys-cert.pem" -out "$work/keys.pfx" -passout pass:bench

  export ASPNETCORE_ENVIRONMENT=Production
  export Database__DataDirectory="$work/data"
  export DataProtection__CertificatePath="$work/keys.pfx"
  export DataProtection__CertificatePassword=bench
  export AllowedHosts=127.0.0.1
  export DOTNET_CLI_TELEMETRY_OPTOUT=1
  # Every client signs in from 127.0.0.1: the per-address sign-in limit is for attackers, not for this.
  export Security__SignInPostsPerMinute=10000

  echo "== seeding ${BENCH_YEARS:-5} years of demo data"
  # From the publish folder, as deployed: the working directory is the content root (appsettings.json).
  # As on a developer's machine: demo accounts ready to sign in, their passwords in demo-accounts.txt.
  (cd "$work/app" && ASPNETCORE_ENVIRONMENT=Development dotnet CoordinationPortal.Web.dll seed-demo --years "${BENCH_YEARS:-5}" | grep -E '^Demo data:')
  accounts="$work/data/demo-accounts.txt"
  database=$(find "$work/data" -maxdepth 1 -name '*.db' | head -1)
  [[ -s $accounts && -n $database ]] || { echo "bench: seed-demo made no accounts file or database in $work/data" >&2; exit 1; }
  if declare -F bench_before_start >/dev/null; then bench_before_start; fi

  echo "== starting the app on $base"
  (cd "$work/app" && ASPNETCORE_URLS="$base" Bench__Enabled=true \
    Kestrel__Certificates__Default__Path="$work/cert.pem" Kestrel__Certificates__Default__KeyPath="$work/key.pem" \
    exec dotnet CoordinationPortal.Web.dll >"$work/app.log" 2>&1) &
  app_pid=$!
  trap 'kill $app_pid 2>/dev/null || true; wait $app_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -ksf "$base/health" >/dev/null 2>&1 && return 0
    kill -0 $app_pid 2>/dev/null || { cat "$work/app.log"; exit 1; }
    sleep 0.5
  done
  echo "bench: the app did not answer /health within a minute" >&2
  exit 1
}

# Provincial officers (VWU) beyond the demo one, in the bench's own throwaway database: copies of the
# demo officer's row (its password hash too, so they share its password, see password_of) bound to
# other provinces. No bench-only command in the app, and nothing of this reaches a real database.
#   bench_add_officers "SELECT Id, Code FROM Provinces WHERE ..." prefix  -> <prefix><code>.vwu@bench.local
bench_add_officers() {
  sqlite3 "$database" <<SQL
INSERT INTO AspNetUsers (Id, FullName, Role, AgencyId, ProvinceId, IsActive, MustChangePassword, CreatedAtUtc, SearchText,
  UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PasswordHash, SecurityStamp, ConcurrencyStamp,
  PhoneNumber, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnd, LockoutEnabled, AccessFailedCount, LastAuthenticatorStep,
  EmailDigest, EmailReminders, Language)
SELECT lower(hex(randomblob(16))), 'Bench officer ' || p.Code, u.Role, u.AgencyId, p.Id, 1, 0, u.CreatedAtUtc,
  'bench officer ' || p.Code || ' $2' || p.Code || '.vwu@bench.local',
  '$2' || p.Code || '.vwu@bench.local', upper('$2' || p.Code || '.vwu@bench.local'),
  '$2' || p.Code || '.vwu@bench.local', upper('$2' || p.Code || '.vwu@bench.local'), 1, u.PasswordHash,
  upper(hex(randomblob(16))), lower(hex(randomblob(16))), NULL, 0, 0, NULL, 1, 0, NULL, u.EmailDigest, u.EmailReminders, u.Language
FROM AspNetUsers u JOIN ($1) p
WHERE u.NormalizedEmail = 'TUYENQUANG.VWU@DEMO.LOCAL';
SQL
}

# The province (valid today) whose VWU branch has the returned report with the most lines: a real-sized
# report that its officer may edit whatever the quarter's lock says. Tuyên Quang's demo officer has none.
returned_report_province_sql="SELECT p.Id, p.Code FROM QuarterlyReports r JOIN Provinces p ON p.Id = r.ProvinceId
  WHERE r.AgencyId = 1 AND r.State = 3 AND p.ValidTo IS NULL
  ORDER BY (SELECT count(*) FROM ReportLines l WHERE l.ReportId = r.Id) DESC, r.Id LIMIT 1"

# demo-accounts.txt: "Role | e-mail | password" lines; the bench's own officers share the demo officer's.
password_of() {
  [[ $1 == *@bench.local ]] && set -- tuyenquang.vwu@demo.local
  awk -F' \\| ' -v e="$1" '$2 == e { print $3 }' "$accounts"
}

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
