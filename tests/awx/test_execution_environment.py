"""The execution environment AWX runs the collection in.

`make ee-context` builds the collection tarball and runs `ansible-builder
create`: the build context a container engine turns into the image. Nothing
here needs a container engine; what the image build will do is read from the
Containerfile, and its dependency step (ansible-builder's introspection) is run
for real against the collection installed from that tarball.
"""

import json
import os
import re
import subprocess
import sys
import tarfile
import time
from importlib import metadata

import pytest
import yaml
from bindep.depends import Depends

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
EE_FILE = os.path.join(ROOT, "execution-environment", "execution-environment.yml")
TARBALL_IN_IMAGE = "/build/collections/hybridnet-expressroute.tar.gz"


def load_yaml(path):
    with open(path) as handle:
        return yaml.safe_load(handle)


def read(path):
    with open(path) as handle:
        return handle.read()


def requirement_lines(text):
    return [line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()]


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    """The build context, made the way docs/docsite/rst/awx.rst says (`make ee-context`)."""
    target = tmp_path_factory.mktemp("ee") / "context"
    started = time.monotonic()
    result = subprocess.run(
        ["make", "-s", "-C", ROOT, "ee-context", "EE_CONTEXT={0}".format(target)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    print("\nmake ee-context: {0:.1f} s".format(time.monotonic() - started))
    return target


@pytest.fixture(scope="module")
def containerfile(context):
    return read(context / "Containerfile")


@pytest.fixture(scope="module")
def ee():
    return load_yaml(EE_FILE)


def stage(containerfile, name):
    """The instructions of one build stage (FROM ... AS name up to the next FROM)."""
    match = re.search(r"^FROM \S+ AS {0}\n(.*?)(?=^FROM |\Z)".format(name), containerfile, re.M | re.S)
    assert match, "no build stage {0} in the Containerfile".format(name)
    return match.group(1)


def test_ansible_builder_is_major_version_3():
    # The execution-environment file is in the version 3 format.
    assert metadata.version("ansible-builder").split(".")[0] == "3"


def test_definition_is_version_3_and_tagged_with_the_collection_version(ee):
    galaxy = load_yaml(os.path.join(ROOT, "galaxy.yml"))
    assert ee["version"] == 3
    assert ee["options"]["tags"] == ["hybridnet/expressroute-ee:{0}".format(galaxy["version"])]


def test_collection_metadata_points_at_its_dependency_files():
    meta = load_yaml(os.path.join(ROOT, "meta", "execution-environment.yml"))
    assert meta["dependencies"] == {"python": "requirements.txt", "system": "bindep.txt"}
    for name in meta["dependencies"].values():
        assert os.path.isfile(os.path.join(ROOT, name)), name


def test_bindep_has_the_trust_store_and_no_test_only_packages():
    rules = Depends(read(os.path.join(ROOT, "bindep.txt")))
    for platform in ("platform:rpm", "platform:dpkg"):
        packages = {rule[0] for rule in rules.active_rules([platform])}
        assert packages == {"ca-certificates"}, (platform, packages)


def test_context_holds_the_collections_own_requirements_and_bindep(context):
    assert read(context / "_build" / "requirements.txt") == read(os.path.join(ROOT, "requirements.txt"))
    assert read(context / "_build" / "bindep.txt") == read(os.path.join(ROOT, "bindep.txt"))


def test_base_image_python_ansible_core_and_runner(containerfile, ee):
    base = ee["images"]["base_image"]["name"]
    assert base == "quay.io/centos/centos:stream9"
    assert 'ARG EE_BASE_IMAGE="{0}"'.format(base) in containerfile
    assert re.search(r"^FROM \$EE_BASE_IMAGE AS base$", containerfile, re.M)
    assert 'ARG PYCMD="/usr/bin/python3.11"' in containerfile
    refs = re.search(r'^ARG ANSIBLE_INSTALL_REFS="(.*)"$', containerfile, re.M).group(1).split()
    # The ansible-core range the tests run on, and the runner AWX drives jobs with.
    core = [
        line
        for line in requirement_lines(read(os.path.join(ROOT, "requirements-test.txt")))
        if line.startswith("ansible-core")
    ]
    assert refs[0] == core[0]
    assert refs[1].startswith("ansible-runner")


def test_collection_is_installed_into_the_image_from_the_context(context, containerfile):
    requirements = load_yaml(context / "_build" / "requirements.yml")
    assert requirements["collections"] == [{"name": TARBALL_IN_IMAGE, "type": "file"}]
    assert (context / "_build" / "collections" / os.path.basename(TARBALL_IN_IMAGE)).is_file()
    galaxy_stage = stage(containerfile, "galaxy")
    # _build/ lands in /build, the directory the install runs in ...
    assert "COPY _build /build" in galaxy_stage and "WORKDIR /build" in galaxy_stage
    install = re.search(
        r"^RUN .*ansible-galaxy collection install .*-r requirements\.yml "
        r'--collections-path "/usr/share/ansible/collections"$',
        galaxy_stage,
        re.M,
    )
    assert install, galaxy_stage
    assert galaxy_stage.index("COPY _build /build") < install.start()
    # ... and the final image carries the installed collections.
    assert "COPY --from=galaxy /usr/share/ansible /usr/share/ansible" in stage(containerfile, "final")


def test_the_tarball_is_this_collection(context):
    galaxy = load_yaml(os.path.join(ROOT, "galaxy.yml"))
    with tarfile.open(context / "_build" / "collections" / os.path.basename(TARBALL_IN_IMAGE)) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("MANIFEST.json"))["collection_info"]
    assert (manifest["namespace"], manifest["name"], manifest["version"]) == (
        galaxy["namespace"],
        galaxy["name"],
        galaxy["version"],
    )
    for shipped in (
        "meta/execution-environment.yml",
        "requirements.txt",
        "bindep.txt",
        "meta/runtime.yml",
        "plugins/modules/circuit.py",
        "roles/cloud_exchange/meta/argument_specs.yml",
        "playbooks/awx/expressroute.yml",
    ):
        assert shipped in names, shipped
    for unshipped in ("tests/", "execution-environment/", ".emulator/", ".pytest_cache/"):
        assert not [n for n in names if n.startswith(unshipped)], unshipped


def introspect(context, installed, *extra):
    """ansible-builder's dependency step, as the image build's builder stage
    runs it, against the collection installed from the context's tarball."""
    out = installed.parent / "introspected"
    result = subprocess.run(
        [
            sys.executable,
            str(context / "_build" / "scripts" / "introspect.py"),
            "introspect",
            "--write-pip={0}".format(out / "requirements.txt"),
            "--write-bindep={0}".format(out / "bindep.txt"),
        ]
        + list(extra)
        + [str(installed)],
        capture_output=True,
        text=True,
        cwd=str(context / "_build"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return (requirement_lines(read(out / "requirements.txt")), requirement_lines(read(out / "bindep.txt")))


@pytest.fixture(scope="module")
def installed(context, tmp_path_factory):
    """The collection installed from the context's tarball (a local file: no
    Galaxy, which this machine cannot reach)."""
    target = tmp_path_factory.mktemp("installed") / "collections"
    result = subprocess.run(
        [
            os.path.join(BIN, "ansible-galaxy"),
            "collection",
            "install",
            "--force",
            "-p",
            str(target),
            str(context / "_build" / "collections" / os.path.basename(TARBALL_IN_IMAGE)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "ansible_collections" / "hybridnet" / "expressroute" / "MANIFEST.json").is_file()
    return target


def test_image_gets_exactly_the_collections_dependencies(context, containerfile, installed):
    # The flags the Containerfile's builder stage passes.
    builder = stage(containerfile, "builder")
    assert re.search(
        r"introspect\.py introspect --user-pip=requirements\.txt --user-bindep=bindep\.txt "
        r"--exclude-collection-reqs=exclude-collections\.txt ",
        builder,
    ), builder
    python, system = introspect(
        context,
        installed,
        "--user-pip=requirements.txt",
        "--user-bindep=bindep.txt",
        "--exclude-collection-reqs=exclude-collections.txt",
    )
    assert python == requirement_lines(read(os.path.join(ROOT, "requirements.txt")))
    assert system == requirement_lines(read(os.path.join(ROOT, "bindep.txt")))


def test_an_image_built_from_galaxy_finds_the_same_dependencies(context, installed):
    # Someone listing only hybridnet.expressroute in their own execution
    # environment gets the dependencies from meta/execution-environment.yml.
    python, system = introspect(context, installed)
    assert python == requirement_lines(read(os.path.join(ROOT, "requirements.txt")))
    assert system == requirement_lines(read(os.path.join(ROOT, "bindep.txt")))
