# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # The authentication options every module shares.  Names and environment
    # variables are azure.azcollection's, which AWX's built-in "Microsoft
    # Azure Resource Manager" credential injects.
    DOCUMENTATION = r"""
options:
  auth_source:
    description:
      - Where the credentials come from.
      - V(auto) tries, in order, a named O(profile), credentials given as options or C(AZURE_*) environment
        variables, the C([default]) profile of C(~/.azure/credentials), and the Azure CLI (C(az login)).
      - V(env) uses only the C(AZURE_*) environment variables; V(credential_file) only C(~/.azure/credentials)
        (C($AZURE_CONFIG_DIR/credentials)); V(cli) the Azure CLI's login; V(msi) a managed identity (never tried by
        V(auto)).
      - Can also be set with the E(ANSIBLE_AZURE_AUTH_SOURCE) environment variable.
    type: str
    choices: [auto, env, credential_file, cli, msi]
    default: auto
  subscription_id:
    description:
      - The subscription to work in. Can also be set with E(AZURE_SUBSCRIPTION_ID).
    type: str
  client_id:
    description:
      - Application (client) id of a service principal, or of a user-assigned managed identity with
        O(auth_source=msi). Can also be set with E(AZURE_CLIENT_ID).
    type: str
  secret:
    description:
      - Client secret of the service principal. Can also be set with E(AZURE_SECRET).
      - Never logged.
    type: str
  tenant:
    description:
      - Tenant (directory) id. Can also be set with E(AZURE_TENANT) or E(AZURE_TENANT_ID).
    type: str
  ad_user:
    description:
      - A user to sign in as with O(password) (no multi-factor authentication). Can also be set with
        E(AZURE_AD_USER).
    type: str
  password:
    description:
      - The password of O(ad_user). Can also be set with E(AZURE_PASSWORD). Never logged.
    type: str
  profile:
    description:
      - A profile (section) of C(~/.azure/credentials) holding C(subscription_id), C(client_id), C(secret) and
        C(tenant) (or C(ad_user) and C(password)). Can also be set with E(AZURE_PROFILE).
    type: str
  cloud_environment:
    description:
      - V(AzureCloud), V(AzureChinaCloud), V(AzureUSGovernment), or the https URL of an Azure Resource Manager
        metadata endpoint (C(https://host/metadata/endpoints?api-version=2015-01-01), or the Resource Manager URL
        itself) from which the Resource Manager and login endpoints are discovered, as for Azure Stack. The
        collection's offline emulator is reached this way.
      - Can also be set with E(AZURE_CLOUD_ENVIRONMENT), or as C(cloud_environment) in the credentials-file profile
        used for authentication (as in azure.azcollection); this option or the variable wins over the profile.
      - V(AzureCloud) when none of them sets it.
    type: str
  ca_bundle:
    description:
      - A PEM file of certificate authorities to trust for Resource Manager, the login endpoint and the metadata
        URL, for endpoints behind a private CA (Azure Stack, a TLS-inspecting proxy, the emulator).
      - Can also be set with E(AZURE_CA_BUNDLE). Without it the system's trust store is used.
    type: path
  cert_validation_mode:
    description:
      - V(ignore) turns TLS certificate validation off, with a warning on every task; prefer O(ca_bundle).
      - Can also be set with E(AZURE_CERT_VALIDATION_MODE).
    type: str
    choices: [validate, ignore]
    default: validate
requirements:
  - python >= 3.9
  - azure-mgmt-network >= 30.0.0
  - azure-identity >= 1.15.0
  - azure-core >= 1.30.0
notes:
  - >-
    Run tasks against Azure on the control node (C(delegate_to: localhost) or C(hosts: localhost)) with
    C(ansible_python_interpreter) pointing at the Python that has the requirements, for example
    C("{{ ansible_playbook_python }}").
  - >-
    All modules are in the action group C(hybridnet.expressroute.azure), so
    C(module_defaults: {group/hybridnet.expressroute.azure: {...}}) sets these options once.
"""

    WAIT = r"""
options:
  wait:
    description:
      - Wait for Azure's long-running operation to finish. With V(false) the task returns as soon as Azure has
        accepted the change (the resource shows C(provisioning_state=Updating)); run the module or its C(_info)
        counterpart again to follow it.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds the whole task may wait, 0 or more (a negative value is refused before anything is sent to Azure).
        This counts its long-running operation, an operation found still running on the resource (a re-run resumes
        it), another operation on the same circuit (ARM's C(AnotherOperationInProgress)), and azure-core's retries
        of throttled (429) or failed requests, whose Retry-After or backoff is never slept past it. When it passes,
        the task fails saying what is still running or what stopped it; Azure carries on, and re-running the task
        resumes.
      - A resource found in C(provisioning_state=Failed) (its last operation failed) is written again with its
        settings, the way Azure recovers it; the task reports that as a change, with a warning, and says what it did in
        C(msg) and C(recovery) (check mode says it would).
    type: int
    default: 1800
"""
