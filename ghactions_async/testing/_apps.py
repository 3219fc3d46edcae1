"""FakeGitHub's GitHub Apps: real key pairs, verified JWTs, expiring installation tokens.

``fake.add_app()`` makes an app with a fresh RSA key (its ``private_key_pem``
goes to the client); ``fake.install_app(app, org)`` installs it. The fake
checks each JWT's signature against the app's public key and its ``iat``
and ``exp`` against its clock (``FakeGitHub(clock=...)``), and issues
installation tokens that expire an hour later and reach only the
installation's organization. Needs PyJWT with cryptography (the ``app``
extra), imported only when apps are used.
"""

from __future__ import annotations

import contextvars
import itertools
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Literal

from aiohttp import web
from attrs import define, field, frozen

from .._operations import Operation
from .._operations import outside as ops
from ._http import (
    CLOCK,
    STATE,
    Handler,
    error,
    json_body_or_empty,
    json_response,
    not_found,
    origin_of,
    paginate,
    path_repo,
)
from ._repos import org_id, organization_json
from ._state import iso
from ._world import World

TOKEN_LIFETIME = timedelta(hours=1)
JWT_MAX_LIFETIME = 600  # seconds from iat to exp GitHub accepts
JWT_SKEW = 60  # seconds of clock drift GitHub forgives


@define
class FakeApp:
    """A GitHub App the fake knows: its id, slug and key pair."""

    id: int
    slug: str
    name: str
    private_key_pem: str = field(repr=False)
    public_key_pem: str = field(repr=False)
    created_at: datetime


@define
class FakeInstallation:
    """An app installed on an organization; ``tokens`` are those issued, with expiry."""

    id: int
    app: FakeApp
    org: str
    repository_selection: str = "all"
    created_at: datetime | None = None
    tokens: dict[str, datetime] = field(factory=dict, repr=False)


@frozen
class Credential:
    """Who a request authenticated as: the fake's token, an installation, or an app (JWT)."""

    kind: Literal["token", "installation", "app"]
    installation: FakeInstallation | None = None
    app: FakeApp | None = None

    @property
    def label(self) -> str:
        if self.installation is not None:
            return f"installation:{self.installation.id}"
        if self.app is not None:
            return f"app:{self.app.id}"
        return "token"


@define
class AppsState:
    apps: dict[int, FakeApp] = field(factory=dict)
    installations: dict[int, FakeInstallation] = field(factory=dict)
    ids: itertools.count[int] = field(factory=lambda: itertools.count(880_001))

    def installation_with_token(self, token: str) -> FakeInstallation | None:
        return next((i for i in self.installations.values() if token in i.tokens), None)


def _crypto() -> Any:
    try:
        import jwt
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
    except ImportError as exc:  # pragma: no cover - the dev environment has them
        raise ImportError(
            "FakeGitHub's GitHub Apps need PyJWT with cryptography: "
            "pip install 'ghactions-async[app]'"
        ) from exc
    return jwt, serialization, rsa


def new_key_pair() -> tuple[str, str]:
    """A fresh RSA key pair as PEM text: (private, public)."""
    _, serialization, rsa = _crypto()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def verify_jwt(state: AppsState, token: str, now: datetime) -> FakeApp | str:
    """The app a JWT proves to be, or GitHub's message for why it does not."""
    jwt, _, _ = _crypto()
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
        app = state.apps.get(int(claims["iss"]))
    except (jwt.PyJWTError, KeyError, TypeError, ValueError):
        return "A JSON web token could not be decoded"
    if app is None:
        return "Integration not found"
    try:
        claims = jwt.decode(
            token,
            app.public_key_pem,
            algorithms=["RS256"],
            options={"require": ["iat", "exp", "iss"], "verify_exp": False, "verify_iat": False},
        )
    except jwt.PyJWTError:
        return "A JSON web token could not be decoded"
    moment = now.timestamp()
    if not isinstance(claims["iat"], int) or claims["iat"] > moment + JWT_SKEW:
        return "'Issued at' claim ('iat') must be an Integer representing a time in the past"
    if not isinstance(claims["exp"], int) or claims["exp"] <= moment:
        return (
            "'Expiration time' claim ('exp') must be a numeric value representing "
            "the future time at which the assertion expires"
        )
    if claims["exp"] - claims["iat"] > JWT_MAX_LIFETIME:
        return "'Expiration time' claim ('exp') is too far in the future"
    return app


class AppsWorld(World):
    """Building GitHub Apps and their installations into the fake."""

    def add_app(self, name: str = "ghactions-bot") -> FakeApp:
        """A new app with its own key pair: ``app.id`` and ``app.private_key_pem`` go to AppAuth."""
        private, public = new_key_pair()
        with self._lock:
            area = self.state.area(AppsState)
            app = FakeApp(
                id=next(area.ids),
                slug=name.lower().replace(" ", "-"),
                name=name,
                private_key_pem=private,
                public_key_pem=public,
                created_at=self.clock.now(),
            )
            area.apps[app.id] = app
            return app

    def install_app(
        self, app: FakeApp, org: str, *, repository_selection: str = "all"
    ) -> FakeInstallation:
        """Install ``app`` on ``org`` (created if missing); its tokens reach only that org."""
        with self._lock:
            self.add_org(org)
            area = self.state.area(AppsState)
            installation = FakeInstallation(
                id=next(area.ids),
                app=app,
                org=org,
                repository_selection=repository_selection,
                created_at=self.clock.now(),
            )
            area.installations[installation.id] = installation
            return installation

    def installations(self) -> list[FakeInstallation]:
        """Every installation of every app, oldest first."""
        with self._lock:
            return sorted(self.state.area(AppsState).installations.values(), key=lambda i: i.id)


def _app_json(app: FakeApp, installations: int) -> dict[str, Any]:
    return {
        "id": app.id,
        "slug": app.slug,
        "node_id": f"A_fake{app.id}",
        "client_id": f"Iv1.fake{app.id}",
        "owner": None,
        "name": app.name,
        "description": "",
        "external_url": f"https://example.com/{app.slug}",
        "html_url": f"https://github.com/apps/{app.slug}",
        "created_at": iso(app.created_at),
        "updated_at": iso(app.created_at),
        "permissions": {"actions": "write", "administration": "read", "metadata": "read"},
        "events": [],
        "installations_count": installations,
    }


def _installation_json(request: web.Request, installation: FakeInstallation) -> dict[str, Any]:
    api = origin_of(request)
    created = iso(installation.created_at) if installation.created_at else None
    return {
        "id": installation.id,
        "account": organization_json(api, installation.org),
        "app_id": installation.app.id,
        "app_slug": installation.app.slug,
        "target_id": org_id(installation.org),
        "target_type": "Organization",
        "repository_selection": installation.repository_selection,
        "access_tokens_url": f"{api}/app/installations/{installation.id}/access_tokens",
        "repositories_url": f"{api}/installation/repositories",
        "html_url": f"https://github.com/organizations/{installation.org}/settings/installations/"
        f"{installation.id}",
        "permissions": {"actions": "write", "administration": "read", "metadata": "read"},
        "events": [],
        "created_at": created,
        "updated_at": created,
        "single_file_name": None,
    }


CREDENTIAL: contextvars.ContextVar[Credential] = contextvars.ContextVar("credential")
"""Who the request being answered authenticated as (the gateway sets it)."""


async def get_app(request: web.Request) -> web.Response:
    app = CREDENTIAL.get().app
    assert app is not None  # the gateway lets only JWTs through to /app
    area = request.app[STATE].area(AppsState)
    count = sum(1 for i in area.installations.values() if i.app is app)
    return json_response(_app_json(app, count))


async def list_installations(request: web.Request) -> web.Response:
    app = CREDENTIAL.get().app
    area = request.app[STATE].area(AppsState)
    mine = [i for i in sorted(area.installations.values(), key=lambda i: i.id) if i.app is app]
    page, headers = paginate(request, mine)
    return json_response([_installation_json(request, i) for i in page], headers=headers)


async def org_installation(request: web.Request) -> web.Response:
    app = CREDENTIAL.get().app
    area = request.app[STATE].area(AppsState)
    org = request.match_info.get("org") or request.match_info["owner"]
    for installation in area.installations.values():
        if installation.app is app and installation.org.lower() == org.lower():
            if "repo" in request.match_info and path_repo(request) is None:
                return not_found()
            return json_response(_installation_json(request, installation))
    return not_found()


async def create_token(request: web.Request) -> web.Response:
    app = CREDENTIAL.get().app
    area = request.app[STATE].area(AppsState)
    try:
        installation = area.installations.get(int(request.match_info["installation_id"]))
    except ValueError:
        installation = None
    if installation is None or installation.app is not app:
        return not_found()
    body = await json_body_or_empty(request)
    if body is None:
        return error(400, "Problems parsing JSON")
    now = request.app[CLOCK].now()
    token = f"ghs_{secrets.token_urlsafe(27)}"
    installation.tokens[token] = now + TOKEN_LIFETIME
    answer = {
        "token": token,
        "expires_at": iso(installation.tokens[token]),
        "permissions": body.get("permissions") or {"actions": "write", "metadata": "read"},
        "repository_selection": installation.repository_selection,
    }
    return json_response(answer, status=201)


HANDLERS: Mapping[Operation, Handler] = {
    ops.GET_AUTHENTICATED: get_app,
    ops.LIST_INSTALLATIONS: list_installations,
    ops.CREATE_INSTALLATION_TOKEN: create_token,
    ops.GET_ORG_INSTALLATION: org_installation,
    ops.GET_REPO_INSTALLATION: org_installation,
}
"""The app endpoints (JWT only; the gateway checks, by the operations' area)."""
