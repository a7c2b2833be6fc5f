"""The client factory: poll interval, retries, CA trust."""

from types import SimpleNamespace

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _client

CLOUD = SimpleNamespace(resource_manager="https://management.example.invalid/", scope="https://example/.default")


class Credential:
    def get_token(self, *scopes, **kwargs):  # never called: building a client sends nothing
        raise AssertionError("no request expected")


def test_polls_every_few_seconds_without_retry_after():
    # azure-core's own default is 30 s; Retry-After, when Azure sends it, wins.
    client = _client.network_client(Credential(), "sub", CLOUD, True)
    assert client._config.polling_interval == _client.DEFAULT_POLL_INTERVAL == 5


def test_retries_are_bounded():
    client = _client.network_client(Credential(), "sub", CLOUD, "/tmp/ca.pem")
    retry = client._config.retry_policy
    assert retry.total_retries == 10 and retry.status_retries == 5
    assert retry.backoff_max == 30
