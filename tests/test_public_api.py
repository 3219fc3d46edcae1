"""The public names: every one resolves, and nothing else is exported."""

from __future__ import annotations

import ghactions_async
import ghactions_async.models
import ghactions_async.testing


def test_every_model_is_reachable_from_the_models_package_under_one_name() -> None:
    import importlib

    seen: dict[str, str] = {}
    for module_name in ghactions_async.models.MODULES:
        module = importlib.import_module(f"ghactions_async.models.{module_name}")
        for name, value in vars(module).items():
            if isinstance(value, type) and value.__module__ == module.__name__ and name[0] != "_":
                assert name not in seen, f"{name} is defined in {seen.get(name)} and {module_name}"
                seen[name] = module_name
                assert getattr(ghactions_async.models, name) is value


def test_every_exported_name_resolves() -> None:
    for module in (ghactions_async, ghactions_async.testing):
        for name in module.__all__:
            assert getattr(module, name) is not None, f"{module.__name__}.{name}"


def test_dir_lists_the_lazy_names() -> None:
    assert "AsyncGitHubActions" in dir(ghactions_async)
    assert "ActionsCache" in dir(ghactions_async.models)


def test_unknown_names_raise_attribute_error() -> None:
    import pytest

    with pytest.raises(AttributeError):
        _ = ghactions_async.NoSuchThing


def test_error_tree() -> None:
    from ghactions_async import (
        GhActionsError,
        GitHubError,
        NotFound,
        RateLimitError,
        RateLimitExceeded,
        RequestTimeout,
        SecondaryRateLimitExceeded,
        TransportError,
        UnexpectedResponse,
    )

    assert issubclass(NotFound, GitHubError)
    assert issubclass(RateLimitExceeded, RateLimitError)
    assert issubclass(SecondaryRateLimitExceeded, RateLimitError)
    assert issubclass(RateLimitError, GitHubError)
    assert issubclass(RequestTimeout, TransportError)
    for error in (GitHubError, TransportError, UnexpectedResponse):
        assert issubclass(error, GhActionsError)
    assert not issubclass(TransportError, GitHubError)


def test_bulk_interrupted_is_a_public_keyboard_interrupt() -> None:
    from ghactions_async import BulkInterrupted, BulkReport

    assert "BulkInterrupted" in ghactions_async.__all__
    assert "BulkInterrupted" in dir(ghactions_async)
    assert issubclass(BulkInterrupted, KeyboardInterrupt)
    report = BulkReport("prune_caches", False, (), 0.0, 0)
    assert BulkInterrupted(report).report is report
