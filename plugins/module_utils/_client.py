# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: the one place NetworkManagementClient is built."""

from __future__ import annotations

COLLECTION_VERSION = "0.1.0"
USER_AGENT = "hybridnet.expressroute/{0}".format(COLLECTION_VERSION)

# When a long-running operation's answer carries no Retry-After, poll every
# few seconds instead of azure-core's 30 s default; Retry-After, when sent,
# always wins (azure-core honours it).
DEFAULT_POLL_INTERVAL = 5
# azure-core retries 408/429/5xx on GET/PUT/DELETE (POST/PATCH only on
# 500/503/504), honouring Retry-After, with exponential backoff.  Keep its
# shape, cap the backoff; the task's deadline bounds every sleep
# (_retry.DeadlineRetryPolicy), so a throttled call cannot outlive wait_timeout.
RETRY_SETTINGS = dict(retry_total=10, retry_status=5, retry_backoff_factor=0.8, retry_backoff_max=30)


def network_client(credential, subscription_id, cloud, verify, poll_interval=DEFAULT_POLL_INTERVAL, deadline_of=None):
    """``deadline_of()``: the _waiter.Deadline the client's retries must end
    before (None: azure-core's own bounds only)."""
    from azure.mgmt.network import NetworkManagementClient

    from ._retry import DeadlineRetryPolicy

    return NetworkManagementClient(
        credential,
        subscription_id,
        base_url=cloud.resource_manager,
        credential_scopes=[cloud.scope],
        connection_verify=verify,
        polling_interval=poll_interval,
        user_agent=USER_AGENT,
        retry_policy=DeadlineRetryPolicy(deadline_of=deadline_of, **RETRY_SETTINGS),
    )
