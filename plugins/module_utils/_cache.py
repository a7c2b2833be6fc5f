# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hybridnet.expressroute engineers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE: what a task may reuse from an earlier task of the same user:
the discovered cloud and access tokens, in memory only.

Note that this module util is **PRIVATE** to the collection. It can have
breaking changes at any time.

In a classic task (one process per task) the store lives and dies with the
process. Under the module server (_server.py) it lives in the server: each
task runs in a fork of it, reads what the server holds and hands what it
learnt back to the server when it ends. Tokens are keyed by the whole
credential identity (kind, source, tenant, client id, user, keyed hashes of
the secret/password, cloud endpoints, TLS trust), so two identities never
share one; nothing here is ever written to disk.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import time
import types
from typing import Any

# Survives the module server purging the collection's modules between tasks.
_STORE = "_hybridnet_expressroute_cache_store"
# A token is reused while it has at least this long to live (azure-core
# itself refreshes 5 minutes before expiry).
TOKEN_MARGIN = 300
# The Azure CLI's login may change between tasks, and a managed identity is
# the host's; only credentials given to the module are cached.
CACHED_KINDS = ("service_principal", "user")


def store():
    holder: Any = sys.modules.get(_STORE)  # a module that also carries the cache's attributes
    if holder is None:
        holder = types.ModuleType(_STORE)
        holder.key = os.urandom(32)  # keyed hashes: the store never holds a secret's plain hash
        holder.tokens = {}
        holder.clouds = {}
        holder.learnt = {"tokens": {}, "clouds": {}}
        sys.modules[_STORE] = holder
    return holder


def _keyed(value):
    return hmac.new(store().key, json.dumps(value, sort_keys=True).encode("utf-8"), hashlib.sha256).hexdigest()


def trust(verify):
    """The TLS trust a token or a cloud was fetched under: a CA bundle by its
    path and its content (a bundle replaced at the same path, a private
    cloud's or the emulator's new CA, is another trust), else True/False."""
    if not isinstance(verify, str):
        return verify
    try:
        with open(verify, "rb") as bundle:
            return [verify, hashlib.sha256(bundle.read()).hexdigest()]
    except OSError:
        return [verify, None]


def identity_key(settings, cloud, tls_trust):
    """The key of everything that makes a token what it is (``tls_trust``:
    what trust() gives for the connection's verify), or None when the
    credential kind is not cached."""
    if settings.kind not in CACHED_KINDS:
        return None
    return _keyed(
        {
            "kind": settings.kind,
            "source": settings.source,
            "tenant": settings.tenant,
            "client_id": settings.client_id,
            "ad_user": settings.ad_user,
            "secret": _keyed(settings.secret) if settings.secret else None,
            "password": _keyed(settings.password) if settings.password else None,
            "authority": cloud.authority,
            "audience": cloud.audience,
            "resource_manager": cloud.resource_manager,
            "verify": tls_trust,
        }
    )


def cloud(key, resolve):
    """The Cloud for ``key`` (the metadata URL and TLS trust), resolved once."""
    from ._cloud import Cloud

    key = _keyed(key)
    held = held_or_fetched("clouds", key)
    if held is not None:
        return Cloud(*held)
    found = resolve()
    _learn("clouds", key, [found.name, found.resource_manager, found.authority, found.audience])
    return found


def held(kind, key):
    """The cloud or the live token held for ``key``, or None."""
    value = getattr(store(), kind).get(key)
    if kind == "tokens" and value is not None and value[1] - time.time() <= TOKEN_MARGIN:
        return None
    return value


def held_or_fetched(kind, key):
    """What this process holds for ``key``; else, in a task of the module
    server, what the server holds or another task is fetching (it waits for
    it: one fetch per identity, however many tasks start together); else
    None: this task fetches it and tells (_learn)."""
    value = held(kind, key)
    channel = getattr(store(), "channel", None)
    if value is None and channel is not None:
        value = channel.ask(kind, key)
        if value is not None:
            getattr(store(), kind)[key] = value
    return value


def _learn(kind, key, value):
    getattr(store(), kind)[key] = value
    store().learnt[kind][key] = value
    channel = getattr(store(), "channel", None)
    if channel is not None:
        channel.tell({kind: {key: value}})  # now: tasks may be waiting for it


class CachedCredential:
    """An azure-core credential that answers from the store while the token
    lives and builds the real credential (``build()``) only when it must."""

    def __init__(self, key, build):
        self._key = key
        self._build = build
        self._real = None

    def _credential(self):
        if self._real is None:
            self._real = self._build()
        return self._real

    def get_token(self, *scopes, claims=None, tenant_id=None, **kwargs):
        from azure.core.credentials import AccessToken

        # A claims challenge (CAE) always goes to Entra ID.
        key = None if claims else _keyed([self._key, sorted(scopes), tenant_id, sorted(kwargs.items())])
        if key is not None:
            value = held_or_fetched("tokens", key)
            if value is not None:
                return AccessToken(value[0], value[1])
        token = self._credential().get_token(*scopes, claims=claims, tenant_id=tenant_id, **kwargs)
        if key is not None:
            _learn("tokens", key, [token.token, token.expires_on])
        return token

    def close(self):
        if self._real is not None and hasattr(self._real, "close"):
            self._real.close()


def learnt():
    """What this process added (handed to the module server)."""
    return store().learnt


def merge(learnt_now):
    """Keep what a task learnt; forget expired tokens."""
    holder = store()
    holder.clouds.update(learnt_now.get("clouds") or {})
    holder.tokens.update(learnt_now.get("tokens") or {})
    now = time.time()
    for key in [k for k, v in holder.tokens.items() if v[1] - now <= TOKEN_MARGIN]:
        del holder.tokens[key]
    holder.learnt = {"tokens": {}, "clouds": {}}
