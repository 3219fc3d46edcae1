"""Client CPU per request: a DELETE, and a page of 100 runs, against raw aiohttp as the floor.

Each client deletes 500 caches by id (20 in flight; PyGithub from 20
threads) per run and its process's CPU time (``time.process_time``: all its
threads, none of FakeGitHub's) is divided by 500. The ids are fetched
beforehand, untimed, and each client answers one small request before the
clock starts. The CPU per page of 100 runs comes from ``list_runs`` (the
client's CPU over the 20,000-run listing / 200).

ghactions_async also runs twice more, for what telemetry costs: without
``opentelemetry-api`` importable, and with the OpenTelemetry SDK configured
(a tracer provider exporting in batches to an exporter that drops the
spans, and a meter provider with a reader). The plain run has the API
installed and no SDK configured, the case a library user gets by default.

    python -m benchmarks.cpu_per_request [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import aiohttp

from ._common import (
    CONCURRENCY,
    LABELS,
    LATENCY,
    OTHERS,
    Clock,
    Json,
    Section,
    Stat,
    SummaryRow,
    best_other,
    progress,
    ratio,
    run_worker,
    versus,
    worker_main,
)
from ._prunes import bounded
from ._server import Server, fake_github_process

OWNER, REPO = "octo", "cpu"
DELETES = 500
CLIENTS = ("ghactions_async", *OTHERS)
TELEMETRY = ("ghactions_async-nootel", "ghactions_async", "ghactions_async-sdk")
"""Without the API, with the API and no SDK, with the SDK."""
PATH = f"/repos/{OWNER}/{REPO}/actions/caches"


async def cache_ids(server: Server) -> list[int]:
    headers = {"Authorization": f"Bearer {server.token}"}
    ids: list[int] = []
    async with aiohttp.ClientSession(headers=headers) as session:
        url: str | None = f"{server.url}{PATH}?per_page=100"
        while url:
            async with session.get(url) as response:
                ids += [c["id"] for c in (await response.json())["actions_caches"]]
                following = response.links.get("next")
                url = str(following["url"]) if following else None
    return ids


async def ghactions_async(server: Server, batches: list[list[int]]) -> list[float]:
    from ghactions_async import AsyncGitHubActions

    cpus = []
    async with AsyncGitHubActions(
        server.token, base_url=server.url, max_concurrency=CONCURRENCY
    ) as gh:
        await gh.caches.list(OWNER, REPO, per_page=1).collect(limit=1)
        for batch in batches:
            with Clock().measure() as clock:
                await asyncio.gather(*(gh.caches.delete(OWNER, REPO, i) for i in batch))
            cpus.append(clock.cpu)
    return cpus


def without_opentelemetry() -> None:
    """As if opentelemetry-api were not installed (before ghactions_async is imported)."""
    import sys

    sys.modules["opentelemetry"] = None  # type: ignore[assignment]


def with_the_sdk() -> None:
    """The global providers of an application that exports its telemetry."""
    from opentelemetry import metrics, trace
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import InMemoryMetricReader
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

    class Dropped(SpanExporter):
        def export(self, spans: Any) -> SpanExportResult:
            return SpanExportResult.SUCCESS

    provider = TracerProvider()
    provider.add_span_processor(BatchSpanProcessor(Dropped()))
    trace.set_tracer_provider(provider)
    metrics.set_meter_provider(MeterProvider(metric_readers=[InMemoryMetricReader()]))


async def githubkit(server: Server, batches: list[list[int]]) -> list[float]:
    from githubkit import GitHub
    from githubkit.cache import MemCacheStrategy

    cpus = []
    async with GitHub(server.token, base_url=server.url, cache_strategy=MemCacheStrategy()) as gh:
        await gh.rest.actions.async_get_actions_cache_list(OWNER, REPO, per_page=1)
        delete = gh.rest.actions.async_delete_actions_cache_by_id
        for batch in batches:
            with Clock().measure() as clock:
                await bounded(lambda i: delete(OWNER, REPO, i), batch)
            cpus.append(clock.cpu)
    return cpus


def pygithub(server: Server, batches: list[list[int]]) -> list[float]:
    from ._pygithub import PerThread

    clients = PerThread(server)

    def delete(cache_id: int) -> None:
        clients.get().requester.requestJsonAndCheck("DELETE", f"{PATH}/{cache_id}")

    cpus = []
    try:
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            clients.warm_up(pool, CONCURRENCY, PATH)
            for batch in batches:
                with Clock().measure() as clock:
                    list(pool.map(delete, batch))
                cpus.append(clock.cpu)
    finally:
        clients.close()
    return cpus


async def gidgethub(server: Server, batches: list[list[int]]) -> list[float]:
    from gidgethub.aiohttp import GitHubAPI

    cpus = []
    async with aiohttp.ClientSession() as session:
        gh = GitHubAPI(session, "benchmark", oauth_token=server.token, base_url=server.url)
        await gh.getitem(f"{PATH}?per_page=1")
        for batch in batches:
            with Clock().measure() as clock:
                await bounded(lambda i: gh.delete(f"{PATH}/{i}"), batch)
            cpus.append(clock.cpu)
    return cpus


async def raw_aiohttp(server: Server, batches: list[list[int]]) -> list[float]:
    headers = {"Authorization": f"Bearer {server.token}", "Accept": "application/vnd.github+json"}
    cpus = []
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.get(f"{server.url}{PATH}", params={"per_page": 1}) as response:
            await response.read()

        async def delete(cache_id: int) -> None:
            async with session.delete(f"{server.url}{PATH}/{cache_id}") as response:
                await response.read()
                if response.status != 204:
                    raise RuntimeError(f"DELETE answered {response.status}")

        for batch in batches:
            with Clock().measure() as clock:
                await bounded(delete, batch)
            cpus.append(clock.cpu)
    return cpus


@contextmanager
def cache_batches(repeat: int) -> Iterator[tuple[Server, list[list[int]]]]:
    """A FakeGitHub holding ``repeat`` batches of ``DELETES`` caches, and their ids by batch;
    on the way out, an error unless every one of them was deleted."""
    fill = (
        "--latency", str(LATENCY),
        "--caches", f"{OWNER}/{REPO}={DELETES * repeat}",
        "--no-rate-limiting",  # a server without limits: nothing for a governor to wait on
    )  # fmt: skip
    with fake_github_process(*fill) as server:
        ids = asyncio.run(cache_ids(server))
        yield server, [ids[n * DELETES : (n + 1) * DELETES] for n in range(repeat)]
        left = asyncio.run(cache_ids(server))
        if left:
            raise AssertionError(f"{len(left)} caches were left")


def worker(client: str) -> Callable[[argparse.Namespace], Json]:
    def run(options: argparse.Namespace) -> Json:
        with cache_batches(options.repeat) as (server, batches):
            if client == "ghactions_async-nootel":
                without_opentelemetry()
            elif client == "ghactions_async-sdk":
                with_the_sdk()
            if client == "PyGithub":
                cpus = pygithub(server, batches)
            else:
                runner: Any = {
                    "ghactions_async": ghactions_async,
                    "ghactions_async-nootel": ghactions_async,
                    "ghactions_async-sdk": ghactions_async,
                    "githubkit": githubkit,
                    "gidgethub": gidgethub,
                    "aiohttp": raw_aiohttp,
                }[client]
                cpus = asyncio.run(runner(server, batches))
        return {"cpu_per_delete": [cpu / DELETES for cpu in cpus]}

    return run


ALL = tuple(dict.fromkeys((*CLIENTS, *TELEMETRY)))
MIN_ROUNDS = 9


def measure(repeat: int, clients: tuple[str, ...] = ALL) -> dict[str, Json]:
    """At least ``MIN_ROUNDS`` rounds, each running every client once in turn: CPU time
    drifts on a shared machine by more than the differences measured (15 % from one
    process to the next here), and clients measured in turn share the drift. Nine, not
    five: whether a full garbage collection falls into a process's 500 deletes moves
    its CPU per DELETE by up to 20 % (about 23 ms each here)."""
    rounds = max(repeat, MIN_ROUNDS)
    results: dict[str, Json] = {client: {"cpu_per_delete": []} for client in clients}
    for round_ in range(1, rounds + 1):
        progress(f"CPU per DELETE, round {round_} of {rounds}: {len(clients)} clients in turn")
        for client in clients:
            run = run_worker("cpu_per_request", client, "--repeat", "1")
            results[client]["cpu_per_delete"] += run["cpu_per_delete"]
    for client in clients:
        median = Stat.of(results[client]["cpu_per_delete"]).median
        progress(f"  {LABELS[client]}: median {median * 1e6:.0f} us")
    return results


def section(results: dict[str, Json], pages: dict[str, Json]) -> Section:
    per_delete = {c: Stat.of([v * 1e6 for v in r["cpu_per_delete"]]) for c, r in results.items()}
    per_page = {c: Stat.of([cpu / 200 * 1e3 for cpu in r["cpu"]]) for c, r in pages.items()}
    telemetry = telemetry_lines(per_delete)
    floor_delete = per_delete["aiohttp"].median
    floor_page = per_page["aiohttp"].median
    lines = [
        f"The client process's CPU time (all its threads; FakeGitHub is another process) per "
        f"DELETE, over {DELETES} deletes by id with {CONCURRENCY} in flight, and per page of "
        f"100 runs, over the 20,000-run listing. Median of the runs (min-max); the DELETE "
        f"runs go in rounds of every client in turn, at least {MIN_ROUNDS}, each a fresh "
        f"process and FakeGitHub.",
        "",
        "| client | CPU per DELETE | x raw aiohttp | CPU per 100-run page | x raw aiohttp |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for client in CLIENTS:
        d, p = per_delete[client], per_page[client]
        lines.append(
            f"| {LABELS[client]} | {d.median:.0f} us ({d.low:.0f}-{d.high:.0f}) | "
            f"{ratio(d.median, floor_delete)} | {p.median:.1f} ms ({p.low:.1f}-{p.high:.1f}) | "
            f"{ratio(p.median, floor_page)} |"
        )
    lines += [
        "",
        "PyGithub's pages go through its models; gidgethub and raw aiohttp return plain dicts, "
        "ghactions_async and githubkit typed models (attrs/cattrs, pydantic).",
        *telemetry,
    ]
    medians = {c: per_delete[c].median for c in CLIENTS}
    other, other_median = best_other(medians)
    summary = SummaryRow(
        scenario="client CPU per DELETE",
        bound=f"raw aiohttp {floor_delete:.0f} us",
        cells={c: f"{v:.0f} us ({ratio(v, floor_delete)})" for c, v in medians.items()},
        versus_best_other=versus(
            medians["ghactions_async"], other, other_median, better="less", worse="more"
        ),
    )
    return Section(
        title="Client CPU per request",
        lines=lines,
        summary=[summary],
        chart={"CPU per DELETE (us)": medians},
    )


def telemetry_lines(per_delete: dict[str, Stat]) -> list[str]:
    """What OpenTelemetry costs per DELETE: without the API, the API alone, with an SDK."""
    if not all(c in per_delete for c in TELEMETRY):
        return []  # a report written from raw numbers of before these runs
    base = per_delete["ghactions_async-nootel"].median
    lines = [
        "",
        "What telemetry costs ghactions_async per DELETE (each exchange: a CLIENT span, "
        "the duration measurement; each call: an INTERNAL span):",
        "",
        "| ghactions_async | CPU per DELETE | over no opentelemetry-api |",
        "| --- | ---: | ---: |",
    ]
    labels = {
        "ghactions_async-nootel": "without opentelemetry-api",
        "ghactions_async": "with the API, no SDK configured (the default)",
        "ghactions_async-sdk": "with the SDK configured",
    }
    for client in TELEMETRY:
        d = per_delete[client]
        over = (d.median / base - 1) * 100
        lines.append(
            f"| {labels[client]} | {d.median:.0f} us ({d.low:.0f}-{d.high:.0f}) | {over:+.1f}% |"
        )
    api = (per_delete["ghactions_async"].median / base - 1) * 100
    lines += ["", f"Goal: the API alone at most 5% over none: {'met' if api <= 5 else 'missed'}."]
    return lines


def standalone(options: argparse.Namespace) -> None:
    from . import list_runs

    print("\n".join(section(measure(options.repeat), list_runs.measure(1)).lines))


def telemetry_only(options: argparse.Namespace) -> None:
    """``--telemetry``: only ghactions_async's three runs, and their table."""
    results = measure(options.repeat, TELEMETRY)
    per_delete = {c: Stat.of([v * 1e6 for v in r["cpu_per_delete"]]) for c, r in results.items()}
    print("\n".join(telemetry_lines(per_delete)))


def main() -> None:
    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--telemetry", action="store_true", help="only what telemetry costs")

    def run(options: argparse.Namespace) -> None:
        (telemetry_only if options.telemetry else standalone)(options)

    workers = {c: worker(c) for c in ALL}
    worker_main(__doc__, workers, run, configure)


if __name__ == "__main__":
    main()
