"""The expected-failures file of the test262 run.

One failing test a line, `test/PATH.js  # reason`; blank lines and lines
that start with `#` are comments. write() groups the tests by reason, the
most common first, each group under a `## reason (count)` heading; reasons
shared by fewer than MIN_GROUP tests go together at the end.
"""

import collections
import os
import re

MIN_GROUP = 5
_MODE_PREFIX = re.compile(r"^(?:non-strict|strict) only: ")

HEADER = """\
# test262 tests runyd is known to fail (tests/test262/run.py).
# One test a line: path, then "# reason". Regenerate with
#   scripts/test262 --update-expectations
# A test listed here that passes is reported as "now passing": remove it.
"""


def read(path):
    """Returns {test path: reason} of the file at `path`."""
    entries = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            test, _, reason = line.partition("#")
            entries[test.strip()] = reason.strip()
    return entries


def category(reason):
    """The group a reason belongs to (strict-only failures with the rest)."""
    return _MODE_PREFIX.sub("", reason)


def write(path, failing):
    """Writes {test path: reason} to `path`, grouped by reason."""
    groups = collections.defaultdict(list)
    for test, reason in failing.items():
        groups[category(reason)].append(test)
    big = sorted((name for name in groups if len(groups[name]) >= MIN_GROUP),
                 key=lambda name: (-len(groups[name]), name))
    rest = sorted(test for name in groups if len(groups[name]) < MIN_GROUP
                  for test in groups[name])
    lines = [HEADER, "# %d tests.\n" % len(failing)]

    def entry(test):
        return "%s  # %s\n" % (test, failing[test])

    for name in big:
        lines.append("\n## %s (%d)\n" % (name, len(groups[name])))
        lines.extend(entry(test) for test in sorted(groups[name]))
    if rest:
        lines.append("\n## other reasons (%d)\n" % len(rest))
        lines.extend(entry(test) for test in rest)
    with open(path + ".new", "w", encoding="utf-8") as f:
        f.writelines(lines)
    os.replace(path + ".new", path)
