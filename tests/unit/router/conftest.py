import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import router_render  # noqa: E402  (path set just above)


@pytest.fixture(scope="session")
def rendered():
    """{scenario name: {file name: text}} rendered now from the role's templates."""
    return {s["name"]: router_render.render_scenario(s) for s in router_render.scenarios()}
