#!/usr/bin/env bash
# Wall time of a status query with 50 managed processes, median of 50 runs,
# side by side: runy status, supervisorctl status (Debian's supervisor) and
# pm2 jlist (npm), all managing the same 50 `sleep` processes.
#   bench/compare_status.sh BUILD_DIR
# Installs supervisor (apt) and pm2 (npm, into a temp dir) when missing.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
runs=${RUNS:-50}
work=$(mktemp -d /tmp/runy-bench-status-XXXXXX)
cleanup() {
  [ -n "${runyd_pid:-}" ] && kill "$runyd_pid" 2>/dev/null || true
  [ -n "${sup_conf:-}" ] && supervisorctl -c "$sup_conf" shutdown >/dev/null 2>&1 || true
  [ -n "${PM2_HOME:-}" ] && "$pm2" kill >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Median wall time in ms of running "$@" $runs times.
median_ms() {
  local i TIMEFORMAT=%3R
  for ((i = 0; i < runs; i++)); do
    { time "$@" >/dev/null 2>&1; } 2>&1
  done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] * 1000}'
}

# runy
{
  echo 'service("fifty").run(async (ctx) => {'
  for i in $(seq 1 50); do
    echo "  await ctx.process({ alias: \"p$i\", cmd: \"sleep\", args: [\"1000\"] });"
  done
  echo '});'
} > "$work/fifty.js"
"$build/server/runyd" --socket "$work/runyd.sock" --state-dir "$work/state" \
  --services "$work/fifty.js" --log-level warn 2>"$work/runyd.log" &
runyd_pid=$!
for _ in $(seq 100); do [ -S "$work/runyd.sock" ] && break; sleep 0.05; done
runy=("$build/cli/runy" --host "unix://$work/runyd.sock")
"${runy[@]}" start fifty >/dev/null
echo "runy status:          $(median_ms "${runy[@]}" status) ms"
echo "  (runy --version, no connection: $(median_ms "$build/cli/runy" --version) ms)"

# supervisord
if ! command -v supervisord >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq supervisor >/dev/null
fi
sup_conf="$work/supervisord.conf"
{
  echo "[unix_http_server]"; echo "file=$work/supervisor.sock"
  echo "[supervisord]"; echo "logfile=$work/supervisord.log"; echo "pidfile=$work/supervisord.pid"
  echo "childlogdir=$work"
  echo "[rpcinterface:supervisor]"
  echo "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface"
  echo "[supervisorctl]"; echo "serverurl=unix://$work/supervisor.sock"
  for i in $(seq 1 50); do
    echo "[program:p$i]"; echo "command=sleep 1000"; echo "autostart=true"
  done
} > "$sup_conf"
supervisord -c "$sup_conf"
for _ in $(seq 200); do
  [ "$(supervisorctl -c "$sup_conf" status 2>/dev/null | grep -c RUNNING)" = 50 ] && break
  sleep 0.1
done
echo "supervisorctl status: $(median_ms supervisorctl -c "$sup_conf" status) ms"

# pm2
pm2=$(command -v pm2 || true)
if [ -z "$pm2" ]; then
  (cd "$work" && npm install --silent --no-audit --no-fund pm2@5 >/dev/null 2>&1)
  pm2="$work/node_modules/.bin/pm2"
fi
export PM2_HOME="$work/pm2"
{
  echo "module.exports = { apps: ["
  for i in $(seq 1 50); do echo "  { name: 'p$i', script: 'sleep', args: '1000', autorestart: true },"; done
  echo "] };"
} > "$work/ecosystem.config.js"
"$pm2" start "$work/ecosystem.config.js" >/dev/null 2>&1
echo "pm2 jlist:            $(median_ms "$pm2" jlist) ms"
