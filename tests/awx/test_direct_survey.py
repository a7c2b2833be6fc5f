"""The ExpressRoute Direct job template and workflow (playbooks/awx/vars/controller_configuration.yml): the
survey's answers, as an AWX launch passes them, become the direct role's variables (one circuit in
direct_circuits, MACsec in direct_macsec) that Ansible's own argument-spec validation accepts; secrets are
password fields; the workflow waits for the cross-connects instead of a provider."""

import json
import os
import subprocess
import sys

from awx_config import ROOT, launch, load_config, role_options

HERE = os.path.dirname(os.path.abspath(__file__))
CKN = "1A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6E7F809"
CAK = "FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA99887766554433221100"


def direct_templates():
    config = load_config()
    jobs = [
        t for t in config["controller_templates"] if (t.get("extra_vars") or {}).get("expressroute_model") == "direct"
    ]
    flows = [w for w in config["controller_workflows"] if w["extra_vars"]["expressroute_model"] == "direct"]
    return config, jobs, flows


def test_one_job_template_and_one_workflow_share_the_survey():
    _, jobs, flows = direct_templates()
    assert len(jobs) == 1 and len(flows) == 1
    assert jobs[0]["survey_spec"] == flows[0]["survey_spec"] and jobs[0]["survey_enabled"] is True


def test_secrets_are_password_fields_and_only_secrets_are():
    _, (job,), _ = direct_templates()
    secrets = sorted(q["variable"] for q in job["survey_spec"]["spec"] if q["type"] == "password")
    assert secrets == ["direct_macsec_cak", "direct_macsec_ckn", "direct_private_peering_shared_key"]
    options = role_options("direct")
    assert options["direct_macsec"]["options"]["cak"]["no_log"] and options["direct_macsec"]["options"]["ckn"]["no_log"]


def test_every_required_role_input_is_asked_for():
    _, (job,), _ = direct_templates()
    asked = {q["variable"] for q in job["survey_spec"]["spec"] if q["required"]}
    for option, spec in role_options("direct").items():
        if spec.get("required") and option != "direct_circuits":  # direct_circuits: assembled from the answers
            assert option in asked, option
    assert {
        "direct_circuit_name",
        "direct_circuit_bandwidth_gbps",
        "direct_private_peering_peer_asn",
        "direct_private_peering_prefix",
        "direct_private_peering_vlan_id",
    } <= asked


def test_survey_answers_arrive_as_valid_role_variables(tmp_path):
    _, (job,), _ = direct_templates()
    answers = {
        "direct_port_name": "erdirect-survey",
        "direct_resource_group": "rg-expressroute",
        "direct_peering_location": "Equinix-Amsterdam-AM5",
        "direct_loa_customer_name": "Contoso Ltd",
        "direct_macsec_ckn_secret_identifier": "https://kv-er-survey.vault.azure.net/secrets/ckn",
        "direct_macsec_cak_secret_identifier": "https://kv-er-survey.vault.azure.net/secrets/cak",
        "direct_macsec_identity": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/"
        "userAssignedIdentities/id",
        "direct_macsec_ckn": CKN,
        "direct_macsec_cak": CAK,
        "direct_circuit_name": "er-survey-direct",
        "direct_circuit_bandwidth_gbps": "10",
        "direct_private_peering_peer_asn": 65020,
        "direct_private_peering_prefix": "192.168.100.128/29",
        "direct_private_peering_vlan_id": 100,
        "direct_private_peering_shared_key": "Survey2026Key",
        "direct_private_peering_advertise": "10.1.0.0/16\n",
        "direct_connections_gateway": "gw-hub",
    }
    extra_vars = launch(job, answers)
    (tmp_path / "extra.json").write_text(json.dumps(extra_vars))
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "tests", "ansible.cfg"))
    result = subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
            "-i",
            "localhost,",
            "-c",
            "local",
            os.path.join(HERE, "survey_to_role.yml"),
            "-e",
            "@{0}".format(tmp_path / "extra.json"),
            "-e",
            "assembled_file={0}".format(tmp_path / "assembled.json"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    for secret in ("Survey2026Key", CAK, CKN):
        assert secret not in result.stdout + result.stderr
    with open(tmp_path / "assembled.json") as handle:
        role_vars = json.load(handle)
    assert role_vars["direct_circuits"] == [
        {
            "name": "er-survey-direct",
            "bandwidth_gbps": 10,
            "sku_tier": "Standard",
            "private_peering": {
                "peer_asn": 65020,
                "prefix": "192.168.100.128/29",
                "vlan_id": 100,
                "shared_key": "Survey2026Key",
                "advertise": ["10.1.0.0/16"],
            },
            "connections": [
                {
                    "name": "conn-er-survey-direct-gw-hub",
                    "gateway": "gw-hub",
                    "gateway_resource_group": "rg-expressroute",
                    "resource_group": "rg-expressroute",
                }
            ],
        }
    ]
    assert role_vars["direct_macsec"] == {
        "cipher": "GcmAes256",
        "ckn_secret_identifier": "https://kv-er-survey.vault.azure.net/secrets/ckn",
        "cak_secret_identifier": "https://kv-er-survey.vault.azure.net/secrets/cak",
        "identity": answers["direct_macsec_identity"],
        "ckn": CKN,
        "cak": CAK,
    }
    assert role_vars["direct_router"]["dialects"] == ["iosxe", "junos", "eos", "frr"]
    assert role_vars["direct_port_bandwidth_gbps"] == "10" and role_vars["direct_encapsulation"] == "QinQ"


def test_workflow_is_provision_wait_for_cross_connects_peerings_verify():
    config, _, (flow,) = direct_templates()
    nodes = {n["identifier"]: n for n in flow["simplified_workflow_nodes"]}
    chain = ["provision"]
    while nodes[chain[-1]].get("success_nodes"):
        (following,) = nodes[chain[-1]]["success_nodes"]
        chain.append(following)
    assert chain == ["provision", "wait_for_cross_connects", "peerings", "verify"]
    assert "cross-connects" in nodes["wait_for_cross_connects"]["approval_node"]["description"]
    steps = {t["name"]: t for t in config["controller_templates"]}
    for identifier in ("provision", "peerings", "verify"):
        assert steps[nodes[identifier]["unified_job_template"]]["extra_vars"] == {"expressroute_step": identifier}
    # The job playbook turns the steps into the role's direct_cross_connected (not a survey answer: an extra
    # variable would outrank it).
    with open(os.path.join(ROOT, "playbooks", "awx", "expressroute.yml")) as handle:
        playbook = handle.read()
    assert "direct_cross_connected: >-\n          {{ expressroute_step == 'peerings'" in playbook
    assert "direct_cross_connected" not in [q["variable"] for q in flow["survey_spec"]["spec"]]
