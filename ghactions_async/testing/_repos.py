"""Repositories and their owners as FakeGitHub's answers show them, and ``GET /orgs/{org}/repos``.

Every answer that shows a repository or an account builds it here, so an
organization has one id, node_id and set of URLs everywhere. The listing
of an organization's repositories is not an Actions endpoint, but the one
bulk operations use to visit every repository of an organization.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from .._operations import Operation
from .._operations import outside as ops
from ._http import STATE, Handler, json_response, node_id, not_found, origin_of, paginate
from ._state import FakeRepo
from ._world import World


def org_id(login: str) -> int:
    """A stable id for an organization, 31 bits like GitHub's."""
    return zlib.crc32(login.lower().encode()) & 0x7FFFFFFF or 1


def _url_table(text: str) -> dict[str, str]:
    """``"key /suffix key2 /suffix2"`` -> ``{"key_url": "/suffix", "key2_url": "/suffix2"}``."""
    words = text.split()
    return {f"{key}_url": suffix for key, suffix in zip(words[::2], words[1::2], strict=True)}


# GitHub's links of a repository and of an account, after their API URLs.
_REPO_URLS = _url_table(
    "archive /{archive_format}{/ref} assignees /assignees{/user} blobs /git/blobs{/sha}"
    " branches /branches{/branch} collaborators /collaborators{/collaborator}"
    " comments /comments{/number} commits /commits{/sha} compare /compare/{base}...{head}"
    " contents /contents/{+path} contributors /contributors deployments /deployments"
    " downloads /downloads events /events forks /forks git_commits /git/commits{/sha}"
    " git_refs /git/refs{/sha} git_tags /git/tags{/sha} hooks /hooks"
    " issue_comment /issues/comments{/number} issue_events /issues/events{/number}"
    " issues /issues{/number} keys /keys{/key_id} labels /labels{/name}"
    " languages /languages merges /merges milestones /milestones{/number}"
    " notifications /notifications{?since,all,participating} pulls /pulls{/number}"
    " releases /releases{/id} stargazers /stargazers statuses /statuses/{sha}"
    " subscribers /subscribers subscription /subscription tags /tags teams /teams"
    " trees /git/trees{/sha}"
)
_USER_URLS = _url_table(
    "followers /followers following /following{/other_user} gists /gists{/gist_id}"
    " starred /starred{/owner}{/repo} subscriptions /subscriptions organizations /orgs"
    " repos /repos events /events{/privacy} received_events /received_events"
)


def account_json(api: str, login: str, number: int, kind: str = "User") -> dict[str, Any]:
    """A user or organization as GitHub shows an account (``simple-user``), URLs under ``api``."""
    user = f"{api}/users/{login}"
    return {
        "login": login,
        "id": number,
        "node_id": node_id(kind, number),
        "avatar_url": f"https://avatars.githubusercontent.com/u/{number}?v=4",
        "gravatar_id": "",
        "url": user,
        "html_url": f"https://github.com/{login}",
        **{key: user + suffix for key, suffix in _USER_URLS.items()},
        "type": kind,
        "site_admin": False,
    }


def organization_json(api: str, login: str) -> dict[str, Any]:
    """An organization as an account, with its ``org_id``."""
    return account_json(api, login, org_id(login), "Organization")


def minimal_repository_json(api: str, repo: FakeRepo, *, private: bool = True) -> dict[str, Any]:
    """A repository in GitHub's ``minimal-repository`` shape, its API URLs under ``api``."""
    url = f"{api}/repos/{repo.full_name}"
    return {
        "id": repo.id,
        "node_id": node_id("Repository", repo.id),
        "name": repo.name,
        "full_name": repo.full_name,
        "owner": organization_json(api, repo.owner),
        "private": private,
        "html_url": f"https://github.com/{repo.full_name}",
        "description": None,
        "fork": False,
        "url": url,
        **{key: url + suffix for key, suffix in _REPO_URLS.items()},
    }


def repository_json(api: str, repo: FakeRepo) -> dict[str, Any]:
    """A repository in GitHub's full ``repository`` shape, its API URLs under ``api``."""
    html = f"https://github.com/{repo.full_name}"
    everyone = {"admin": True, "maintain": True, "push": True, "triage": True, "pull": True}
    return {
        **minimal_repository_json(api, repo, private=False),
        "git_url": f"git://github.com/{repo.full_name}.git",
        "ssh_url": f"git@github.com:{repo.full_name}.git",
        "clone_url": f"{html}.git",
        "svn_url": html,
        "mirror_url": None,
        "homepage": None,
        "language": None,
        **dict.fromkeys(("forks_count", "stargazers_count", "watchers_count", "size"), 0),
        **dict.fromkeys(("open_issues_count", "forks", "open_issues", "watchers"), 0),
        "default_branch": "main",
        "is_template": False,
        "topics": [],
        **dict.fromkeys(("has_issues", "has_projects", "has_wiki", "has_downloads"), True),
        **dict.fromkeys(("has_pages", "has_discussions"), False),
        "archived": repo.archived,
        "disabled": False,
        "visibility": "public",
        **dict.fromkeys(("pushed_at", "created_at", "updated_at", "license"), None),
        "permissions": everyone,
        "allow_forking": True,
        "web_commit_signoff_required": False,
    }


class ReposWorld(World):
    """Repositories are added with ``add_repo``; nothing more to build here."""


async def list_org_repos(request: web.Request) -> web.Response:
    state = request.app[STATE]
    org = request.match_info["org"]
    if state.org(org) is None:
        return not_found()
    repos = sorted(state.repos_of(org), key=lambda r: r.name.lower())
    page, headers = paginate(request, repos)
    api = origin_of(request)
    return json_response([repository_json(api, repo) for repo in page], headers=headers)


HANDLERS: Mapping[Operation, Handler] = {ops.LIST_ORG_REPOSITORIES: list_org_repos}
"""The organization repository list."""
