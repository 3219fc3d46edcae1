"""Argument checks derived from annotations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Literal

import pytest

from ghactions_async._validation import validate_arguments


@validate_arguments
def sample(
    owner: str,
    run_id: int,
    workflow_id: int | str,
    *,
    status: Literal["queued", "completed"] | None = None,
    selected_repository_ids: Sequence[int] = (),
    inputs: Mapping[str, str] | None = None,
    days: int | None = None,
    enabled: bool | None = None,
    created: datetime | None = None,
) -> str:
    return "ok"


@validate_arguments
async def async_sample(owner: str) -> str:
    return owner


def test_valid_arguments_pass() -> None:
    assert (
        sample(
            "octo",
            1,
            "ci.yml",
            status="queued",
            selected_repository_ids=[1, 2],
            inputs={"a": "b"},
            days=0,
            enabled=False,
        )
        == "ok"
    )
    assert sample("octo", 1, 5) == "ok"


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        (("", 1, 1), {}, ValueError, "owner must not be empty"),
        (("  ", 1, 1), {}, ValueError, "owner must not be empty"),
        ((3, 1, 1), {}, TypeError, "owner must be a str"),
        (("o", 0, 1), {}, ValueError, "run_id must be a positive integer"),
        (("o", True, 1), {}, TypeError, "run_id must be an int"),
        (("o", 1.5, 1), {}, TypeError, "run_id must be an int"),
        (("o", 1, -4), {}, ValueError, "workflow_id must be a positive integer"),
        (("o", 1, ""), {}, ValueError, "workflow_id must not be empty"),
        (("o", 1, None), {}, TypeError, "workflow_id must be an int or a str, got NoneType"),
        (
            ("o", 1, 1),
            {"status": "done"},
            ValueError,
            "status must be one of 'queued', 'completed'",
        ),
        (
            ("o", 1, 1),
            {"status": 3},
            TypeError,
            "status must be one of 'queued', 'completed', got int",
        ),
        (("o", 1, 1), {"selected_repository_ids": [1, -2]}, ValueError, "selected_repository_id"),
        (("o", 1, 1), {"selected_repository_ids": "12"}, TypeError, "must be a list"),
        (("o", 1, 1), {"selected_repository_ids": iter([1])}, TypeError, "one-shot iterator"),
        (("o", 1, 1), {"inputs": {"a": 1}}, TypeError, "values of inputs must be a str"),
        (("o", 1, 1), {"inputs": ["a"]}, TypeError, "inputs must be a mapping"),
        (("o", 1, 1), {"days": -1}, ValueError, "days must not be negative"),
        (("o", 1, 1), {"enabled": 1}, TypeError, "enabled must be a bool"),
        (("o", 1, 1), {"created": "2024-01-01"}, TypeError, "created must be a datetime"),
    ],
)
def test_bad_arguments(
    args: tuple[object, ...], kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        sample(*args, **kwargs)  # type: ignore[arg-type]


def test_wrong_arity_is_pythons_own_type_error() -> None:
    with pytest.raises(TypeError):
        sample("o")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="positional"):
        sample("o", 1, 1, "extra")  # type: ignore[call-arg, arg-type]
    with pytest.raises(TypeError, match="colour"):
        sample("o", 1, 1, colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="owner"):
        sample("o", 1, 1, owner="x")  # type: ignore[misc]


def test_a_bad_value_given_by_keyword_is_checked_too() -> None:
    with pytest.raises(ValueError, match="run_id must be a positive integer"):
        sample("o", run_id=0, workflow_id=1)


async def test_async_functions_stay_coroutine_functions() -> None:
    import inspect

    assert inspect.iscoroutinefunction(async_sample)
    assert await async_sample("x") == "x"
    with pytest.raises(ValueError, match="owner"):
        await async_sample("")
