"""The collection as users get it: `ansible-galaxy collection build`,
installed with `ansible-galaxy collection install`."""

import os
import subprocess
import sys
import tarfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GALAXY = os.path.join(os.path.dirname(sys.executable), "ansible-galaxy")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([GALAXY, "collection", "build", "--output-path", str(out), ROOT], check=True,
                   capture_output=True, text=True)
    tarballs = list(out.glob("hybridnet-expressroute-*.tar.gz"))
    assert len(tarballs) == 1
    return tarballs[0]


def test_build_ships_the_collection_and_not_the_tests(built):
    with tarfile.open(built) as tar:
        names = tar.getnames()
    assert "MANIFEST.json" in names and "FILES.json" in names
    assert "meta/runtime.yml" in names and "requirements.txt" in names and "README.md" in names
    assert not [n for n in names if n.startswith("tests/")], "tests (and the emulator) must not ship"
    assert not [n for n in names if "expressroute_emulator" in n or n.endswith("endpoint.json")]
    assert not [n for n in names if n.startswith((".venv", "build/", ".ci", "extensions/molecule"))]
    # Nor the emulator's own distribution (make emulator-dist).
    assert not [n for n in names if n.startswith("dist/") or n.endswith(".whl") or "pyproject.toml" in n]


def test_built_collection_installs(built, tmp_path):
    # A clean environment: the test run's ANSIBLE_COLLECTIONS_PATH points at
    # the checkout, which would make the install a no-op.
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANSIBLE_")}
    result = subprocess.run([GALAXY, "collection", "install", "--force", "-p", str(tmp_path), str(built)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    installed = tmp_path / "ansible_collections" / "hybridnet" / "expressroute"
    assert (installed / "meta" / "runtime.yml").exists()
    listed = subprocess.run([GALAXY, "collection", "list", "-p", str(tmp_path)], capture_output=True, text=True,
                            env=env)
    assert "hybridnet.expressroute" in listed.stdout
