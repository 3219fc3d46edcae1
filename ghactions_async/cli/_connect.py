"""Where the command line connects, with which token, and how one command runs its client.

The API URL comes from ``--base-url``, else ``GITHUB_API_URL``, else
``GH_HOST`` (as the ``gh`` CLI reads it: ``ghe.example.com`` means
``https://ghe.example.com/api/v3``, ``TENANT.ghe.com`` means
``https://api.TENANT.ghe.com``, ``github.com`` the default). The token comes
from ``GITHUB_TOKEN``, then ``GH_TOKEN``; for any host but api.github.com,
``GH_ENTERPRISE_TOKEN`` and ``GITHUB_ENTERPRISE_TOKEN`` are tried first.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

import click
from attrs import define, frozen

from .._config import DEFAULT_BASE_URL, DEFAULT_MAX_CONCURRENCY

if TYPE_CHECKING:
    from .._client import AsyncGitHubActions
    from .._http._limits import RateLimitWait

T = TypeVar("T")

GITHUB_HOSTS = frozenset({"github.com", "api.github.com", "www.github.com"})
TOKEN_VARIABLES = ("GITHUB_TOKEN", "GH_TOKEN")
ENTERPRISE_TOKEN_VARIABLES = ("GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN")


@define
class Settings:
    """Connection options, from the ``ghactions`` group and overridable per command."""

    base_url: str | None = None
    concurrency: int | None = None
    token: str | None = None
    """Set by ``ghactions demo`` for its fake; people give tokens through the environment."""
    debug: bool = False
    """``--debug``: show the traceback of a failure."""
    shared_limits: str | None = None
    """``--shared-limits`` or ``GHACTIONS_SHARED_LIMITS``: a Redis URL to share the budget."""
    on_wait: Callable[[RateLimitWait], object] | None = None
    """Hears of the client's rate-limit waits (a prune's progress line)."""


@frozen
class Connection:
    """The resolved API URL and token, and where each came from (for messages)."""

    base_url: str
    token: str | None
    token_source: str | None
    url_source: str

    @property
    def is_enterprise_server(self) -> bool:
        """A GitHub Enterprise Server speaks the REST API under ``/api/v3``."""
        return urlsplit(self.base_url).path.rstrip("/").endswith("/api/v3")


def url_for_host(host: str) -> str:
    """The REST API URL of a host named as ``GH_HOST`` names it."""
    value = host.strip().rstrip("/")
    scheme = "https"
    if "://" in value:
        scheme, _, value = value.partition("://")
        value = value.split("/")[0]
    name = value.lower()
    if not name:
        raise click.UsageError("GH_HOST is set but empty")
    if name in GITHUB_HOSTS:
        return DEFAULT_BASE_URL
    if name.endswith(".ghe.com"):  # GitHub Enterprise Cloud with data residency
        return f"{scheme}://{name if name.startswith('api.') else 'api.' + name}"
    return f"{scheme}://{name}/api/v3"


def resolve(base_url: str | None, environ: Mapping[str, str] | None = None) -> Connection:
    """Pick the API URL and the token as the module docstring says."""
    env = os.environ if environ is None else environ
    if base_url:
        url, url_source = base_url, "--base-url or GITHUB_API_URL"
    elif env.get("GH_HOST", "").strip():
        url, url_source = url_for_host(env["GH_HOST"]), "GH_HOST"
    else:
        url, url_source = DEFAULT_BASE_URL, "default"
    url = url.rstrip("/")
    names = (
        TOKEN_VARIABLES
        if url == DEFAULT_BASE_URL
        else (*ENTERPRISE_TOKEN_VARIABLES, *TOKEN_VARIABLES)
    )
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return Connection(url, value, name, url_source)
    return Connection(url, None, None, url_source)


def connection(settings: Settings) -> Connection:
    return resolve(settings.base_url)


def make_client(settings: Settings) -> AsyncGitHubActions:
    """A client for one command (its session is made inside the command's event loop)."""
    from .._client import AsyncGitHubActions

    found = connection(settings)
    try:
        return AsyncGitHubActions(
            settings.token or found.token,
            base_url=found.base_url,
            max_concurrency=settings.concurrency or DEFAULT_MAX_CONCURRENCY,
            shared_limits=settings.shared_limits or None,
            on_wait=settings.on_wait,
        )
    except (ValueError, ImportError) as error:  # ImportError: --shared-limits without redis-py
        raise click.UsageError(str(error)) from None


def run(settings: Settings, work: Callable[[AsyncGitHubActions], Awaitable[T]]) -> T:
    """Run ``work`` with a fresh client on a new event loop; errors become clean exits.

    A ``ValueError`` or ``TypeError`` the library raises when it checks
    arguments is a usage error (exit 2); any other failure (a GitHub or
    connection error, a broken answer, a file that cannot be written) is one
    ``error:`` line and exit 1 (see ``_failure``); Ctrl-C exits 130.
    """
    import anyio

    from ._failure import cause, is_usage_error, show_failure

    client = make_client(settings)  # a bad setting is a usage error, raised out here

    async def main() -> T:
        async with client as gh:
            return await work(gh)

    try:
        return anyio.run(main)
    except KeyboardInterrupt:
        from ._output import err_console

        err_console().print("[red]interrupted[/red]")
        raise click.exceptions.Exit(130) from None
    except Exception as raised:
        error = cause(raised)
        if is_usage_error(error):
            raise click.UsageError(str(error)) from None
        show_failure(error, connection=connection(settings), debug=settings.debug, raised=raised)
        raise click.exceptions.Exit(1) from None
