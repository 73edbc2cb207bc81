#!/usr/bin/env python3
"""Log capture side by side: the same child writes 200 MB of 100-byte lines
(in 1 MiB writes, then one line per write) under runyd and under
supervisord, and straight to a file; time from the start command until the
whole output is in the log file. Medians of 3. Also the size of runy's
index beside its plain-text file, and runyd's CPU time with and without an
onExit hook on the writer (a hook sees the exit's last lines, so it must not
cost the capture anything while the process runs).

  bench/compare_capture.py BUILD_DIR [MEGABYTES]

supervisord (Debian's supervisor package) is skipped when missing."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROUNDS = 3


def wait_size(path, size, timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if os.path.getsize(path) >= size:
                return True
        except FileNotFoundError:
            pass
        time.sleep(0.001)
    return False


def wait_for(predicate, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def direct(writer, total, mode, work):
    path = os.path.join(work, "direct.log")
    t0 = time.monotonic()
    subprocess.run([writer, str(total), mode, path], check=True)
    return time.monotonic() - t0


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def runy(build, writer, total, mode, work, on_exit=False):
    state = os.path.join(work, "runy-state")
    sock = os.path.join(work, "runy.sock")
    service = os.path.join(work, "capture.js")
    with open(service, "w") as f:
        f.write('service("capture").run(async (ctx) => {\n'
                f'  await ctx.process({{ alias: "writer", cmd: "{writer}", '
                f'args: ["{total}", "{mode}"], restart: {{ kind: "never" }}'
                + (', onExit: async () => ({ restart: false })' if on_exit else '')
                + ' });\n});\n')
    daemon = subprocess.Popen(
        [os.path.join(build, "server/runyd"), "--socket", sock,
         "--state-dir", state, "--services", service, "--log-level", "error",
         "--log-max-size", "100G"])
    cli = [os.path.join(build, "cli/runy"), "--host", "unix://" + sock]
    try:
        if not wait_for(lambda: subprocess.run(
                cli + ["status"], capture_output=True).returncode == 0):
            raise RuntimeError("runyd did not start")
        log = os.path.join(state, "logs", "writer.log")
        t0 = time.monotonic()
        subprocess.run(cli + ["start", "capture"], check=True,
                       capture_output=True)
        if not wait_size(log, total):
            raise RuntimeError("runy: the log never reached its size")
        seconds = time.monotonic() - t0
        cpu = cpu_seconds(daemon.pid)
        index = os.path.join(state, "logs", ".index", "writer.log.idx")
        return seconds, cpu, os.path.getsize(log), os.path.getsize(index)
    finally:
        daemon.terminate()
        daemon.wait()
        shutil.rmtree(state, ignore_errors=True)


def supervisord(writer, total, mode, work):
    conf = os.path.join(work, "supervisord.conf")
    sock = os.path.join(work, "supervisor.sock")
    log = os.path.join(work, "writer-super.log")
    with open(conf, "w") as f:
        f.write(f"""[supervisord]
logfile={work}/supervisord.log
pidfile={work}/supervisord.pid
nodaemon=true
[unix_http_server]
file={sock}
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://{sock}
[program:writer]
command={writer} {total} {mode}
autostart=false
autorestart=false
startsecs=0
stdout_logfile={log}
stdout_logfile_maxbytes=0
""")
    daemon = subprocess.Popen(["supervisord", "-c", conf],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    ctl = ["supervisorctl", "-c", conf]
    try:
        if not wait_for(lambda: subprocess.run(
                ctl + ["status"], capture_output=True).returncode in (0, 3)):
            raise RuntimeError("supervisord did not start")
        t0 = time.monotonic()
        subprocess.Popen(ctl + ["start", "writer"], stdout=subprocess.DEVNULL)
        if not wait_size(log, total):
            raise RuntimeError("supervisord: the log never reached its size")
        return time.monotonic() - t0
    finally:
        daemon.terminate()
        daemon.wait()
        if os.path.exists(log):
            os.unlink(log)


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    build = os.path.abspath(sys.argv[1])
    megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    total = megabytes * 1000000
    writer = os.path.join(build, "bench/writer")
    have_super = shutil.which("supervisord") is not None
    print(f"capture of {megabytes} MB of 100-byte lines, median of {ROUNDS}")
    for mode in ("chunk", "line"):
        times = {"direct": [], "runy": [], "runy+onExit": [],
                 "supervisord": []}
        cpu = {"runy": [], "runy+onExit": []}
        sizes = None
        for _ in range(ROUNDS):
            with tempfile.TemporaryDirectory() as work:
                times["direct"].append(direct(writer, total, mode, work))
                seconds, used, text, index = runy(build, writer, total, mode,
                                                  work)
                times["runy"].append(seconds)
                cpu["runy"].append(used)
                sizes = (text, index)
                seconds, used, _, _ = runy(build, writer, total, mode, work,
                                           on_exit=True)
                times["runy+onExit"].append(seconds)
                cpu["runy+onExit"].append(used)
                if have_super:
                    times["supervisord"].append(
                        supervisord(writer, total, mode, work))
        line = f"  {mode:5} writes:"
        for name, values in times.items():
            if values:
                line += f" {name} {statistics.median(values):.3f} s,"
        print(line.rstrip(","))
        print("         runyd's CPU: " + ", ".join(
            f"{name} {statistics.median(values):.2f} s"
            for name, values in cpu.items()))
        print(f"         runy's files: {sizes[0] / 1e6:.1f} MB of text, "
              f"{sizes[1] / 1e3:.1f} kB of index")
    return 0


if __name__ == "__main__":
    sys.exit(main())
