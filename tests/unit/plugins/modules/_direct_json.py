"""ARM JSON of ExpressRoute Direct resources for the module unit tests."""

from .module_harness import arm_id

CKN = "https://kv-erd.vault.azure.net/secrets/ckn"
CAK = "https://kv-erd.vault.azure.net/secrets/cak"
IDENTITY = (
    "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg1/providers/"
    "Microsoft.ManagedIdentity/userAssignedIdentities/id1"
)


def link_json(name, admin="Disabled", macsec=None):
    return {
        "id": arm_id("expressRoutePorts", "erd1", "links", name),
        "name": name,
        "properties": {
            "provisioningState": "Succeeded",
            "routerName": "ams-rtr-" + name[-1],
            "interfaceName": "HundredGigE2/2/" + name[-1],
            "patchPanelId": "PP:" + name,
            "rackId": "RACK-" + name[-1],
            "connectorType": "LC",
            "adminState": admin,
            "macSecConfig": macsec or {"cipher": "GcmAes256", "sciState": "Disabled"},
        },
    }


def port_json(
    state="Succeeded", circuits=(), encapsulation="Dot1Q", identity=None, links=None, bandwidth=10, provisioned=0.0
):
    body = {
        "id": arm_id("expressRoutePorts", "erd1"),
        "name": "erd1",
        "location": "westeurope",
        "tags": {},
        "properties": {
            "provisioningState": state,
            "peeringLocation": "Equinix-Amsterdam-AM5",
            "bandwidthInGbps": bandwidth,
            "provisionedBandwidthInGbps": provisioned,
            "encapsulation": encapsulation,
            "billingType": "MeteredData",
            "mtu": "1500",
            "etherType": "0x8100",
            "allocationDate": "Saturday, December 5, 2026",
            "links": links or [link_json("link1"), link_json("link2")],
            "circuits": [{"id": c} for c in circuits],
        },
    }
    if identity:
        body["identity"] = {"type": "UserAssigned", "userAssignedIdentities": {identity: {}}}
    return body


def location_json(name="Equinix-Amsterdam-AM5", bandwidths=(10, 100)):
    return {
        "id": "/subscriptions/s/providers/Microsoft.Network/expressRoutePortsLocations/" + name,
        "name": name,
        "location": "westeurope",
        "properties": {
            "address": "Luttenbergweg 4",
            "contact": "support@example.com",
            "availableBandwidths": [{"offerName": "{0} Gbps".format(b), "valueInGbps": b} for b in bandwidths],
        },
    }


def port_authorization_json(use="Available", state="Succeeded", user=""):
    return {
        "id": arm_id("expressRoutePorts", "erd1", "authorizations", "fab"),
        "name": "fab",
        "properties": {
            "authorizationKey": "secret-key",
            "authorizationUseStatus": use,
            "circuitResourceUri": user,
            "provisioningState": state,
        },
    }
