"""The Redis keys of one credential's budget, named by a digest of it, never the credential.

Every key of a budget carries the same ``{digest}`` (Redis Cluster's hash
tag), so one script can touch them all. The digest covers the API's origin
and the credential: a token's fingerprint (SHA-256 of its ``Authorization``
header), or for a GitHub App its app id and installation id, since an
installation's budget outlives its hourly tokens.
"""

from __future__ import annotations

import hashlib

from attrs import frozen

from .._config import origin_of
from .._http._app import AppAuth, AppInstallationAuth
from .._http._auth import Auth

DIGEST_CHARS = 32
"""Hex characters of the digest kept in the keys (128 bits)."""


def digest(*parts: str) -> str:
    """A short SHA-256 of ``parts``: one-way, so a key never reveals a credential."""
    text = "\0".join(("ghactions-shared-limits", *parts))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST_CHARS]


def fixed_identity(auth: Auth | None, api_url: str) -> str | None:
    """The budget's digest when the auth object alone decides it (a GitHub App's), else None.

    Tokens, and auth objects the library does not know, are told apart by the
    ``Authorization`` header each request carries (``header_identity``).
    """
    origin = "|".join(str(part) for part in origin_of(api_url))
    if isinstance(auth, AppInstallationAuth):
        return digest("installation", origin, auth.app_id, str(auth.installation_id))
    if isinstance(auth, AppAuth):
        return digest("app", origin, auth.app_id)
    return None


def header_identity(authorization: str | None, api_url: str) -> str:
    """The budget's digest for a request sent with ``authorization`` (None: unauthenticated)."""
    origin = "|".join(str(part) for part in origin_of(api_url))
    if authorization is None:
        return digest("anonymous", origin)
    return digest("authorization", origin, authorization)


@frozen
class BudgetKeys:
    """The keys of one credential's budget (see the README's "Beyond one process")."""

    prefix: str
    identity: str

    @property
    def base(self) -> str:
        return f"{self.prefix}:{{{self.identity}}}"

    @property
    def pause(self) -> str:
        """Hash: the pause every client keeps, and the probe after it."""
        return f"{self.base}:pause"

    @property
    def in_flight(self) -> str:
        """Sorted set: one lease per request in flight, scored by when it expires."""
        return f"{self.base}:inflight"

    @property
    def primary(self) -> str:
        """Hash: the primary budget as GitHub last reported it, and requests sent since."""
        return f"{self.base}:primary"

    @property
    def clients(self) -> str:
        """Sorted set: the clients that used the budget in the last window, by last use."""
        return f"{self.base}:clients"

    def points(self, route: str) -> tuple[str, str]:
        """Sorted set of the route's spends (``COST:LEASE`` by time) and their running total."""
        return f"{self.base}:points:{route}", f"{self.base}:points-total:{route}"

    def for_route(self, route: str) -> list[str]:
        """The six keys the scripts take, in their order."""
        points, total = self.points(route)
        return [self.pause, self.in_flight, self.primary, points, total, self.clients]
