#!/usr/bin/env python3
"""Latency from a file write to the exec of the restarted process, median of
20, side by side: runy (watch: ["*.txt"], with the default 50 ms debounce
and with watchDebounce: 0), nodemon
and PM2's watch, all restarting the same probe child on the same change.

  bench/compare_watch.py BUILD_DIR [NODE_BIN_DIR]

NODE_BIN_DIR holds nodemon and pm2 (npm install nodemon pm2); they are
skipped when missing."""
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROUNDS = 20


def now_ns():
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def stamps(path):
    try:
        with open(path) as f:
            return [int(x) for x in f.read().split()]
    except FileNotFoundError:
        return []


def measure(name, stamp_file, watched_dir):
    """Writes a file ROUNDS times; each time waits for the next stamp."""
    deadline = time.time() + 30
    while not stamps(stamp_file):
        if time.time() > deadline:
            print(f"{name}: the probe never started")
            return None
        time.sleep(0.01)
    time.sleep(1.5)  # let start-up settle (tools ignore early events)
    latencies = []
    for i in range(ROUNDS):
        before = len(stamps(stamp_file))
        t0 = now_ns()
        with open(os.path.join(watched_dir, "change.txt"), "a") as f:
            f.write(f"{i}\n")
        deadline = time.time() + 10
        while len(stamps(stamp_file)) <= before and time.time() < deadline:
            time.sleep(0.0005)
        got = stamps(stamp_file)
        if len(got) <= before:
            print(f"{name}: no restart after a change")
            return None
        latencies.append((got[before] - t0) / 1e6)
        time.sleep(0.6)  # past any debounce before the next change
    return latencies


def report(name, latencies):
    if latencies:
        print(f"  {name:<14} median {statistics.median(latencies):7.1f} ms   "
              f"p90 {sorted(latencies)[int(0.9 * len(latencies)) - 1]:7.1f} ms")


def run_runy(build, probe, work, label, debounce):
    tag = "runy" if debounce is None else f"runy{debounce}"
    d = os.path.join(work, tag)
    os.makedirs(d)
    stamp_file = os.path.join(work, tag + ".stamps")
    extra = "" if debounce is None else f", watchDebounce: {debounce}"
    with open(os.path.join(d, "probe.js"), "w") as f:
        f.write('service("probe").run(async (ctx) => {\n'
                f'  await ctx.process({{ alias: "probe", cmd: "{probe}", '
                f'args: ["{stamp_file}", "--wait"], watch: ["*.txt"]{extra} }});\n}});\n')
    sock = os.path.join(work, tag + ".sock")
    runyd = subprocess.Popen([os.path.join(build, "server", "runyd"), "--socket", sock,
                              "--state-dir", os.path.join(work, tag + "-state"), "--services",
                              os.path.join(d, "probe.js"), "--log-level", "warn"])
    for _ in range(200):
        if os.path.exists(sock):
            break
        time.sleep(0.01)
    subprocess.run([os.path.join(build, "cli", "runy"), "--host", "unix://" + sock,
                    "start", "probe"], stdout=subprocess.DEVNULL)
    report(label, measure(label, stamp_file, d))
    runyd.send_signal(signal.SIGTERM)
    runyd.wait()


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    node_bin = sys.argv[2] if len(sys.argv) > 2 else ""
    probe = os.path.join(build, "bench", "stamp")
    work = tempfile.mkdtemp(prefix="runy-bench-watch-")
    print(f"write -> exec of the restarted process, median of {ROUNDS}:")
    try:
        for label, debounce in (("runy", None), ("runy (0 ms)", 0)):
            run_runy(build, probe, work, label, debounce)

        nodemon = os.path.join(node_bin, "nodemon")
        if os.path.exists(nodemon):
            d = os.path.join(work, "nodemon")
            os.makedirs(d)
            stamp_file = os.path.join(work, "nodemon.stamps")
            p = subprocess.Popen([nodemon, "--watch", d, "-e", "txt", "--exec",
                                  f"{probe} {stamp_file} --wait"], cwd=d,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
            report("nodemon", measure("nodemon", stamp_file, d))
            os.killpg(p.pid, signal.SIGTERM)
            p.wait()

        pm2 = os.path.join(node_bin, "pm2")
        if os.path.exists(pm2):
            d = os.path.join(work, "pm2")
            os.makedirs(d)
            stamp_file = os.path.join(work, "pm2.stamps")
            env = dict(os.environ, PM2_HOME=os.path.join(work, "pm2home"))
            subprocess.run([pm2, "start", probe, "--name", "probe", "--watch", d,
                            "--", stamp_file, "--wait"], cwd=d, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            report("pm2 --watch", measure("pm2", stamp_file, d))
            subprocess.run([pm2, "kill"], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
