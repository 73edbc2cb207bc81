#!/usr/bin/env bash
# `runy status` latency while a service file keeps runyd's script thread
# busy (a catastrophic regular expression in a timer loop, each turn ended
# by the 1 s budget): medians and max of N calls (default 100), beside the
# same with an idle script thread. Usage: bench/status_under_script_load.sh
# BUILD_DIR [N]
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [N]}
n=${2:-100}
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$dir"' EXIT
cat > "$dir/idle.js" <<'JS'
service("idle", { autostart: true }).run(async (ctx) => {
  await ctx.process({ alias: "sleeper", cmd: "sleep", args: ["1000"] });
});
JS
cat > "$dir/spin.js" <<'JS'
const input = "a".repeat(27) + "!";
function spin() { setTimeout(spin, 0); try { /^(a+)+$/.test(input); } catch (e) {} }
service("spin").run(async () => { setTimeout(spin, 0); });
JS
"$build/server/runyd" --socket "$dir/s.sock" --state-dir "$dir/state" \
  --services "$dir/idle.js" --log-level error 2>"$dir/runyd.log" &
pid=$!
runy() { "$build/cli/runy" --host "unix://$dir/s.sock" "$@"; }
for _ in $(seq 50); do runy status >/dev/null 2>&1 && break; sleep 0.1; done
measure() {
  python3 - "$build/cli/runy" "unix://$dir/s.sock" "$n" "$1" <<'PY'
import statistics, subprocess, sys, time
runy, host, n, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
ms = []
for _ in range(n):
    t = time.monotonic()
    subprocess.run([runy, "--host", host, "status"], check=True,
                   stdout=subprocess.DEVNULL)
    ms.append((time.monotonic() - t) * 1000)
print(f"runy status, {label}: median {statistics.median(ms):.1f} ms, "
      f"max {max(ms):.1f} ms ({n} calls)")
PY
}
measure "script thread idle"
runy start "$dir/spin.js" >/dev/null
sleep 1
measure "script thread spinning"
