"""Sessions: build (HTML + PDF), tests, tests_lowest, lint, schema, serve, linkcheck, cv_short,
bench, new (a starter site), guide (the reference guide), audit (real-browser audits)."""

from __future__ import annotations

import re
import shutil

import nox

nox.options.sessions = ["build", "tests"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = nox.project.load_toml("pyproject.toml")
STRICT = ["-W", "--keep-going", "-n"]


def sphinx(session: nox.Session, builder: str, outdir: str, *extra: str,
           doctrees: str = "") -> None:
    doctrees = doctrees or f"build/.doctrees/{builder}"
    session.run("sphinx-build", "-b", builder, "-d", doctrees, *STRICT, *extra, "docs", outdir)


@nox.session
def build(session: nox.Session) -> None:
    """The PDF CV into build/pdf/, then the site (which publishes the PDF) into build/html/."""
    session.install(".")
    sphinx(session, "rinoh", "build/pdf")
    sphinx(session, "html", "build/html")


@nox.session
def tests(session: nox.Session) -> None:
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("pytest", *session.posargs)


@nox.session
def tests_lowest(session: nox.Session) -> None:
    """The tests against the lowest versions pyproject.toml allows (its '>=' bounds, pinned)."""
    lowest = [re.sub(r"\s*>=\s*", "==", dep) for dep in PYPROJECT["project"]["dependencies"]]
    session.install(*lowest, *nox.project.dependency_groups(PYPROJECT, "test"))
    session.install("--no-deps", ".")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", "ext", "tests", "noxfile.py")
    session.run("mypy", "ext")


@nox.session
def schema(session: nox.Session) -> None:
    """Regenerate docs/_schema/*.schema.json from the models (for editor completion)."""
    session.install(".")
    session.run("python", "-m", "sphinx_portfolio.data.schema", "docs/_schema")


@nox.session
def new(session: nox.Session) -> None:
    """A new portfolio site that builds as it is: nox -s new -- DIR [--name "Ada Lovelace"]."""
    session.install(".")
    session.run("sphinx-portfolio", "new", *session.posargs)


@nox.session
def guide(session: nox.Session) -> None:
    """The reference guide (every data field, directive, setting and warning, generated from
    the code) into build/guide/."""
    session.install(".")
    session.run("sphinx-build", "-b", "html", *STRICT, "ext/guide", "build/guide")


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000 (HTML only; run `nox -s build` for the PDF)."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "serve"))
    session.run("sphinx-autobuild", "--host", "127.0.0.1", "--watch", "refs.bib",
                *session.posargs, "docs", "build/html")


@nox.session
def linkcheck(session: nox.Session) -> None:
    """Check external links (needs the network)."""
    session.install(".")
    sphinx(session, "linkcheck", "build/linkcheck")


@nox.session
def cv_short(session: nox.Session) -> None:
    """The short PDF CV (variant "short" in docs/conf.py) into build/pdf-short/."""
    session.install(".")
    # own doctrees: the variant changes the PDF config, so sharing would re-read all pages
    session.run("sphinx-build", "-b", "rinoh", "-d", "build/.doctrees/rinoh-short", *STRICT,
                "-t", "short", "docs", "build/pdf-short")


@nox.session
def bench(session: nox.Session) -> None:
    """Build time and peak memory as ratios against plain Sphinx on the same pages
    (bench/run.py): this site clean, no-op and after one edit, its PDF against its HTML, and a
    synthetic portfolio at 100 to 5,000 papers; report in build/bench/ (results.md,
    results.json, chart.svg). Options: `nox -s bench -- --runs 5 --sizes 100,1000 --check`."""
    session.install(".", "matplotlib")  # matplotlib draws the chart; no package dependency
    session.run("python", "bench/run.py", *session.posargs)


@nox.session
def audit(session: nox.Session) -> None:
    """Real-browser audits of every page (tests/audit/README.md): the Nu HTML Checker, axe-core
    in light and dark mode, Lighthouse, and the requests each page makes, in the system's
    Chromium (/usr/bin/chromium) with Java for the checker; report in build/audit/report.json.
    `nox -s audit -- --skip-lighthouse` for a quicker run."""
    session.install(".")
    # a clean build of its own: with build/.doctrees shared, an up-to-date environment would
    # leave an earlier audit's pages in place, and this run would audit those
    shutil.rmtree("build/audit", ignore_errors=True)
    sphinx(session, "rinoh", "build/audit/pdf", doctrees="build/audit/.doctrees/rinoh")
    sphinx(session, "html", "build/audit/html", doctrees="build/audit/.doctrees/html")
    # from the lock file; no install scripts (vnu-jar's would fetch a JRE if none were found)
    # and no browser download: Chromium is the system's
    session.run("npm", "ci", "--prefix", "tests/audit", "--ignore-scripts", "--no-audit",
                "--no-fund", external=True,
                env={"PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1", "PUPPETEER_SKIP_DOWNLOAD": "1"})
    session.run("node", "tests/audit/audit.mjs", "build/audit/html",
                "--report", "build/audit/report.json", *session.posargs, external=True)
