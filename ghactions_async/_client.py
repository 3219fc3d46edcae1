"""``AsyncGitHubActions``: configuration, the request pipeline and the API areas."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Mapping, Sequence
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urljoin

from attrs import evolve

from ._config import (
    DEFAULT_API_VERSION,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_CONCURRENCY,
    Clock,
    Platform,
    Timeout,
    check_base_url,
    check_options,
    origin_of,
    platform_hint,
    platform_of,
)
from ._encoding import encode_json, encode_params
from ._errors import GitHubError, NotFound
from ._operations import lookup
from ._validation import validate_arguments
from ._version import __version__

if TYPE_CHECKING:
    import aiohttp

    from ._http._auth import Auth
    from ._http._cache import ConditionalCache
    from ._http._governor import (
        Preset,
        RateLimits,
        RateLimitState,
        RateLimitWait,
        ThrottleState,
    )
    from ._http._pipeline import Pipeline
    from ._http._retry import RetryPolicy
    from ._http._types import Handler, Request, Response
    from ._pagination import AsyncPaginator
    from .resources.apps import AsyncApps
    from .resources.artifacts import AsyncArtifacts
    from .resources.bulk import AsyncBulk
    from .resources.caches import AsyncCaches
    from .resources.concurrency_groups import AsyncConcurrencyGroups
    from .resources.hosted_runners import AsyncHostedRunners
    from .resources.jobs import AsyncJobs
    from .resources.oidc import AsyncOidc
    from .resources.permissions import AsyncPermissions
    from .resources.runner_groups import AsyncRunnerGroups
    from .resources.runners import AsyncRunners
    from .resources.runs import AsyncRuns
    from .resources.secrets import AsyncSecrets
    from .resources.variables import AsyncVariables
    from .resources.workflows import AsyncWorkflows

T = TypeVar("T")
Self = TypeVar("Self", bound="AsyncGitHubActions")

logger = logging.getLogger("ghactions_async")

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"})


class AsyncGitHubActions:
    """A client for the GitHub Actions REST API, every method a coroutine.

    Use it as an async context manager, or call ``aclose()``: it owns an
    aiohttp session, created inside the running event loop on the first
    request. ``token`` defaults to ``GITHUB_TOKEN``, then ``GH_TOKEN``; with
    neither, requests go out unauthenticated. ``max_concurrency`` caps
    requests in flight for everything this client does, pagination included.
    ``retry`` is a RetryPolicy or a number of retries. ``limits`` picks the
    rate-limit governor: "github.com", "ghes", "unlimited" or a RateLimits;
    by default it follows ``base_url``. ``on_wait`` hears of every wait the
    governor imposes. ``cache=True`` turns on conditional requests (an
    ETag cache for GETs: unchanged answers come back as 304 and cost no
    rate limit). ``clock`` decides how waits pass (tests give a
    ``FakeClock``).
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        auth: Auth | None = None,
        base_url: str = DEFAULT_BASE_URL,
        api_version: str | None = DEFAULT_API_VERSION,
        timeout: float | Timeout | None = 30.0,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        retry: RetryPolicy | int = 3,
        user_agent: str | None = None,
        limits: RateLimits | Preset | None = None,
        on_wait: Callable[[RateLimitWait], object] | None = None,
        cache: bool | ConditionalCache = False,
        session: aiohttp.ClientSession | None = None,
        clock: Clock | None = None,
    ) -> None:
        from ._http._auth import Redactor, auth_from
        from ._http._governor import RateLimits
        from ._http._retry import RetryPolicy

        auth = auth_from(token, auth)
        check_options(
            api_version=api_version,
            max_concurrency=max_concurrency,
            user_agent=user_agent,
            clock=clock,
            on_wait=on_wait,
            cache=cache,
        )

        self._auth = auth
        self._redact = Redactor(auth)
        self._base_url = check_base_url(base_url)
        self._api_origin = origin_of(self._base_url)
        self._api_version = api_version
        self._timeout = Timeout.of(timeout)
        self._max_concurrency = max_concurrency
        self._retry = RetryPolicy.of(retry)
        self._limits = RateLimits.of(limits, self._base_url)
        self._on_wait = on_wait
        self._cache: ConditionalCache | None = None
        if cache is True:
            from ._http._cache import ConditionalCache

            self._cache = ConditionalCache()
        elif cache is not False:
            self._cache = cache
        self._user_agent = user_agent or f"ghactions-async/{__version__}"
        self._session = session
        self._clock = clock or Clock()
        self._parts: Pipeline | None = None  # built on the first request
        self._tasks: set[asyncio.Task[Any]] = set()
        self._requests_sent = 0  # bulk reports count their requests with it
        self._closed = False

    # -- the API areas ------------------------------------------------------

    @cached_property
    def caches(self) -> AsyncCaches:
        """GitHub Actions caches: list, delete, usage and limits."""
        from .resources.caches import AsyncCaches

        return AsyncCaches(self)

    @cached_property
    def apps(self) -> AsyncApps:
        """GitHub App installations and their tokens (for a client made with AppAuth)."""
        from .resources.apps import AsyncApps

        return AsyncApps(self)

    @cached_property
    def bulk(self) -> AsyncBulk:
        """Operations over many items or repositories: prune caches, delete artifacts and runs."""
        from .resources.bulk import AsyncBulk

        return AsyncBulk(self)

    @cached_property
    def artifacts(self) -> AsyncArtifacts:
        """Artifacts of workflow runs: list, get, delete, download."""
        from .resources.artifacts import AsyncArtifacts

        return AsyncArtifacts(self)

    @cached_property
    def runs(self) -> AsyncRuns:
        """Workflow runs: list, inspect, cancel, re-run, approve, delete, logs."""
        from .resources.runs import AsyncRuns

        return AsyncRuns(self)

    @cached_property
    def jobs(self) -> AsyncJobs:
        """Jobs of workflow runs: list, get, re-run, logs."""
        from .resources.jobs import AsyncJobs

        return AsyncJobs(self)

    @cached_property
    def workflows(self) -> AsyncWorkflows:
        """Workflows: list, get, dispatch, enable, disable, usage."""
        from .resources.workflows import AsyncWorkflows

        return AsyncWorkflows(self)

    @cached_property
    def secrets(self) -> AsyncSecrets:
        """Actions secrets of repositories, organizations and environments."""
        from .resources.secrets import AsyncSecrets

        return AsyncSecrets(self)

    @cached_property
    def variables(self) -> AsyncVariables:
        """Actions variables of repositories, organizations and environments."""
        from .resources.variables import AsyncVariables

        return AsyncVariables(self)

    @cached_property
    def runners(self) -> AsyncRunners:
        """Self-hosted runners: registration, labels, removal."""
        from .resources.runners import AsyncRunners

        return AsyncRunners(self)

    @cached_property
    def runner_groups(self) -> AsyncRunnerGroups:
        """Self-hosted runner groups of an organization."""
        from .resources.runner_groups import AsyncRunnerGroups

        return AsyncRunnerGroups(self)

    @cached_property
    def hosted_runners(self) -> AsyncHostedRunners:
        """GitHub-hosted larger runners of an organization, and their images."""
        from .resources.hosted_runners import AsyncHostedRunners

        return AsyncHostedRunners(self)

    @cached_property
    def permissions(self) -> AsyncPermissions:
        """Who may use Actions, which actions may run, and with which defaults."""
        from .resources.permissions import AsyncPermissions

        return AsyncPermissions(self)

    @cached_property
    def oidc(self) -> AsyncOidc:
        """The OpenID Connect subject claim of a repository."""
        from .resources.oidc import AsyncOidc

        return AsyncOidc(self)

    @cached_property
    def concurrency_groups(self) -> AsyncConcurrencyGroups:
        """Concurrency groups of a repository and of a run."""
        from .resources.concurrency_groups import AsyncConcurrencyGroups

        return AsyncConcurrencyGroups(self)

    # -- state -----------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The API root requests go to, without a trailing slash."""
        return self._base_url

    @property
    def max_concurrency(self) -> int:
        """The cap on requests in flight for this client."""
        return self._max_concurrency

    @property
    def rate_limit(self) -> RateLimitState | None:
        """The primary rate limit as GitHub last reported it, or ``None`` before any answer."""
        return self._parts.governor.state if self._parts is not None else None

    @property
    def cache(self) -> ConditionalCache | None:
        """The conditional-request cache, when this client was made with ``cache=``."""
        return self._cache

    @property
    def limits(self) -> RateLimits:
        """The numbers this client's governor keeps to."""
        return self._limits

    @property
    def throttle(self) -> ThrottleState | None:
        """What the governor does now (concurrency, pause), or ``None`` before any request."""
        return self._parts.governor.throttle_state() if self._parts is not None else None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self._base_url!r} auth={self._auth!r}>"

    @property
    def platform(self) -> Platform:
        """Which GitHub ``base_url`` points at: github.com (GHEC too) or Enterprise Server."""
        return platform_of(self._base_url)

    @validate_arguments
    def for_installation(self, installation_id: int) -> AsyncGitHubActions:
        """A client acting as one installation of this client's GitHub App.

        It has its own token (renewed in time), its own rate-limit governor
        (each installation has a budget of its own) and its own session; the
        other settings are this client's. Close it like any client.
        """
        from ._http._app import AppAuth
        from ._http._cache import ConditionalCache

        if not isinstance(self._auth, AppAuth):
            raise TypeError("for_installation needs a client made with auth=AppAuth(app_id, key)")
        cache: bool | ConditionalCache = False  # its own answers, in a cache of this size
        if self._cache is not None:
            cache = ConditionalCache(
                max_entries=self._cache.max_entries, max_bytes=self._cache.max_bytes
            )
        return AsyncGitHubActions(
            auth=self._auth.for_installation(installation_id),
            base_url=self._base_url,
            api_version=self._api_version,
            timeout=self._timeout,
            max_concurrency=self._max_concurrency,
            retry=self._retry,
            limits=self._limits,
            on_wait=self._on_wait,
            cache=cache,
            user_agent=self._user_agent,
            clock=self._clock,
        )

    # -- escape hatches ---------------------------------------------------

    @validate_arguments
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Send any request to the API and return its decoded JSON (``None`` when empty).

        ``path`` is relative to ``base_url`` (``/repos/o/r/actions/caches``) or
        a full URL. Errors raise the same typed exceptions as wrapped methods;
        a DELETE whose earlier attempt may have done it and that then finds
        nothing returns ``None``, as a delete method does.
        """
        verb = method.upper()
        if verb not in _METHODS:
            raise ValueError(f"method must be one of {', '.join(sorted(_METHODS))}, got {method!r}")
        body = None if json is None else encode_json(json)
        request = self._build(
            verb, self._url_for(path), encode_params(params), body, headers=headers
        )
        response = await self._send(request, gone_is_done=True)
        if response.already_gone or not response.content:
            return None
        return response.decoded_or_text()

    @validate_arguments
    def paginate(
        self,
        path: str,
        *,
        item_key: str | None = None,
        params: Mapping[str, Any] | None = None,
        per_page: int = 100,
    ) -> AsyncPaginator[Any]:
        """Iterate any list endpoint as raw dicts.

        ``item_key`` names the list in a ``{total_count, <item_key>: [...]}``
        answer; left out, a bare array or the answer's only list is used.
        """
        from ._pagination import AsyncPaginator

        if not 1 <= per_page <= 100:
            raise ValueError(f"per_page must be between 1 and 100, got {per_page}")
        return AsyncPaginator(
            self,
            self._url_for(path),
            convert=lambda raw, response: raw,
            item_key=item_key,
            params=encode_params(params),
            per_page=per_page,
        )

    # -- lifecycle ----------------------------------------------------------

    async def aclose(self) -> None:
        """Close the session (unless it was passed in) and stop background page fetches."""
        if self._closed:
            return
        self._closed = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        if self._parts is not None:
            await self._parts.transport.aclose()

    async def __aenter__(self: Self) -> Self:
        """Enter: the client closes itself on exit."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Exit: close the client."""
        await self.aclose()

    # -- internals used by resources and paginators --------------------------

    def _pipeline(self) -> Handler:
        if self._parts is None:
            from ._http._pipeline import build_pipeline

            self._parts = build_pipeline(
                base_url=self._base_url,
                auth=self._auth,
                exchange=self._exchange,
                retry=self._retry,
                limits=self._limits,
                max_concurrency=self._max_concurrency,
                timeout=self._timeout,
                cache=self._cache,
                session=self._session,
                clock=self._clock,
                on_wait=self._on_wait,
            )
        return self._parts.handler

    def _url_for(self, path: str) -> str:
        if path.startswith(("https://", "http://")):
            return path
        if not path.startswith("/"):
            raise ValueError(f"path must start with '/' or be a full URL, got {path!r}")
        return self._base_url + path

    def _build(
        self,
        method: str,
        url: str,
        params: Sequence[tuple[str, str]],
        body: bytes | None,
        *,
        headers: Mapping[str, str] | None = None,
        route: str | None = None,
        stream: bool = False,
        follow_redirects: bool = True,
    ) -> Request:
        from ._http._types import Request

        all_headers = {"User-Agent": self._user_agent}
        if origin_of(url) == self._api_origin:
            all_headers["Accept"] = "application/vnd.github+json"
            if self._api_version:
                all_headers["X-GitHub-Api-Version"] = self._api_version
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        return Request(
            method=method,
            url=url,
            params=tuple(params),
            headers=all_headers,
            body=body,
            route=route,
            stream=stream,
            follow_redirects=follow_redirects,
        )

    async def _send(self, request: Request, *, gone_is_done: bool = False) -> Response:
        """Send through the pipeline; an error answer raises its typed error.

        ``gone_is_done``: the caller can take "nothing left to delete" as
        success, so a DELETE that answers 404 after an earlier attempt may
        have done it comes back ``already_gone`` instead of raising.
        """
        if self._closed:
            raise RuntimeError("this client is closed; create a new one")
        self._requests_sent += 1
        response = await self._pipeline()(request)
        logger.debug(
            "%s %s -> %d (%.0f ms, %d attempt%s)",
            request.method,
            request.url,
            response.status,
            response.elapsed * 1000,
            response.attempts,
            "" if response.attempts == 1 else "s",
        )
        if (
            response.status == 404
            and request.method == "DELETE"
            and gone_is_done
            and response.maybe_done_before
        ):
            response.already_gone = True  # most likely deleted by that earlier attempt
            return response
        if response.status >= 400 or (response.status >= 300 and request.follow_redirects):
            await response.aclose()
            raise self._error(request, response)
        return response

    def _error(self, request: Request, response: Response) -> GitHubError:
        error = response.error(request)
        error.message = self._redact(error.message)
        error.args = (error.message,)
        error.errors = [self._redact.value(e) for e in error.errors]
        return error

    async def _call(
        self,
        operation_id: str,
        path: Sequence[object],
        *,
        params: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
        stream: bool = False,
        follow_redirects: bool = True,
        gone_is_done: bool = False,
    ) -> Response:
        """Send one operation from ``OPERATIONS`` with its path values filled in."""
        operation = lookup(operation_id)
        url = self._base_url + operation.format_path(path)
        encoded_body = None if body is None else encode_json(body)
        request = self._build(
            operation.http_method,
            url,
            encode_params(params),
            encoded_body,
            route=operation.route,
            stream=stream,
            follow_redirects=follow_redirects,
        )
        try:
            return await self._send(request, gone_is_done=gone_is_done)
        except NotFound as error:
            platform = self.platform
            if not (operation.on_ghes if platform == "ghes" else operation.on_github_com):
                error.hint = platform_hint(operation.operation_id, platform)
            raise

    async def _exchange(self, method: str, path: str, headers: Mapping[str, str]) -> Any:
        """A request with a credential of the caller's (see ``Auth``); its decoded JSON."""
        request = self._build(method, self._url_for(path), (), None, headers=headers, route=None)
        response = await self._send(evolve(request, own_credential=True))
        return response.json()

    async def _redirect_url(self, operation_id: str, path: Sequence[object]) -> str:
        """The ``Location`` GitHub redirects the operation to, not followed."""
        response = await self._call(operation_id, path, follow_redirects=False)
        if not response.is_redirect:
            raise response.unexpected(f"expected a redirect to the download, got {response.status}")
        return urljoin(response.url, response.headers["location"])

    def _paginate_operation(
        self,
        operation_id: str,
        path: Sequence[object],
        item_type: type[T],
        *,
        item_key: str | None,
        params: Mapping[str, object] | None,
        per_page: int,
        cursor: bool,
    ) -> AsyncPaginator[T]:
        from ._pagination import AsyncPaginator

        operation = lookup(operation_id)
        list_type: Any = list[item_type]  # type: ignore[valid-type]

        def convert(raw: list[Any], response: Response) -> list[T]:
            items: list[T] = self._structure(raw, list_type, response)
            return items

        return AsyncPaginator(
            self,
            self._base_url + operation.format_path(path),
            convert=convert,
            item_key=item_key,
            params=encode_params(params),
            per_page=per_page,
            route=operation.route,
            cursor=cursor,
        )

    async def _fetch_page(
        self, url: str, params: Sequence[tuple[str, str]], route: str | None
    ) -> Response:
        return await self._send(self._build("GET", url, params, None, route=route))

    def _spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._forget)
        return task

    def _forget(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled():
            task.exception()  # mark it seen: an abandoned page's error is not news

    def _structure(self, data: Any, into: Any, response: Response) -> Any:
        from ._convert import StructureError, structure

        try:
            return structure(data, into)
        except StructureError as exc:
            raise response.unexpected(
                "GitHub's answer does not fit the model", details=exc.details
            ) from exc
