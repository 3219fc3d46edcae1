"""The base of every API area: argument checks and the few ways a method talks to GitHub."""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ._validation import validate_arguments

if TYPE_CHECKING:
    from pathlib import Path

    from ._client import AsyncGitHubActions
    from ._download import Destination
    from ._pagination import AsyncPaginator

T = TypeVar("T")


class AsyncResource:
    """One area of the Actions API (``gh.caches``, ``gh.runs`` ...).

    Every public method of a subclass is wrapped by ``validate_arguments``,
    so bad arguments raise ``TypeError``/``ValueError`` before any request.
    Methods name the operation they perform by GitHub's operationId; the
    verb and path come from ``OPERATIONS``.
    """

    __slots__ = ("_client",)

    def __init__(self, client: AsyncGitHubActions) -> None:
        self._client = client

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, member in list(vars(cls).items()):
            if not name.startswith("_") and inspect.isfunction(member):
                setattr(cls, name, validate_arguments(member))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"

    async def _json(
        self,
        operation_id: str,
        path: Sequence[object],
        into: type[T],
        *,
        params: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
    ) -> T:
        """Send the operation and structure its JSON answer into ``into``."""
        response = await self._client._call(operation_id, path, params=params, body=body)
        result: T = self._client._structure(response.json(), into, response)
        return result

    async def _items(
        self,
        operation_id: str,
        path: Sequence[object],
        item_type: type[T],
        *,
        item_key: str | None,
        params: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
        lists_deleted: bool = False,
    ) -> list[T]:
        """Send the operation and return the list under ``item_key`` (None: a bare array).

        ``lists_deleted``: the answer lists what a DELETE removed, so a retried
        DELETE that finds nothing left returns ``[]`` (nothing more was deleted).
        """
        response = await self._client._call(
            operation_id, path, params=params, body=body, gone_is_done=lists_deleted
        )
        if response.already_gone:
            return []
        data = response.json()
        if item_key is not None:
            data = data.get(item_key) if isinstance(data, dict) else None
        result: list[T] = self._client._structure(data, list[item_type], response)  # type: ignore[valid-type]
        return result

    async def _json_or_none(
        self,
        operation_id: str,
        path: Sequence[object],
        into: type[T],
        *,
        params: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
    ) -> T | None:
        """Send the operation; its JSON answer as ``into``, or None when it had no body (204)."""
        response = await self._client._call(operation_id, path, params=params, body=body)
        if not response.content:
            return None
        result: T = self._client._structure(response.json(), into, response)
        return result

    async def _download(
        self,
        operation_id: str,
        path: Sequence[object],
        dest: Destination,
        *,
        fallback_name: str,
    ) -> Path | None:
        """Follow the operation's redirect to the storage host and stream the body to ``dest``.

        ``dest`` is checked first, so a bad one raises before any request.
        """
        from ._download import check_destination, save

        check_destination(dest)
        response = await self._client._call(operation_id, path, stream=True)
        try:
            return await save(response, dest, fallback_name=fallback_name)
        finally:
            await response.aclose()

    async def _redirect_url(self, operation_id: str, path: Sequence[object]) -> str:
        """The short-lived URL the operation redirects to, not followed."""
        return await self._client._redirect_url(operation_id, path)

    async def _no_content(
        self,
        operation_id: str,
        path: Sequence[object],
        *,
        params: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
    ) -> None:
        """Send an operation whose success carries no body (204).

        A retried DELETE that finds nothing left succeeds: it is gone, as asked.
        """
        await self._client._call(operation_id, path, params=params, body=body, gone_is_done=True)

    def _paginate(
        self,
        operation_id: str,
        path: Sequence[object],
        item_type: type[T],
        *,
        item_key: str | None,
        params: Mapping[str, object] | None = None,
        per_page: int | None = None,
        max_per_page: int = 100,
        cursor: bool = False,
    ) -> AsyncPaginator[T]:
        """A paginator over the operation's list, ``max_per_page`` items a page by default."""
        if per_page is not None and not 1 <= per_page <= max_per_page:
            raise ValueError(f"per_page must be between 1 and {max_per_page}, got {per_page}")
        return self._client._paginate_operation(
            operation_id,
            path,
            item_type,
            item_key=item_key,
            params=params,
            per_page=per_page or max_per_page,
            cursor=cursor,
        )
