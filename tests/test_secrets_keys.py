"""A public key from GitHub that cannot seal: ValueError naming it, before the secret is sent.

The fake's key for the scope is replaced by one that serves a broken public half
(the fake itself always hands out good keys).
"""

from __future__ import annotations

import base64
import traceback
from collections.abc import Awaitable, Callable

import pytest

from ghactions_async import AsyncGitHubActions
from ghactions_async.testing import FakeGitHub
from ghactions_async.testing._secrets import FakeKeyPair, SecretsState

PLAINTEXT = "PLAINTEXT-9e107d9d372b"

BAD_KEYS = {
    "all zeros (a low-order point)": base64.b64encode(bytes(32)).decode(),
    "the point of order 1": base64.b64encode(b"\x01" + bytes(31)).decode(),
    "31 bytes": base64.b64encode(b"\x09" * 31).decode(),
    "not base64": "not*base64!",
    "empty": "",
}


class BrokenKeyPair(FakeKeyPair):
    """A key pair whose public half, as served, is ``served``."""

    served = ""

    @property
    def public_key(self) -> str:
        return self.served


def serve_bad_key(fake: FakeGitHub, key: str, **scope: str) -> str:
    """Make ``key`` the public key the fake serves for a scope; returns its key id."""
    key_id = fake.rotate_public_key(**scope)
    pairs = next(p for p in fake.state.area(SecretsState).keys.values() if p[-1].key_id == key_id)
    broken = BrokenKeyPair(key_id=key_id, private_key=pairs[-1].private_key)
    broken.served = key
    pairs[-1] = broken
    return key_id


def puts(fake: FakeGitHub) -> int:
    return sum(1 for r in fake.stats.log if r.method == "PUT")


def assert_value_hidden(error: BaseException) -> None:
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    shown = " ".join(f"{e!s} {e!r}" for e in chain)
    shown += "".join(traceback.format_exception(error))
    assert PLAINTEXT not in shown


@pytest.mark.parametrize("key", BAD_KEYS.values(), ids=BAD_KEYS.keys())
async def test_a_bad_repository_key_raises_value_error_naming_it_before_sending(
    gh: AsyncGitHubActions, fake: FakeGitHub, key: str
) -> None:
    key_id = serve_bad_key(fake, key, repo="octo/app")

    with pytest.raises(ValueError, match=key_id) as raised:
        await gh.secrets.set_repo_secret("octo", "app", "TOKEN", PLAINTEXT)

    assert "public key" in str(raised.value)
    assert_value_hidden(raised.value)
    assert puts(fake) == 0


SCOPES: dict[str, tuple[dict[str, str], Callable[[AsyncGitHubActions], Awaitable[None]]]] = {
    "organization": (
        {"org": "octo"},
        lambda gh: gh.secrets.set_org_secret("octo", "TOKEN", PLAINTEXT, visibility="private"),
    ),
    "environment": (
        {"repo": "octo/app", "environment": "prod"},
        lambda gh: gh.secrets.set_environment_secret("octo", "app", "prod", "TOKEN", PLAINTEXT),
    ),
}


@pytest.mark.parametrize("scope", SCOPES.keys())
async def test_a_bad_key_of_any_scope_is_refused_and_fetched_again_next_time(
    gh: AsyncGitHubActions, fake: FakeGitHub, scope: str
) -> None:
    where, set_secret = SCOPES[scope]
    key_id = serve_bad_key(fake, BAD_KEYS["all zeros (a low-order point)"], **where)

    with pytest.raises(ValueError, match=key_id) as raised:
        await set_secret(gh)
    assert_value_hidden(raised.value)
    assert puts(fake) == 0

    fake.rotate_public_key(**where)  # GitHub serves a good key again
    await set_secret(gh)  # the bad key was not kept: the good one is fetched
    assert fake.secret_plaintext("TOKEN", **where) == PLAINTEXT
