"""Models of ``gh.variables``: configuration variables with their values.

Unlike secrets, variables are plain text and GitHub returns their values.
The repositories an organization variable is shared with are
``MinimalRepository`` (models/common).
"""

from __future__ import annotations

from datetime import datetime

from attrs import frozen


@frozen(kw_only=True)
class ActionsVariable:
    """A repository or environment variable, readable in workflows as ``${{ vars.NAME }}``.

    ``value`` is always text. (GitHub's example of listing organization
    variables shows a JSON ``true``, which its schema does not allow; such a
    value is accepted and read as text, ``"True"``.)
    """

    name: str
    value: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@frozen(kw_only=True)
class OrganizationVariable:
    """An organization variable, its value and which repositories may use it.

    ``visibility`` is ``all``, ``private`` or ``selected``; for ``selected``,
    ``selected_repositories_url`` lists the repositories
    (``list_selected_repos_for_org_variable``).
    """

    name: str
    # Text per GitHub's schema; the example's JSON ``true`` is accepted as "True".
    value: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    visibility: str | None = None
    selected_repositories_url: str | None = None
