"""The gateway modules against the emulator, and the module's rules against
the emulator's (which follow the docs and Terraform)."""

import itertools

import pytest
from expressroute_emulator.errors import ArmError
from expressroute_emulator.resources import gateways as emulated

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _gateway
from conftest import assert_ok


def test_gateway(run_playbook):
    result = run_playbook("gateway")
    assert_ok(result)
    # The figures of a create with wait: false (the playbook asserts them).
    print([line.strip() for line in result.output.splitlines() if "wait false create returned" in line])


def record(sku, low=None):
    props = {"sku": {"name": sku}}
    if low is not None:
        props["autoScaleConfiguration"] = {"bounds": {"min": low, "max": max(low, 2)}}
    return {"name": "gw", "properties": props}


@pytest.mark.parametrize("old, new", list(itertools.product(_gateway.SKUS, repeat=2)))
def test_sku_changes_refused_exactly_where_the_emulator_refuses(old, new):
    try:
        emulated.VirtualNetworkGateways._sku_change(None, record(old), new)
        emulator_refuses = False
    except ArmError:
        emulator_refuses = True
    assert (_gateway.sku_change_refusal("gw", old, new) is not None) == emulator_refuses


@pytest.mark.parametrize(
    "sku, low", [(s, None) for s in _gateway.SKUS if s != "ErGwScale"] + [("ErGwScale", n) for n in (1, 2, 9, 10, 40)]
)
def test_limits_and_fastpath_as_the_emulator_has_them(sku, low):
    assert _gateway.supports_fastpath(sku, low) == emulated.supports_fastpath(record(sku, low))
    assert _gateway.max_connections(sku, low) == emulated.max_connections(record(sku, low))
