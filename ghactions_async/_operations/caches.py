"""The cache operations (``gh.caches``)."""

from . import GHES_ONLY, GITHUB_COM_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
# caches
LIST = Operation("actions/get-actions-cache-list", "caches", "list", "GET", "/repos/{owner}/{repo}/actions/caches")
DELETE_BY_ID = Operation("actions/delete-actions-cache-by-id", "caches", "delete", "DELETE", "/repos/{owner}/{repo}/actions/caches/{cache_id}")
DELETE_BY_KEY = Operation("actions/delete-actions-cache-by-key", "caches", "delete_by_key", "DELETE", "/repos/{owner}/{repo}/actions/caches")
GET_USAGE = Operation("actions/get-actions-cache-usage", "caches", "get_usage", "GET", "/repos/{owner}/{repo}/actions/cache/usage")
GET_ORG_USAGE = Operation("actions/get-actions-cache-usage-for-org", "caches", "get_org_usage", "GET", "/orgs/{org}/actions/cache/usage")
LIST_ORG_USAGE_BY_REPOSITORY = Operation("actions/get-actions-cache-usage-by-repo-for-org", "caches", "list_org_usage_by_repository", "GET", "/orgs/{org}/actions/cache/usage-by-repository")
GET_ENTERPRISE_USAGE = Operation("actions/get-actions-cache-usage-for-enterprise", "caches", "get_enterprise_usage", "GET", "/enterprises/{enterprise}/actions/cache/usage", **GHES_ONLY)
GET_USAGE_POLICY = Operation("actions/get-actions-cache-usage-policy", "caches", "get_usage_policy", "GET", "/repos/{owner}/{repo}/actions/cache/usage-policy", **GHES_ONLY)
SET_USAGE_POLICY = Operation("actions/set-actions-cache-usage-policy", "caches", "set_usage_policy", "PATCH", "/repos/{owner}/{repo}/actions/cache/usage-policy", **GHES_ONLY)
GET_ENTERPRISE_USAGE_POLICY = Operation("actions/get-actions-cache-usage-policy-for-enterprise", "caches", "get_enterprise_usage_policy", "GET", "/enterprises/{enterprise}/actions/cache/usage-policy", **GHES_ONLY)
SET_ENTERPRISE_USAGE_POLICY = Operation("actions/set-actions-cache-usage-policy-for-enterprise", "caches", "set_enterprise_usage_policy", "PATCH", "/enterprises/{enterprise}/actions/cache/usage-policy", **GHES_ONLY)
GET_RETENTION_LIMIT = Operation("actions/get-actions-cache-retention-limit-for-repository", "caches", "get_retention_limit", "GET", "/repos/{owner}/{repo}/actions/cache/retention-limit", **GITHUB_COM_ONLY)
SET_RETENTION_LIMIT = Operation("actions/set-actions-cache-retention-limit-for-repository", "caches", "set_retention_limit", "PUT", "/repos/{owner}/{repo}/actions/cache/retention-limit", **GITHUB_COM_ONLY)
GET_STORAGE_LIMIT = Operation("actions/get-actions-cache-storage-limit-for-repository", "caches", "get_storage_limit", "GET", "/repos/{owner}/{repo}/actions/cache/storage-limit", **GITHUB_COM_ONLY)
SET_STORAGE_LIMIT = Operation("actions/set-actions-cache-storage-limit-for-repository", "caches", "set_storage_limit", "PUT", "/repos/{owner}/{repo}/actions/cache/storage-limit", **GITHUB_COM_ONLY)
GET_RETENTION_LIMIT_FOR_ORG = Operation("actions/get-actions-cache-retention-limit-for-organization", "caches", "get_retention_limit_for_org", "GET", "/organizations/{org}/actions/cache/retention-limit", **GITHUB_COM_ONLY)
SET_RETENTION_LIMIT_FOR_ORG = Operation("actions/set-actions-cache-retention-limit-for-organization", "caches", "set_retention_limit_for_org", "PUT", "/organizations/{org}/actions/cache/retention-limit", **GITHUB_COM_ONLY)
GET_STORAGE_LIMIT_FOR_ORG = Operation("actions/get-actions-cache-storage-limit-for-organization", "caches", "get_storage_limit_for_org", "GET", "/organizations/{org}/actions/cache/storage-limit", **GITHUB_COM_ONLY)
SET_STORAGE_LIMIT_FOR_ORG = Operation("actions/set-actions-cache-storage-limit-for-organization", "caches", "set_storage_limit_for_org", "PUT", "/organizations/{org}/actions/cache/storage-limit", **GITHUB_COM_ONLY)
GET_RETENTION_LIMIT_FOR_ENTERPRISE = Operation("actions/get-actions-cache-retention-limit-for-enterprise", "caches", "get_retention_limit_for_enterprise", "GET", "/enterprises/{enterprise}/actions/cache/retention-limit", **GITHUB_COM_ONLY)
SET_RETENTION_LIMIT_FOR_ENTERPRISE = Operation("actions/set-actions-cache-retention-limit-for-enterprise", "caches", "set_retention_limit_for_enterprise", "PUT", "/enterprises/{enterprise}/actions/cache/retention-limit", **GITHUB_COM_ONLY)
GET_STORAGE_LIMIT_FOR_ENTERPRISE = Operation("actions/get-actions-cache-storage-limit-for-enterprise", "caches", "get_storage_limit_for_enterprise", "GET", "/enterprises/{enterprise}/actions/cache/storage-limit", **GITHUB_COM_ONLY)
SET_STORAGE_LIMIT_FOR_ENTERPRISE = Operation("actions/set-actions-cache-storage-limit-for-enterprise", "caches", "set_storage_limit_for_enterprise", "PUT", "/enterprises/{enterprise}/actions/cache/storage-limit", **GITHUB_COM_ONLY)
# fmt: on

OPERATIONS: list[Operation] = [
    LIST,
    DELETE_BY_ID,
    DELETE_BY_KEY,
    GET_USAGE,
    GET_ORG_USAGE,
    LIST_ORG_USAGE_BY_REPOSITORY,
    GET_ENTERPRISE_USAGE,
    GET_USAGE_POLICY,
    SET_USAGE_POLICY,
    GET_ENTERPRISE_USAGE_POLICY,
    SET_ENTERPRISE_USAGE_POLICY,
    GET_RETENTION_LIMIT,
    SET_RETENTION_LIMIT,
    GET_STORAGE_LIMIT,
    SET_STORAGE_LIMIT,
    GET_RETENTION_LIMIT_FOR_ORG,
    SET_RETENTION_LIMIT_FOR_ORG,
    GET_STORAGE_LIMIT_FOR_ORG,
    SET_STORAGE_LIMIT_FOR_ORG,
    GET_RETENTION_LIMIT_FOR_ENTERPRISE,
    SET_RETENTION_LIMIT_FOR_ENTERPRISE,
    GET_STORAGE_LIMIT_FOR_ENTERPRISE,
    SET_STORAGE_LIMIT_FOR_ENTERPRISE,
]
