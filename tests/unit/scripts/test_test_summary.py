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
"""


def run_make(tmp_path, *targets):
    (tmp_path / "Makefile").write_text(MAKEFILE)
    done = subprocess.run(
        ["make", "--no-print-directory", "-j3", "--output-sync=target", "-k"] + list(targets),
        cwd=str(tmp_path),
        capture_output=True,
        text=True,
    )
    return done.stdout + done.stderr


def test_the_summary_ends_with_the_failed_suite_and_its_failed_tests(tmp_path):
    suites = ["test-long", "test-broken", "test-fine"]
    lines = test_summary.report(run_make(tmp_path, *suites).splitlines(), suites)
    assert lines[-4:] == [
        "==== make test: 1 of 3 suites failed ====",
        "test-broken: 2 failed test(s)",
        "  FAILED tests/b.py::test_one - assert 1 == 2",
        "  ERROR tests/b.py::test_two - fixture broke",
    ]
    # the failed suite's own output is quoted, not a passing suite's
    quoted = lines[: lines.index("==== make test: 1 of 3 suites failed ====")]
    assert quoted[0] == "---- test-broken failed; the end of its output: ----"
    assert "==== 1 failed, 1 error ====" in quoted
    assert not any(line.startswith("PASSED") for line in quoted[-4:])


def test_a_run_where_every_suite_passed_says_so(tmp_path):
    suites = ["test-long", "test-fine"]
    assert test_summary.report(run_make(tmp_path, *suites).splitlines(), suites) == ["make test: all 2 suites passed"]
