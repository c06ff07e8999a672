#!/usr/bin/env bash
# A/B of two published apps on two copies of the same bench data (adapted from /tmp/envab.sh):
# APP=<published A> APPB=<published B> URL=/dashboard ROUNDS=5. CPU ms/request from /proc/<pid>/stat.
set -uo pipefail
D=/tmp/totals2/ab; W=/work/main/bench/.work
source /work/wt-totals/bench/lib.sh
work=$D; accounts=$D/src/demo-accounts.txt
rm -rf $D/src $D/dataA $D/dataB; cp -r $W/data $D/src; rm -f $D/src/portal.lock $D/src/portal.db.migrate.lock
cp -r $D/src $D/dataA; cp -r $D/src $D/dataB
export ASPNETCORE_ENVIRONMENT=Production DataProtection__CertificatePath="$W/keys.pfx" DataProtection__CertificatePassword=bench AllowedHosts=127.0.0.1 Security__SignInPostsPerMinute=10000 FragmentCache__Enabled=${FC:-false} Bench__Enabled=true
PA=5482; PB=15482
start() { # app data port
  (cd $1 && Database__DataDirectory="$2" ASPNETCORE_URLS="https://127.0.0.1:$3" Kestrel__Certificates__Default__Path="$W/cert.pem" Kestrel__Certificates__Default__KeyPath="$W/key.pem" exec dotnet CoordinationPortal.Web.dll >"$D/ab-$3.log" 2>&1) &
}
start $APP $D/dataA $PA
start $APPB $D/dataB $PB
for port in $PA $PB; do for _ in $(seq 1 240); do curl -ksf "https://127.0.0.1:$port/health/live" >/dev/null 2>&1 && break; sleep 0.5; done; done
pid_on() { ss -ltnp | grep -E "127.0.0.1:$1\b" | grep -oP 'pid=\K[0-9]+' | head -1; }
pa=$(pid_on $PA); pb=$(pid_on $PB); echo "pids A $pa B $pb"
trap 'kill $pa $pb 2>/dev/null' EXIT
USERMAIL=${USERMAIL:-leadership@demo.local}
base=https://127.0.0.1:$PA; ca=$(sign_in $USERMAIL)
base=https://127.0.0.1:$PB; cb=$(sign_in $USERMAIL)
URL=${URL:-/dashboard}
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
run() { local c0 c1 out n rps; c0=$(cpu $1); out=$(wrk -t1 -c8 -d${DURATION:-8s} -H "Cookie: $2" "$3"); c1=$(cpu $1)
  n=$(grep -oP '^\s*\K[0-9]+(?= requests in)' <<<"$out"); rps=$(grep -oP 'Requests/sec:\s*\K[0-9.]+' <<<"$out")
  awk -v r=$rps -v c=$((c1-c0)) -v n=$n 'BEGIN{printf "%.1f %.3f", r, c*10/n}'; }
size=$(curl -ks -H "Cookie: $ca" https://127.0.0.1:$PA$URL | wc -c); sizeb=$(curl -ks -H "Cookie: $cb" https://127.0.0.1:$PB$URL | wc -c)
fixed=/bench/fixed/$size
echo "$URL bytes A $size B $sizeb"
for u in $PA $PB; do c=$ca; [[ $u == $PB ]] && c=$cb; wrk -t1 -c8 -d${WARM:-12s} -H "Cookie: $c" https://127.0.0.1:$u$URL >/dev/null; wrk -t1 -c8 -d4s -H "Cookie: $c" https://127.0.0.1:$u$fixed >/dev/null; done
echo "round | A page rps cpu-ms | A fixed | B page | B fixed | A rps ratio | B rps ratio | A cpu ratio | B cpu ratio"
for r in $(seq 1 ${ROUNDS:-3}); do
  a=$(run $pa "$ca" https://127.0.0.1:$PA$URL); af=$(run $pa "$ca" https://127.0.0.1:$PA$fixed)
  b=$(run $pb "$cb" https://127.0.0.1:$PB$URL); bf=$(run $pb "$cb" https://127.0.0.1:$PB$fixed)
  echo "$r | $a | $af | $b | $bf | $(awk -v x="${a% *}" -v y="${af% *}" 'BEGIN{printf "%.3f", x/y}') | $(awk -v x="${b% *}" -v y="${bf% *}" 'BEGIN{printf "%.3f", x/y}') | $(awk -v x="${af#* }" -v y="${a#* }" 'BEGIN{printf "%.3f", x/y}') | $(awk -v x="${bf#* }" -v y="${b#* }" 'BEGIN{printf "%.3f", x/y}')"
done
