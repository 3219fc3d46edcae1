"""The OpenID Connect subject claim of a repository.

Workflows exchange OIDC tokens for cloud credentials; the provider's trust
policy matches the token's ``sub`` claim. By default ``sub`` looks like
``repo:OWNER/REPO:ref:refs/heads/main``; a custom template builds it from the
claims you choose instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._operations.oidc import GET_SUBJECT_CLAIM_TEMPLATE, SET_SUBJECT_CLAIM_TEMPLATE
from .._resource import AsyncResource
from ..models.oidc import OidcSubjectClaimTemplate


class AsyncOidc(AsyncResource):
    """The OpenID Connect subject claim of a repository."""

    async def get_subject_claim_template(self, owner: str, repo: str) -> OidcSubjectClaimTemplate:
        """Whether a repository's OIDC tokens use the default ``sub`` claim or a custom one.

        Raises ``NotFound`` when the repository is unknown; ``BadRequest`` as GitHub documents
        it for a malformed request.
        """
        return await self._json(GET_SUBJECT_CLAIM_TEMPLATE, (owner, repo), OidcSubjectClaimTemplate)

    async def set_subject_claim_template(
        self,
        owner: str,
        repo: str,
        *,
        use_default: bool,
        include_claim_keys: Sequence[str] | None = None,
        use_immutable_subject: bool | None = None,
    ) -> None:
        """Choose the claims a repository's OIDC ``sub`` is built from, or go back to the default.

        With ``use_default=True`` the keys are ignored. ``include_claim_keys``
        are claim names such as ``"repo"``, ``"context"`` or ``"job_workflow_ref"``
        (each once, made of letters, digits and underscores; GitHub answers
        other keys with ``ValidationFailed``). ``use_immutable_subject``
        (api.github.com only) opts in to a ``sub`` that also carries the owner's
        and the repository's numeric ids (``repo:octo@123/app@456:...``), so a
        repository later created under the same name cannot match it.

        Raises ``BadRequest`` when GitHub cannot read the body (an unknown claim key), and
        ``NotFound`` when the repository is unknown.
        """
        keys = None if include_claim_keys is None else list(include_claim_keys)
        if keys is not None and len(set(keys)) != len(keys):
            raise ValueError(f"include_claim_keys must not repeat a key, got {keys!r}")
        await self._no_content(
            SET_SUBJECT_CLAIM_TEMPLATE,
            (owner, repo),
            body={
                "use_default": use_default,
                "include_claim_keys": keys,
                "use_immutable_subject": use_immutable_subject,
            },
        )
