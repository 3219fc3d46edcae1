"""``OPERATIONS``: every official operationId and the method that implements it.

Resources look their verb and path up here, so this table is the one place
that says which HTTP request a method sends; a test checks it against
GitHub's OpenAPI descriptions (api.github.com and GHES).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from urllib.parse import quote

from attrs import frozen

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@frozen
class Operation:
    """One GitHub operation: where it lives on the client and what it sends."""

    operation_id: str
    area: str
    method: str
    http_method: str
    path: str
    on_github_com: bool = True
    on_ghes: bool = True

    @property
    def path_params(self) -> tuple[str, ...]:
        return tuple(_PLACEHOLDER.findall(self.path))

    @property
    def route(self) -> str:
        """``"GET /repos/{owner}/{repo}/actions/caches"``: the endpoint, for the limits."""
        return f"{self.http_method} {self.path}"

    def format_path(self, values: Sequence[object]) -> str:
        """The path with each value URL-encoded as one segment (``a/b`` -> ``a%2Fb``)."""
        names = self.path_params
        if len(values) != len(names):
            raise TypeError(
                f"{self.operation_id} takes {len(names)} path values, got {len(values)}"
            )
        encoded = iter(quote(str(value), safe="") for value in values)
        return _PLACEHOLDER.sub(lambda _: next(encoded), self.path)


_GHES_ONLY = {"on_github_com": False}
_GITHUB_COM_ONLY = {"on_ghes": False}

# One row per operation reads best as a table.
# fmt: off
_TABLE = [
    # caches
    Operation("actions/get-actions-cache-list", "caches", "list", "GET", "/repos/{owner}/{repo}/actions/caches"),
    Operation("actions/delete-actions-cache-by-id", "caches", "delete", "DELETE", "/repos/{owner}/{repo}/actions/caches/{cache_id}"),
    Operation("actions/delete-actions-cache-by-key", "caches", "delete_by_key", "DELETE", "/repos/{owner}/{repo}/actions/caches"),
    Operation("actions/get-actions-cache-usage", "caches", "get_usage", "GET", "/repos/{owner}/{repo}/actions/cache/usage"),
    Operation("actions/get-actions-cache-usage-for-org", "caches", "get_org_usage", "GET", "/orgs/{org}/actions/cache/usage"),
    Operation("actions/get-actions-cache-usage-by-repo-for-org", "caches", "list_org_usage_by_repository", "GET", "/orgs/{org}/actions/cache/usage-by-repository"),
    Operation("actions/get-actions-cache-usage-for-enterprise", "caches", "get_enterprise_usage", "GET", "/enterprises/{enterprise}/actions/cache/usage", **_GHES_ONLY),
    Operation("actions/get-actions-cache-usage-policy", "caches", "get_usage_policy", "GET", "/repos/{owner}/{repo}/actions/cache/usage-policy", **_GHES_ONLY),
    Operation("actions/set-actions-cache-usage-policy", "caches", "set_usage_policy", "PATCH", "/repos/{owner}/{repo}/actions/cache/usage-policy", **_GHES_ONLY),
    Operation("actions/get-actions-cache-usage-policy-for-enterprise", "caches", "get_enterprise_usage_policy", "GET", "/enterprises/{enterprise}/actions/cache/usage-policy", **_GHES_ONLY),
    Operation("actions/set-actions-cache-usage-policy-for-enterprise", "caches", "set_enterprise_usage_policy", "PATCH", "/enterprises/{enterprise}/actions/cache/usage-policy", **_GHES_ONLY),
    Operation("actions/get-actions-cache-retention-limit-for-repository", "caches", "get_retention_limit", "GET", "/repos/{owner}/{repo}/actions/cache/retention-limit", **_GITHUB_COM_ONLY),
    Operation("actions/set-actions-cache-retention-limit-for-repository", "caches", "set_retention_limit", "PUT", "/repos/{owner}/{repo}/actions/cache/retention-limit", **_GITHUB_COM_ONLY),
    Operation("actions/get-actions-cache-storage-limit-for-repository", "caches", "get_storage_limit", "GET", "/repos/{owner}/{repo}/actions/cache/storage-limit", **_GITHUB_COM_ONLY),
    Operation("actions/set-actions-cache-storage-limit-for-repository", "caches", "set_storage_limit", "PUT", "/repos/{owner}/{repo}/actions/cache/storage-limit", **_GITHUB_COM_ONLY),
    Operation("actions/get-actions-cache-retention-limit-for-organization", "caches", "get_retention_limit_for_org", "GET", "/organizations/{org}/actions/cache/retention-limit", **_GITHUB_COM_ONLY),
    Operation("actions/set-actions-cache-retention-limit-for-organization", "caches", "set_retention_limit_for_org", "PUT", "/organizations/{org}/actions/cache/retention-limit", **_GITHUB_COM_ONLY),
    Operation("actions/get-actions-cache-storage-limit-for-organization", "caches", "get_storage_limit_for_org", "GET", "/organizations/{org}/actions/cache/storage-limit", **_GITHUB_COM_ONLY),
    Operation("actions/set-actions-cache-storage-limit-for-organization", "caches", "set_storage_limit_for_org", "PUT", "/organizations/{org}/actions/cache/storage-limit", **_GITHUB_COM_ONLY),
    Operation("actions/get-actions-cache-retention-limit-for-enterprise", "caches", "get_retention_limit_for_enterprise", "GET", "/enterprises/{enterprise}/actions/cache/retention-limit", **_GITHUB_COM_ONLY),
    Operation("actions/set-actions-cache-retention-limit-for-enterprise", "caches", "set_retention_limit_for_enterprise", "PUT", "/enterprises/{enterprise}/actions/cache/retention-limit", **_GITHUB_COM_ONLY),
    Operation("actions/get-actions-cache-storage-limit-for-enterprise", "caches", "get_storage_limit_for_enterprise", "GET", "/enterprises/{enterprise}/actions/cache/storage-limit", **_GITHUB_COM_ONLY),
    Operation("actions/set-actions-cache-storage-limit-for-enterprise", "caches", "set_storage_limit_for_enterprise", "PUT", "/enterprises/{enterprise}/actions/cache/storage-limit", **_GITHUB_COM_ONLY),
]
# fmt: on

OPERATIONS: Mapping[str, Operation] = MappingProxyType({op.operation_id: op for op in _TABLE})
