"""GitHub App installations: find the one for an organization, get its tokens.

These endpoints need the client to authenticate as the app
(``auth=AppAuth(app_id, private_key)``). To act as an installation, use
``gh.for_installation(installation_id)``, which keeps its token fresh.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .._operations.outside import (
    CREATE_INSTALLATION_TOKEN,
    GET_AUTHENTICATED,
    GET_ORG_INSTALLATION,
    GET_REPO_INSTALLATION,
    LIST_INSTALLATIONS,
)
from .._resource import AsyncResource
from ..models.apps import App, Installation, InstallationToken

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator


class AsyncApps(AsyncResource):
    """The app itself and its installations (authenticated as the app)."""

    async def get_authenticated(self) -> App:
        """The app this client's JWT belongs to."""
        return await self._json(GET_AUTHENTICATED, (), App)

    def list_installations(self, *, per_page: int | None = None) -> AsyncPaginator[Installation]:
        """Every installation of the app: each organization or account it is installed on."""
        return self._paginate(
            LIST_INSTALLATIONS, (), Installation, item_key=None, per_page=per_page
        )

    async def get_org_installation(self, org: str) -> Installation:
        """The app's installation on an organization (404 when it is not installed there)."""
        return await self._json(GET_ORG_INSTALLATION, (org,), Installation)

    async def get_repo_installation(self, owner: str, repo: str) -> Installation:
        """The installation that covers a repository."""
        return await self._json(GET_REPO_INSTALLATION, (owner, repo), Installation)

    async def create_installation_token(
        self,
        installation_id: int,
        *,
        repositories: Sequence[str] | None = None,
        repository_ids: Sequence[int] | None = None,
        permissions: Mapping[str, str] | None = None,
    ) -> InstallationToken:
        """A new installation token, optionally narrowed to some repositories or permissions.

        ``gh.for_installation`` does this for you and renews the token in time.
        """
        return await self._json(
            CREATE_INSTALLATION_TOKEN,
            (installation_id,),
            InstallationToken,
            body={
                "repositories": None if repositories is None else list(repositories),
                "repository_ids": None if repository_ids is None else list(repository_ids),
                "permissions": None if permissions is None else dict(permissions),
            },
        )
