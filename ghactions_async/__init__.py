"""ghactions_async: an async-first client for the GitHub Actions REST API.

::

    from ghactions_async import AsyncGitHubActions

    async with AsyncGitHubActions() as gh:          # token from GITHUB_TOKEN / GH_TOKEN
        async for cache in gh.caches.list("octo-org", "hello-world"):
            print(cache.key, cache.size_in_bytes)

``GitHubActions`` is the same API, blocking. Importing the package is cheap:
aiohttp, anyio, cattrs and the models load when first used.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ._errors import (
    Attempt,
    AuthenticationError,
    BadRequest,
    Conflict,
    GhActionsError,
    GitHubError,
    Gone,
    NotFound,
    PermissionDenied,
    RateLimitError,
    RateLimitExceeded,
    RequestTimeout,
    SecondaryRateLimitExceeded,
    ServerError,
    TransportError,
    UnexpectedResponse,
    ValidationFailed,
)
from ._lazy import lazy_attributes
from ._version import __version__

if TYPE_CHECKING:
    from ._bulk._report import (
        BulkInterrupted,
        BulkItem,
        BulkOutcome,
        BulkProgress,
        BulkReport,
        BulkStop,
    )
    from ._client import AsyncGitHubActions
    from ._config import Clock, Timeout
    from ._encoding import CLEAR, Clear
    from ._hooks import Hooks, RequestEvent, ResponseEvent, RetryEvent
    from ._http._app import AppAuth, AppInstallationAuth
    from ._http._auth import Auth, TokenAuth
    from ._http._cache import ConditionalCache
    from ._http._limits import RateLimits, RateLimitState, RateLimitWait, ThrottleState
    from ._http._retry import RetryBudget, RetryPolicy
    from ._operations import OPERATIONS, Operation
    from ._pagination import AsyncPaginator, Page
    from ._shared._options import SharedLimits
    from ._telemetry import Telemetry
    from .sync import GitHubActions, Paginator

_SOURCES = {
    "AsyncGitHubActions": "._client",
    "BulkInterrupted": "._bulk._report",
    "BulkItem": "._bulk._report",
    "BulkOutcome": "._bulk._report",
    "BulkProgress": "._bulk._report",
    "BulkReport": "._bulk._report",
    "BulkStop": "._bulk._report",
    "GitHubActions": ".sync",
    "AsyncPaginator": "._pagination",
    "Paginator": ".sync",
    "Page": "._pagination",
    "Timeout": "._config",
    "CLEAR": "._encoding",
    "Clear": "._encoding",
    "Clock": "._config",
    "RetryPolicy": "._http._retry",
    "RetryBudget": "._http._retry",
    "SharedLimits": "._shared._options",
    "RateLimitState": "._http._limits",
    "RateLimits": "._http._limits",
    "RateLimitWait": "._http._limits",
    "ThrottleState": "._http._limits",
    "Auth": "._http._auth",
    "AppAuth": "._http._app",
    "AppInstallationAuth": "._http._app",
    "ConditionalCache": "._http._cache",
    "TokenAuth": "._http._auth",
    "OPERATIONS": "._operations",
    "Operation": "._operations",
    "Hooks": "._hooks",
    "RequestEvent": "._hooks",
    "ResponseEvent": "._hooks",
    "RetryEvent": "._hooks",
    "Telemetry": "._telemetry",
}

__all__ = [
    "CLEAR",
    "OPERATIONS",
    "AppAuth",
    "AppInstallationAuth",
    "AsyncGitHubActions",
    "AsyncPaginator",
    "Attempt",
    "Auth",
    "AuthenticationError",
    "BadRequest",
    "BulkInterrupted",
    "BulkItem",
    "BulkOutcome",
    "BulkProgress",
    "BulkReport",
    "BulkStop",
    "Clear",
    "Clock",
    "ConditionalCache",
    "Conflict",
    "GhActionsError",
    "GitHubActions",
    "GitHubError",
    "Gone",
    "Hooks",
    "NotFound",
    "Operation",
    "Page",
    "Paginator",
    "PermissionDenied",
    "RateLimitError",
    "RateLimitExceeded",
    "RateLimitState",
    "RateLimitWait",
    "RateLimits",
    "RequestEvent",
    "RequestTimeout",
    "ResponseEvent",
    "RetryBudget",
    "RetryEvent",
    "RetryPolicy",
    "SecondaryRateLimitExceeded",
    "ServerError",
    "SharedLimits",
    "Telemetry",
    "ThrottleState",
    "Timeout",
    "TokenAuth",
    "TransportError",
    "UnexpectedResponse",
    "ValidationFailed",
    "__version__",
]

__getattr__, __dir__ = lazy_attributes(__name__, globals(), _SOURCES)

# The library never prints: its records go where the application's logging sends them,
# and nowhere (not to logging's last resort, stderr) when it configured none.
logging.getLogger(__name__).addHandler(logging.NullHandler())
