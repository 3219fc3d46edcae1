"""chart.png: wall time, client CPU, peak memory and import time, one bar per client."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ._common import LABELS, Section

ORDER = (
    "ghactions_async",
    "ghactions_async-sync",
    "ghactions_async-first",
    "githubkit",
    "githubkit-nocache",
    "PyGithub",
    "gidgethub",
    "aiohttp",
)
COLOURS = {
    "ghactions_async": "#1f6feb",
    "ghactions_async-sync": "#79b8ff",
    "ghactions_async-first": "#79b8ff",
    "githubkit": "#e36209",
    "githubkit-nocache": "#f9a66c",
    "PyGithub": "#6f42c1",
    "gidgethub": "#2da44e",
    "aiohttp": "#8c959f",
}
HATCHES = {"ghactions_async-first": "//", "githubkit-nocache": "//"}
NAMES = {
    **LABELS,
    "ghactions_async-first": "ghactions_async + first-use imports",
    "githubkit-nocache": "githubkit, http_cache=False",
}
PANELS = (
    ("wall time, seconds (log scale; lower is better)", "s", True),
    ("client CPU, x raw aiohttp (lower is better)", "x", False),
    ("peak RSS while downloading, MB (log scale)", "MB", True),
    ("import time, ms over an empty interpreter", "ms", False),
)


def _groups(sections: list[Section]) -> list[dict[str, dict[str, float]]]:
    """The four panels' groups: group name -> client -> value."""
    panels: list[dict[str, dict[str, float]]] = [{}, {}, {}, {}]
    for section in sections:
        for name, values in section.chart.items():
            if name.startswith("CPU per"):
                floor = values["aiohttp"]
                label = name.split(" (")[0].replace("CPU per ", "per ")
                panels[1][label] = {c: v / floor for c, v in values.items()}
            elif name.startswith("peak RSS"):
                panels[2][name.split(", ", 1)[1]] = values
            elif name.startswith("import"):
                panels[3]["import"] = values
            else:
                panels[0][name] = values
    return panels


def draw(sections: list[Section], path: Path, *, subtitle: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import ticker

    panels = _groups(sections)
    figure, axes = plt.subplots(2, 2, figsize=(13, 9))
    seen: dict[str, Any] = {}
    for axis, (title, unit, log), groups in zip(axes.flat, PANELS, panels, strict=True):
        for position, values in enumerate(groups.values()):
            clients = [c for c in ORDER if c in values]
            width = min(0.8 / max(1, len(clients)), 0.3)
            for index, client in enumerate(clients):
                x = position + (index - (len(clients) - 1) / 2) * width
                bars = axis.bar(
                    [x],
                    [values[client]],
                    width,
                    color=COLOURS[client],
                    hatch=HATCHES.get(client),
                    edgecolor="white",
                    zorder=2,
                )
                seen.setdefault(client, bars)
                axis.bar_label(
                    bars,
                    labels=[_short(values[client], unit)],
                    fontsize=7,
                    padding=1,
                    rotation=90 if len(clients) > 4 else 0,
                )
        axis.set_xticks(range(len(groups)), list(groups), fontsize=8)
        axis.set_title(title, fontsize=10)
        axis.grid(axis="y", alpha=0.3, zorder=0)
        if log:
            axis.set_yscale("log")
            axis.yaxis.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
            axis.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
            axis.yaxis.set_minor_formatter(ticker.NullFormatter())
        axis.margins(y=0.25)
        axis.spines[["top", "right"]].set_visible(False)
    order = [c for c in ORDER if c in seen]
    figure.legend(
        [seen[c] for c in order],
        [NAMES[c] for c in order],
        loc="lower center",
        ncol=4,
        frameon=False,
        fontsize=9,
    )
    figure.suptitle(f"ghactions_async and other GitHub clients against FakeGitHub\n{subtitle}")
    figure.tight_layout(rect=(0, 0.06, 1, 1))
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _short(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.1f}x"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"
