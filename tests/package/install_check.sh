#!/usr/bin/env bash
# The Debian package on a machine that never built runy: builds it with
# scripts/package, installs it with apt (which pulls in its dependencies),
# and runs the installed /usr/bin/runyd and /usr/bin/runy. Run it as root
# on a fresh Debian 12 (a throwaway container or chroot):
#   bash tests/package/install_check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=$(scripts/package | tail -1)
cp "$deb" /tmp/runy.deb
apt-get install -y -qq /tmp/runy.deb >/dev/null
fail() { echo "install_check: $*" >&2; exit 1; }
[ "$(command -v runy)" = /usr/bin/runy ] || fail "runy is not /usr/bin/runy"
[ "$(command -v runyd)" = /usr/bin/runyd ] || fail "runyd is not /usr/bin/runyd"
for f in /usr/share/man/man1/runy.1.gz /usr/share/man/man8/runyd.8.gz \
         /usr/share/man/man5/runy-service.5.gz \
         /usr/share/bash-completion/completions/runy \
         /usr/share/zsh/vendor-completions/_runy \
         /usr/share/fish/vendor_completions.d/runy.fish \
         /usr/share/runy/runy.d.ts /usr/lib/systemd/system/runyd.service \
         /usr/lib/systemd/user/runyd.service; do
  [ -s "$f" ] || fail "missing $f"
done
grep -q '^ExecStart=/usr/bin/runyd ' /usr/lib/systemd/system/runyd.service ||
  fail "the system unit does not start /usr/bin/runyd"
zcat /usr/share/man/man5/runy-service.5.gz | grep -q 'ctx.process' ||
  fail "runy-service(5) does not hold the service-file docs"

# A service, from the installed binaries only.
work=$(mktemp -d)
cat > "$work/hello.js" <<'JS'
service("hello").run(async (ctx) => {
  await ctx.process({ alias: "hello", cmd: "sh",
                      args: ["-c", "echo hello from the package; exec sleep 1000"] });
});
JS
export RUNY_SOCKET=$work/runyd.sock
/usr/bin/runyd --socket "$RUNY_SOCKET" --state-dir "$work/state" \
  --services "$work/hello.js" > "$work/runyd.log" 2>&1 &
runyd_pid=$!
trap 'kill $runyd_pid 2>/dev/null; wait $runyd_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -S "$RUNY_SOCKET" ] && break; sleep 0.1; done
runy version | grep -q "runyd 0.1" || fail "runy version: $(runy version 2>&1)"
runy start hello >/dev/null
for _ in $(seq 100); do
  runy logs hello 2>/dev/null | grep -q "hello from the package" && break
  sleep 0.1
done
runy logs hello | grep -q "hello from the package" || fail "no output: $(runy logs hello 2>&1)"
runy status hello | grep -q running || fail "not running: $(runy status 2>&1)"
echo "install_check: ok ($(basename "$deb"))"
