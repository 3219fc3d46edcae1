"""The base of every API area: argument checks and the requester's ways to talk to GitHub."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from ._validation import validate_arguments

if TYPE_CHECKING:
    from ._http._requester import Requester


class AsyncResource:
    """One area of the Actions API (``gh.caches``, ``gh.runs`` ...).

    Every public method of a subclass is wrapped by ``validate_arguments``,
    so bad arguments raise ``TypeError``/``ValueError`` before any request.
    Methods pass the operation they perform (``caches.DELETE_BY_ID`` from
    ``_operations``) to one of the requester's few ways of talking to
    GitHub, bound here once:

    - ``_json``: one object; ``_json_or_none``: an object or 204;
    - ``_items``: a list without paging; ``_paginate``: a paginated list;
    - ``_no_content``: 204; ``_download`` / ``_redirect_url``: a 302 to storage.
    """

    __slots__ = (
        "_download",
        "_items",
        "_json",
        "_json_or_none",
        "_no_content",
        "_paginate",
        "_redirect_url",
        "_requester",
    )

    def __init__(self, requester: Requester) -> None:
        self._requester = requester
        self._json = requester.json
        self._json_or_none = requester.json_or_none
        self._items = requester.items
        self._no_content = requester.no_content
        self._download = requester.download
        self._redirect_url = requester.redirect_url
        self._paginate = requester.paginate

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, member in list(vars(cls).items()):
            if not name.startswith("_") and inspect.isfunction(member):
                setattr(cls, name, validate_arguments(member))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._requester!r}>"
