"""Workflows: list, get, dispatch, enable, disable, usage."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncWorkflows(AsyncResource):
    """Workflows: list, get, dispatch, enable, disable, usage."""
