"""Bad inputs, each with the option its refusal must name.

Two parts:
- generated: every option of every module given a value of the wrong type,
  a choice that does not exist, or left out when required (Ansible's own
  argument checks, which must name the option);
- listed: values of the right type that break one of Azure's rules (ranges,
  reserved numbers, prefix sizes and families, names Azure refuses, limits,
  options that conflict), which the modules must refuse before any write.

Every case runs in check mode and for real (``check_mode`` picks one per
case so both paths are covered); neither may write.
"""

import collections
import importlib
import random

import yaml

RG = "rg-expressroute"
# Replaced by the seeded circuit's service key when the corpus runs (the
# provider-side modules would otherwise stop at "no such cross-connection").
SERVICE_KEY = "<seeded service key>"
# The connectivity provider's subscription in the emulator's seed: where the
# cross-connections are.
PROVIDER = dict(subscription_id="99999999-8888-7777-6666-555555555555")
Case = collections.namedtuple("Case", "id module args option check_mode")

# A valid call of each module (what the mutations start from). Names are
# unique per case where it matters (see below), so a write, if any, shows
# which case made it.
BASE = {
    "authorization": dict(circuit="er-corpus", resource_group=RG, name="auth-ok"),
    "authorization_info": dict(circuit="er-corpus", resource_group=RG),
    "circuit": dict(
        name="er-new",
        resource_group=RG,
        provider="Equinix",
        peering_location="Silicon Valley",
        bandwidth_mbps=1000,
        location="westus",
    ),
    "circuit_diagnostics_info": dict(circuit="er-corpus", resource_group=RG, peering_type="AzurePrivatePeering"),
    "circuit_info": dict(resource_group=RG),
    "connection": dict(
        name="cn-new",
        resource_group="rg-network",
        gateway="gw-hub-weu",
        peer="er-corpus",
        peer_resource_group=RG,
        location="westeurope",
    ),
    "connection_info": dict(resource_group="rg-network"),
    "cross_connection": dict(PROVIDER, service_key=SERVICE_KEY, provisioning_state="Provisioned"),
    "cross_connection_info": dict(PROVIDER, service_key=SERVICE_KEY),
    "cross_connection_peering": dict(
        PROVIDER,
        service_key=SERVICE_KEY,
        peering_type="AzurePrivatePeering",
        peer_asn=65020,
        prefix="10.91.0.0/29",
        vlan_id=200,
    ),
    "gateway": dict(
        name="gw-new",
        resource_group="rg-network",
        virtual_network="vnet-hub-neu",
        sku="ErGw1AZ",
        location="northeurope",
    ),
    "gateway_info": dict(resource_group="rg-network"),
    "global_reach": dict(
        circuit="er-corpus", resource_group=RG, name="gr-new", peer_circuit="er-corpus-3", address_prefix="10.97.0.0/29"
    ),
    "global_reach_info": dict(circuit="er-corpus", resource_group=RG),
    "peering": dict(
        circuit="er-corpus",
        resource_group=RG,
        peering_type="MicrosoftPeering",
        peer_asn=3320,
        prefix="124.1.1.0/29",
        vlan_id=300,
        microsoft_peering=dict(advertised_public_prefixes=["124.1.0.0/24"]),
    ),
    "peering_info": dict(circuit="er-corpus", resource_group=RG),
    "route_filter": dict(name="rf-new", resource_group=RG, location="westus", communities=["12076:5010"]),
    "route_filter_info": dict(resource_group=RG),
    "service_provider_info": dict(),
    # ExpressRoute Direct: erd-corpus is seeded (a 10-Gbps Dot1Q port).
    "port": dict(
        name="erd-new",
        resource_group=RG,
        peering_location="Equinix-Amsterdam-AM5",
        bandwidth_gbps=10,
        encapsulation="Dot1Q",
        location="westeurope",
    ),
    "port_info": dict(resource_group=RG),
    "port_location_info": dict(),
    "port_authorization": dict(port="erd-corpus", resource_group=RG, name="pa-new"),
    "port_loa": dict(port="erd-corpus", resource_group=RG, customer_name="Contoso", dest="/tmp/corpus-erd-loa.pdf"),
    "vwan_connection": dict(
        name="erc-new",
        resource_group="rg-network",
        gateway="ergw-corpus",
        circuit="er-corpus",
        circuit_resource_group=RG,
    ),
    "vwan_connection_info": dict(gateway="ergw-corpus", resource_group="rg-network"),
    "vwan_gateway": dict(name="ergw-new", resource_group="rg-network", virtual_hub="vhub-weu", min_scale_units=2),
    "vwan_gateway_info": dict(resource_group="rg-network"),
}
# A Key Vault secret identifier and a user-assigned identity id, well formed.
KV_SECRET = "https://kv-corpus.vault.azure.net/secrets/{0}"
IDENTITY = (
    "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-expressroute/providers/"
    "Microsoft.ManagedIdentity/userAssignedIdentities/id-corpus"
)

# Options every module shares (auth, waits): tested on one module each below,
# not multiplied across all of them.
SHARED_OPTIONS = {
    "ad_user",
    "auth_source",
    "ca_bundle",
    "cert_validation_mode",
    "client_id",
    "cloud_environment",
    "password",
    "profile",
    "secret",
    "subscription_id",
    "tenant",
    "wait",
    "wait_timeout",
}

WRONG_TYPE = {"int": "twelve", "bool": "maybe", "dict": "not-a-dict", "list": {"not": "a list"}}


def _options(module):
    doc = importlib.import_module("ansible_collections.hybridnet.expressroute.plugins.modules." + module)
    return yaml.safe_load(doc.DOCUMENTATION)["options"]


def generated():
    for module, base in sorted(BASE.items()):
        for option, spec in sorted(_options(module).items()):
            if option in SHARED_OPTIONS:
                continue
            kind = spec.get("type", "str")
            if kind in WRONG_TYPE:
                yield module, "wrong type", dict(base, **{option: WRONG_TYPE[kind]}), option
            if spec.get("choices") and kind == "str":
                yield module, "no such choice", dict(base, **{option: "NoSuchChoice"}), option
            if spec.get("required"):
                args = dict(base)
                args.pop(option, None)
                yield module, "missing", args, option


def listed():
    c, p, cn, gw, gr, rf = (
        BASE[m] for m in ("circuit", "peering", "connection", "gateway", "global_reach", "route_filter")
    )
    private = dict(
        p,
        microsoft_peering=None,
        peering_type="AzurePrivatePeering",
        peer_asn=65020,
        prefix="10.93.0.0/29",
        vlan_id=400,
    )
    xp = BASE["cross_connection_peering"]
    rows = [
        # circuit
        ("circuit", "zero bandwidth", dict(c, bandwidth_mbps=0), "bandwidth_mbps"),
        ("circuit", "negative bandwidth", dict(c, bandwidth_mbps=-50), "bandwidth_mbps"),
        ("circuit", "unoffered bandwidth", dict(c, bandwidth_mbps=123), "bandwidth_mbps"),
        ("circuit", "huge bandwidth", dict(c, bandwidth_mbps=10**12), "bandwidth_mbps"),
        ("circuit", "Basic for a new circuit", dict(c, tier="Basic"), "tier"),
        ("circuit", "Local below 1 Gbps", dict(c, tier="Local", bandwidth_mbps=50), "tier"),
        ("circuit", "unknown provider", dict(c, provider="No Such Telco"), "provider"),
        ("circuit", "unknown peering location", dict(c, peering_location="Atlantis"), "peering_location"),
        ("circuit", "unknown location", dict(c, location="atlantis"), "location"),
        ("circuit", "empty name", dict(c, name=""), "name"),
        ("circuit", "name too long", dict(c, name="er-" + "x" * 78), "name"),
        ("circuit", "slash in name", dict(c, name="er/new"), "name"),
        ("circuit", "question mark in name", dict(c, name="er-new?"), "name"),
        ("circuit", "trailing dot in name", dict(c, name="er-new."), "name"),
        ("circuit", "dot-dot name", dict(c, name=".."), "name"),
        ("circuit", "NUL in name", dict(c, name="er\x00new"), "name"),
        ("circuit", "missing resource group", dict(c, resource_group="rg-does-not-exist"), "resource_group"),
        ("circuit", "list tag value", dict(c, tags={"team": ["a", "b"]}), "tags"),
        ("circuit", "dict tag value", dict(c, tags={"team": {"a": 1}}), "tags"),
        ("circuit", "tag key over 512", dict(c, tags={"k" * 600: "v"}), "tags"),
        ("circuit", "tag value over 256", dict(c, tags={"k": "v" * 300}), "tags"),
        ("circuit", "negative wait_timeout", dict(c, wait_timeout=-5), "wait_timeout"),
        (
            "circuit",
            "zero provider interval",
            dict(c, wait_for_provider="Provisioned", wait_for_provider_interval=0),
            "wait_for_provider_interval",
        ),
        (
            "circuit",
            "negative provider timeout",
            dict(c, wait_for_provider="Provisioned", wait_for_provider_timeout=-1),
            "wait_for_provider_timeout",
        ),
        ("circuit", "wrong-type wait", dict(c, wait="sometimes"), "wait"),
        ("circuit", "wrong-type wait_timeout", dict(c, wait_timeout="soon"), "wait_timeout"),
        ("circuit", "unknown cert_validation_mode", dict(c, cert_validation_mode="trust-me"), "cert_validation_mode"),
        ("circuit", "unknown auth_source", dict(c, auth_source="telepathy"), "auth_source"),
        # peering: VLANs, ASNs, prefixes, keys
        ("peering", "vlan 0", dict(private, vlan_id=0), "vlan_id"),
        ("peering", "vlan 4095", dict(private, vlan_id=4095), "vlan_id"),
        ("peering", "vlan 5000", dict(private, vlan_id=5000), "vlan_id"),
        ("peering", "vlan -1", dict(private, vlan_id=-1), "vlan_id"),
        ("peering", "asn 0", dict(private, peer_asn=0), "peer_asn"),
        ("peering", "asn 65515 (Azure's)", dict(private, peer_asn=65515), "peer_asn"),
        ("peering", "asn 65520 (Azure's)", dict(private, peer_asn=65520), "peer_asn"),
        ("peering", "asn 12076 (Microsoft's)", dict(private, peer_asn=12076), "peer_asn"),
        ("peering", "asn 23456 (AS_TRANS)", dict(private, peer_asn=23456), "peer_asn"),
        ("peering", "asn 65535 (reserved)", dict(private, peer_asn=65535), "peer_asn"),
        ("peering", "asn 4294967295 (reserved)", dict(private, peer_asn=4294967295), "peer_asn"),
        ("peering", "asn above 32 bits", dict(private, peer_asn=4294967296), "peer_asn"),
        ("peering", "negative asn", dict(private, peer_asn=-1), "peer_asn"),
        ("peering", "documentation asn 64496", dict(private, peer_asn=64496), "peer_asn"),
        ("peering", "documentation asn 65540", dict(private, peer_asn=65540), "peer_asn"),
        ("peering", "/28 instead of /29", dict(private, prefix="10.93.0.0/28"), "prefix"),
        ("peering", "/30 as prefix", dict(private, prefix="10.93.0.0/30"), "prefix"),
        ("peering", "host bits set", dict(private, prefix="10.93.0.1/29"), "prefix"),
        ("peering", "not an address", dict(private, prefix="ten.ninety/29"), "prefix"),
        ("peering", "octet over 255", dict(private, prefix="300.1.0.0/29"), "prefix"),
        ("peering", "IPv6 as the IPv4 prefix", dict(private, prefix="fd00:1::/125"), "prefix"),
        ("peering", "empty prefix", dict(private, prefix=""), "prefix"),
        (
            "peering",
            "primary /31",
            dict(private, prefix=None, primary_prefix="10.93.0.0/31", secondary_prefix="10.93.0.4/30"),
            "primary_prefix",
        ),
        (
            "peering",
            "secondary equals primary",
            dict(private, prefix=None, primary_prefix="10.93.0.0/30", secondary_prefix="10.93.0.0/30"),
            "secondary_prefix",
        ),
        (
            "peering",
            "primary without secondary",
            dict(private, prefix=None, primary_prefix="10.93.0.0/30"),
            "secondary_prefix",
        ),
        (
            "peering",
            "prefix and primary both",
            dict(private, primary_prefix="10.93.0.0/30", secondary_prefix="10.93.0.4/30"),
            "prefix",
        ),
        ("peering", "MD5 key of 26", dict(private, shared_key="A" * 26), "shared_key"),
        ("peering", "MD5 key with symbols", dict(private, shared_key="s3cr3t!"), "shared_key"),
        ("peering", "MD5 key with unicode", dict(private, shared_key="ключ123"), "shared_key"),
        ("peering", "route filter on private", dict(private, route_filter="rf-any"), "route_filter"),
        ("peering", "overlaps the private peering", dict(p, prefix="10.90.0.0/29"), "prefix"),
        ("peering", "private /29 overlapping Global Reach", dict(private, prefix="10.92.0.0/29"), "prefix"),
        ("peering", "vlan used by private", dict(p, vlan_id=100), "vlan_id"),
        ("peering", "private asn on Microsoft", dict(p, peer_asn=65020), "peer_asn"),
        ("peering", "private links on Microsoft", dict(p, prefix="10.94.0.0/29"), "prefix"),
        (
            "peering",
            "private advertised prefix",
            dict(p, microsoft_peering=dict(advertised_public_prefixes=["192.168.0.0/24"])),
            "advertised_public_prefixes",
        ),
        (
            "peering",
            "default route advertised",
            dict(p, microsoft_peering=dict(advertised_public_prefixes=["0.0.0.0/0"])),
            "advertised_public_prefixes",
        ),
        (
            "peering",
            "malformed advertised prefix",
            dict(p, microsoft_peering=dict(advertised_public_prefixes=["124.1.0.0/33"])),
            "advertised_public_prefixes",
        ),
        (
            "peering",
            "IPv6 advertised in IPv4 config",
            dict(p, microsoft_peering=dict(advertised_public_prefixes=["2a01:111:f400::/48"])),
            "advertised_public_prefixes",
        ),
        (
            "peering",
            "customer asn 0",
            dict(p, microsoft_peering=dict(advertised_public_prefixes=["124.1.0.0/24"], customer_asn=-1)),
            "customer_asn",
        ),
        ("peering", "ipv6 /124", dict(private, ipv6=dict(prefix="fd00:200::/124")), "prefix"),
        ("peering", "ipv6 config with IPv4", dict(private, ipv6=dict(prefix="10.95.0.0/29")), "prefix"),
        ("peering", "ipv6 malformed", dict(private, ipv6=dict(prefix="fd00::zz/125")), "prefix"),
        ("peering", "missing circuit", dict(private, circuit="er-nowhere"), "circuit"),
        ("peering", "public peering", dict(private, peering_type="AzurePublicPeering"), "peering_type"),
        # authorization
        ("authorization", "empty name", dict(BASE["authorization"], name=""), "name"),
        ("authorization", "slash in name", dict(BASE["authorization"], name="a/b"), "name"),
        ("authorization", "name too long", dict(BASE["authorization"], name="a" * 81), "name"),
        ("authorization", "missing circuit", dict(BASE["authorization"], circuit="er-nowhere"), "circuit"),
        # connection
        ("connection", "empty peer", dict(cn, peer=""), "peer"),
        ("connection", "routing weight -1", dict(cn, routing_weight=-1), "routing_weight"),
        ("connection", "routing weight 40000", dict(cn, routing_weight=40000), "routing_weight"),
        ("connection", "unknown location", dict(cn, location="atlantis"), "location"),
        ("connection", "slash in name", dict(cn, name="cn/new"), "name"),
        ("connection", "missing gateway", dict(cn, gateway="gw-nowhere"), "gateway"),
        ("connection", "missing peer circuit", dict(cn, peer="er-nowhere"), "peer"),
        ("connection", "tag key over 512", dict(cn, tags={"k" * 600: "v"}), "tags"),
        # gateway
        ("gateway", "missing virtual network", dict(gw, virtual_network="vnet-nowhere"), "virtual_network"),
        ("gateway", "unknown location", dict(gw, location="atlantis"), "location"),
        (
            "gateway",
            "zero min scale units",
            dict(gw, sku="ErGwScale", min_scale_units=0, max_scale_units=2),
            "min_scale_units",
        ),
        (
            "gateway",
            "max below min",
            dict(gw, sku="ErGwScale", min_scale_units=4, max_scale_units=2),
            "max_scale_units",
        ),
        ("gateway", "scale units on a fixed SKU", dict(gw, min_scale_units=2, max_scale_units=4), "min_scale_units"),
        ("gateway", "zero wait interval", dict(gw, wait_interval=0), "wait_interval"),
        ("gateway", "slash in name", dict(gw, name="gw/new"), "name"),
        # global reach
        ("global_reach", "/30 instead of /29", dict(gr, address_prefix="10.97.0.0/30"), "address_prefix"),
        ("global_reach", "not an address", dict(gr, address_prefix="nope"), "address_prefix"),
        ("global_reach", "IPv6 as IPv4", dict(gr, address_prefix="fd00::/125"), "address_prefix"),
        ("global_reach", "IPv4 as IPv6", dict(gr, ipv6_address_prefix="10.97.8.0/29"), "ipv6_address_prefix"),
        ("global_reach", "overlaps the private peering", dict(gr, address_prefix="10.90.0.0/29"), "address_prefix"),
        ("global_reach", "missing peer circuit", dict(gr, peer_circuit="er-nowhere"), "peer_circuit"),
        ("global_reach", "slash in name", dict(gr, name="gr/new"), "name"),
        # route filter
        ("route_filter", "malformed community", dict(rf, communities=["not-a-community"]), "communities"),
        ("route_filter", "unknown community", dict(rf, communities=["12076:99999"]), "communities"),
        ("route_filter", "empty community", dict(rf, communities=[""]), "communities"),
        ("route_filter", "unknown location", dict(rf, location="atlantis"), "location"),
        ("route_filter", "slash in rule name", dict(rf, rule_name="r/1"), "rule_name"),
        ("route_filter", "slash in name", dict(rf, name="rf/new"), "name"),
        ("route_filter", "tag key over 512", dict(rf, tags={"k" * 600: "v"}), "tags"),
        # cross-connection (the provider's side)
        ("cross_connection", "neither key nor name", dict(PROVIDER, provisioning_state="Provisioned"), "service_key"),
        (
            "cross_connection",
            "service key not a GUID",
            dict(BASE["cross_connection"], service_key="abc"),
            "service_key",
        ),
        ("cross_connection_peering", "vlan 4095", dict(xp, vlan_id=4095), "vlan_id"),
        ("cross_connection_peering", "asn 65515", dict(xp, peer_asn=65515), "peer_asn"),
        ("cross_connection_peering", "asn 23456", dict(xp, peer_asn=23456), "peer_asn"),
        ("cross_connection_peering", "/28", dict(xp, prefix="10.91.0.0/28"), "prefix"),
        ("cross_connection_peering", "MD5 key of 26", dict(xp, shared_key="B" * 26), "shared_key"),
        (
            "cross_connection_peering",
            "neither key nor name",
            {k: v for k, v in xp.items() if k != "service_key"},
            "service_key",
        ),
        # Virtual WAN gateway and connection (the seeded hub vhub-weu)
        ("vwan_gateway", "zero scale units", dict(BASE["vwan_gateway"], min_scale_units=0), "min_scale_units"),
        ("vwan_gateway", "11 scale units", dict(BASE["vwan_gateway"], min_scale_units=11), "min_scale_units"),
        ("vwan_gateway", "max of 11", dict(BASE["vwan_gateway"], max_scale_units=11), "max_scale_units"),
        (
            "vwan_gateway",
            "max below min",
            dict(BASE["vwan_gateway"], min_scale_units=4, max_scale_units=2),
            "max_scale_units",
        ),
        ("vwan_gateway", "no scale units", dict(BASE["vwan_gateway"], min_scale_units=None), "min_scale_units"),
        ("vwan_gateway", "missing hub", dict(BASE["vwan_gateway"], virtual_hub="vhub-nowhere"), "virtual_hub"),
        (
            "vwan_gateway",
            "hub id of another type",
            dict(
                BASE["vwan_gateway"],
                virtual_hub="/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/"
                "rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub-weu",
            ),
            "virtual_hub",
        ),
        ("vwan_gateway", "not the hub's region", dict(BASE["vwan_gateway"], location="northeurope"), "location"),
        (
            "vwan_connection",
            "routing weight 40000",
            dict(BASE["vwan_connection"], routing_weight=40000),
            "routing_weight",
        ),
        ("vwan_connection", "routing weight -1", dict(BASE["vwan_connection"], routing_weight=-1), "routing_weight"),
        (
            "vwan_connection",
            "Private Link FastPath alone",
            dict(BASE["vwan_connection"], enable_private_link_fast_path=True),
            "enable_private_link_fast_path",
        ),
        ("vwan_connection", "empty circuit", dict(BASE["vwan_connection"], circuit=""), "circuit"),
        (
            "vwan_connection",
            "circuit id of another type",
            dict(
                BASE["vwan_connection"],
                circuit="/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/"
                "rg-network/providers/Microsoft.Network/virtualHubs/vhub-weu",
            ),
            "circuit",
        ),
        ("vwan_connection", "missing gateway", BASE["vwan_connection"], "gateway"),
        ("vwan_connection", "slash in name", dict(BASE["vwan_connection"], name="erc/new"), "name"),
        # diagnostics and catalog reads
        ("circuit_diagnostics_info", "neither circuit nor key", dict(peering_type="AzurePrivatePeering"), "circuit"),
        ("circuit_diagnostics_info", "zero timeout", dict(BASE["circuit_diagnostics_info"], timeout=0), "timeout"),
        ("circuit_diagnostics_info", "negative timeout", dict(BASE["circuit_diagnostics_info"], timeout=-1), "timeout"),
        ("service_provider_info", "negative bandwidth", dict(bandwidth_mbps=-1), "bandwidth_mbps"),
    ] + direct_rows()
    for module, name, args, option in rows:
        yield module, name, {k: v for k, v in args.items() if v is not None}, option


def direct_rows():
    """ExpressRoute Direct: ports, MACsec, circuits on a port, port
    authorizations and the LOA."""
    pt, c = BASE["port"], BASE["circuit"]
    direct = dict(
        name="er-direct-new", resource_group=RG, express_route_port="erd-corpus", bandwidth_gbps=5, location="westus"
    )
    link = dict(
        name="link1",
        macsec=dict(ckn_secret_identifier=KV_SECRET.format("ckn"), cak_secret_identifier=KV_SECRET.format("cak")),
    )
    other_sub_port = (
        "/subscriptions/22222222-3333-4444-5555-666666666666/resourceGroups/rg-landingzone/providers/"
        "Microsoft.Network/expressRoutePorts/erd-x"
    )
    return [
        ("port", "unknown peering location", dict(pt, peering_location="Atlantis-1"), "peering_location"),
        ("port", "40 Gbps port", dict(pt, bandwidth_gbps=40), "bandwidth_gbps"),
        ("port", "no encapsulation for a new port", dict(pt, encapsulation=None), "encapsulation"),
        ("port", "unknown location", dict(pt, location="atlantis"), "location"),
        ("port", "slash in name", dict(pt, name="erd/x"), "name"),
        (
            "port",
            "CKN without CAK",
            dict(
                pt,
                identity=IDENTITY,
                links=[dict(name="link1", macsec=dict(ckn_secret_identifier=KV_SECRET.format("ckn")))],
            ),
            "cak_secret_identifier",
        ),
        (
            "port",
            "secret outside Key Vault",
            dict(
                pt,
                identity=IDENTITY,
                links=[
                    dict(
                        name="link1",
                        macsec=dict(
                            ckn_secret_identifier="https://example.com/ckn",
                            cak_secret_identifier=KV_SECRET.format("cak"),
                        ),
                    )
                ],
            ),
            "ckn_secret_identifier",
        ),
        ("port", "MACsec without identity", dict(pt, links=[link]), "identity"),
        (
            "port",
            "identity not a managed identity",
            dict(pt, identity="/subscriptions/x/resourceGroups/y", links=[link]),
            "identity",
        ),
        ("port", "link given twice", dict(pt, links=[dict(name="link1"), dict(name="link1")]), "links"),
        (
            "port",
            "resize the seeded port",
            dict(name="erd-corpus", resource_group=RG, bandwidth_gbps=100),
            "bandwidth_gbps",
        ),
        (
            "port",
            "move the seeded port",
            dict(name="erd-corpus", resource_group=RG, peering_location="Equinix-London-LD5"),
            "peering_location",
        ),
        ("circuit", "port and provider", dict(c, express_route_port="erd-corpus"), "express_route_port"),
        ("circuit", "Gbps and Mbps", dict(c, bandwidth_gbps=5), "bandwidth_gbps"),
        (
            "circuit",
            "key without a port",
            dict(c, authorization_key="00000000-1111-2222-3333-444444444444"),
            "authorization_key",
        ),
        ("circuit", "port that does not exist", dict(direct, express_route_port="erd-none"), "express_route_port"),
        ("circuit", "port without Gbps", dict(direct, bandwidth_gbps=None), "bandwidth_gbps"),
        ("circuit", "40 Gbps on a 10-Gbps port", dict(direct, bandwidth_gbps=40), "bandwidth_gbps"),
        (
            "circuit",
            "port of another subscription without key",
            dict(direct, express_route_port=other_sub_port),
            "authorization_key",
        ),
        (
            "circuit",
            "id of a circuit as port",
            dict(direct, express_route_port=other_sub_port.replace("expressRoutePorts", "expressRouteCircuits")),
            "express_route_port",
        ),
        (
            "circuit",
            "Gbps on a provider circuit",
            dict(name="er-corpus", resource_group=RG, bandwidth_gbps=5),
            "bandwidth_gbps",
        ),
        ("port_authorization", "port that does not exist", dict(BASE["port_authorization"], port="erd-none"), "port"),
        ("port_authorization", "slash in name", dict(BASE["port_authorization"], name="pa/x"), "name"),
        ("port_loa", "blank customer name", dict(BASE["port_loa"], customer_name=" "), "customer_name"),
        ("port_loa", "directory that does not exist", dict(BASE["port_loa"], dest="/nonexistent-dir/loa.pdf"), "dest"),
        ("port_loa", "port that does not exist", dict(BASE["port_loa"], port="erd-none"), "port"),
    ]


def sampled(seed=2026):
    """Values drawn (with a fixed seed, so every run tests the same inputs)
    from the ranges Azure refuses: VLANs, reserved AS numbers, /29s of the
    wrong size, names with characters ARM refuses, oversized strings."""
    draw = random.Random(seed)
    private = dict(
        BASE["peering"],
        microsoft_peering=None,
        peering_type="AzurePrivatePeering",
        peer_asn=65020,
        prefix="10.96.0.0/29",
        vlan_id=500,
    )
    for vlan in draw.sample(range(4095, 70000), 4) + draw.sample(range(-70000, 1), 3):
        yield "peering", "vlan {0}".format(vlan), dict(private, vlan_id=vlan), "vlan_id"
    for low, high in ((65515, 65520), (64496, 64511), (65536, 65551)):
        asn = draw.randint(low, high)
        yield "peering", "reserved asn {0}".format(asn), dict(private, peer_asn=asn), "peer_asn"
    for length in draw.sample([8, 16, 24, 27, 28, 30, 31, 32], 4):
        yield (
            "peering",
            "a /{0} as the /29".format(length),
            dict(private, prefix="10.96.0.0/{0}".format(length)),
            "prefix",
        )
    for char in draw.sample(list("/\\?#%&<>*:|\""), 5):
        yield "circuit", "name with {0!r}".format(char), dict(BASE["circuit"], name="er" + char + "x"), "name"
    for size in (81, draw.randint(200, 2000)):
        yield "authorization", "name of {0}".format(size), dict(BASE["authorization"], name="a" * size), "name"
    yield "circuit", "unicode name", dict(BASE["circuit"], name="er-\u00e9\u4e2d\U0001f600"), "name"


def _build():
    cases = []
    for index, (module, name, args, option) in enumerate(list(listed()) + list(sampled()) + list(generated())):
        case_id = "{0}-{1}-{2}".format(module, option, name.replace(" ", "_"))
        cases.append(Case(case_id, module, args, option, check_mode=index % 2 == 1))
    return cases


CASES = _build()
