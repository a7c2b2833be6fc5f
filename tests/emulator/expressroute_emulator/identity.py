"""Entra ID (the v2.0 endpoints MSAL uses) and Azure-Stack-style cloud
discovery.

Tokens are JWT-shaped and HMAC-signed with a key kept in the state dir, so a
token stays valid across an emulator restart, as an Entra token would.
"""

import base64
import datetime
import hashlib
import hmac
import json
import time
import uuid
from urllib.parse import parse_qs

from .api_versions import METADATA_SHAPES
from .errors import bad_request

ARM_AUDIENCE = "https://management.azure.com/"


class IdentityError(Exception):
    """An AADSTS-style error: (status, error, AADSTS code, description)."""

    def __init__(self, status, error, aadsts, description):
        super().__init__(description)
        self.status = status
        self.error = error
        self.aadsts = aadsts
        self.description = description

    def body(self):
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")
        trace, correlation = str(uuid.uuid4()), str(uuid.uuid4())
        return {
            "error": self.error,
            "error_description": "AADSTS{0}: {1}\r\nTrace ID: {2}\r\nCorrelation ID: {3}\r\nTimestamp: {4}".format(
                self.aadsts, self.description, trace, correlation, now
            ),
            "error_codes": [self.aadsts],
            "timestamp": now,
            "trace_id": trace,
            "correlation_id": correlation,
            "error_uri": "https://login.microsoftonline.com/error?code={0}".format(self.aadsts),
        }


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Identity:
    def __init__(self, store, base_url_fn):
        self.store = store
        self.base_url = base_url_fn  # the URL is known only once the port is bound

    @property
    def tenant_id(self):
        return self.store.config["tenant_id"]

    def _tenant_matches(self, tenant):
        return tenant.lower() in (self.tenant_id.lower(), "organizations", "common")

    # -- discovery --------------------------------------------------------
    def openid_configuration(self, tenant):
        if not self._tenant_matches(tenant):
            raise IdentityError(
                400,
                "invalid_tenant",
                90002,
                "Tenant '{0}' not found. Check to make sure you have the correct tenant ID "
                "and are signing into the correct cloud.".format(tenant),
            )
        base = self.base_url()
        return {
            "token_endpoint": "{0}/{1}/oauth2/v2.0/token".format(base, tenant),
            "authorization_endpoint": "{0}/{1}/oauth2/v2.0/authorize".format(base, tenant),
            "device_authorization_endpoint": "{0}/{1}/oauth2/v2.0/devicecode".format(base, tenant),
            "issuer": "{0}/{1}/v2.0".format(base, tenant),
            "jwks_uri": "{0}/{1}/discovery/v2.0/keys".format(base, tenant),
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "tenant_region_scope": "EU",
            "cloud_instance_name": "microsoftonline.com",
        }

    def user_realm(self, username):
        return {
            "ver": "1.0",
            "account_type": "Managed",
            "domain_name": username.split("@")[-1],
            "cloud_instance_name": "microsoftonline.com",
            "cloud_audience_urn": "urn:federation:MicrosoftOnline",
        }

    def cloud_metadata(self, api_version):
        """GET /metadata/endpoints in the shape each version has
        (api_versions.METADATA_SHAPES): Azure Stack's object for 1.0 and
        2015-01-01, the list of clouds for 2019-05-01, this cloud alone as
        an object for 2022-09-01; another version is refused."""
        base = self.base_url()
        shape = METADATA_SHAPES.get(api_version or "")
        if shape is None and not api_version:
            raise bad_request(
                "MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.",
            )
        if shape is None:
            raise bad_request(
                "InvalidApiVersionParameter",
                "The api-version '{0}' is invalid. The supported versions are '{1}'.".format(
                    api_version, ",".join(sorted(METADATA_SHAPES, reverse=True))
                ),
            )
        if shape == "stack":
            return {
                "galleryEndpoint": base + "/gallery/",
                "graphEndpoint": base + "/graph/",
                "portalEndpoint": base + "/portal/",
                "authentication": {"loginEndpoint": base + "/", "audiences": [ARM_AUDIENCE]},
                "resourceManager": base + "/",
            }
        cloud = {
            "name": "HybridnetEmulator",
            "resourceManager": base + "/",
            "portal": base + "/portal/",
            "gallery": base + "/gallery/",
            "graph": base + "/graph/",
            "graphAudience": base + "/graph/",
            "authentication": {
                "loginEndpoint": base + "/",
                "audiences": [ARM_AUDIENCE],
                "tenant": "common",
                "identityProvider": "AAD",
            },
            "suffixes": {"storage": "core.windows.net", "keyVaultDns": "vault.azure.net"},
        }
        return [cloud] if shape == "list" else cloud

    # -- tokens -----------------------------------------------------------
    def token(self, tenant, raw_body):
        if not self._tenant_matches(tenant):
            raise IdentityError(400, "invalid_request", 90002, "Tenant '{0}' not found.".format(tenant))
        try:
            form = {k: v[0] for k, v in parse_qs(raw_body.decode("utf-8"), strict_parsing=False).items()}
        except (UnicodeDecodeError, ValueError):
            raise IdentityError(
                400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'."
            ) from None
        grant = form.get("grant_type")
        scope = form.get("scope", "")
        if grant == "client_credentials":
            principal = self._service_principal(form.get("client_id"))
            if principal is None:
                raise IdentityError(
                    400,
                    "unauthorized_client",
                    700016,
                    "Application with identifier '{0}' was not found in the directory '{1}'.".format(
                        form.get("client_id"), self.tenant_id
                    ),
                )
            if not hmac.compare_digest(str(form.get("client_secret", "")), principal["client_secret"]):
                raise IdentityError(
                    401,
                    "invalid_client",
                    7000215,
                    "Invalid client secret provided. Ensure the secret being sent in the request is "
                    "the client secret value, not the client secret ID, for a secret added to app "
                    "'{0}'.".format(principal["client_id"]),
                )
            subject = {
                "appid": principal["client_id"],
                "oid": _stable_guid(principal["client_id"]),
                "idtyp": "app",
                "sub": _stable_guid("sub" + principal["client_id"]),
            }
            return self._issue(subject, scope, client_id=principal["client_id"])
        if grant == "password":
            principal = self._user(form.get("username"))
            if principal is None or not hmac.compare_digest(str(form.get("password", "")), principal["password"]):
                raise IdentityError(
                    400, "invalid_grant", 50126, "Error validating credentials due to invalid username or password."
                )
            subject = {
                "upn": principal["username"],
                "unique_name": principal["username"],
                "oid": _stable_guid(principal["username"]),
                "idtyp": "user",
                "sub": _stable_guid("sub" + principal["username"]),
            }
            return self._issue(subject, scope, client_id=form.get("client_id", ""), user=principal["username"])
        raise IdentityError(
            400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '{0}'.".format(grant)
        )

    def _service_principal(self, client_id):
        for p in self.store.config["principals"]:
            if p["kind"] == "service_principal" and p["client_id"].lower() == str(client_id).lower():
                return p
        return None

    def _user(self, username):
        for p in self.store.config["principals"]:
            if p["kind"] == "user" and p["username"].lower() == str(username).lower():
                return p
        return None

    def _sign(self, payload):
        header = _b64(json.dumps({"typ": "JWT", "alg": "HS256", "kid": "emulator"}).encode())
        body = _b64(json.dumps(payload, separators=(",", ":")).encode())
        signing_input = "{0}.{1}".format(header, body).encode()
        signature = hmac.new(self.store.data["signing_key"].encode(), signing_input, hashlib.sha256).digest()
        return "{0}.{1}.{2}".format(header, body, _b64(signature))

    def _issue(self, subject, scope, client_id, user=None):
        now = int(time.time())
        lifetime = int(self.store.config.get("token_lifetime_seconds", 3600))
        audience = scope.split()[0].rsplit("/.default", 1)[0] if scope else ARM_AUDIENCE
        payload = dict(subject)
        payload.update(
            {
                "aud": audience,
                "iss": "https://sts.windows.net/{0}/".format(self.tenant_id),
                "tid": self.tenant_id,
                "iat": now,
                "nbf": now,
                "exp": now + lifetime,
                "ver": "1.0",
            }
        )
        result = {
            "token_type": "Bearer",
            "expires_in": lifetime,
            "ext_expires_in": lifetime,
            "access_token": self._sign(payload),
        }
        if user:
            # Public-client flows (ROPC) also return who signed in.
            oid = subject["oid"]
            result["scope"] = scope
            result["client_info"] = _b64(json.dumps({"uid": oid, "utid": self.tenant_id}).encode())
            id_claims = {
                "aud": client_id,
                "iss": "{0}/{1}/v2.0".format(self.base_url(), self.tenant_id),
                "iat": now,
                "nbf": now,
                "exp": now + lifetime,
                "oid": oid,
                "tid": self.tenant_id,
                "sub": subject["sub"],
                "preferred_username": user,
                "name": user,
                "ver": "2.0",
            }
            result["id_token"] = "{0}.{1}.".format(
                _b64(b'{"typ":"JWT","alg":"none"}'), _b64(json.dumps(id_claims).encode())
            )
        return result

    def principal_for(self, authorization_header):
        """The principal a bearer token belongs to, or None when the token is
        missing, malformed, forged or expired."""
        scheme, _, token = (authorization_header or "").strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return None
        parts = token.split(".")
        if len(parts) != 3:
            return None
        expected = hmac.new(
            self.store.data["signing_key"].encode(), "{0}.{1}".format(parts[0], parts[1]).encode(), hashlib.sha256
        ).digest()
        try:
            if not hmac.compare_digest(_unb64(parts[2]), expected):
                return None
            claims = json.loads(_unb64(parts[1]))
        except (ValueError, TypeError, RecursionError):
            return None
        # Only the emulator's key signs, but a token is input: any shape
        # that is not ours is "invalid", never a crash.
        if (
            not isinstance(claims, dict)
            or not isinstance(claims.get("exp", 0), (int, float))
            or not isinstance(claims.get("tid", ""), str)
        ):
            return None
        if claims.get("exp", 0) < time.time() or claims.get("tid", "").lower() != self.tenant_id.lower():
            return None
        name = claims.get("appid") or claims.get("upn")
        if not isinstance(name, str):
            return None
        for p in self.store.config["principals"]:
            if name and name.lower() in (str(p.get("client_id", "")).lower(), str(p.get("username", "")).lower()):
                return p
        return None

    @staticmethod
    def can_access(principal, subscription_id):
        allowed = [s.lower() for s in principal.get("subscriptions", [])]
        return "*" in allowed or subscription_id.lower() in allowed


def _stable_guid(text):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "hybridnet-emulator:" + text))
