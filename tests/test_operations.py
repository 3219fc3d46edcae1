"""OPERATIONS against GitHub's OpenAPI descriptions, and each method against its operation."""

from __future__ import annotations

import base64
import inspect
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from aioresponses import CallbackResult, aioresponses
from yarl import URL

from ghactions_async import OPERATIONS, AsyncGitHubActions, AsyncPaginator, UnexpectedResponse

from ._spec import all_operations, bound_method, operations, stand_in_call


def test_every_registered_operation_exists_where_it_claims_with_the_same_verb_and_path() -> None:
    github, ghes = operations("api.github.com"), operations("ghes")
    for operation_id, op in OPERATIONS.items():
        assert op.operation_id == operation_id
        assert (operation_id in github) == op.on_github_com, operation_id
        assert (operation_id in ghes) == op.on_ghes, operation_id
        spec = github.get(operation_id) or ghes[operation_id]
        assert (op.http_method, op.path) == (spec.http_method, spec.path), operation_id


def test_every_operation_of_an_implemented_area_is_registered() -> None:
    spec = all_operations()
    areas = {spec[op_id].subcategory for op_id in OPERATIONS}
    missing = sorted(i for i, op in spec.items() if op.subcategory in areas and i not in OPERATIONS)
    assert missing == []


def test_every_operation_is_implemented() -> None:
    spec = all_operations()
    assert len(operations("api.github.com")) == 187
    assert len(spec) == 195  # 187 on api.github.com and 8 only on GHES 3.19
    assert sorted(set(spec) - set(OPERATIONS)) == []


def test_cache_coverage() -> None:
    spec = all_operations()
    cache_ops = {i for i, op in spec.items() if op.subcategory == "cache"}
    assert len(cache_ops) == 23  # 18 on api.github.com, 5 only on GHES
    assert cache_ops <= set(OPERATIONS)


def test_every_operation_names_a_method_on_the_client() -> None:
    client = AsyncGitHubActions("t")
    for op in OPERATIONS.values():
        assert callable(bound_method(client, op)), op.operation_id


# Where a method's parameters knowingly differ from GitHub's, and why.
RENAMED = {
    # API.md settles ``set_repo_secret(owner, repo, name, value)`` and its kin.
    ("actions/create-or-update-repo-secret", "secret_name"): "name",
    ("actions/create-or-update-org-secret", "secret_name"): "name",
    ("actions/create-or-update-environment-secret", "secret_name"): "name",
}
KEYWORD_PATH_PARAMS = {
    # API.md: ``artifacts.download(owner, repo, artifact_id, dest, *, archive_format="zip")``.
    "archive_format",
}
REPLACED_BODY = {
    # A variable's new name goes in the body as ``name``, which the path already uses.
    "actions/update-repo-variable": ({"name"}, {"new_name"}),
    "actions/update-org-variable": ({"name"}, {"new_name"}),
    "actions/update-environment-variable": ({"name"}, {"new_name"}),
    # The client seals ``value`` itself and sends encrypted_value with key_id.
    "actions/create-or-update-repo-secret": ({"encrypted_value", "key_id"}, {"value"}),
    "actions/create-or-update-org-secret": ({"encrypted_value", "key_id"}, {"value"}),
    "actions/create-or-update-environment-secret": ({"encrypted_value", "key_id"}, {"value"}),
}
EXTRA = {
    # Downloads stream into a destination of the caller's choosing.
    "actions/download-artifact": {"dest"},
    "actions/download-job-logs-for-workflow-run": {"dest"},
    "actions/download-workflow-run-logs": {"dest"},
    "actions/download-workflow-run-attempt-logs": {"dest"},
}


def test_method_parameters_match_the_spec() -> None:
    client = AsyncGitHubActions("t")
    spec = all_operations()
    for operation_id, op in OPERATIONS.items():
        described = spec[operation_id]
        method = bound_method(client, op)
        parameters = list(inspect.signature(method).parameters.values())
        positional = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
        path_params = [RENAMED.get((operation_id, n), n) for n in described.path_params]
        in_path_order = [n for n in path_params if n not in KEYWORD_PATH_PARAMS]
        # Path values come first, positional, in path order.
        assert positional[: len(in_path_order)] == in_path_order, operation_id
        removed, added = REPLACED_BODY.get(operation_id, (set(), set()))
        expected = set(path_params) | set(described.query) | (set(described.body) - removed)
        expected |= added | EXTRA.get(operation_id, set())
        expected.discard("page")  # the paginator turns the pages
        assert {p.name for p in parameters} == expected, operation_id
        returns = inspect.signature(method).return_annotation
        paginated = "page" in described.query or "after" in described.query  # page or cursor
        assert returns.startswith("AsyncPaginator") == paginated, operation_id
        for name in set(described.body_required) - removed:
            assert (
                parameters[[p.name for p in parameters].index(name)].default
                is inspect.Parameter.empty
            )


SEALED = {
    # These fetch the scope's public key first, to seal the value.
    "actions/create-or-update-repo-secret",
    "actions/create-or-update-org-secret",
    "actions/create-or-update-environment-secret",
}
SEALING_KEY = {
    "key_id": "012345678912345678",
    "key": base64.b64encode(bytes(range(1, 33))).decode(),
}


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
async def test_each_method_sends_exactly_its_operation(
    mocked: aioresponses, operation_id: str
) -> None:
    op = OPERATIONS[operation_id]
    requests: list[tuple[str, URL, Any]] = []

    def answer(verb: str) -> Any:
        def record(url: URL, **kwargs: Any) -> CallbackResult:
            if operation_id in SEALED and url.path.endswith("/secrets/public-key"):
                return CallbackResult(status=200, payload=SEALING_KEY)  # fetched before sealing
            requests.append((verb, url, kwargs.get("data")))
            return CallbackResult(status=200 if verb == "GET" else 204, payload={})

        return record

    for verb in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        mocked.add(re.compile(".*"), method=verb, callback=answer(verb), repeat=True)
    async with AsyncGitHubActions("t", retry=0) as gh:
        method = bound_method(gh, op)
        args, kwargs = stand_in_call(method)
        try:
            result = method(*args, **kwargs)
            if isinstance(result, AsyncPaginator):
                await result.collect(limit=1)
            else:
                await result
        except UnexpectedResponse:
            pass  # the empty stand-in answer need not fit the model
    assert len(requests) == 1, requests
    verb, url, _ = requests[0]
    values = {**dict(zip(inspect.signature(method).parameters, args, strict=False)), **kwargs}

    def value_of(match: re.Match[str]) -> str:
        name = RENAMED.get((operation_id, match.group(1)), match.group(1))
        return quote(str(values[name]), safe="")

    expected_path = re.sub(r"\{([a-z_]+)\}", value_of, op.path)
    assert (verb, url.raw_path) == (op.http_method, expected_path)
