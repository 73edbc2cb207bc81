#!/usr/bin/env python3
"""Copies the test262 subset runy runs out of a test262 checkout.

  tests/test262/select.py TEST262_CHECKOUT [--dest DIR] [--list]

Replaces DEST/test and DEST/harness (DEST: this directory) with the in-scope
tests of TEST262_CHECKOUT and the harness files they need, and copies its
LICENSE. --list prints the selected tests instead of copying anything.

In scope: the ES2015-ES2022 language areas and built-ins of INCLUDE. Out of
scope: tests of a feature in EXCLUDED_FEATURES (host facilities runy does
not have, and features newer than ES2022), tests that use $262 (a host API
runyd --eval does not provide), module and CanBlock tests, _FIXTURE files
and the annexB, intl402 and staging trees.
"""

import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import frontmatter  # noqa: E402

# Directories under test/ whose tests are candidates.
INCLUDE = [
    "language/arguments-object",
    "language/block-scope",
    "language/computed-property-names",
    "language/destructuring",
    "language/function-code",
    "language/literals",
    "language/rest-parameters",
] + ["language/expressions/" + d for d in [
    "array", "arrow-function", "assignment", "async-arrow-function",
    "async-function", "await", "call", "class", "coalesce", "exponentiation",
    "generators", "logical-assignment", "new", "object", "optional-chaining",
    "super", "tagged-template", "template-literal", "yield",
]] + ["language/statements/" + d for d in [
    "async-function", "class", "const", "for", "for-await-of", "for-of",
    "generators", "labeled", "let", "try",
]] + ["built-ins/" + d for d in [
    "Array", "Date", "Error", "Function", "Iterator", "JSON", "Map", "Math",
    "Number", "Object", "Promise", "Reflect", "RegExp", "Set", "String",
    "Symbol", "WeakMap",
]]

# Path fragments never selected.
EXCLUDED_PATHS = [
    "/annexB/", "/intl402/", "/staging/",
    "built-ins/RegExp/property-escapes/generated/",
]

# Host facilities runy does not have.
UNSUPPORTED_FEATURES = {
    "Intl", "TypedArray", "ArrayBuffer", "DataView", "Atomics",
    "SharedArrayBuffer", "BigInt", "Proxy", "WeakRef", "FinalizationRegistry",
    "Temporal", "decorators", "ShadowRealm", "import-defer",
    "source-phase-imports", "source-phase-imports-module-source",
    "regexp-v-flag", "tail-call-optimization", "cross-realm", "IsHTMLDDA",
    "resizable-arraybuffer", "arraybuffer-transfer", "Atomics.waitAsync",
    "Atomics.pause", "json-modules", "import-attributes", "host-gc-required",
    "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array",
    "Uint16Array", "Int32Array", "Uint32Array", "Float16Array",
    "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
}

# Features newer than ES2022 (array-grouping stays: Object.groupBy is part
# of what service files may use).
NEWER_FEATURES = {
    # ES2023
    "array-find-from-last", "change-array-by-copy", "symbols-as-weakmap-keys",
    "hashbang",
    # ES2024
    "promise-with-resolvers", "String.prototype.isWellFormed",
    "String.prototype.toWellFormed",
    # ES2025
    "set-methods", "iterator-helpers", "regexp-duplicate-named-groups",
    "regexp-modifiers", "RegExp.escape", "promise-try",
    # ES2026 and proposals
    "Array.fromAsync", "Error.isError", "Math.sumPrecise",
    "uint8array-base64", "json-parse-with-source", "iterator-sequencing",
    "joint-iteration", "upsert", "explicit-resource-management",
    "await-dictionary", "error-stack-accessor", "Iterator.prototype.join",
    "iterator-chunking", "iterator-includes", "immutable-arraybuffer",
    "Iterator.concat", "nonextensible-applies-to-private", "canonical-tz",
}

EXCLUDED_FEATURES = UNSUPPORTED_FEATURES | NEWER_FEATURES

# Harness files every test may need besides its includes.
BASE_HARNESS = ["assert.js", "sta.js", "doneprintHandle.js"]


def skip_reason(rel, source, meta):
    """Why the test at `rel` is out of scope, or None when it is in."""
    if "_FIXTURE" in rel:
        return "fixture"
    if any(part in "/" + rel for part in EXCLUDED_PATHS):
        return "excluded directory"
    flags = meta.get("flags") or []
    if "module" in flags:
        return "module"
    if any(flag.startswith("CanBlock") for flag in flags):
        return "CanBlock"
    features = set(meta.get("features") or [])
    if features & EXCLUDED_FEATURES:
        return "feature " + ",".join(sorted(features & EXCLUDED_FEATURES))
    if "$262" in source:
        return "$262"
    return None


def select(checkout):
    """Returns (tests, harness files), relative to test/ and harness/."""
    tests, harness = [], set(BASE_HARNESS)
    for top in INCLUDE:
        root = os.path.join(checkout, "test", top)
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(".js"):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, os.path.join(checkout, "test"))
                source, meta = frontmatter.read(path)
                if skip_reason(rel, source, meta) is None:
                    tests.append(rel)
                    harness.update(meta.get("includes") or [])
    return tests, sorted(harness)


def copy_tree(checkout, dest, tests, harness):
    for sub in ("test", "harness"):
        shutil.rmtree(os.path.join(dest, sub), ignore_errors=True)
    for rel in tests:
        target = os.path.join(dest, "test", rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(checkout, "test", rel), target)
    os.makedirs(os.path.join(dest, "harness"))
    for name in harness:
        source = os.path.join(checkout, "harness", name)
        if not os.path.isfile(source):
            sys.exit("select.py: missing harness file " + name)
        shutil.copyfile(source, os.path.join(dest, "harness", name))
    shutil.copyfile(os.path.join(checkout, "LICENSE"),
                    os.path.join(dest, "LICENSE"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", help="a test262 checkout")
    parser.add_argument("--dest",
                        default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--list", action="store_true",
                        help="print the selected tests, copy nothing")
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.checkout, "test")):
        sys.exit("select.py: no test/ in " + args.checkout)
    tests, harness = select(args.checkout)
    if args.list:
        print("\n".join(tests))
        return
    copy_tree(args.checkout, args.dest, tests, harness)
    print("selected %d tests and %d harness files into %s"
          % (len(tests), len(harness), args.dest))


if __name__ == "__main__":
    main()
