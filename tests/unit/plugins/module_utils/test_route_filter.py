"""Route filters: communities by service name, community name or value,
resolved through the catalog; the no-op shortcut; result and managed view."""

from types import SimpleNamespace

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _route_filter
from ansible_collections.hybridnet.expressroute.plugins.module_utils._errors import ValidationError


def service(name, service_name, *communities):
    return SimpleNamespace(
        name=name,
        service_name=service_name,
        bgp_communities=[
            SimpleNamespace(
                community_name=c[0],
                community_value=c[1],
                is_authorized_to_use=c[2] if len(c) > 2 else True,
                service_supported_region=c[3] if len(c) > 3 else "Global",
            )
            for c in communities
        ],
    )


CATALOG = _route_filter.catalog_from_sdk(
    [
        service("exchange", "exchange", ("Exchange Online", "12076:5010")),
        service("azureactivedirectory", "AzureActiveDirectory", ("Azure Active Directory", "12076:5060")),
        service(
            "azurewesteurope",
            "AzureWestEurope",
            ("Azure West Europe", "12076:51002", True, "West Europe"),
            ("Azure West Europe Storage", "12076:51102", True, "West Europe"),
        ),
        service("pstn", "PSTN", ("PSTN", "12076:5250", False)),
    ]
)


@pytest.mark.parametrize(
    "entries, values",
    [
        (["Exchange"], ["12076:5010"]),
        (["exchange"], ["12076:5010"]),
        (["EXCHANGE ONLINE"], ["12076:5010"]),  # community name, case and spaces ignored
        (["AzureActiveDirectory"], ["12076:5060"]),
        (["azure-active-directory"], ["12076:5060"]),
        (["12076:5060"], ["12076:5060"]),  # by value
        (["AzureWestEurope"], ["12076:51002", "12076:51102"]),  # a service: all its communities
        (["Azure West Europe Storage"], ["12076:51102"]),  # one community of it
        (["Exchange", "12076:5010", "exchange"], ["12076:5010"]),  # no repetition
    ],
)
def test_resolve(entries, values):
    assert _route_filter.resolve(entries, CATALOG) == values


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValidationError) as info:
        _route_filter.resolve(["Exchange", "Yammer"], CATALOG)
    text = str(info.value)
    assert "communities: 'Yammer' is not a service or community name" in text
    assert "exchange (Exchange Online: 12076:5010)" in text
    assert "AzureWestEurope (Azure West Europe: 12076:51002, Azure West Europe Storage: 12076:51102)" in text


def test_unknown_value_is_refused():
    with pytest.raises(ValidationError) as info:
        _route_filter.resolve(["12076:9999"], CATALOG)
    assert "'12076:9999' is not a BGP community value" in str(info.value)


def test_community_not_authorized_is_refused():
    with pytest.raises(ValidationError) as info:
        _route_filter.resolve(["PSTN"], CATALOG)
    assert "not authorized for this subscription (isAuthorizedToUse is false)" in str(info.value)


@pytest.mark.parametrize(
    "entries, values",
    [
        (["Exchange", "AzureActiveDirectory"], ["12076:5010", "12076:5060"]),
        (["12076:51002", "Exchange Online"], ["12076:51002", "12076:5010"]),
        (["AzureWestEurope"], None),  # regional: only the catalog knows
        (["Yammer"], None),
        ([], []),
    ],
)
def test_known_values_need_no_catalog_only_for_global_services_and_values(entries, values):
    assert _route_filter.known_values(entries) == values


def test_the_known_table_agrees_with_the_emulators_catalog():
    """The emulator's catalog carries Microsoft's published values; every
    name of the shortcut table must resolve to the same value through it."""
    from expressroute_emulator.resources import catalog

    services = [
        service(
            s["name"],
            s["properties"]["serviceName"],
            *[(c["communityName"], c["communityValue"]) for c in s["properties"]["bgpCommunities"]],
        )
        for s in catalog.bgp_communities("s1")
    ]
    full = _route_filter.catalog_from_sdk(services)
    for name, value in _route_filter.KNOWN_SERVICE_VALUES.items():
        assert _route_filter.resolve([name], full) == [value], name


@pytest.mark.parametrize("entry", ["", "  ", 5])
def test_entries_must_be_text(entry):
    with pytest.raises(ValidationError) as info:
        _route_filter.check_entries([entry])
    assert "service names" in str(info.value)


def test_same_communities_ignores_order_and_repetition():
    assert _route_filter.same_communities(["1:2", "1:3"], ["1:3", "1:2", "1:2"])
    assert not _route_filter.same_communities(["1:2"], ["1:2", "1:3"])


RF_ID = "/subscriptions/s1/resourceGroups/rg-er/providers/Microsoft.Network/routeFilters/rf1"
PEERING_ID = (
    "/subscriptions/s1/resourceGroups/rg-er/providers/Microsoft.Network/expressRouteCircuits/er1/peerings/"
    "MicrosoftPeering"
)


def filter_model(rules=(), peerings=()):
    return SimpleNamespace(
        id=RF_ID,
        name="rf1",
        location="westeurope",
        tags={"a": "b"},
        etag='W/"1"',
        provisioning_state="Succeeded",
        rules=[
            SimpleNamespace(
                name=n, access=SimpleNamespace(value="Allow"), communities=c, provisioning_state="Succeeded"
            )
            for n, c in rules
        ],
        peerings=[SimpleNamespace(id=p) for p in peerings],
        ipv6_peerings=None,
    )


def test_result_and_managed_view():
    result = _route_filter.route_filter_result(filter_model([("allow", ["12076:5060", "12076:5010"])], [PEERING_ID]))
    assert result["resource_group"] == "rg-er" and result["peerings"] == [PEERING_ID]
    assert result["rule"] == {
        "name": "allow",
        "access": "Allow",
        "communities": ["12076:5060", "12076:5010"],
        "provisioning_state": "Succeeded",
    }
    assert _route_filter.managed_view(result) == {
        "location": "westeurope",
        "tags": {"a": "b"},
        "rule_name": "allow",
        "communities": ["12076:5010", "12076:5060"],
    }


def test_filter_without_rule():
    result = _route_filter.route_filter_result(filter_model())
    assert result["rule"] is None and result["communities"] == []
    assert _route_filter.managed_view(result)["rule_name"] is None


def test_deleting_an_attached_filter_is_refused_naming_the_peering():
    with pytest.raises(ValidationError) as info:
        _route_filter.refuse_delete_attached(_route_filter.route_filter_result(filter_model(peerings=[PEERING_ID])))
    assert PEERING_ID in str(info.value) and "detach it first" in str(info.value)
    _route_filter.refuse_delete_attached(_route_filter.route_filter_result(filter_model()))


def test_prediction_of_a_new_filter():
    after = {"location": "westeurope", "tags": {}, "rule_name": "allow-services", "communities": ["12076:5010"]}
    predicted = _route_filter.predicted(None, after, "rf1", "rg-er")
    assert predicted["rule"]["access"] == "Allow" and predicted["communities"] == ["12076:5010"]
    assert predicted["id"] is None and predicted["peerings"] == []


def test_ordered_is_numeric_and_unique():
    assert _route_filter.ordered(["12076:51002", "12076:5060", "12076:5010", "12076:5060"]) == [
        "12076:5010",
        "12076:5060",
        "12076:51002",
    ]
    assert _route_filter.ordered(None) == []
