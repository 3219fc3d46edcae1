"""The single I/O layer: every request of a client passes through one pipeline.

redirects -> conditional cache (when enabled) -> retry -> auth -> limits -> transport

Retry sits outside auth and limits on purpose: a backoff must not hold a
concurrency slot, each attempt must be counted and paced by the limits, and an
attempt made after a token refresh must carry the new token. Auth is added per
destination origin, so a redirect to a storage host never carries the token.
"""
