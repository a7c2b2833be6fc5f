"""The role end to end: the documented playbook renders from plain variables with no Azure credentials, writes
0600 files into a 0700 directory, prints no MD5 key, fails before writing on bad input, and produces exactly what
the in-process rendering of the golden tests produces."""

import os
import stat
import subprocess
import sys

import yaml

import router_render
from ansible_collections.hybridnet.expressroute.plugins.module_utils._router_model import build_router_models

ROOT = router_render.ROOT
PLAYBOOK = os.path.join(ROOT, "playbooks", "render_router_config.yml")
EXAMPLE = os.path.join(ROOT, "playbooks", "vars", "router_config_example.yml")
KEY = "DocKey12345"


def run_playbook(*extra, verbosity=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AZURE_")}
    env["ANSIBLE_PIPELINING"] = "True"  # a module run per rendered file: pipelining saves a third
    args = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), PLAYBOOK, "-e", "@" + EXAMPLE]
    args += list(extra) + ([verbosity] if verbosity else [])
    return subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=False)


def test_the_playbook_renders_the_example_without_azure_and_matches_the_templates(tmp_path):
    out = tmp_path / "configs"
    result = run_playbook("-e", "er_md5_key=" + KEY, "-e", "er_output_dir=%s" % out, verbosity="-v")
    assert result.returncode == 0, result.stdout + result.stderr
    assert KEY not in result.stdout + result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o700
    names = sorted(os.listdir(out))
    assert names == sorted("%s.%s.cfg" % (d, x) for d in ("ce1", "ce2") for x in router_render.DIALECTS)
    for name in names:
        assert stat.S_IMODE(os.stat(out / name).st_mode) == 0o600
    with open(EXAMPLE) as handle:
        example = yaml.safe_load(handle)
    options = dict(example["er_model_options"], md5_key=KEY, per_peering=example["er_per_peering"])
    expected = router_render.render_models(
        build_router_models(example["er_peerings"], example["er_circuit"], options), "ce"
    )
    for name in names:
        assert (out / name).read_text() == expected[name], name
    assert "neighbor 192.168.100.130 password %s" % KEY in (out / "ce1.frr.cfg").read_text()


def test_the_playbook_renders_pe_vrf_and_a_chosen_dialect(tmp_path):
    out = tmp_path / "pe"
    result = run_playbook(
        "-e",
        "er_md5_key=" + KEY,
        "-e",
        "er_output_dir=%s" % out,
        "-e",
        "er_device_role=pe_vrf",
        "-e",
        '{"er_dialects": ["junos"], "er_model_options": {"devices": {"primary": "pe1", '
        '"secondary": "pe2"}, "local_asn": 65020, "vrf": {"name": "CUST-A", "rd": "65020:1", '
        '"route_target": "65020:1"}}}',
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(os.listdir(out)) == ["pe1.junos.cfg", "pe2.junos.cfg"]
    assert "routing-instances {" in (out / "pe1.junos.cfg").read_text()


def test_bad_input_fails_with_the_rule_before_anything_is_written(tmp_path):
    out = tmp_path / "never"
    result = run_playbook("-e", "er_md5_key=Not-Alphanumeric-Key", "-e", "er_output_dir=%s" % out)
    assert result.returncode != 0
    assert "md5_key: Azure accepts at most 25 alphanumeric characters" in result.stdout + result.stderr
    assert "Not-Alphanumeric-Key" not in result.stdout + result.stderr
    assert not out.exists()
    result = run_playbook("-e", "er_md5_key=" + KEY, "-e", "er_output_dir=%s" % out, "-e", "er_device_role=pe_vrf")
    assert result.returncode != 0 and "models[0].vrf" in result.stdout + result.stderr
    assert not out.exists()


def test_argument_specs_document_every_default():
    with open(os.path.join(router_render.ROLE, "meta", "argument_specs.yml")) as handle:
        spec = yaml.safe_load(handle)["argument_specs"]["main"]["options"]
    defaults = router_render.role_defaults()
    assert sorted(spec) == sorted(defaults)
    for name, option in spec.items():
        assert option["default"] == defaults[name], name
        assert name.startswith("router_config_") and option.get("description")


def test_a_rerun_writes_nothing_and_repairs_only_what_changed_on_disk(tmp_path):
    """The role reads every file once (checksum and mode) and renders in memory: a second run writes (or stats)
    none of them, and a file edited, loosened or removed by hand is put back."""
    out = tmp_path / "configs"
    first = run_playbook("-e", "er_md5_key=" + KEY, "-e", "er_output_dir=%s" % out)
    assert first.returncode == 0, first.stdout + first.stderr
    rendered = {name: (out / name).read_text() for name in os.listdir(out)}

    again = run_playbook("-e", "er_md5_key=" + KEY, "-e", "er_output_dir=%s" % out)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "changed=0" in again.stdout
    assert again.stdout.count("skipping: [localhost] => (item=") == len(rendered)

    (out / "ce1.frr.cfg").write_text("edited by hand\n")
    os.chmod(out / "ce2.junos.cfg", 0o644)
    os.unlink(out / "ce1.eos.cfg")
    repaired = run_playbook("-e", "er_md5_key=" + KEY, "-e", "er_output_dir=%s" % out)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "changed=1" in repaired.stdout
    for name in ("ce1.frr.cfg", "ce2.junos.cfg", "ce1.eos.cfg"):
        assert "changed: [localhost] => (item=%s)" % name in repaired.stdout, repaired.stdout
        assert stat.S_IMODE(os.stat(out / name).st_mode) == 0o600
    assert repaired.stdout.count("skipping: [localhost] => (item=") == len(rendered) - 3
    assert {name: (out / name).read_text() for name in os.listdir(out)} == rendered
