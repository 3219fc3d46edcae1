"""Models of ``gh.oidc``."""

from __future__ import annotations
