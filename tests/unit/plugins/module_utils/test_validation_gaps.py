"""Inputs Azure refuses, refused before any write with the field, the rule and
the fix: tags beyond Azure's limits or not strings, an unknown region, an
empty peer, a peering prefix over the circuit's Global Reach /29."""

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _diff, _gateway, _peering, _validate
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError

REGIONS = [
    {"name": "westeurope", "displayName": "West Europe"},
    {"name": "northeurope", "displayName": "North Europe"},
    {"name": "eastus", "displayName": "East US"},
]


# -- tags ----------------------------------------------------------------------------
@pytest.mark.parametrize("value, kind", [(["a"], "list"), ({"k": "v"}, "mapping")])
def test_a_list_or_mapping_as_a_tag_value_is_refused_not_stored_as_text(value, kind):
    with pytest.raises(ValidationError) as info:
        _diff.merge_tags({}, {"owner": value}, False)
    assert "tags: the value of tag 'owner' is a {0}; Azure tag values are strings".format(kind) in str(info.value)


def test_a_tag_name_over_512_characters_is_refused():
    _diff.merge_tags({}, {"k" * 512: "v"}, True)
    with pytest.raises(ValidationError) as info:
        _diff.merge_tags({}, {"k" * 600: "v"}, True)
    assert "has 600 characters; Azure allows at most 512. Shorten it." in str(info.value)


def test_a_tag_value_over_256_characters_is_refused():
    _diff.merge_tags({}, {"k": "v" * 256}, True)
    with pytest.raises(ValidationError) as info:
        _diff.merge_tags({}, {"k": "v" * 257}, True)
    assert "the value of tag 'k' has 257 characters; Azure allows at most 256" in str(info.value)


@pytest.mark.parametrize("name", ["a/b", "a?b", "50%", "x<y", "a&b", "a\\b", "a>b"])
def test_tag_names_with_characters_azure_forbids_are_refused(name):
    with pytest.raises(ValidationError) as info:
        _validate.tags({name: "v"})
    assert "which Azure does not allow in tag names" in str(info.value)


def test_more_than_50_tags_after_merging_is_refused():
    current = {"t{0}".format(i): "v" for i in range(49)}
    assert len(_diff.merge_tags(current, {"one": "more"}, False)) == 50
    with pytest.raises(ValidationError) as info:
        _diff.merge_tags(current, {"one": "more", "two": "more"}, False)
    assert "would have 51 tags; Azure allows at most 50" in str(info.value)


def test_scalar_tag_values_are_kept_as_the_text_azure_stores():
    expected = {"n": "1", "b": "True", "e": "", "s": "x"}
    assert _diff.merge_tags({}, {"n": 1, "b": True, "e": None, "s": "x"}, True) == expected


# -- location --------------------------------------------------------------------------
def test_a_known_region_by_name_or_display_name_is_canonical():
    assert _validate.location("West Europe", REGIONS) == "westeurope"
    assert _validate.location("NORTHEUROPE", REGIONS) == "northeurope"


def test_an_unknown_region_is_refused_with_the_valid_ones_and_the_closest():
    with pytest.raises(ValidationError) as info:
        _validate.location("westeurop", REGIONS)
    message = str(info.value)
    assert message.startswith("location 'westeurop' is not an Azure region this subscription can use.")
    assert "Did you mean westeurope or northeurope?" in message and "valid: eastus, northeurope, westeurope." in message


# -- connection peer -------------------------------------------------------------------
@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_peer_is_refused_not_looked_up(value):
    with pytest.raises(ValidationError) as info:
        _gateway.resolve(value, "peer", "expressRouteCircuits", "sub", "rg", "an ExpressRoute circuit")
    assert str(info.value) == (
        "peer is empty: give the name or the resource id of an ExpressRoute circuit, or leave peer out."
    )


def test_a_peer_name_azure_cannot_hold_is_refused():
    with pytest.raises(ValidationError) as info:
        _gateway.resolve("bad name!", "peer", "expressRouteCircuits", "sub", "rg", "an ExpressRoute circuit")
    assert "peer 'bad name!' is not a valid ExpressRoute circuit name" in str(info.value)


# -- a peering over the circuit's Global Reach /29 -----------------------------------------
LINKS = [
    {
        "id": "/x/connections/gr1",
        "name": "gr1",
        "kind": "connection",
        "peer_peering_id": "/y",
        "address_prefix": "192.168.250.0/29",
        "ipv6_address_prefix": None,
    }
]


def test_a_private_peering_prefix_over_the_global_reach_29_is_refused():
    after = {"primary_prefix": "192.168.250.0/30", "secondary_prefix": "192.168.250.4/30", "ipv6": None}
    before = {"primary_prefix": "172.16.0.0/30", "secondary_prefix": "172.16.0.4/30", "ipv6": None}
    with pytest.raises(ValidationError) as info:
        _peering.check_global_reach_overlap("AzurePrivatePeering", after, before, LINKS, "er1")
    assert str(info.value).startswith(
        "primary_prefix 192.168.250.0/30 of the AzurePrivatePeering overlaps "
        "192.168.250.0/29, the address prefix of Global Reach link gr1 of circuit er1"
    )


def test_prefixes_clear_of_the_link_or_unchanged_pass():
    after = {"primary_prefix": "172.16.0.0/30", "secondary_prefix": "172.16.0.4/30", "ipv6": None}
    _peering.check_global_reach_overlap("AzurePrivatePeering", after, None, LINKS, "er1")
    # An existing overlap (made before the rule) is not refused on a run that does not change it.
    overlapping = {"primary_prefix": "192.168.250.0/30", "secondary_prefix": "172.16.0.4/30", "ipv6": None}
    _peering.check_global_reach_overlap("AzurePrivatePeering", overlapping, dict(overlapping), LINKS, "er1")
