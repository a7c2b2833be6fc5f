"""Each bad input is refused: failed, no traceback, a message that names
the option, and nothing written (the last test checks the emulator's log)."""

import pytest

from cases import CASES
from role_cases import ROLE_CASES


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_refused(corpus, case):
    result = corpus["results"][case.id]
    assert result.get("failed"), "accepted: {0}".format(result.get("_raw", "")[-2000:])
    assert "Traceback" not in result["_raw"], result["_raw"][-3000:]
    assert not result.get("unparsed"), result["_raw"][-3000:]
    assert case.option in result["msg"], "the message does not name {0}: {1}".format(case.option, result["msg"])


def test_no_write_reached_azure(corpus):
    assert corpus["writes"] == [], ["{method} {path}".format(**w) for w in corpus["writes"]]


@pytest.mark.parametrize("case", ROLE_CASES, ids=[c.id for c in ROLE_CASES])
def test_refused_by_role(corpus, case):
    result = corpus["results"][case.id]
    assert result["failed"], "the role went on: {0}".format(result["_raw"][-3000:])
    assert "Traceback" not in result["_raw"], result["_raw"][-3000:]
    assert case.variable in result["msg"], "the failure does not name {0}: {1}".format(
        case.variable, result["msg"] or result["_raw"][-3000:]
    )
    (circuit,) = case.host_vars
    written = [w["path"] for w in corpus["writes"] if "/" + circuit in w["path"]]
    assert written == [], "written before the refusal: {0}".format(written)
