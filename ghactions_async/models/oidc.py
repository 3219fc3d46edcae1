"""Models of ``gh.oidc``: how the ``sub`` claim of a repository's OIDC tokens is built."""

from __future__ import annotations

from attrs import frozen


@frozen(kw_only=True)
class OidcSubjectClaimTemplate:
    """Which claims make up the ``sub`` of the OIDC tokens a repository's workflows get.

    Cloud providers match trust policies against ``sub``; with
    ``use_default`` false it is built from ``include_claim_keys`` (for example
    ``["repo", "context"]``). ``use_immutable_subject`` and
    ``sub_claim_prefix`` are reported by api.github.com only.
    """

    use_default: bool | None = None
    include_claim_keys: list[str] | None = None
    use_immutable_subject: bool | None = None
    sub_claim_prefix: str | None = None
