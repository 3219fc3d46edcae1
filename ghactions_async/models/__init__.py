"""Typed models of GitHub's answers: attrs frozen, slotted classes.

``from ghactions_async.models import ActionsCache`` works for every model of
every area; names resolve lazily, so ``import ghactions_async`` loads none of
them. Each area's models live in ``models/<area>.py``; ``common.py`` holds
the ones several areas share.

Almost every field may be ``None``: old objects and older GitHub Enterprise
Server releases leave out fields the newest description requires, and one
such item must not fail a whole listing. Only fields the library cannot do
without, and that every release requires, are always set (the rule, and the
list of those fields, live in ``models/_sources.py``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .._areas import AREAS

if TYPE_CHECKING:
    from .apps import *  # noqa: F403
    from .artifacts import *  # noqa: F403
    from .caches import *  # noqa: F403
    from .common import *  # noqa: F403
    from .concurrency_groups import *  # noqa: F403
    from .hosted_runners import *  # noqa: F403
    from .jobs import *  # noqa: F403
    from .oidc import *  # noqa: F403
    from .permissions import *  # noqa: F403
    from .runner_groups import *  # noqa: F403
    from .runners import *  # noqa: F403
    from .runs import *  # noqa: F403
    from .secrets import *  # noqa: F403
    from .variables import *  # noqa: F403
    from .workflows import *  # noqa: F403

MODULES = ("common", *AREAS, "apps")


def _public_classes(module: Any) -> dict[str, Any]:
    return {
        name: value
        for name, value in vars(module).items()
        if isinstance(value, type)
        and not name.startswith("_")
        and value.__module__ == module.__name__
    }


def __getattr__(name: str) -> Any:
    for module_name in MODULES:
        module = importlib.import_module(f"{__name__}.{module_name}")
        found = _public_classes(module).get(name)
        if found is not None:
            globals()[name] = found
            return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    names = set(globals())
    for module_name in MODULES:
        names |= set(_public_classes(importlib.import_module(f"{__name__}.{module_name}")))
    return sorted(names)
