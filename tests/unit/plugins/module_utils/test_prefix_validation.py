"""What the peering modules tell the user while Microsoft validates a
Microsoft peering's advertised public prefixes."""

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _peering


def microsoft(state, ipv6_state=None):
    config = {
        "advertised_public_prefixes": ["124.1.0.0/24"],
        "customer_asn": 23,
        "routing_registry_name": "ARIN",
        "advertised_public_prefixes_state": state,
    }
    ipv6 = None
    if ipv6_state:
        ipv6 = {
            "microsoft_peering_config": dict(
                config, advertised_public_prefixes=["2001:db8:1::/48"], advertised_public_prefixes_state=ipv6_state
            )
        }
    return {
        "peering_type": "MicrosoftPeering",
        "circuit": "er1",
        "peer_asn": 100,
        "microsoft_peering_config": config,
        "ipv6": ipv6,
    }


def test_validation_needed_says_what_to_do():
    actions = _peering.prefix_validation_actions(microsoft("ValidationNeeded"))
    assert len(actions) == 1
    for words in (
        "er1",
        "IPv4",
        "124.1.0.0/24",
        "ValidationNeeded",
        "ARIN",
        "customer_asn 23",
        "BGP session",
        "Nothing to change",
        "peering_info",
    ):
        assert words in actions[0]


def test_each_family_waiting_is_named():
    actions = _peering.prefix_validation_actions(microsoft("ValidationNeeded", ipv6_state="ValidationNeeded"))
    assert [("IPv4" in a, "2001:db8:1::/48" in a) for a in actions] == [(True, False), (False, True)]


def test_nothing_when_configured_or_not_microsoft():
    assert _peering.prefix_validation_actions(microsoft("Configured", ipv6_state="Configured")) == []
    assert (
        _peering.prefix_validation_actions({"peering_type": "AzurePrivatePeering", "microsoft_peering_config": None})
        == []
    )
    assert _peering.prefix_validation_actions(None) == []
