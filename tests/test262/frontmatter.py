"""The YAML front matter of a test262 test, for the subset test262 uses.

A test's metadata sits between `/*---` and `---*/`. Only the top-level keys
runy reads are interpreted: lists (`flags`, `includes`, `features`, inline
`[a, b]` or block `- a`), the `negative` mapping (`phase`, `type`) and plain
scalars. Block scalars (`description: |`) are kept as raw text.
"""

import re

_START = "/*---"
_END = "---*/"
_KEY = re.compile(r"^([A-Za-z_][\w-]*):\s*(.*?)\s*$")


def extract(source):
    """Returns the front matter text of `source`, or None without one."""
    start = source.find(_START)
    if start < 0:
        return None
    end = source.find(_END, start)
    if end < 0:
        return None
    return source[start + len(_START):end]


def _inline_list(text):
    inner = text.strip()[1:-1]
    return [item.strip().strip("'\"") for item in inner.split(",")
            if item.strip()]


def _block(lines):
    """A block under a key: a list of `- item` lines or a `key: value` map."""
    items = [line.strip() for line in lines if line.strip()
             and not line.strip().startswith("#")]
    if items and all(item.startswith("-") for item in items):
        return [item[1:].strip().strip("'\"") for item in items]
    mapping = {}
    for item in items:
        match = _KEY.match(item)
        if match:
            mapping[match.group(1)] = match.group(2).strip("'\"")
    return mapping


def parse(text):
    """Parses front matter text into a dict of top-level keys."""
    meta = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = _KEY.match(lines[i])
        i += 1
        if not match:
            continue
        key, value = match.group(1), match.group(2)
        if value.startswith("[") and "]" not in value:
            # An inline list spread over several lines.
            while i < len(lines) and "]" not in value:
                value += " " + lines[i].strip()
                i += 1
        body = []
        while i < len(lines) and (not lines[i].strip()
                                  or lines[i][0] in " \t"):
            body.append(lines[i])
            i += 1
        if value.startswith("["):
            meta[key] = _inline_list(value[:value.rindex("]") + 1])
        elif value in ("|", ">", "|-", ">-", "|+", ">+"):
            meta[key] = "\n".join(body)
        elif value == "":
            meta[key] = _block(body)
        else:
            meta[key] = value.strip("'\"")
    return meta


def read(path):
    """Returns (source, metadata) of the test file at `path`."""
    with open(path, encoding="utf-8", newline="") as f:
        source = f.read()
    text = extract(source)
    return source, (parse(text) if text is not None else {})
