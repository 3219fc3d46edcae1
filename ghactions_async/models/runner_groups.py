"""Models of ``gh.runner_groups``."""

from __future__ import annotations
