"""FakeGitHub's listing of an organization's repositories (``GET /orgs/{org}/repos``).

Not an Actions endpoint, but the one bulk operations use to visit every
repository of an organization.
"""

from __future__ import annotations

from aiohttp import web

from ._http import STATE, json_response, not_found, paginate
from ._permissions import org_id, repository_json
from ._world import World


class ReposWorld(World):
    """Repositories are added with ``add_repo``; nothing more to build here."""


async def list_org_repos(request: web.Request) -> web.Response:
    state = request.app[STATE]
    org = request.match_info["org"]
    if state.org(org) is None:
        return not_found()
    repos = sorted(state.repos_of(org), key=lambda r: r.name.lower())
    page, headers = paginate(request, repos)
    api, owner_id = str(request.url.origin()), org_id(org)
    return json_response([repository_json(api, repo, owner_id) for repo in page], headers=headers)


def add_routes(router: web.UrlDispatcher) -> None:
    """Register the organization repository list."""
    router.add_get("/orgs/{org}/repos", list_org_repos)
