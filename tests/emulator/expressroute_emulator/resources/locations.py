"""Microsoft.Resources ``GET /subscriptions/{id}/locations``: the regions a
subscription may use (Subscriptions - List Locations, api-version
2022-12-01: ``{"value": [{id, name, type: "Region", displayName,
regionalDisplayName, metadata}]}``), the same regions ``check_location``
accepts in a PUT.  Clients read it to refuse an unknown region before they
write."""

from ..arm import AZURE_REGIONS, Response
from ..errors import ArmError

DISPLAY_NAMES = {
    "eastus": "East US",
    "eastus2": "East US 2",
    "westus": "West US",
    "westus2": "West US 2",
    "westus3": "West US 3",
    "centralus": "Central US",
    "southcentralus": "South Central US",
    "northcentralus": "North Central US",
    "westcentralus": "West Central US",
    "canadacentral": "Canada Central",
    "canadaeast": "Canada East",
    "brazilsouth": "Brazil South",
    "brazilsoutheast": "Brazil Southeast",
    "mexicocentral": "Mexico Central",
    "chilecentral": "Chile Central",
    "westeurope": "West Europe",
    "northeurope": "North Europe",
    "uksouth": "UK South",
    "ukwest": "UK West",
    "francecentral": "France Central",
    "francesouth": "France South",
    "germanywestcentral": "Germany West Central",
    "germanynorth": "Germany North",
    "swedencentral": "Sweden Central",
    "swedensouth": "Sweden South",
    "switzerlandnorth": "Switzerland North",
    "switzerlandwest": "Switzerland West",
    "norwayeast": "Norway East",
    "norwaywest": "Norway West",
    "polandcentral": "Poland Central",
    "italynorth": "Italy North",
    "spaincentral": "Spain Central",
    "eastasia": "East Asia",
    "southeastasia": "Southeast Asia",
    "japaneast": "Japan East",
    "japanwest": "Japan West",
    "koreacentral": "Korea Central",
    "koreasouth": "Korea South",
    "australiaeast": "Australia East",
    "australiasoutheast": "Australia Southeast",
    "australiacentral": "Australia Central",
    "australiacentral2": "Australia Central 2",
    "newzealandnorth": "New Zealand North",
    "centralindia": "Central India",
    "southindia": "South India",
    "westindia": "West India",
    "jioindiawest": "Jio India West",
    "jioindiacentral": "Jio India Central",
    "indonesiacentral": "Indonesia Central",
    "malaysiawest": "Malaysia West",
    "southafricanorth": "South Africa North",
    "southafricawest": "South Africa West",
    "uaenorth": "UAE North",
    "uaecentral": "UAE Central",
    "qatarcentral": "Qatar Central",
    "israelcentral": "Israel Central",
}


class Locations:
    def __init__(self, emulator):
        self.emulator = emulator

    def list(self, ctx, subscription):
        if ctx.method != "GET":
            raise ArmError(405, "MethodNotAllowed", "The requested method is not allowed.")
        sub_id = subscription["subscription_id"]
        return Response(200, {"value": [self.view(sub_id, name) for name in AZURE_REGIONS]})

    @staticmethod
    def view(sub_id, name):
        display = DISPLAY_NAMES.get(name, name)
        return {
            "id": "/subscriptions/{0}/locations/{1}".format(sub_id, name),
            "name": name,
            "type": "Region",
            "displayName": display,
            "regionalDisplayName": display,
            "metadata": {"regionType": "Physical"},
        }


def register(emulator):
    emulator.locations = Locations(emulator)
