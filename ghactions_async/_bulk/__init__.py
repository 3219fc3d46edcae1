"""Bulk operations: plan, then act on many items within the client's limits, and report each."""
