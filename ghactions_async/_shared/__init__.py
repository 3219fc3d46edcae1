"""One rate budget per credential, shared by every client on it, through Redis.

GitHub's limits belong to the credential, not to the process: replicas of a
service or concurrent cron jobs on one token each keep to the whole budget
and together get refused. With ``shared_limits=`` every client on the same
credential, in any process on any machine, admits each request through one
atomic script in Redis (``_scripts.py``), after its own governor:

- ``_options.py``: ``SharedLimits``, the public setting (light: no Redis import);
- ``_keys.py``: the keys of one credential's budget, named by a digest of it;
- ``_scripts.py``: the Lua that admits a request and records how it ended;
- ``_store.py``: the Redis connection, every call bounded by a timeout;
- ``_local.py``: this client's own spends, and its share when Redis cannot count;
- ``_gate.py``: the pipeline step, its waits, and the fallback when Redis is away.
"""
