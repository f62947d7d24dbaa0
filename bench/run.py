"""Build-time benchmarks, run by `nox -s bench` (or `python bench/run.py` with the package).

(a) The real site: clean HTML and PDF builds, alternated, several times each; prints the
    medians and the PDF/HTML ratio, and fails (exit 1) if the ratio exceeds the target.
(b) A generated 5,000-entry bibliography (synthetic entries, obviously fake names) built to
    HTML with sphinx_portfolio and with plain sphinxcontrib-bibtex (style "plain") from the
    same .bib file; both builds must succeed without warnings or errors.

Every build is a fresh ``python -m sphinx`` process in an empty output folder, so times include
start-up and imports, as a user's clean build does.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RATIO_TARGET = 2.0


@dataclass
class Run:
    seconds: float
    returncode: int
    problems: list[str]  # warning and error lines

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.problems


def sphinx_build(builder: str, srcdir: Path, outdir: Path, *extra: str) -> Run:
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-E",
               "-d", str(outdir / ".doctrees"), *extra, str(srcdir), str(outdir)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    problems = [line for line in done.stderr.splitlines()
                if "WARNING" in line or "ERROR" in line or "Traceback" in line]
    if done.returncode and not problems:
        problems = done.stderr.strip().splitlines()[-3:]
    return Run(seconds, done.returncode, problems)


# -- (a) the real site --------------------------------------------------------------------------


def bench_site(runs: int, work: Path) -> dict[str, list[Run]]:
    """Alternate PDF then HTML (as `nox -s build` does), each into a fresh folder."""
    results: dict[str, list[Run]] = {"html": [], "rinoh": []}
    for index in range(runs):
        pdf_out = work / f"pdf-{index}"
        results["rinoh"].append(sphinx_build("rinoh", REPO / "docs", pdf_out))
        # the HTML build publishes the PDF: point it at this round's PDF
        results["html"].append(sphinx_build("html", REPO / "docs", work / f"html-{index}",
                                            "-D", f"portfolio_pdf_dir={pdf_out}"))
        print(f"  site round {index + 1}/{runs}: PDF {results['rinoh'][-1].seconds:.2f} s, "
              f"HTML {results['html'][-1].seconds:.2f} s", flush=True)
    return results


# -- (b) a large generated bibliography ---------------------------------------------------------

FAKE_GIVEN = ["Testa", "Placido", "Fictia", "Dummond", "Samplina", "Mockwell", "Exemplar"]
FAKE_FAMILY = ["Fakename", "Placeholder", "Nonesuch", "Madeup", "Synthetica", "Imaginary"]
OWNER = "Testa Fakename"


def fake_person(rng: random.Random) -> str:
    return f"{rng.choice(FAKE_FAMILY)}{rng.randrange(1000):03d}, {rng.choice(FAKE_GIVEN)}"


def fake_bib(count: int, seed: int = 5000) -> str:
    """*count* synthetic entries (articles, proceedings, preprints) with math and links."""
    rng = random.Random(seed)
    entries = []
    for number in range(count):
        authors = [fake_person(rng) for _ in range(rng.randint(1, 5))]
        if rng.random() < 0.3:  # the owner, to exercise name highlighting
            authors.insert(rng.randrange(len(authors) + 1), "Fakename, Testa")
        year = 1990 + number % 35
        title = (f"Synthetic Benchmark Result {number}: Bounds of Order "
                 f"$O(n^{{{number % 7 + 1}}})$ for Imaginary Problem {rng.randrange(100)}")
        fields = {"title": title, "author": " and ".join(authors), "year": str(year)}
        kind = ("article", "inproceedings", "misc")[number % 3]
        if kind == "article":
            fields |= {"journal": f"Journal of Made-Up Results {number % 20}",
                       "volume": str(number % 50 + 1), "pages": f"{number}--{number + 9}"}
        elif kind == "inproceedings":
            fields |= {"booktitle": f"Proceedings of the Fictional Conference {year}"}
        else:
            fields |= {"eprint": f"{year % 100:02d}{number % 12 + 1:02d}.{number:05d}",
                       "archiveprefix": "arXiv"}
        if number % 4 == 0:
            fields["doi"] = f"10.0000/fake.{number}"
        body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
        entries.append(f"@{kind}{{fake{number:05d},\n{body},\n}}\n")
    return "\n".join(entries)


INDEX = """\
Synthetic bibliography
======================

.. bibliography::
   :all:
"""

CONF_OURS = f"""\
project = author = {OWNER!r}
extensions = ["sphinx_portfolio"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
bibtex_reference_style = "label"
"""

CONF_PLAIN = """\
project = author = "Plain sphinxcontrib-bibtex"
extensions = ["sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "plain"
"""


def bib_project(folder: Path, conf: str, bib: str, profile: bool) -> Path:
    folder.mkdir(parents=True)
    (folder / "conf.py").write_text(conf, "utf-8")
    (folder / "index.rst").write_text(INDEX, "utf-8")
    (folder / "refs.bib").write_text(bib, "utf-8")
    if profile:
        (folder / "_data").mkdir()
        (folder / "_data" / "profile.yaml").write_text(
            f"name: {OWNER}\nposition: Placeholder\nemail: testa@example.org\n", "utf-8")
    return folder


def bench_bib(entries: int, runs: int, work: Path) -> dict[str, list[Run]]:
    bib = fake_bib(entries)
    projects = {
        "sphinx_portfolio": bib_project(work / "bib-ours", CONF_OURS, bib, profile=True),
        "sphinxcontrib-bibtex (plain)": bib_project(work / "bib-plain", CONF_PLAIN, bib,
                                                    profile=False),
    }
    results: dict[str, list[Run]] = {name: [] for name in projects}
    for index in range(runs):
        for name, srcdir in projects.items():
            results[name].append(sphinx_build("html", srcdir, work / f"out-{name[:6]}-{index}"))
            print(f"  {entries} entries, {name}: {results[name][-1].seconds:.2f} s", flush=True)
    return results


# -- report -------------------------------------------------------------------------------------


def median(runs: list[Run]) -> float:
    return statistics.median(run.seconds for run in runs)


def status(runs: list[Run]) -> str:
    failed = [run for run in runs if not run.ok]
    if not failed:
        return "ok, no warnings/errors"
    first = failed[0]
    detail = first.problems[0] if first.problems else f"exit {first.returncode}"
    return f"FAILED {len(failed)}/{len(runs)}: {detail[:60]}"


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="clean builds of the site per builder")
    parser.add_argument("--entries", type=int, default=5000, help="generated bibliography size")
    parser.add_argument("--bib-runs", type=int, default=1, help="builds per bibliography setup")
    parser.add_argument("--skip-bib", action="store_true", help="only the real site")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="portfolio-bench-") as tmp:
        work = Path(tmp)
        print(f"(a) real site, {args.runs} clean builds each", flush=True)
        site = bench_site(args.runs, work)
        bib = {} if args.skip_bib else bench_bib(args.entries, args.bib_runs, work)

    html, pdf = median(site["html"]), median(site["rinoh"])
    ratio = pdf / html
    rows: list[tuple[str, ...]] = [("benchmark", "median", "runs", "result")]
    rows.append(("site HTML (furo)", f"{html:.2f} s", str(args.runs), status(site["html"])))
    rows.append(("site PDF (rinoh)", f"{pdf:.2f} s", str(args.runs), status(site["rinoh"])))
    verdict = "ok" if ratio <= RATIO_TARGET else "TOO SLOW"
    rows.append(("PDF / HTML", f"{ratio:.2f}x", "", f"{verdict} (target <= {RATIO_TARGET}x)"))
    for name, runs in bib.items():
        rows.append((f"{args.entries} entries, {name}", f"{median(runs):.2f} s",
                     str(len(runs)), status(runs)))
    print()
    print(table(rows))

    failed = ratio > RATIO_TARGET or any(
        not run.ok for runs in [*site.values(), *bib.values()] for run in runs
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
