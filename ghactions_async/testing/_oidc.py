"""FakeGitHub's ``oidc`` endpoints: a repository's OIDC subject claim template.

Every repository starts on GitHub's default template. ``PUT`` validates its
body by GitHub's documented rules (400 for a body that is not JSON; 422 for a
missing or mistyped ``use_default`` and for claim keys that repeat or hold
characters other than letters, digits and underscores) and answers ``201 {}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from aiohttp import web
from attrs import define, field

from .._operations import Operation
from .._operations import oidc as ops
from ._http import (
    STATE,
    Handler,
    error,
    json_response,
    not_found,
    path_repo,
    simple_validation_error,
)
from ._world import World

if TYPE_CHECKING:
    from ._state import FakeRepo, FakeState

_CLAIM_KEY = re.compile(r"[A-Za-z0-9_]+")


@define
class FakeSubjectClaimTemplate:
    """How the ``sub`` claim of one repository's OIDC tokens is built."""

    use_default: bool = True
    include_claim_keys: list[str] = field(factory=list)
    use_immutable_subject: bool = False


@define
class OidcState:
    """Templates by lower-cased ``owner/name``, and the owners' numeric ids."""

    templates: dict[str, FakeSubjectClaimTemplate] = field(factory=dict)
    owner_ids: dict[str, int] = field(factory=dict)

    def template(self, repo: FakeRepo) -> FakeSubjectClaimTemplate:
        return self.templates.setdefault(repo.full_name.lower(), FakeSubjectClaimTemplate())


def _template_json(state: FakeState, repo: FakeRepo) -> dict[str, Any]:
    area = state.area(OidcState)
    template = area.template(repo)
    if template.use_immutable_subject:
        owner_id = area.owner_ids.get(repo.owner.lower())
        if owner_id is None:
            owner_id = area.owner_ids[repo.owner.lower()] = state.next_id()
        prefix = f"repo:{repo.owner}@{owner_id}/{repo.name}@{repo.id}"
    else:
        prefix = f"repo:{repo.owner}/{repo.name}"
    data: dict[str, Any] = {"use_default": template.use_default}
    if template.include_claim_keys:
        data["include_claim_keys"] = list(template.include_claim_keys)
    data["use_immutable_subject"] = template.use_immutable_subject
    data["sub_claim_prefix"] = prefix
    return data


def _check(body: dict[str, Any]) -> str | None:
    """What is wrong with a PUT body, or None."""
    if not isinstance(body.get("use_default"), bool):
        return "use_default is required and must be a boolean"
    keys = body.get("include_claim_keys")
    if keys is not None:
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            return "include_claim_keys must be an array of strings"
        bad = [k for k in keys if not _CLAIM_KEY.fullmatch(k)]
        if bad:
            return f"claim keys may only contain alphanumeric characters and underscores: {bad[0]}"
        if len(set(keys)) != len(keys):
            return "include_claim_keys must be unique"
    immutable = body.get("use_immutable_subject")
    if immutable is not None and not isinstance(immutable, bool):
        return "use_immutable_subject must be a boolean"
    return None


async def get_template(request: web.Request) -> web.Response:
    state, repo = request.app[STATE], path_repo(request)
    if repo is None:
        return not_found()
    return json_response(_template_json(state, repo))


async def set_template(request: web.Request) -> web.Response:
    state, repo = request.app[STATE], path_repo(request)
    if repo is None:
        return not_found()
    try:
        body = json.loads(await request.text())
    except ValueError:
        return error(400, "Problems parsing JSON")
    if not isinstance(body, dict):
        return simple_validation_error("the body must be a JSON object")
    problem = _check(body)
    if problem is not None:
        return simple_validation_error(problem)
    template = state.area(OidcState).template(repo)
    template.use_default = body["use_default"]
    if body.get("include_claim_keys") is not None:
        template.include_claim_keys = list(body["include_claim_keys"])
    if body.get("use_immutable_subject") is not None:
        template.use_immutable_subject = body["use_immutable_subject"]
    return json_response({}, status=201)


HANDLERS: Mapping[Operation, Handler] = {
    ops.GET_SUBJECT_CLAIM_TEMPLATE: get_template,
    ops.SET_SUBJECT_CLAIM_TEMPLATE: set_template,
}
"""What answers each operation of this area."""


class OidcWorld(World):
    """Building OIDC subject claim templates into the fake."""

    def set_oidc_subject_claim_template(
        self,
        full_name: str,
        *,
        use_default: bool,
        include_claim_keys: Sequence[str] = (),
        use_immutable_subject: bool = False,
    ) -> FakeSubjectClaimTemplate:
        """Give a repository (created if missing) a subject claim template."""
        with self._lock:
            repo = self.add_repo(full_name)
            template = self.state.area(OidcState).template(repo)
            template.use_default = use_default
            template.include_claim_keys = list(include_claim_keys)
            template.use_immutable_subject = use_immutable_subject
            return template

    def oidc_subject_claim_template(self, full_name: str) -> FakeSubjectClaimTemplate:
        """A repository's subject claim template (GitHub's default until one is set)."""
        with self._lock:
            return self.state.area(OidcState).template(self._repo_or_error(full_name))
