"""The client's API areas: one attribute, operation table, resource and model module each."""

AREAS = (
    "caches",
    "artifacts",
    "runs",
    "jobs",
    "workflows",
    "secrets",
    "variables",
    "runners",
    "runner_groups",
    "hosted_runners",
    "permissions",
    "oidc",
    "concurrency_groups",
)
"""In the order the README lists them."""
