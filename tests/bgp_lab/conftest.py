"""Fixtures of the BGP lab: the CE's FRR file rendered by the project's playbook, and labs built around it."""

import json
import os
import subprocess
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bgplab  # noqa: E402  (path set just above)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK = os.path.join(ROOT, "playbooks", "render_router_config.yml")
MD5_KEY = "Er0uteLabKey2026"
CUSTOMER_ASN = 65020
PRIMARY = {"ce_ip": "192.168.100.129", "msee_ip": "192.168.100.130", "prefix": "192.168.100.128/30"}
SECONDARY = {"ce_ip": "192.168.100.133", "msee_ip": "192.168.100.134", "prefix": "192.168.100.132/30"}
CUSTOMER_PREFIX = "10.1.15.0/25"


def _why_not():
    # Only a missing root is a reason to skip; a missing FRR is a failure (`make system-deps` installs it).
    if os.geteuid() != 0:
        return "the BGP lab needs root (network namespaces, veth pairs, FRR daemons)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _why_not()
    if reason:
        for item in items:
            if "bgp_lab" in str(item.fspath):
                item.add_marker(pytest.mark.skip(reason=reason))


def render(tmp_dir, device_role="ce", extra_options=None):
    """Render the router's FRR file through playbooks/render_router_config.yml (the role and its template)."""
    options = {
        "encapsulation": "untagged",  # the lab's veths carry no tags; VLANs are covered by the parse-back tests
        "devices": {"primary": "ce", "secondary": "ce"},
        "interfaces": {"primary": "eth1", "secondary": "eth2"},
        "advertise": [CUSTOMER_PREFIX],
        "preference": {"mode": "prepend", "prepend_count": 2},
    }
    options.update(extra_options or {})
    variables = {
        "er_circuit": {"name": "er-lab", "tier": "Standard", "stag": None},
        "er_peerings": [
            {
                "name": "AzurePrivatePeering",
                "peering_type": "AzurePrivatePeering",
                "circuit": "er-lab",
                "state": "Enabled",
                "peer_asn": CUSTOMER_ASN,
                "azure_asn": 12076,
                "vlan_id": 100,
                "primary_prefix": PRIMARY["prefix"],
                "secondary_prefix": SECONDARY["prefix"],
                "shared_key_set": True,
            }
        ],
        "er_model_options": options,
        "er_md5_key": MD5_KEY,
        "er_dialects": ["frr"],
        "er_device_role": device_role,
        "er_output_dir": str(tmp_dir),
    }
    vars_file = os.path.join(str(tmp_dir), "vars.json")
    with open(vars_file, "w") as handle:
        json.dump(variables, handle)
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), PLAYBOOK, "-e", "@" + vars_file],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    path = os.path.join(str(tmp_dir), "ce.frr.cfg")
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    # The syntax gate: vtysh -C exits non-zero on any line FRR does not accept.
    check = subprocess.run(["vtysh", "-C", "-f", path, "--config_dir", str(tmp_dir)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    with open(path) as handle:
        return handle.read()


@pytest.fixture(scope="session")
def ce_config(tmp_path_factory):
    return render(tmp_path_factory.mktemp("ce-render"))


def build_lab(workdir, ce_config_text, msee_keys=(MD5_KEY, MD5_KEY)):
    lab = bgplab.Lab(str(workdir))
    try:
        ce = lab.add_namespace("ce")
        for index, (link, key) in enumerate(zip((PRIMARY, SECONDARY), msee_keys), start=1):
            ms = lab.add_namespace("ms%d" % index)
            # The CE's addresses come from the rendered file (zebra applies them); the MSEE's are set here.
            lab.link(ce, "eth%d" % index, None, ms, "ce0", link["msee_ip"] + "/30")
            sh_lo = ("ip", "-n", ms, "addr", "add", "10.10.0.1/16", "dev", "lo")
            bgplab.sh(*sh_lo)
            lab.start_frr(ms, bgplab.msee_config("msee%d" % index, link["msee_ip"], link["ce_ip"], CUSTOMER_ASN, key))
        # The customer's LAN, so that `network 10.1.15.0/25` has a route to originate.
        bgplab.sh("ip", "-n", ce, "addr", "add", "10.1.15.1/25", "dev", "lo")
        lab.start_frr(ce, ce_config_text)
        lab.ce_started = time.monotonic()
    except BaseException:
        print(lab.logs())
        lab.close()
        raise
    return lab


def build_pe_lab(workdir):
    """The pe_vrf variant: the provider's PE runs the sessions in the customer's VRF.

    FRR's netns VRF backend (zebra -n) makes a network namespace a VRF named after it, so the PE's VRF is the
    namespace <id>-v holding the links to the MSEEs; the rendered file names that VRF (vrf.name = the namespace).
    """
    lab = bgplab.Lab(str(workdir))
    try:
        pe = lab.add_namespace("pe")
        vrf = lab.add_namespace("v")
        config = render(
            workdir,
            device_role="pe_vrf",
            extra_options={"vrf": {"name": vrf, "rd": "65020:100", "route_target": "65020:100"}},
        )
        for index, link in enumerate((PRIMARY, SECONDARY), start=1):
            ms = lab.add_namespace("ms%d" % index)
            lab.link(vrf, "eth%d" % index, None, ms, "ce0", link["msee_ip"] + "/30")
            bgplab.sh("ip", "-n", ms, "addr", "add", "10.10.0.1/16", "dev", "lo")
            lab.start_frr(
                ms, bgplab.msee_config("msee%d" % index, link["msee_ip"], link["ce_ip"], CUSTOMER_ASN, MD5_KEY)
            )
        lab.start_frr(pe, config, vrf_namespaces=(vrf,))
        lab.ce_started = time.monotonic()
        lab.vrf = vrf
        lab.pe_config = config
    except BaseException:
        print(lab.logs())
        lab.close()
        raise
    return lab


@pytest.fixture(scope="module")
def pe_lab(tmp_path_factory):
    lab = build_pe_lab(tmp_path_factory.mktemp("pe-lab"))
    yield lab
    lab.close()


@pytest.fixture
def lab_factory(tmp_path, request):
    labs = []

    def make(ce_config_text, **kwargs):
        lab = build_lab(tmp_path, ce_config_text, **kwargs)
        labs.append(lab)
        return lab

    yield make
    for lab in labs:
        if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
            print(lab.logs())
        lab.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


@pytest.fixture(scope="module")
def converged_lab(tmp_path_factory, ce_config):
    lab = build_lab(tmp_path_factory.mktemp("lab"), ce_config)
    yield lab
    lab.close()
