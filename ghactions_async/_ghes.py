"""Which GitHub Enterprise Server release has which operations and fields.

The answers come from ``_releases.py``, generated from each release's
OpenAPI description by ``tools/release_shapes.py``; this module reads it, so
a client can refuse what a release lacks and the fake can answer as an older
release does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ._config import platform_hint, platform_of
from ._errors import NotFound
from ._releases import FIELD_RELEASES, GHES_RELEASES, MODEL_RELEASES, OPERATION_SINCE, Spans

if TYPE_CHECKING:
    from ._operations import Operation


def release_key(release: str) -> tuple[int, int]:
    """``"3.9"`` -> ``(3, 9)``, so that 3.10 sorts after 3.9; ValueError for other text."""
    major, dot, minor = release.partition(".")
    if not (dot and major.isdigit() and minor.isdigit()):
        raise ValueError(f"a GHES release is written like '3.9', got {release!r}")
    return int(major), int(minor)


def _known(release: str) -> tuple[int, int]:
    key = release_key(release)
    if release not in GHES_RELEASES:
        known = ", ".join(GHES_RELEASES)
        raise ValueError(f"no description of GHES {release} is known (known: {known})")
    return key


def _within(release: str, spans: Spans) -> bool:
    key = _known(release)
    return any(release_key(first) <= key <= release_key(last) for first, last in spans)


def operation_since(operation_id: str) -> str | None:
    """The first GHES release with the operation; None when no release has it."""
    return OPERATION_SINCE[operation_id]


def model_fields(model: type, release: str) -> frozenset[str] | None:
    """The fields of ``model`` the release's schema lists; None when it has no such schema."""
    name = model.__name__
    if name in MODEL_RELEASES and not _within(release, MODEL_RELEASES[name]):
        return None
    _known(release)
    odd = FIELD_RELEASES.get(name, {})
    names = (f.name for f in attrs.fields(model))
    return frozenset(f for f in names if f not in odd or _within(release, odd[f]))


def release_of_header(value: str | None) -> str | None:
    """The release in a server's ``x-github-enterprise-version`` (``3.9.2`` -> ``3.9``),
    when it is one whose description is known."""
    if not value:
        return None
    major, _, rest = value.strip().partition(".")
    release = f"{major}.{rest.partition('.')[0]}"
    return release if release in GHES_RELEASES else None


def check_release(release: str) -> str:
    """``release`` when a description of it is known, else ValueError naming those that are."""
    _known(release)
    return release


def absence(operation_id: str, release: str) -> str | None:
    """Why ``release`` has no such operation, or None when it has it (or it is not Actions')."""
    if operation_id not in OPERATION_SINCE:
        return None
    since = OPERATION_SINCE[operation_id]
    if since is None:
        return f"{operation_id} is not part of any GitHub Enterprise Server release"
    if release_key(since) > release_key(release):
        return (
            f"{operation_id} arrived in GitHub Enterprise Server {since}; "
            f"this server runs {release}"
        )
    return None


def refuse_if_absent(operation_id: str, release: str, method: str, url: str) -> None:
    """Raise NotFound, before anything is sent, when ``release`` lacks the operation."""
    why = absence(operation_id, release)
    if why is not None:
        error = NotFound(why, status=404, method=method, url=url)
        error.hint = f"ghes_version={release!r}: nothing was sent"
        raise error


def why_not_found(operation: Operation, base_url: str, release: str | None) -> str | None:
    """Why a 404 may mean the server lacks the operation: its platform, or its release
    (known now, if this very answer told it); None when neither explains it."""
    platform = platform_of(base_url)
    if not (operation.on_ghes if platform == "ghes" else operation.on_github_com):
        return platform_hint(operation.operation_id, platform)
    return absence(operation.operation_id, release) if release is not None else None
