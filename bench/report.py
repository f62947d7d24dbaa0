"""The benchmark's report: medians, ratios against plain Sphinx, targets, and its files.

``results.md`` (one Markdown table, then notes), ``results.json`` (every build of the run)
and ``chart.svg`` (build time and peak memory against the number of papers, log-x).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from measure import Build

OURS, PLAIN = "ours", "plain"


@dataclass
class Sample:
    """One build of the run: which case, variant and step, and what it measured."""

    case: str  # "site" or "papers-<n>"
    variant: str  # OURS, PLAIN
    step: str  # "cold", "noop", "edit-yaml", "edit-bib", "edit-page", "pdf"
    run: int
    build: Build
    edit: str = ""  # what the step changed

    def as_json(self) -> dict[str, Any]:
        return {"case": self.case, "variant": self.variant, "step": self.step, "run": self.run,
                "edit": self.edit, **self.build.as_json()}


@dataclass
class Results:
    samples: list[Sample] = field(default_factory=list)
    metric: str = "wall"  # what "seconds" means: wall-clock ("wall") or CPU time ("cpu")

    def builds(self, case: str, variant: str, step: str) -> list[Build]:
        return [s.build for s in self.samples
                if (s.case, s.variant, s.step) == (case, variant, step)]

    def seconds(self, case: str, variant: str, step: str, metric: str = "") -> float | None:
        """Median time of a step, wall-clock or CPU (``metric``, else the judged one)."""
        builds = self.builds(case, variant, step)
        cpu = (metric or self.metric) == "cpu"
        times = [b.cpu_seconds if cpu else b.seconds for b in builds]
        return statistics.median(times) if times else None

    def peak_mb(self, case: str, variant: str, step: str) -> float | None:
        builds = self.builds(case, variant, step)
        return statistics.median(b.peak_mb for b in builds) if builds else None


@dataclass
class Row:
    """One line of the table; ``ratio`` is ours / baseline, PASS when ``<= target``."""

    case: str
    ours: float | None
    baseline: float | None
    unit: str  # "s", "MB", "ms/paper", "MB/paper"
    target: float | None = None
    ours_mb: float | None = None
    baseline_mb: float | None = None
    runs: str = ""
    notes: str = ""
    failed_builds: int = 0
    other_ratio: float | None = None  # the same ratio in the other time metric

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.baseline:
            return None
        return self.ours / self.baseline

    @property
    def status(self) -> str:
        if self.failed_builds:
            return f"ERROR ({self.failed_builds} builds failed)"
        if self.target is None or self.ratio is None:
            return "-"
        return "PASS" if self.ratio <= self.target else "FAIL"


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    digits = 3 if unit.endswith("/paper") and value < 1 else 2 if value < 100 else 0
    return f"{value:,.{digits}f} {unit}"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def markdown(rows: list[Row], notes: Iterable[str], other: str) -> str:
    """The table; ``other`` names the time metric of the informative ratio column."""
    header = ["case", "ours", "plain (or baseline)", "ratio", "target", "result",
              f"ratio ({other} time)", "peak MB ours", "peak MB plain", "runs",
              "re-read / notes"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [row.case, _num(row.ours, row.unit), _num(row.baseline, row.unit),
                 _ratio(row.ratio),
                 "-" if row.target is None else f"<= {row.target:g}x",
                 row.status, _ratio(row.other_ratio), _mb(row.ours_mb), _mb(row.baseline_mb),
                 row.runs,
                 row.notes.replace("|", "\\|")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {note}" for note in notes) + "\n"


def console(rows: list[Row], other: str) -> str:
    """The table for a terminal: aligned columns, no notes."""
    table = [("case", "ours", "plain/base", "ratio", "target", "result", f"({other})",
              "MB ours", "MB plain")]
    for row in rows:
        table.append((row.case, _num(row.ours, row.unit), _num(row.baseline, row.unit),
                      _ratio(row.ratio), "-" if row.target is None else f"<={row.target:g}x",
                      row.status, _ratio(row.other_ratio), _mb(row.ours_mb),
                      _mb(row.baseline_mb)))
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    out = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
           for line in table]
    out.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(out)


def write_json(path: Path, results: Results, meta: dict[str, Any]) -> None:
    data = {"meta": meta, "builds": [sample.as_json() for sample in results.samples]}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")


def read_json(path: Path) -> tuple[Results, dict[str, Any]]:
    """The samples and meta data of an earlier run's ``results.json``."""
    data = json.loads(path.read_text("utf-8"))
    results = Results()
    for raw in data["builds"]:
        sample = {key: raw.pop(key) for key in ("case", "variant", "step", "run", "edit")}
        results.samples.append(Sample(build=Build(**raw), **sample))
    return results, data["meta"]


def chart(path: Path, results: Results, sizes: list[int]) -> str:
    """``chart.svg``: clean and no-op build time, and peak memory, against papers (log-x).
    Returns a note for the report (matplotlib is installed by the nox session only)."""
    try:
        import matplotlib

        matplotlib.use("svg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "chart.svg not written: matplotlib is not installed (nox -s bench installs it)"
    figure, (times, memory) = plt.subplots(1, 2, figsize=(11, 4.2))
    styles = {OURS: ("#c0392b", "sphinx_portfolio"), PLAIN: ("#2471a3", "plain Sphinx")}
    for variant, (colour, label) in styles.items():
        for step, dash, name in (("cold", "-", "clean"), ("noop", ":", "no-op")):
            points = [(n, results.seconds(f"papers-{n}", variant, step)) for n in sizes]
            shown = [(n, value) for n, value in points if value is not None]
            if shown:
                times.plot(*zip(*shown, strict=True), dash, marker="o", color=colour,
                           label=f"{label}, {name}")
        points = [(n, results.peak_mb(f"papers-{n}", variant, "cold")) for n in sizes]
        shown = [(n, value) for n, value in points if value is not None]
        if shown:
            memory.plot(*zip(*shown, strict=True), "-", marker="o", color=colour, label=label)
    timed = "CPU time" if results.metric == "cpu" else "wall-clock"
    for axes, title, unit in ((times, f"Build time (median, {timed})", "seconds"),
                              (memory, "Peak memory (clean build)", "MiB")):
        axes.set_xscale("log")
        axes.minorticks_off()
        axes.set_xticks(sizes, [f"{n:,}" for n in sizes])
        axes.set_xlabel("papers in the .bib (synthetic portfolio)")
        axes.set_ylabel(unit)
        axes.set_title(title)
        axes.set_ylim(bottom=0)
        axes.grid(True, alpha=0.3)
        axes.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(path, metadata={"Date": None})  # no timestamp: same data, same file
    plt.close(figure)
    return f"chart: {path.name}"
