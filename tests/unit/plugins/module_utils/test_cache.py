"""The in-memory cache of clouds and tokens (_cache): keyed by the whole
credential identity, never shared between identities, never a secret in the
clear."""

import json
import sys
import time

import pytest

from ansible_collections.hybridnet.expressroute.plugins.module_utils import _cache
from ansible_collections.hybridnet.expressroute.plugins.module_utils._auth import AuthSettings
from ansible_collections.hybridnet.expressroute.plugins.module_utils._cloud import Cloud

CLOUD = Cloud("Emu", "https://127.0.0.1:1", "https://127.0.0.1:1", "https://management.azure.com/")
OTHER_CLOUD = Cloud("Emu2", "https://127.0.0.1:2", "https://127.0.0.1:2", "https://management.azure.com/")


@pytest.fixture(autouse=True)
def fresh_store():
    sys.modules.pop(_cache._STORE, None)
    yield
    sys.modules.pop(_cache._STORE, None)


def sp(client_id="app", secret="s3cret-A", tenant="tid"):
    return AuthSettings(
        "service_principal", "options", subscription_id="sub", client_id=client_id, secret=secret, tenant=tenant
    )


def test_the_key_changes_with_every_part_of_the_identity():
    base = _cache.identity_key(sp(), CLOUD, True)
    assert base == _cache.identity_key(sp(), CLOUD, True)
    others = [
        _cache.identity_key(sp(secret="s3cret-B"), CLOUD, True),
        _cache.identity_key(sp(client_id="app2"), CLOUD, True),
        _cache.identity_key(sp(tenant="tid2"), CLOUD, True),
        _cache.identity_key(sp(), OTHER_CLOUD, True),
        _cache.identity_key(sp(), CLOUD, _cache.trust("/tmp/ca.pem")),
        _cache.identity_key(
            AuthSettings("user", "options", subscription_id="sub", ad_user="u", password="p"), CLOUD, True
        ),
    ]
    assert base not in others and len(set(others)) == len(others)


def test_cli_and_managed_identity_tokens_are_not_cached():
    assert _cache.identity_key(AuthSettings("cli", "az"), CLOUD, True) is None
    assert _cache.identity_key(AuthSettings("msi", "imds"), CLOUD, True) is None


class FakeCredential:
    def __init__(self, name, lifetime=3600):
        self.name = name
        self.lifetime = lifetime
        self.calls = 0

    def get_token(self, *scopes, **kwargs):
        from azure.core.credentials import AccessToken

        self.calls += 1
        return AccessToken("token-of-{0}-{1}".format(self.name, self.calls), int(time.time()) + self.lifetime)


def cached(settings, real):
    return _cache.CachedCredential(_cache.identity_key(settings, CLOUD, True), lambda: real)


def test_a_token_is_fetched_once_per_identity_and_never_crosses_identities():
    real_a, real_b = FakeCredential("A"), FakeCredential("B")
    tokens_a = [cached(sp(), real_a).get_token("scope/.default").token for _attempt in range(3)]
    # Same client id, other secret: another identity, its own token.
    tokens_b = [cached(sp(secret="s3cret-B"), real_b).get_token("scope/.default").token for _attempt in range(3)]
    assert tokens_a == ["token-of-A-1"] * 3 and real_a.calls == 1
    assert tokens_b == ["token-of-B-1"] * 3 and real_b.calls == 1


def test_a_token_near_expiry_or_a_claims_challenge_goes_to_entra_id():
    short = FakeCredential("S", lifetime=_cache.TOKEN_MARGIN - 1)
    credential = cached(sp(), short)
    credential.get_token("scope/.default")
    credential.get_token("scope/.default")
    assert short.calls == 2
    real = FakeCredential("C")
    credential = cached(sp(secret="x"), real)
    credential.get_token("scope/.default")
    credential.get_token("scope/.default", claims='{"access_token": {}}')
    assert real.calls == 2


def test_the_real_credential_is_built_only_when_a_token_is_needed():
    built = []
    credential = _cache.CachedCredential(
        _cache.identity_key(sp(), CLOUD, True), lambda: built.append(1) or FakeCredential("A")
    )
    assert built == []
    credential.get_token("scope/.default")
    _cache.CachedCredential(
        _cache.identity_key(sp(), CLOUD, True), lambda: built.append(1) or FakeCredential("A")
    ).get_token("scope/.default")
    assert built == [1]


def test_the_store_never_holds_a_secret_in_the_clear():
    cached(sp(secret="very-secret-value"), FakeCredential("A")).get_token("scope/.default")
    holder = _cache.store()
    dumped = json.dumps([holder.tokens, holder.clouds, holder.learnt])
    assert "very-secret-value" not in dumped


def test_what_a_task_learnt_is_merged_and_expired_tokens_forgotten():
    cached(sp(), FakeCredential("A")).get_token("scope/.default")
    learnt = json.loads(json.dumps(_cache.learnt()))  # as it crosses the pipe to the server
    sys.modules.pop(_cache._STORE)
    _cache.merge(learnt)
    assert len(_cache.store().tokens) == 1
    _cache.merge({"tokens": {"old": ["t", time.time() + 10]}})
    assert "old" not in _cache.store().tokens


def test_a_cloud_is_resolved_once_per_key():
    calls = []
    for _attempt in range(3):
        found = _cache.cloud(["https://x/metadata", True], lambda: calls.append(1) or CLOUD)
    assert calls == [1] and found.resource_manager == CLOUD.resource_manager
    _cache.cloud(["https://x/metadata", "/other/ca.pem"], lambda: calls.append(1) or CLOUD)
    assert calls == [1, 1]


def test_a_ca_bundle_replaced_at_the_same_path_is_another_trust(tmp_path):
    """A new emulator (or a private cloud's new CA) may write its bundle where
    the old one was, on the same address: a token or cloud fetched under the
    old CA is not reused under the new one."""
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\nold\n-----END CERTIFICATE-----\n")
    before_token = _cache.identity_key(sp(), CLOUD, _cache.trust(str(bundle)))
    before_cloud = _cache.trust(str(bundle))
    assert before_token == _cache.identity_key(sp(), CLOUD, _cache.trust(str(bundle)))
    bundle.write_text("-----BEGIN CERTIFICATE-----\nnew\n-----END CERTIFICATE-----\n")
    assert _cache.identity_key(sp(), CLOUD, _cache.trust(str(bundle))) != before_token
    assert _cache.trust(str(bundle)) != before_cloud
    assert _cache.trust(True) is True and _cache.trust(False) is False
