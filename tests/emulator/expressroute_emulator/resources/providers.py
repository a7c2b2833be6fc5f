"""Microsoft.Resources Providers - Get and Providers - List:
``GET /subscriptions/{s}/providers/{namespace}`` and
``GET /subscriptions/{s}/providers``.  The Azure CLI's ``az resource
show/update`` without ``--api-version`` reads the provider's resourceTypes
and takes the first non-preview apiVersion of the resource's type, so the
lists come from the api-version table (api_versions.py) the emulator
enforces, newest first.

Shape: resources.json, example ``stable/2021-04-01/examples/GetProvider.json``
(Azure/azure-rest-api-specs at 96125316b83dfc7039e03c13f5b491df246ff3a3):
``{id, namespace, registrationState, registrationPolicy, resourceTypes:
[{resourceType, locations, apiVersions, capabilities}]}``, locations as
display names ("West US"), apiVersions newest first.  An unknown namespace is
404 InvalidResourceNamespace (ARM's code for ``providers/{ns}`` it does not
know)."""

from .. import api_versions
from ..arm import AZURE_REGIONS, Response
from ..errors import ArmError
from .locations import DISPLAY_NAMES

NETWORK = "Microsoft.Network"
RESOURCES = "Microsoft.Resources"

# Microsoft.Resources' own types the emulator serves (subscriptions,
# resource groups, a group's resources, locations, these providers), named
# as ARM's Microsoft.Resources registration names them.
_RESOURCES_TYPES = (
    "subscriptions",
    "subscriptions/resourceGroups",
    "subscriptions/locations",
    "subscriptions/providers",
    "subscriptions/resourceGroups/resources",
    "resourceGroups",
    "providers",
)

# Capabilities (an emulator choice, in the example's vocabulary): a
# top-level tracked type takes tags and a location; child types and
# operation endpoints none.  The CLI does not read them.
_TRACKED = "SupportsTags, SupportsLocation"


class Providers:
    def __init__(self, emulator):
        self.emulator = emulator

    def handle(self, ctx, subscription, namespace=None):
        if ctx.method != "GET":
            raise ArmError(405, "MethodNotAllowed", "The requested method {0} is not allowed.".format(ctx.method))
        sub_id = subscription["subscription_id"]
        if namespace is None:
            return Response(200, {"value": [self.view(sub_id, ns) for ns in (NETWORK, RESOURCES)]})
        for known in (NETWORK, RESOURCES):
            if namespace.lower() == known.lower():
                return Response(200, self.view(sub_id, known))
        raise ArmError(404, "InvalidResourceNamespace", "The resource namespace '{0}' is invalid.".format(namespace))

    @staticmethod
    def view(sub_id, namespace):
        locations = [DISPLAY_NAMES.get(name, name) for name in AZURE_REGIONS]
        if namespace == NETWORK:
            types = [
                {
                    "resourceType": name,
                    "locations": locations,
                    "apiVersions": list(versions),
                    "capabilities": _TRACKED if "/" not in name else "None",
                }
                for name, versions in api_versions.network_resource_types().items()
            ]
        else:
            versions = list(api_versions.newest_first(api_versions.RESOURCES_VERSIONS))
            types = [
                {"resourceType": name, "locations": locations, "apiVersions": versions, "capabilities": "None"}
                for name in _RESOURCES_TYPES
            ]
        return {
            "id": "/subscriptions/{0}/providers/{1}".format(sub_id, namespace),
            "namespace": namespace,
            "registrationState": "Registered",
            "registrationPolicy": "RegistrationRequired",
            "resourceTypes": types,
        }


def register(emulator):
    emulator.providers = Providers(emulator)
