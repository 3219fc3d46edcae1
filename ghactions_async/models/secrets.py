"""Models of ``gh.secrets``: secrets as GitHub describes them, and the keys that seal them.

GitHub never returns a secret's value, only its name and dates (and, for an
organization secret, which repositories may use it). The repositories an
organization secret is shared with are ``MinimalRepository`` (models/common).
"""

from __future__ import annotations

from datetime import datetime

from attrs import frozen


@frozen(kw_only=True)
class ActionsPublicKey:
    """The public key of a repository, organization or environment.

    Secret values are sealed with ``key`` (base64) before they are sent, and
    ``key_id`` goes along to say which key sealed them. ``set_*_secret``
    fetches and uses it for you; read it when sealing values yourself.
    """

    key_id: str
    key: str
    id: int | None = None
    url: str | None = None
    title: str | None = None
    # A plain string in GitHub's schema (no date-time format), so kept as sent.
    created_at: str | None = None


@frozen(kw_only=True)
class ActionsSecret:
    """A repository or environment secret: its name and when it was created and last set."""

    name: str
    created_at: datetime | None = None
    updated_at: datetime | None = None


@frozen(kw_only=True)
class OrganizationSecret:
    """An organization secret: its dates and which repositories may use it.

    ``visibility`` is ``all``, ``private`` or ``selected``; for ``selected``,
    ``selected_repositories_url`` lists the repositories
    (``list_selected_repos_for_org_secret``).
    """

    name: str
    created_at: datetime | None = None
    updated_at: datetime | None = None
    visibility: str | None = None
    selected_repositories_url: str | None = None
