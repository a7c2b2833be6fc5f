"""The api-versions ARM accepts, per resource type, and how a response
differs between them.  Data, with where it comes from; arm.py, the resource
groups and identity.py apply it.

Microsoft.Network
-----------------
Source: Azure/azure-rest-api-specs, the version folders of
``specification/network/resource-manager/Microsoft.Network/`` — ``stable/<v>/``
up to 2024-10-01 (e.g. ``stable/2015-06-15/expressRouteCircuit.json`` at
8843fb37eddab41eeaef4669b29b99cca82431a2, ``stable/2016-12-01/routeFilter.json``
at 0bc52d9310aa69120d01e0e1f8c27e25b71a89ad, ``stable/2018-02-01/
expressRouteCrossConnection.json`` at 9c5b95869f35183fb7d00a3d02e0acf57303decf,
``preview/2015-05-01-preview/network.json`` at
e55bbf71922fb6080fce23806eab3dce6f2691c5) and ``Network/stable/<v>/`` from the
TypeSpec move on (``Network/readme.md`` at
0006c246ea45cda136f2a694d5b5e7c9f5cd23f0 lists the tags package-2025-01-01 …
package-2025-09-01; ``Network/stable/2026-01-01/expressRoute.json`` at
93deb289dd5366bb336a8351d856a59a4931fce3, ``Network/stable/2026-03-01/`` at
2bd38f23a022f29cc1221c939d40b7abfcf5f7e6).  Every stable Network version is a
whole-RP snapshot, so a type is in every version from the one that introduced
it:

- circuits (peerings, authorizations, service providers), virtual networks,
  subnets, public IPs, virtual network gateways and connections: from
  2015-05-01-preview (the only preview folder that defines them; the other
  ``preview/`` folders hold Network Manager and take ExpressRoute from a stable
  folder, e.g. tag package-2022-04-preview uses
  ``stable/2021-08-01/expressRouteCircuit.json``);
- route filters, their rules and BGP service communities: from 2016-12-01
  (``stable/2016-09-01/`` has no routeFilter.json);
- cross-connections and their peerings: from 2018-02-01 (not in 2018-01-01);
- Global Reach connections (``peerings/{p}/connections``): from 2018-02-01
  (``examples/ExpressRouteCircuitConnectionCreate.json`` first appears there;
  not in 2017-11-01);
- ``peerings/{p}/peerConnections``: from 2019-02-01
  (``examples/PeerExpressRouteCircuitConnectionGet.json``; not in 2018-12-01).

The floor is the oldest folder of the specs.  Azure's provider registration
also lists 2014-12-01-preview (see the NoRegisteredProviderFound text quoted in
Azure/azure-cli#28496), which no spec describes; the emulator leaves it out.
The ARM template reference lists 2017-03-30, which has no Network folder in
the specs (a Compute-side version); left out too.

Microsoft.Resources
-------------------
ARM's own endpoints (subscriptions, resource groups, ``…/resources``) accept
the versions ARM listed in its InvalidApiVersionParameter answer quoted in
Azure/azure-cli#28038 (2023), plus the resources.json versions published
since: ``specification/resources/resource-manager/Microsoft.Resources/
resources/readme.md`` at 01fd66f3aee58e0bb99d208692333687a9a0e54f (tags up to
package-resources-2025-04; 2025-08-01-preview only adds batch.json).
"""

import copy

# Every Microsoft.Network version folder of the specs that defines the
# ExpressRoute types, oldest first (see above).
NETWORK_VERSIONS = (
    "2015-05-01-preview",
    "2015-06-15",
    "2016-03-30",
    "2016-06-01",
    "2016-09-01",
    "2016-12-01",
    "2017-03-01",
    "2017-06-01",
    "2017-08-01",
    "2017-09-01",
    "2017-10-01",
    "2017-11-01",
    "2018-01-01",
    "2018-02-01",
    "2018-04-01",
    "2018-06-01",
    "2018-07-01",
    "2018-08-01",
    "2018-10-01",
    "2018-11-01",
    "2018-12-01",
    "2019-02-01",
    "2019-04-01",
    "2019-06-01",
    "2019-07-01",
    "2019-08-01",
    "2019-09-01",
    "2019-11-01",
    "2019-12-01",
    "2020-03-01",
    "2020-04-01",
    "2020-05-01",
    "2020-06-01",
    "2020-07-01",
    "2020-08-01",
    "2020-11-01",
    "2021-02-01",
    "2021-03-01",
    "2021-05-01",
    "2021-08-01",
    "2022-01-01",
    "2022-05-01",
    "2022-07-01",
    "2022-09-01",
    "2022-11-01",
    "2023-02-01",
    "2023-04-01",
    "2023-05-01",
    "2023-06-01",
    "2023-09-01",
    "2023-11-01",
    "2024-01-01",
    "2024-03-01",
    "2024-05-01",
    "2024-07-01",
    "2024-10-01",
    "2025-01-01",
    "2025-03-01",
    "2025-05-01",
    "2025-07-01",
    "2025-09-01",
    "2026-01-01",
    "2026-03-01",
)

# The version that introduced a type (its collection chain under
# providers/Microsoft.Network, canonical casing; an action name counts as a
# collection).
_INTRODUCED = {
    ("expressRouteCircuits",): "2015-05-01-preview",
    ("expressRouteCircuits", "peerings"): "2015-05-01-preview",
    ("expressRouteCircuits", "authorizations"): "2015-05-01-preview",
    ("expressRouteCircuits", "peerings", "connections"): "2018-02-01",
    ("expressRouteCircuits", "peerings", "peerConnections"): "2019-02-01",
    ("expressRouteServiceProviders",): "2015-05-01-preview",
    ("bgpServiceCommunities",): "2016-12-01",
    ("routeFilters",): "2016-12-01",
    ("routeFilters", "routeFilterRules"): "2016-12-01",
    ("expressRouteCrossConnections",): "2018-02-01",
    ("expressRouteCrossConnections", "peerings"): "2018-02-01",
    ("virtualNetworks",): "2015-05-01-preview",
    ("virtualNetworks", "subnets"): "2015-05-01-preview",
    ("publicIPAddresses",): "2015-05-01-preview",
    ("virtualNetworkGateways",): "2015-05-01-preview",
    ("connections",): "2015-05-01-preview",
    # Virtual WAN: virtualWans and virtualHubs from stable/2018-04-01
    # (virtualWan.json at 598efa66665d99777a23d4ce5b81fc54a29aaaf5);
    # expressRouteGateways and their expressRouteConnections from 2018-08-01
    # (examples/ExpressRouteGatewayCreate.json first appears there, at
    # 8aa89593dc01488bff150b67219d6f9910da37ee; not in 2018-07-01).
    ("virtualWans",): "2018-04-01",
    ("virtualHubs",): "2018-04-01",
    ("expressRouteGateways",): "2018-08-01",
    ("expressRouteGateways", "expressRouteConnections"): "2018-08-01",
    # ExpressRoute Direct: stable/2018-08-01/expressRoutePort.json is the
    # first (no such file in 2018-07-01); port authorizations first appear
    # in stable/2021-08-01 (examples/ExpressRoutePortAuthorizationCreate.json
    # at e86d0248ef1fd989c04747f59004c2ccbe191609; not in the 2021-05-01
    # folder the index holds).
    ("expressRoutePorts",): "2018-08-01",
    ("expressRoutePorts", "links"): "2018-08-01",
    ("expressRoutePorts", "authorizations"): "2021-08-01",
    ("expressRoutePortsLocations",): "2018-08-01",
    # Operation status and results answer in whatever version the operation
    # URL carries: the one of the request that started it.
    ("locations", "operations"): NETWORK_VERSIONS[0],
    ("locations", "operationResults"): NETWORK_VERSIONS[0],
}

RESOURCES_VERSIONS = tuple(
    sorted(
        {
            # ARM's list (Azure/azure-cli#28038, 2023).
            "2023-07-01",
            "2023-07-01-preview",
            "2023-03-01-preview",
            "2022-12-01",
            "2022-11-01-preview",
            "2022-09-01",
            "2022-06-01",
            "2022-05-01",
            "2022-03-01-preview",
            "2022-01-01",
            "2021-04-01",
            "2021-01-01",
            "2020-10-01",
            "2020-09-01",
            "2020-08-01",
            "2020-07-01",
            "2020-06-01",
            "2020-05-01",
            "2020-01-01",
            "2019-11-01",
            "2019-10-01",
            "2019-09-01",
            "2019-08-01",
            "2019-07-01",
            "2019-06-01",
            "2019-05-10",
            "2019-05-01",
            "2019-03-01",
            "2018-11-01",
            "2018-09-01",
            "2018-08-01",
            "2018-07-01",
            "2018-06-01",
            "2018-05-01",
            "2018-02-01",
            "2018-01-01",
            "2017-12-01",
            "2017-08-01",
            "2017-06-01",
            "2017-05-10",
            "2017-05-01",
            "2017-03-01",
            "2016-09-01",
            "2016-07-01",
            "2016-06-01",
            "2016-02-01",
            "2015-11-01",
            "2015-01-01",
            "2014-04-01-preview",
            "2014-04-01",
            "2014-01-01",
            "2013-03-01",
            "2014-02-26",
            # resources.json since then.
            "2024-03-01",
            "2024-07-01",
            "2024-11-01",
            "2025-03-01",
            "2025-04-01",
        },
        reverse=True,
    )
)

# GET /metadata/endpoints: what each version answers.  1.0 and 2015-01-01:
# Azure Stack's shape (one object with authentication.loginEndpoint and
# audiences); 2019-05-01: the list of clouds; 2022-09-01: the one cloud the
# endpoint belongs to, as an object.  hashicorp/go-azure-sdk
# (sdk/environments metadata client) reads 2019-05-01 as an array of
# environments and 2022-09-01 as a single object; the Azure CLI's `az cloud
# register --endpoint-resource-manager` indexes the 2022-09-01 answer as one
# object, and its ARM_CLOUD_METADATA_URL path iterates a list (2019-05-01).
METADATA_SHAPES = {"1.0": "stack", "2015-01-01": "stack", "2019-05-01": "list", "2022-09-01": "object"}

# Members a response shows only from the version that introduced them
# (ARM template reference change logs, generated from the REST specs:
# learn.microsoft.com/azure/templates/microsoft.network/change-log/
# expressroutecircuits and …/expressroutecircuits/peerings; the Global
# Reach members from the spec folders named above).  Keyed by the lower ARM
# type of the object holding them: nested resources (a circuit's inline
# peerings) are shaped by their own type.
SHAPES = {
    "microsoft.network/expressroutecircuits": (
        ("properties.authorizationKey", "2021-08-01"),
        ("properties.authorizationStatus", "2022-09-01"),
        ("properties.enableDirectPortRateLimit", "2023-11-01"),
    ),
    "microsoft.network/expressroutecircuits/peerings": (
        ("properties.connections", "2018-02-01"),
        ("properties.peeredConnections", "2019-02-01"),
        ("properties.microsoftPeeringConfig.advertisedPublicPrefixInfo", "2024-07-01"),
        ("properties.ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixInfo", "2024-07-01"),
    ),
}


def _date(version):
    """The sort key of a version: its date, a preview before the stable
    version of the same date."""
    return (version[:10], 0 if version.endswith("-preview") else 1)


_NEWEST_SHAPE = max((version[:10], 1) for rules in SHAPES.values() for _, version in rules)


_BY_LOWER = {tuple(c.lower() for c in chain): chain for chain in _INTRODUCED}


def network_versions(collections):
    """The versions Microsoft.Network serves for a collection chain (any
    casing), oldest first; None for a chain the table does not know."""
    chain = _BY_LOWER.get(tuple(c.lower() for c in collections))
    if chain is None:
        return None
    return tuple(v for v in NETWORK_VERSIONS if _date(v) >= _date(_INTRODUCED[chain]))


def network_resource_types():
    """{resourceType: versions, newest first} for every type the table
    knows, as the Providers API lists them: the collection chain joined by
    "/" (``expressRouteCircuits/peerings``), versions newest first as ARM
    orders them (GetProvider.json, see resources/providers.py)."""
    return {"/".join(chain): newest_first(network_versions(chain)) for chain in _INTRODUCED}


def newest_first(versions):
    """``versions`` newest first, a preview after the stable version of the
    same date (the reverse of ``_date`` order)."""
    return tuple(sorted(versions, key=_date, reverse=True))


def type_key(collections):
    """The longest prefix of a chain the table knows, in canonical casing
    (an action such as ``stats`` or ``arpTables`` answers in its
    resource's versions); None when no prefix is known."""
    chain = tuple(c.lower() for c in collections)
    for end in range(len(chain), 0, -1):
        if chain[:end] in _BY_LOWER:
            return _BY_LOWER[chain[:end]]
    return None


def shape(body, version):
    """``body`` as ``version`` shows it: members introduced later are left
    out, in the body and every resource nested in it."""
    if not version or not isinstance(body, (dict, list)) or _date(version) >= _NEWEST_SHAPE:
        return body
    body = copy.deepcopy(body)
    stack = [body]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, (dict, list)))
            continue
        rules = SHAPES.get(str(item.get("type", "")).lower()) if isinstance(item.get("type"), str) else None
        for path, introduced in rules or ():
            if _date(version) < _date(introduced):
                _drop(item, path.split("."))
        stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return body


def _drop(item, path):
    for part in path[:-1]:
        item = item.get(part) if isinstance(item, dict) else None
        if not isinstance(item, dict):
            return
    item.pop(path[-1], None)
