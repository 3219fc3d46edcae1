"""The blocking API: ``GitHubActions`` and ``Paginator``, generated from the async ones.

The classes live in ``_generated.py``, written by ``tools/gen_sync.py``;
``_portal.py`` holds the hand-written runtime they share.
"""

from ._generated import GitHubActions, Paginator

__all__ = ["GitHubActions", "Paginator"]
