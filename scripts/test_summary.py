#!/usr/bin/env python3
"""Say at the end of `make test`'s output which suites failed, and why.

The suites run side by side and each prints its output whole when it ends,
so a failed suite's output can sit anywhere in a long log, and a CI page that
shows only the log's head and tail does not show it. This reads the log
`make test` wrote and prints, last, what failed: for each failed suite the
end of its own output, then one short list of the suites and the tests that
failed (the lines a truncated view keeps).

    test_summary.py LOG SUITE...     (exit status: 0; it only reports)
"""

import re
import sys

# make's own line for a target whose recipe failed: a suite, or a part of one
# (test-lint fails as lint-mypy, test-molecule as test-molecule-ipvpn), e.g.
# "make[1]: *** [Makefile:151: test-unit] Error 1"
FAILED_TARGET = re.compile(r"^make(?:\[\d+\])?: \*\*\* \[(?:[^\]]*: )?([^\]\s]+)\] (?:Error \d+|Terminated|Killed)")
# pytest's short summary ("FAILED tests/x.py::test_y - ...", "ERROR tests/...")
FAILED_TEST = re.compile(r"^(?:FAILED|ERROR) \S+")
TAIL_LINES = 30
LIST_WIDTH = 160


def failures(lines):
    """[(target, its last lines, its failed tests)] in the order they ended.

    With make's --output-sync=target a suite's output is one block that ends
    just before make's line for it; a block's start is not marked, so what is
    read back from that line stops at the previous failure's line. A part of
    a suite run by a sub-make (a molecule scenario, lint-mypy) has its own
    line, and the suite's line then often follows with nothing before it."""
    found = []
    previous_end = 0
    for number, line in enumerate(lines):
        match = FAILED_TARGET.match(line)
        if not match:
            continue
        block = [item.rstrip() for item in lines[previous_end:number]]
        previous_end = number + 1
        tests = [item for item in block if FAILED_TEST.match(item)]
        found.append((match.group(1), block[-TAIL_LINES:], tests))
    return found


def report(lines, suites):
    """The summary's lines."""
    failed = failures(lines)
    if not failed:
        return ["make test: every suite passed ({0})".format(len(suites))]
    out = []
    for target, tail, _tests in failed:
        if tail:
            out.append("---- {0} failed; the end of its output: ----".format(target))
            out.extend(tail)
    names = [target for target, _tail, _tests in failed]
    parts = [name for name in names if name not in suites]
    out.append(
        "==== make test failed: {0}{1} ====".format(
            ", ".join(name for name in names if name in suites) or "-",
            " (in them: {0})".format(", ".join(parts)) if parts else "",
        )
    )
    for target, _tail, tests in failed:
        if tests:
            out.append("{0}: {1} failed test(s)".format(target, len(tests)))
            out.extend("  " + test[:LIST_WIDTH] for test in tests[:10])
            if len(tests) > 10:
                out.append("  ... and {0} more".format(len(tests) - 10))
    return out


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8", errors="replace") as log:
        lines = log.read().splitlines()
    print("\n".join(report(lines, argv[2:])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
