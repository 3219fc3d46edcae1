"""The converters: timestamps, unknown fields, and readable failures."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ghactions_async._convert import StructureError, parse_datetime, structure
from ghactions_async.models import ActionsCache, Artifact, RepositoryCacheUsage

CACHE = {
    "id": 1,
    "ref": "refs/heads/main",
    "key": "k",
    "version": "v",
    "last_accessed_at": "2019-01-24T22:45:36.000Z",
    "created_at": "2019-01-24T22:45:36Z",
    "size_in_bytes": 1024,
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-01-24T22:45:36Z", datetime(2019, 1, 24, 22, 45, 36, tzinfo=timezone.utc)),
        ("2019-01-24T22:45:36.000Z", datetime(2019, 1, 24, 22, 45, 36, tzinfo=timezone.utc)),
        ("2019-01-24T22:45:36+00:00", datetime(2019, 1, 24, 22, 45, 36, tzinfo=timezone.utc)),
        ("2019-01-24T14:45:36-08:00", datetime(2019, 1, 24, 22, 45, 36, tzinfo=timezone.utc)),
        ("2019-01-24T22:45:36", datetime(2019, 1, 24, 22, 45, 36, tzinfo=timezone.utc)),
    ],
)
def test_timestamps_become_aware_datetimes(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed.utcoffset() is not None


def test_offsets_are_kept() -> None:
    assert parse_datetime("2019-01-24T14:45:36-08:00").utcoffset() == timedelta(hours=-8)


def test_unknown_fields_are_ignored_but_strict_mode_rejects_them() -> None:
    data = {**CACHE, "new_field": 1}
    assert structure(data, ActionsCache).id == 1
    with pytest.raises(StructureError, match="new_field"):
        structure(data, ActionsCache, strict=True)


def test_failures_name_each_field() -> None:
    broken = {"full_name": "octo/app", "active_caches_size_in_bytes": "big"}
    with pytest.raises(StructureError) as caught:
        structure(broken, RepositoryCacheUsage)
    text = " ".join(caught.value.details)
    assert "active_caches_size_in_bytes" in text
    assert "active_caches_count" in text


def test_models_are_frozen_and_slotted() -> None:
    cache = structure(CACHE, ActionsCache)
    with pytest.raises(AttributeError):
        cache.id = 2  # type: ignore[misc]
    assert not hasattr(cache, "__dict__")


def test_null_is_never_read_as_text_or_false() -> None:
    usage = {"full_name": "octo/app", "active_caches_count": 1, "active_caches_size_in_bytes": 9}
    with pytest.raises(StructureError, match="full_name"):
        structure({**usage, "full_name": None}, RepositoryCacheUsage)
    artifact = {"id": 1, "name": "dist", "size_in_bytes": 9, "expired": None, "created_at": None}
    with pytest.raises(StructureError, match="expired"):
        structure(artifact, Artifact)
    # Text stays text, and a number or boolean where text belongs is read as its text.
    assert structure({**usage, "full_name": 7}, RepositoryCacheUsage).full_name == "7"
    assert structure({**artifact, "expired": 0}, Artifact).expired is False
