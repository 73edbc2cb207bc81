#!/usr/bin/env python3
"""Runs test262 tests with `runyd --eval` and reports pass rates.

  tests/test262/run.py --runyd PATH [PATH...] [-j N] [--timeout S]
                       [--depth N] [--modes both|non-strict|strict]
                       [--expectations FILE [--update-expectations]]
                       [--failures] [--verbose]

PATHs are test files or directories (default: the whole vendored test/).
Each test runs as INTERPRETING.md prescribes: harness/assert.js, sta.js,
doneprintHandle.js (async tests) and the test's includes are prepended;
tests without noStrict, onlyStrict or raw run once non-strict and once with
"use strict" (the strict run is skipped once the non-strict one failed); a
test passes when every run of it passes. A negative test rejected by the
lowering's "X is not supported" SyntaxError fails: that error is not the
early error the test is about.

With --expectations, every failing test not listed in FILE is a regression
(exit 1); listed tests that pass are reported, to be removed from the file.
--update-expectations rewrites FILE from this run instead.
"""

import os
import sys

# This directory's select.py would shadow the standard module select, which
# subprocess needs: import the standard library without it.
ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != ROOT]

import argparse  # noqa: E402
import collections  # noqa: E402
import concurrent.futures  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

sys.path.insert(0, ROOT)
import expectations  # noqa: E402
import frontmatter  # noqa: E402

TEST_DIR = os.path.join(ROOT, "test")
HARNESS_DIR = os.path.join(ROOT, "harness")

# The host-defined print of INTERPRETING.md: a writable, configurable,
# non-enumerable global that prints its arguments as one line.
PRINT = ('Object.defineProperty(globalThis, "print", {value: function () '
         '{ console.log(Array.prototype.join.call(arguments, " ")); }, '
         'writable: true, configurable: true, enumerable: false});\n')
# Printed first by negative tests: tells a parse error (never printed) from
# a runtime one.
STARTED = "Test262:Started"
ASYNC_DONE = "Test262:AsyncTestComplete"
ASYNC_FAILURE = "Test262:AsyncTestFailure:"

# How runyd --eval reports an error on stderr:
#   FILE:LINE:COL: SyntaxError: message        the lowering rejected the file
#   Uncaught [(in promise) ]Type: message      an uncaught throw (Duktape's
#                                              own parse errors included)
LOWERING_ERROR = re.compile(r"^\S*?:\d+:\d+: (\w+): (.*)$")
UNCAUGHT = re.compile(r"^Uncaught (?:\(in promise\) )?(.*)$")


class Result:
    """The outcome of one test: passed, or why not."""

    def __init__(self, passed, reason="", detail=""):
        self.passed = passed
        self.reason = reason
        self.detail = detail


def modes_of(flags, choice):
    """The modes ("non-strict", "strict") a test runs in."""
    if "raw" in flags or "noStrict" in flags:
        modes = ["non-strict"]
    elif "onlyStrict" in flags:
        modes = ["strict"]
    else:
        modes = ["non-strict", "strict"]
    if choice != "both":
        restricted = [mode for mode in modes if mode == choice]
        # A test that cannot run in the chosen mode runs in its only one.
        modes = restricted or modes
    return modes


class Harness:
    """Reads and caches harness files."""

    def __init__(self, directory):
        self.directory = directory
        self.cache = {}

    def get(self, name):
        if name not in self.cache:
            with open(os.path.join(self.directory, name),
                      encoding="utf-8", newline="") as f:
                self.cache[name] = f.read()
        return self.cache[name]


def assemble(source, meta, mode, harness):
    """The text runyd runs for `source` in `mode`."""
    flags = meta.get("flags") or []
    if "raw" in flags:
        return source
    parts = []
    if mode == "strict":
        parts.append('"use strict";\n')
    parts.append(PRINT)
    if meta.get("negative"):
        parts.append('print("%s");\n' % STARTED)
    names = ["assert.js", "sta.js"]
    if "async" in flags:
        names.append("doneprintHandle.js")
    names += meta.get("includes") or []
    for name in names:
        parts.append(harness.get(name))
        parts.append("\n")
    parts.append(source)
    return "".join(parts)


def reported_error(stderr):
    """(type, message) of the error runyd reported on stderr, or None."""
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        match = LOWERING_ERROR.match(line)
        if match:
            return match.group(1), match.group(2), True
        match = UNCAUGHT.match(line)
        if match:
            # A thrown object may be printed over several lines; its stack,
            # if any, follows as "    at ..." lines.
            text = match.group(1)
            for more in lines[i + 1:]:
                if more.startswith("    at "):
                    break
                text += " " + more.strip()
            name = re.match(r"[\w$]+", text)
            kind = name.group(0) if name else text
            message = text[len(kind):].lstrip(": ")
            return kind, message, False
    return None


def simplify(message):
    """A message without the specifics that keep similar failures apart."""
    message = re.sub(r"\s*\(line \d+[^)]*\)", "", message)
    message = re.sub(r"«[^»]*»", "«»", message)
    message = re.sub(r"\s+", " ", message).strip()
    if len(message) > 90:
        message = message[:87] + "..."
    return message


def failure_reason(kind, message, from_lowering):
    """A short category for a reported error."""
    unsupported = re.match(r"(?:the )?(.*?) (?:is|are) not supported$",
                           message)
    if from_lowering and unsupported:
        return "unsupported: " + unsupported.group(1)
    if kind == "Test262Error":
        # Test262Error { message: '...' } as runyd prints a thrown object.
        quoted = re.search(r"message: (['\"])(.*)", message, re.S)
        if quoted:
            message = quoted.group(2).rstrip("'\"} \n")
    return simplify("%s: %s" % (kind, message) if message else kind)


def judge(meta, returncode, stdout, stderr, timed_out):
    """Interprets one run of a test."""
    flags = meta.get("flags") or []
    negative = meta.get("negative") or {}
    detail = (stdout + stderr).strip()
    if timed_out:
        return Result(False, "timeout", detail)
    error = reported_error(stderr) if returncode != 0 else None
    if negative:
        phase, expected = negative.get("phase"), negative.get("type")
        started = STARTED in stdout.splitlines() or "raw" in flags
        if phase in ("parse", "resolution") and started \
                and "raw" not in flags:
            return Result(False, "negative: no early %s, the script ran"
                          % expected, detail)
        if error is None:
            return Result(False, "negative: expected %s, none thrown"
                          % expected, detail)
        kind, message, from_lowering = error
        reason = failure_reason(kind, message, from_lowering)
        if reason.startswith("unsupported: "):
            # The lowering rejected a construct it does not handle, not the
            # early error the test is about.
            return Result(False, reason, detail)
        if kind != expected:
            return Result(False, "negative: expected %s, got %s"
                          % (expected, reason), detail)
        if phase == "runtime" and not started:
            return Result(False, "negative: %s at parse, expected at runtime"
                          % expected, detail)
        return Result(True)
    if error is not None:
        return Result(False, failure_reason(*error), detail)
    if returncode != 0:
        return Result(False, "exit code %d" % returncode, detail)
    if "async" in flags:
        lines = stdout.splitlines()
        for line in lines:
            if line.startswith(ASYNC_FAILURE):
                message = line[len(ASYNC_FAILURE):]
                # "Test262Error: Test262Error: ..." when the message repeats
                # the name.
                message = re.sub(r"^(\w+): \1: ", r"\1: ", message)
                return Result(False, "async: " + simplify(message), detail)
        if ASYNC_DONE not in lines:
            return Result(False, "async: no completion", detail)
    return Result(True)


def run_file(runyd, path, meta, timeout):
    """Runs runyd --eval on the file at `path`; returns its Result."""
    env = dict(os.environ)
    # runyd stops a script after 1 s by default; tests get the budget of
    # the per-test timeout instead (RUNY_EXEC_TIMEOUT_MS).
    env["RUNY_EXEC_TIMEOUT_MS"] = str(int(timeout * 1000))
    try:
        process = subprocess.Popen(
            [runyd, "--eval", path], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
            cwd=os.path.dirname(path))
    except OSError as e:
        return Result(False, "cannot run runyd: %s" % e.strerror)
    timed_out = False
    try:
        out, err = process.communicate(timeout=timeout + 2)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        timed_out = True
    return judge(meta, process.returncode, out.decode("utf-8", "replace"),
                 err.decode("utf-8", "replace"), timed_out)


def run_one(runyd, scratch, index, rel, choice, timeout, harness):
    """Runs the test `rel` in each of its modes; returns (rel, Result)."""
    try:
        source, meta = frontmatter.read(os.path.join(TEST_DIR, rel))
    except (OSError, UnicodeDecodeError) as e:
        return rel, Result(False, "unreadable: %s" % e)
    failures = []
    modes = modes_of(meta.get("flags") or [], choice)
    for mode in modes:
        if failures:
            # The test has failed already: its other mode cannot change
            # that, and skipping it keeps a full run short.
            break
        path = os.path.join(scratch, "%d-%s.js" % (index, mode))
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(assemble(source, meta, mode, harness))
        try:
            result = run_file(runyd, path, meta, timeout)
        finally:
            os.unlink(path)
        # RangeError: execution timeout is runyd's own budget running out.
        if result.reason == "RangeError: execution timeout":
            result.reason = "timeout"
        if not result.passed:
            failures.append((mode, result))
    if not failures:
        return rel, Result(True)
    mode, first = failures[0]
    reason = first.reason
    if mode == "strict" and len(modes) == 2:
        reason = "strict only: " + reason
    return rel, Result(False, reason, first.detail)


def collect(paths):
    """Test paths relative to TEST_DIR, sorted."""
    tests = []
    for path in paths:
        # Relative to the working directory, to tests/test262 or to its
        # test/ directory.
        candidates = [os.path.abspath(path), os.path.join(ROOT, path),
                      os.path.join(TEST_DIR, path)]
        full = next((c for c in candidates if os.path.exists(c)),
                    candidates[0])
        if os.path.commonpath([full, TEST_DIR]) != TEST_DIR:
            sys.exit("run.py: not under %s: %s" % (TEST_DIR, path))
        if os.path.isfile(full):
            tests.append(os.path.relpath(full, TEST_DIR))
            continue
        if not os.path.isdir(full):
            sys.exit("run.py: no such test or directory: " + path)
        for dirpath, _, filenames in os.walk(full):
            for name in filenames:
                if name.endswith(".js") and "_FIXTURE" not in name:
                    tests.append(os.path.relpath(os.path.join(dirpath, name),
                                                 TEST_DIR))
    return sorted(set(tests))


def group_of(rel, depth):
    """The directory a test counts under in the report."""
    parts = rel.split("/")[:-1]
    if depth is None:
        # language/expressions/class, language/literals, built-ins/Array.
        depth = 3 if parts[:2] in (["language", "expressions"],
                                   ["language", "statements"]) else 2
    return "/".join(parts[:depth]) or "."


def report(results, depth):
    groups = collections.OrderedDict()
    for rel in sorted(results):
        passed, total = groups.get(group_of(rel, depth), (0, 0))
        groups[group_of(rel, depth)] = (passed + results[rel].passed,
                                        total + 1)
    width = max(len(group) for group in groups)
    for group, (passed, total) in groups.items():
        print("%-*s  %6d / %-6d %5.1f%%"
              % (width, group, passed, total, 100.0 * passed / total))
    passed = sum(result.passed for result in results.values())
    total = len(results)
    print("%-*s  %6d / %-6d %5.1f%%"
          % (width, "total", passed, total, 100.0 * passed / max(total, 1)))


def main():
    # SIGTERM (ctest's timeout, say) unwinds like Ctrl-C: the scratch
    # directory is removed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[TEST_DIR],
                        help="test files or directories (default: all)")
    parser.add_argument("--runyd", default=os.environ.get("RUNYD"),
                        help="the runyd binary (default: $RUNYD)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--timeout", type=float, default=10,
                        help="seconds a run may take (default 10)")
    parser.add_argument("--depth", type=int,
                        help="directory depth of the report (default: "
                        "built-ins/X, language/X, language/expressions/X)")
    parser.add_argument("--modes", default="both",
                        choices=["both", "non-strict", "strict"],
                        help="modes of tests that may run in both")
    parser.add_argument("--sample", type=int, default=1, metavar="N",
                        help="run every Nth test of the sorted selection "
                        "(the same ones each time)")
    parser.add_argument("--expectations", help="expected failures file")
    parser.add_argument("--update-expectations", action="store_true",
                        help="rewrite --expectations from this run")
    parser.add_argument("--failures", action="store_true",
                        help="list every failing test with its reason")
    parser.add_argument("--verbose", action="store_true",
                        help="also print the output of failing tests")
    args = parser.parse_args()
    if not args.runyd or not os.access(args.runyd, os.X_OK):
        sys.exit("run.py: give the runyd binary with --runyd or $RUNYD")
    if args.update_expectations and not args.expectations:
        sys.exit("run.py: --update-expectations needs --expectations")
    runyd = os.path.abspath(args.runyd)

    tests = collect(args.paths)[::max(args.sample, 1)]
    harness = Harness(HARNESS_DIR)
    results = {}
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="runy-test262-") as scratch, \
            concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(run_one, runyd, scratch, i, rel, args.modes,
                               args.timeout, harness)
                   for i, rel in enumerate(tests)]
        try:
            for future in concurrent.futures.as_completed(futures):
                rel, result = future.result()
                results["test/" + rel] = result
        except BaseException:
            # Interrupted: drop the tests not started, so that the scratch
            # directory goes soon.
            for future in futures:
                future.cancel()
            raise
    elapsed = time.monotonic() - start

    if args.failures or args.verbose:
        for rel in sorted(results):
            if not results[rel].passed:
                print("FAIL %s  # %s" % (rel, results[rel].reason))
                if args.verbose and results[rel].detail:
                    print("  " + results[rel].detail.replace("\n", "\n  "))
    report({rel[len("test/"):]: r for rel, r in results.items()}, args.depth)
    print("%d tests in %.0f s (-j%d)" % (len(results), elapsed, args.jobs))

    if not args.expectations:
        return 0
    failing = {rel: r.reason for rel, r in results.items() if not r.passed}
    if args.update_expectations:
        # Entries of tests this run did not cover stay.
        kept = {}
        if os.path.exists(args.expectations):
            kept = {rel: reason for rel, reason
                    in expectations.read(args.expectations).items()
                    if rel not in results}
        kept.update(failing)
        expectations.write(args.expectations, kept)
        print("wrote %d expected failures to %s"
              % (len(kept), args.expectations))
        return 0
    expected = expectations.read(args.expectations)
    regressions = sorted(rel for rel in failing if rel not in expected)
    fixed = sorted(rel for rel in expected
                   if rel in results and results[rel].passed)
    if fixed:
        print("\nnow passing (remove from %s):" % args.expectations)
        for rel in fixed:
            print("  " + rel)
    if regressions:
        print("\nregressions (failing, not in %s):" % args.expectations)
        for rel in regressions:
            print("  %s  # %s" % (rel, failing[rel]))
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
