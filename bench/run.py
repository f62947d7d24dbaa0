"""Build-time benchmarks against plain Sphinx: ``nox -s bench`` (not part of the tests).

What is measured, each as a ratio against *plain Sphinx* building the same pages in the same
run (Sphinx + myst-parser + sphinxcontrib-bibtex + furo with our directives replaced, see
``plain.py``), as the median of several runs, with the peak memory of each build:

* **This site** (``docs/`` + ``refs.bib``, copied): a clean HTML build, a no-op rebuild, and
  three one-edit rebuilds into the same output and doctrees (a word appended to the first
  title in ``_data/projects.yaml``; a word put in front of the first title in ``refs.bib``; a
  sentence appended to ``projects.md``), each noting the documents Sphinx re-read. Our HTML
  build writes the PDF CVs too (as ``nox -s build`` does); it is also timed with the PDFs
  off (``-D portfolio_pdf=0``), and the PDF-only builder (``-b cvpdf``) against it.
* **A synthetic portfolio** (``synthetic.py``: seeded, fake people, accents, math, abstracts)
  at 100, 1,000 and 5,000 papers with as many projects and awards (up to 1,000 of each) and
  paper pages on, without the PDF CV (``-D portfolio_pdf=0``): a clean build, a no-op
  rebuild and a one-entry rebuild (a BibTeX title edited); and how the cost per paper grows
  with size.

Every build is a fresh ``python -m sphinx`` process (start-up and imports included, as a
user's build); its peak memory is the process's own ``ru_maxrss`` (``measure.py``). Ours and
plain alternate within each run. The targets (issue "Fast at every size") are printed as
PASS/FAIL; the exit status is non-zero only with ``--check``. Output in ``build/bench/``:
``results.md``, ``results.json`` (every build), ``chart.svg`` and the build logs.

    nox -s bench                                   # 3 runs of everything: ~20 min, 2 cores
    nox -s bench -- --runs 5 --large-runs 3 --sizes 100,1000,5000 --check
    nox -s bench -- --sizes 100 --skip-pdf          # a quick look
    nox -s bench -- --profile                       # + cProfile of the largest no-op build
    nox -s bench -- --judge cpu                     # judge CPU time when the machine is busy
    nox -s bench -- --from-json build/bench/results.json   # the report again, no builds
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import plain
import synthetic
from measure import Build, edit_bib_title, edit_page, edit_yaml_title, sphinx_build
from report import (
    OURS,
    PLAIN,
    Results,
    Row,
    Sample,
    chart,
    console,
    markdown,
    read_json,
    write_json,
)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "build" / "bench"

# The targets of the issue, as ours / baseline.
SITE_COLD, SITE_NOOP, SITE_EDIT_VS_NOOP = 1.2, 1.1, 1.3
# issue "One build, both outputs": the HTML build with its PDFs against the same build without
# them; the PDF-only builder against our HTML build; `nox -s build` against plain's HTML
PDF_IN_HTML, PDF_ONLY_VS_HTML, NOX_BUILD = 1.15, 0.6, 1.35
LARGE_COLD, LARGE_NOOP, LARGE_EDIT, LARGE_MEMORY = 1.5, 1.2, 1.5, 1.5
CSL_VS_OWN = 1.3  # a clean build in a CSL style (--csl) / the same in our own style
CSL_AT = 1000  # the synthetic size built in a CSL style too
GROWTH = 1.0  # marginal cost per paper (middle -> largest size) / average cost per paper

Edit = Callable[[Path], str]  # changes one thing in a project; says what


class Bench:
    """Runs the builds of one benchmark run and keeps every sample."""

    def __init__(self, work: Path, logs: Path) -> None:
        self.work, self.logs = work, logs
        self.results = Results()

    def build(self, case: str, variant: str, step: str, run: int, root: Path,
              builder: str = "html", out: str = "html", *extra: str, edit: str = "") -> Build:
        log = self.logs / case / f"{variant}-{step}-{run}.log"
        build = sphinx_build(builder, root / "docs", root / "_out" / out,
                             root / "_out" / f"doctrees-{out}", log, *extra)
        self.results.samples.append(Sample(case, variant, step, run, build, edit))
        shown = f"{build.seconds:7.2f} s {build.peak_mb:6.0f} MB"
        problems = f", {len(build.warnings)} warnings" if build.warnings else ""
        failed = f", EXIT {build.returncode} (see {log})" if not build.ok else ""
        reread = f", re-read {len(build.read)}" if step.startswith("edit") else ""
        print(f"  {case:12} {variant:5} {step:9} run {run + 1}: {shown}{reread}{problems}"
              f"{failed}", flush=True)
        return build

    def sequence(self, case: str, run: int, roots: dict[str, Path],
                 edits: dict[str, Edit], extra: dict[str, tuple[str, ...]]) -> None:
        """Clean build, no-op rebuild, then each edit and an incremental rebuild; ours and
        plain in turn (which goes first alternates with the run)."""
        variants = [OURS, PLAIN] if run % 2 == 0 else [PLAIN, OURS]
        for variant in variants:
            root, args = roots[variant], extra.get(variant, ())
            self.build(case, variant, "cold", run, root, "html", "html", *args)
            self.build(case, variant, "noop", run, root, "html", "html", *args)
            for step, edit in edits.items():
                what = edit(root)
                self.build(case, variant, step, run, root, "html", "html", *args, edit=what)


def copy_site(target: Path) -> Path:
    """This site's sources (docs/ and refs.bib) in a folder of their own."""
    shutil.copytree(REPO / "docs", target / "docs",
                    ignore=shutil.ignore_patterns("_build", "__pycache__"))
    shutil.copy2(REPO / "refs.bib", target / "refs.bib")
    return target


SITE_EDITS: dict[str, Edit] = {
    "edit-yaml": lambda root: edit_yaml_title(root / "docs" / "_data" / "projects.yaml"),
    "edit-bib": lambda root: edit_bib_title(root / "refs.bib"),
    "edit-page": lambda root: edit_page(root / "docs" / "projects.md"),
}
PAPER_EDITS: dict[str, Edit] = {"edit-bib": SITE_EDITS["edit-bib"]}


def bench_site(bench: Bench, runs: int, pdf: bool) -> None:
    print(f"This site: {runs} runs", flush=True)
    pristine = copy_site(bench.work / "site-source")
    for run in range(runs):
        roots = {OURS: bench.work / f"site-{run}" / OURS, PLAIN: bench.work / f"site-{run}" / PLAIN}
        shutil.copytree(pristine, roots[OURS])
        plain.make_twin(pristine, roots[PLAIN])
        # ours writes the PDFs, as `nox -s build` does (with --skip-pdf: it does not)
        ours_args = () if pdf else ("-D", "portfolio_pdf=0")
        bench.sequence("site", run, roots, SITE_EDITS, {OURS: ours_args})
        if pdf:  # the same clean build without the PDFs; the PDFs alone, as Read the Docs'
            # PDF job makes them after its HTML job (the same doctrees: nothing read again)
            root = bench.work / f"site-{run}" / "cold-nopdf"
            shutil.copytree(pristine, root)
            bench.build("site", OURS, "cold-nopdf", run, root, "html", "html",
                        "-D", "portfolio_pdf=0")
            bench.build("site", OURS, "cvpdf", run, root, "cvpdf", "cvpdf", "-d",
                        str(root / "_out" / "doctrees-html"))
        shutil.rmtree(bench.work / f"site-{run}")


def bench_papers(bench: Bench, papers: int, runs: int, csl: str = "") -> None:
    size = synthetic.Size.for_papers(papers)
    print(f"Synthetic portfolio, {size.label}: {runs} runs", flush=True)
    source = bench.work / f"papers-{papers}-source"
    synthetic.write(source / OURS, size)
    plain.make_twin(source / OURS, source / PLAIN)
    for run in range(runs):
        roots = {variant: bench.work / f"papers-{papers}-{run}" / variant
                 for variant in (OURS, PLAIN)}
        for variant, root in roots.items():
            shutil.copytree(source / variant, root)
        # the site's own scaling: without the PDF (a 5,000-paper CV is a 450-page PDF; its
        # cost is measured on this site, and at 1,000 papers in README "Performance")
        bench.sequence(f"papers-{papers}", run, roots, PAPER_EDITS,
                       {OURS: ("-D", "portfolio_pdf=0")})
        if csl and papers == CSL_AT:  # the same clean build, the list in a CSL style
            root = bench.work / f"papers-{papers}-{run}" / "csl"
            shutil.copytree(source / OURS, root)
            bench.build(f"papers-{papers}", OURS, "cold-csl", run, root, "html", "html",
                        "-D", "portfolio_pdf=0", "-D", f"portfolio_csl_style={csl}")
        shutil.rmtree(bench.work / f"papers-{papers}-{run}")


# -- the table -------------------------------------------------------------------------------

Key = tuple[str, str, str]  # case, variant, step


def time_row(r: Results, label: str, ours: Key, base: Key, target: float | None,
             notes: str = "") -> Row:
    """Ours against a baseline build (plain's, unless stated), in the judged time metric,
    with the other metric's ratio beside it."""
    other = "cpu" if r.metric == "wall" else "wall"
    other_ours, other_base = r.seconds(*ours, metric=other), r.seconds(*base, metric=other)
    builds = [*r.builds(*ours), *r.builds(*base)]
    counts = sorted({len(r.builds(*ours)), len(r.builds(*base))}, reverse=True)
    return Row(label, r.seconds(*ours), r.seconds(*base), "s", target,
               r.peak_mb(*ours), r.peak_mb(*base), "/".join(map(str, counts)), notes,
               failed_builds=sum(not build.ok for build in builds),
               other_ratio=other_ours / other_base if other_ours and other_base else None)


def _reread(r: Results, case: str, step: str) -> str:
    """The documents each variant re-read after the edit (first run; all runs alike), and
    whether ours re-read more than plain did (plain re-reads only the dependent pages)."""
    read = {variant: builds[0].read for variant in (OURS, PLAIN)
            if (builds := r.builds(case, variant, step))}
    parts = []
    for variant, docs in read.items():
        shown = ", ".join(docs[:6]) + (f", ... ({len(docs)})" if len(docs) > 6 else "")
        parts.append(f"{variant} re-read: {shown or 'none'}")
    if len(read) == 2:
        extra = sorted(set(read[OURS]) - set(read[PLAIN]))
        parts.append(f"EXTRA in ours: {', '.join(extra)}" if extra else "ours <= plain")
    return "; ".join(parts)


def _warnings(r: Results, case: str, step: str) -> str:
    counts = {variant: max((len(b.warnings) for b in r.builds(case, variant, step)), default=0)
              for variant in (OURS, PLAIN)}
    if not any(counts.values()):
        return ""
    return "warnings: " + ", ".join(f"{variant} {count}" for variant, count in counts.items())


def site_rows(r: Results) -> list[Row]:
    case = "site"
    rows = [time_row(r, "site: clean HTML", (case, OURS, "cold"), (case, PLAIN, "cold"),
                     SITE_COLD, _warnings(r, case, "cold")),
            time_row(r, "site: no-op rebuild", (case, OURS, "noop"), (case, PLAIN, "noop"),
                     SITE_NOOP, _warnings(r, case, "noop"))]
    for step, what in (("edit-yaml", "one YAML entry"), ("edit-bib", "one BibTeX entry"),
                       ("edit-page", "one page")):
        plain_edit = r.seconds(case, PLAIN, step)
        notes = f"plain's own edit rebuild {plain_edit:.2f} s; " if plain_edit else ""
        rows.append(time_row(r, f"site: edit {what} (vs plain no-op)", (case, OURS, step),
                             (case, PLAIN, "noop"), SITE_EDIT_VS_NOOP,
                             notes + _reread(r, case, step)))
    if r.builds(case, OURS, "cold-nopdf"):
        rows[0] = time_row(r, "site: clean HTML with its PDFs (nox -s build)",
                           (case, OURS, "cold"), (case, PLAIN, "cold"), NOX_BUILD,
                           _warnings(r, case, "cold"))
        rows.insert(1, time_row(r, "site: clean HTML, PDFs off", (case, OURS, "cold-nopdf"),
                                (case, PLAIN, "cold"), SITE_COLD))
        rows.append(time_row(r, "site: HTML with PDFs vs the same without",
                             (case, OURS, "cold"), (case, OURS, "cold-nopdf"), PDF_IN_HTML,
                             "baseline = our HTML, PDFs off; peak MB columns: with, without"))
        rows.append(time_row(r, "site: PDFs alone (-b cvpdf) vs our clean HTML",
                             (case, OURS, "cvpdf"), (case, OURS, "cold"), PDF_ONLY_VS_HTML,
                             "baseline = our HTML with its PDFs; cvpdf after an HTML build, "
                             "sharing its doctrees (as Read the Docs' PDF job); peak MB "
                             "columns: cvpdf, HTML"))
    return rows


def paper_rows(r: Results, sizes: list[int]) -> list[Row]:
    rows = []
    largest = max(sizes)
    for n in sizes:
        case, large = f"papers-{n}", n == largest
        for step, what, target in (("cold", "clean", LARGE_COLD), ("noop", "no-op", LARGE_NOOP),
                                   ("edit-bib", "edit one entry", LARGE_EDIT)):
            notes = [_reread(r, case, step) if step.startswith("edit") else "",
                     _warnings(r, case, step)]
            rows.append(time_row(r, f"{n:,} papers: {what}", (case, OURS, step),
                                 (case, PLAIN, step), target if large else None,
                                 "; ".join(filter(None, notes))))
        if r.builds(case, OURS, "cold-csl"):
            rows.append(time_row(r, f"{n:,} papers: clean, in a CSL style vs our own style",
                                 (case, OURS, "cold-csl"), (case, OURS, "cold"), CSL_VS_OWN,
                                 "baseline = our clean build in our own style (--csl); "
                                 "peak MB columns: CSL, own"))
        rows.append(Row(f"{n:,} papers: peak memory, clean", r.peak_mb(case, OURS, "cold"),
                        r.peak_mb(case, PLAIN, "cold"), "MB", LARGE_MEMORY if large else None))
    if len(sizes) >= 2:
        rows += growth_rows(r, sorted(sizes)[-2], largest)
    return rows


Metric = Callable[[str, str, str], float | None]  # (case, variant, step) -> median


def per_paper(get: Metric, variant: str, step: str, middle: int, largest: int,
              scale: float) -> tuple[float, float] | None:
    """(marginal cost per paper from ``middle`` to ``largest`` papers, average cost per
    paper at ``middle``), times ``scale``."""
    small = get(f"papers-{middle}", variant, step)
    big = get(f"papers-{largest}", variant, step)
    if small is None or big is None:
        return None
    return (big - small) / (largest - middle) * scale, small / middle * scale


def growth_rows(r: Results, middle: int, largest: int) -> list[Row]:
    """No worse than linear: the marginal cost per paper from the middle size to the largest
    is at most the average cost per paper at the middle size (for a + b*n the marginal cost,
    b, is below the average, a/n + b; a cost per paper that grows with n makes it larger)."""
    rows = []
    for step, what, unit, get, scale in (("cold", "time, clean", "ms/paper", r.seconds, 1000),
                                         ("noop", "time, no-op", "ms/paper", r.seconds, 1000),
                                         ("cold", "peak memory", "MB/paper", r.peak_mb, 1)):
        ours = per_paper(get, OURS, step, middle, largest, scale)
        plain_ = per_paper(get, PLAIN, step, middle, largest, scale)
        if ours is None:
            continue
        note = f"plain: {plain_[0]:.3g} vs {plain_[1]:.3g} {unit}" if plain_ else ""
        rows.append(Row(f"growth {middle:,}->{largest:,} papers, {what}: marginal vs average "
                        f"per paper at {middle:,}", *ours, unit, GROWTH, notes=note))
    return rows


# -- profile of the largest no-op build ------------------------------------------------------


def profile_noop(work: Path, papers: int, out: Path, lines: int = 40) -> Path:
    """cProfile of our no-op rebuild of the ``papers`` portfolio, top ``lines`` by cumtime."""
    root = work / f"profile-{papers}"
    synthetic.write(root, synthetic.Size.for_papers(papers))
    args = ["-b", "html", "-q", "-d", str(root / "_out" / "doctrees"),
            str(root / "docs"), str(root / "_out" / "html")]
    subprocess.run([sys.executable, "-m", "sphinx", *args], check=False, capture_output=True)
    stats = root / "noop.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "sphinx", *args],
                   check=False, capture_output=True)
    import pstats  # only here: the profile is optional
    from io import StringIO

    text = StringIO()
    pstats.Stats(str(stats), stream=text).sort_stats("cumulative").print_stats(lines)
    path = out / f"profile-{papers}-noop.txt"
    path.write_text(text.getvalue(), "utf-8")
    return path


# -- main -----------------------------------------------------------------------------------


def _sizes(value: str) -> list[int]:
    sizes = sorted({int(part.replace("_", "")) for part in value.split(",") if part.strip()})
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive numbers of papers, e.g. 100,1000")
    return sizes


def meta(args: argparse.Namespace, seconds: float) -> dict[str, Any]:
    def version(module: str) -> str:
        try:
            from importlib.metadata import version as installed

            return installed(module)
        except Exception:
            return "?"

    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], text=True,
                            capture_output=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "ext"], text=True,
                           capture_output=True, check=False).stdout.strip()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "seconds": round(seconds, 1),
        "commit": commit + (" (ext/ modified)" if dirty else ""),
        "sphinx_portfolio_from": str(getattr(find_spec("sphinx_portfolio"), "origin", "?")),
        "python": platform.python_version(), "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average_at_end": [round(load, 2) for load in os.getloadavg()],
        "versions": {name: version(name) for name in
                     ("sphinx", "myst-parser", "sphinxcontrib-bibtex", "pybtex", "furo",
                      "typst", "sphinx-portfolio")},
        "args": {key: value for key, value in vars(args).items() if key != "out"},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3,
                        help="runs of each case (default 3); the median is reported")
    parser.add_argument("--large-runs", type=int, default=3,
                        help="runs at --large-from papers and more, capped at --runs (default "
                             "3; a 5,000-paper run takes 3-4 minutes: 1 for a quicker bench)")
    parser.add_argument("--large-from", type=int, default=5000, help="see --large-runs")
    parser.add_argument("--sizes", type=_sizes, default=[100, 1000, 5000],
                        help="papers in the synthetic portfolios (default 100,1000,5000)")
    parser.add_argument("--skip-site", action="store_true", help="no builds of this site")
    parser.add_argument("--csl", default="apa", metavar="STYLE",
                        help=f"at {CSL_AT:,} papers, also a clean build with "
                             "portfolio_csl_style=STYLE (default apa; '' for none)")
    parser.add_argument("--skip-pdf", action="store_true", help="no PDF builds of this site")
    parser.add_argument("--profile", action="store_true",
                        help="also write a cProfile of our no-op build at the largest size")
    parser.add_argument("--judge", choices=("wall", "cpu"), default="wall",
                        help="time that the targets judge: wall-clock (default) or CPU time "
                             "(user + system; steadier when other work shares the machine)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a target is missed or a build fails")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default build/bench")
    parser.add_argument("--keep", action="store_true", help="keep the built projects")
    parser.add_argument("--from-json", type=Path, metavar="RESULTS_JSON",
                        help="no builds: the report of an earlier run's results.json again")
    args = parser.parse_args(argv)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    if args.from_json:
        results, old_meta = read_json(args.from_json)
        for name in ("runs", "large_runs", "large_from", "skip_pdf"):  # as that run had them
            setattr(args, name, old_meta.get("args", {}).get(name, getattr(args, name)))
        args.sizes = sorted({int(s.case.removeprefix("papers-")) for s in results.samples
                             if s.case.startswith("papers-")})
        args.skip_site = not any(s.case == "site" for s in results.samples)
        seconds = float(old_meta.get("seconds", 0))
    else:
        start = time.perf_counter()
        results = measure_all(args, out)
        seconds = time.perf_counter() - start
    results.metric = args.judge
    return report_all(args, results, out, seconds)


def measure_all(args: argparse.Namespace, out: Path) -> Results:
    """Every build of the run; the logs go to ``out/logs``."""
    shutil.rmtree(out / "logs", ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix="portfolio-bench-"))
    bench = Bench(work, out / "logs")
    try:
        if not args.skip_site:
            bench_site(bench, args.runs, pdf=not args.skip_pdf)
        for papers in args.sizes:
            runs = min(args.runs, args.large_runs) if papers >= args.large_from else args.runs
            bench_papers(bench, papers, runs, args.csl)
        if args.profile:
            path = profile_noop(work, max(args.sizes), out)
            print(f"profile: {path}", flush=True)
    finally:
        if args.keep:
            print(f"built projects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return bench.results


def report_all(args: argparse.Namespace, results: Results, out: Path, seconds: float) -> int:
    """results.md, results.json and chart.svg in ``out``; the table on the terminal."""
    rows = [*([] if args.skip_site else site_rows(results)), *paper_rows(results, args.sizes)]
    notes = [*_explanations(args),
             *(f"cProfile of our no-op build: {path.name}"
               for path in sorted(out.glob("profile-*-noop.txt"))),
             chart(out / "chart.svg", results, args.sizes)]
    other = "CPU" if args.judge == "wall" else "wall-clock"
    (out / "results.md").write_text("# Build benchmark\n\n" + markdown(rows, notes, other),
                                    "utf-8")
    if not args.from_json:
        write_json(out / "results.json", results, meta(args, seconds))
    print()
    print(console(rows, other))
    print(f"\n{len(results.samples)} builds in {seconds / 60:.1f} min; "
          f"{out / 'results.md'}, results.json, chart.svg, logs/")
    missed = [row for row in rows if row.status not in ("PASS", "-")]
    return 1 if args.check and missed else 0


def _explanations(args: argparse.Namespace) -> Iterator[str]:
    judged = "CPU time (user + system)" if args.judge == "cpu" else "wall-clock time"
    yield ("Times are medians of fresh `python -m sphinx` processes (start-up included); "
           "peak MB is each build's own max RSS. Ratio = ours / plain (or the named baseline). "
           f"Targets judge {judged} (--judge); the other time's ratio is shown beside.")
    yield ("Plain = Sphinx + myst-parser + sphinxcontrib-bibtex (style plain, pybtex strict "
           "mode off) + furo on the same pages: `{publications}` -> `{bibliography}`, tables "
           "and `{profile}` -> their YAML file as a literal block, `{publication-metrics}` "
           "dropped, `{cv-pdf}` -> its text (bench/plain.py).")
    yield ("Edits: a word appended to the first title in _data/projects.yaml, a word put in "
           "front of the first title in refs.bib, a sentence appended to projects.md; each "
           "then an incremental rebuild into the same output and doctrees. 're-read' lists "
           "the documents Sphinx read again (only the dependent ones is the target).")
    yield ("Synthetic portfolio: as many projects and awards as papers, up to 1,000 of each "
           "(100 papers: 100 of each; 1,000 and 5,000 papers: 1,000 of each); paper pages on "
           "(ours writes one page per paper; plain has no such pages).")
    if any(n >= args.large_from for n in args.sizes) and args.large_runs < args.runs:
        yield (f"At {args.large_from:,} papers and more: {min(args.runs, args.large_runs)} "
               f"run(s) (--large-runs), not {args.runs}.")
    yield ("The 5,000-paper targets apply to the largest size measured; growth compares the "
           "marginal cost per paper (middle -> largest size) with the average cost per paper "
           "at the middle size: linear growth keeps it at or below 1x.")


if __name__ == "__main__":
    sys.exit(main())
