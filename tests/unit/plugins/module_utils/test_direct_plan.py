"""The direct role's plan checks (module_utils/_direct_plan.direct_problems): a good ExpressRoute Direct plan has no
problem; each bad input is named with its rule and fix, and a MACsec key is never part of a message."""

import copy

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils._direct_plan import direct_problems

CKN = "1A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6E7F809"
CAK = "FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA99887766554433221100"
IDENTITY = (
    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/"
    "Microsoft.ManagedIdentity/userAssignedIdentities/id-er"
)
GOOD = {
    "port_bandwidth_gbps": 10,
    "encapsulation": "QinQ",
    "billing_type": "MeteredData",
    "render_router": True,
    "circuits": [
        {"name": "er-a", "bandwidth_gbps": 10, "private_peering": {"vlan_id": 100, "peer_asn": 65001}},
        {
            "name": "er-b",
            "bandwidth_gbps": 10,
            "private_peering": {"vlan_id": 100, "peer_asn": 65001},
            "microsoft_peering": {"vlan_id": 200, "peer_asn": 64900},
        },
    ],
    "macsec": {
        "cipher": "GcmAes256",
        "sci_state": "Enabled",
        "ckn": CKN,
        "cak": CAK,
        "identity": IDENTITY,
        "ckn_secret_identifier": "https://kv-er.vault.azure.net/secrets/ckn",
        "cak_secret_identifier": "https://kv-er.vault.azure.net/secrets/cak",
    },
}


def plan(**changes):
    result = copy.deepcopy(GOOD)
    result.update(changes)
    return result


def test_a_good_plan_has_no_problem():
    # QinQ: Azure gives each circuit its own S-tag, so two circuits may use the same VLAN ID.
    assert direct_problems(GOOD) == []


@pytest.mark.parametrize(
    "changes, named",
    [
        ({"port_bandwidth_gbps": 40}, "direct_port_bandwidth_gbps 40"),
        ({"encapsulation": "dot1q"}, "direct_encapsulation dot1q"),
        ({"billing_type": "Free"}, "direct_billing_type Free"),
        ({"circuits": []}, "direct_circuits is empty"),
        (
            {"circuits": [{"name": "er-a", "bandwidth_gbps": 20, "private_peering": {"vlan_id": 1}}]},
            "direct_circuits[0].bandwidth_gbps 20: a 10-Gbps port offers circuits of 1, 2, 5, 10 Gbps",
        ),
        (
            {
                "port_bandwidth_gbps": 100,
                "circuits": [{"name": "er-a", "bandwidth_gbps": 2, "private_peering": {"vlan_id": 1}}],
            },
            "a 100-Gbps port offers circuits of 5, 10, 40, 100 Gbps",
        ),
        (
            {
                "circuits": [
                    {"name": "er-%d" % i, "bandwidth_gbps": 10, "private_peering": {"vlan_id": 1}} for i in range(3)
                ]
            },
            "direct_circuits add up to 30 Gbps: a 10-Gbps port pair carries circuits of at most 20 Gbps",
        ),
        (
            {"circuits": [{"name": "er-a", "bandwidth_gbps": 1, "private_peering": {"vlan_id": 1}}] * 2},
            "direct_circuits[1].name er-a is listed twice",
        ),
        ({"circuits": [{"name": "er-a", "bandwidth_gbps": 1}]}, "direct_circuits[0] (er-a): nothing to peer"),
        (
            {"circuits": [{"name": "er-a", "bandwidth_gbps": 1, "private_peering": {"vlan_id": 1}, "vlan": 3}]},
            "direct_circuits[0]: unknown key(s) vlan",
        ),
        (
            {"encapsulation": "Dot1Q"},
            (
                "direct_circuits[1].private_peering.vlan_id 100 is already used by er-a "
                "private_peering on this Dot1Q port"
            ),
        ),
        (
            {
                "circuits": [
                    {
                        "name": "er-a",
                        "bandwidth_gbps": 1,
                        "private_peering": {"vlan_id": 7},
                        "microsoft_peering": {"vlan_id": 7},
                    }
                ]
            },
            "direct_circuits[0].microsoft_peering.vlan_id 7",
        ),
    ],
)
def test_each_bad_input_is_named(changes, named):
    problems = direct_problems(plan(**changes))
    assert any(named in p for p in problems), problems
    assert all("Fix:" in p or "must be" in p for p in problems), problems


@pytest.mark.parametrize(
    "macsec, named",
    [
        ({"cak": CAK[:32]}, "direct_macsec.cak: GcmAes256 needs a CAK of 64 hexadecimal digits (got 32 characters)"),
        ({"ckn": CKN[:-1]}, "direct_macsec.ckn: must be an even number"),
        ({"ckn": None}, "direct_macsec.ckn"),
        ({"cipher": "Aes"}, "direct_macsec.cipher"),
        ({"identity": ""}, "direct_macsec.identity is missing"),
        ({"cak_secret_identifier": None}, "direct_macsec.cak_secret_identifier is missing"),
        ({"secret": "x"}, "direct_macsec: unknown key(s) secret"),
        # The port module's own rules (module_utils/_port.py).
        (
            {"cak_secret_identifier": "https://example.com/cak"},
            "direct_macsec.cak_secret_identifier must be a Key Vault secret identifier",
        ),
        ({"identity": "id-er"}, "direct_macsec.identity must be the id of a user-assigned managed identity"),
    ],
)
def test_bad_macsec_is_named_and_no_key_is_shown(macsec, named):
    given = dict(GOOD["macsec"], **macsec)
    problems = direct_problems(plan(macsec=given))
    assert any(named in p for p in problems), problems
    text = " ".join(problems)
    assert CAK not in text and CAK[:32] not in text and CKN[:-1] not in text


def test_without_router_configuration_the_key_values_are_not_needed():
    macsec = dict(GOOD["macsec"])
    del macsec["ckn"], macsec["cak"]
    assert direct_problems(plan(macsec=macsec, render_router=False)) == []
    assert any("direct_macsec.ckn" in p for p in direct_problems(plan(macsec=macsec, render_router=True)))


def test_the_router_configuration_knows_the_ciphers_the_port_module_knows():
    from ansible_collections.hybridnet.expressroute.plugins.module_utils import _port, _router_model

    assert sorted(_router_model.MACSEC_CIPHERS) == sorted(_port.CIPHERS)
