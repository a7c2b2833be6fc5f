"""scripts/test_summary.py, on the output of a real make run the way
`make test` runs its suites: side by side, output synced per target, -k."""

import importlib.util
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SPEC = importlib.util.spec_from_file_location("test_summary", os.path.join(ROOT, "scripts", "test_summary.py"))
test_summary = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(test_summary)

MAKEFILE = """\
test-long:
\t@for i in $$(seq 1 200); do echo "PASSED tests/a.py::test_$$i"; done
test-broken:
\t@echo "FAILED tests/b.py::test_one - assert 1 == 2"
\t@echo "ERROR tests/b.py::test_two - fixture broke"
\t@echo "==== 1 failed, 1 error ===="
\t@exit 1
test-fine:
\t@echo "==== 3 passed ===="
test-nested:
\t@$(MAKE) --no-print-directory lint-part
lint-part:
\t@echo "plugins/x.py:1: error: Name 'y' is not defined"
\t@exit 1
"""


def run_make(tmp_path, *targets):
    (tmp_path / "Makefile").write_text(MAKEFILE)
    done = subprocess.run(
        ["make", "--no-print-directory", "-j3", "--output-sync=target", "-k"] + list(targets),
        cwd=str(tmp_path),
        # Its own top-level make, not a part of the make that may run this test (make test).
        env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream, in order, as make test tees it
        text=True,
        check=False,  # the failing suite fails make: that is the case under test
    )
    return done.stdout


def test_the_summary_ends_with_the_failed_suite_and_its_failed_tests(tmp_path):
    suites = ["test-long", "test-broken", "test-fine"]
    lines = test_summary.report(run_make(tmp_path, *suites).splitlines(), suites)
    assert lines[-4:] == [
        "==== make test failed: test-broken ====",
        "test-broken: 2 failed test(s)",
        "  FAILED tests/b.py::test_one - assert 1 == 2",
        "  ERROR tests/b.py::test_two - fixture broke",
    ]
    # the end of the failed suite's own output is quoted (where a suite's
    # output starts is not marked: what came before it may be quoted too)
    quoted = lines[: lines.index("==== make test failed: test-broken ====")]
    assert quoted[0] == "---- test-broken failed; the end of its output: ----"
    assert quoted[-3:] == [
        "FAILED tests/b.py::test_one - assert 1 == 2",
        "ERROR tests/b.py::test_two - fixture broke",
        "==== 1 failed, 1 error ====",
    ]


def test_a_run_where_every_suite_passed_says_so(tmp_path):
    suites = ["test-long", "test-fine"]
    assert test_summary.report(run_make(tmp_path, *suites).splitlines(), suites) == [
        "make test: every suite passed (2)"
    ]


def test_a_suite_failing_in_a_part_it_runs_is_named_with_that_part(tmp_path):
    # A sub-make's output is not held back by the make that runs it: the
    # other suites' output may come between the part's line and the suite's.
    suites = ["test-long", "test-nested"]
    lines = test_summary.report(run_make(tmp_path, *suites).splitlines(), suites)
    assert lines[-1] == "==== make test failed: test-nested (in them: lint-part) ===="
    assert "plugins/x.py:1: error: Name 'y' is not defined" in lines
