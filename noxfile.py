"""Sessions: build (the site with its PDF CVs), tests, tests_lowest, tests_prerelease, lint,
schema, serve, linkcheck, cv (the PDF CVs alone), bench, new (a starter site), guide (the
reference guide), audit (real-browser audits), screenshots (docs/_static/screenshots/)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

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
    """The site into build/html/, with its PDF CV and each variant's beside the pages."""
    session.install(".")
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


#: The packages whose internals sphinx_portfolio/_compat/ touches: those pyproject.toml bounds
#: from above.
BOUNDED = [re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0]
           for dep in PYPROJECT["project"]["dependencies"] if "<" in dep]


@nox.session
def tests_prerelease(session: nox.Session) -> None:
    """The tests against the newest releases and pre-releases of the packages whose internals
    _compat/ touches, past pyproject.toml's upper bounds: how their next upgrade will go. Not
    part of .ci/run (a pre-release may break for reasons of its own); its result goes in the
    closing note of the work that moves a bound."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.install("--pre", "--upgrade", *BOUNDED)
    session.run("python", "-m", "pip", "list")
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
def catalogue(session: nox.Session) -> None:
    """The message catalogue from the code: sphinx_portfolio.pot extracted, each language's
    .po updated (new messages untranslated: the tests fail until they are) and its .mo
    compiled, all in ext/sphinx_portfolio/locale/."""
    session.install("-e", ".")
    session.run("python", "-m", "sphinx_portfolio.locale.catalogue")


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
    """Live preview on http://127.0.0.1:8000, the PDF CVs remade with the pages."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "serve"))
    session.run("sphinx-autobuild", "--host", "127.0.0.1", "--watch", "refs.bib",
                *session.posargs, "docs", "build/html")


@nox.session
def linkcheck(session: nox.Session) -> None:
    """Check external links (needs the network)."""
    session.install(".")
    sphinx(session, "linkcheck", "build/linkcheck")


@nox.session
def cv(session: nox.Session) -> None:
    """Only the PDF CVs (the full CV and each variant in docs/conf.py) into build/cv/."""
    session.install(".")
    sphinx(session, "cvpdf", "build/cv")


@nox.session
def bench(session: nox.Session) -> None:
    """Build time and peak memory as ratios against plain Sphinx on the same pages
    (bench/run.py): this site clean, no-op and after one edit, the HTML build with and without
    its PDFs, the PDF-only builder, and a synthetic portfolio at 100 to 5,000 papers; report
    in build/bench/ (results.md, results.json, chart.svg). Options:
    `nox -s bench -- --runs 5 --sizes 100,1000 --check`."""
    session.install(".", "matplotlib")  # matplotlib draws the chart; no package dependency
    session.run("python", "bench/run.py", *session.posargs)


def clean_site_build(session: nox.Session, root: str) -> None:
    """The site with its PDFs into ROOT/html, from scratch: with build/.doctrees shared, an
    up-to-date environment would leave an earlier build's pages in place, and the browser
    would be looking at those."""
    shutil.rmtree(root, ignore_errors=True)
    sphinx(session, "html", f"{root}/html", doctrees=f"{root}/.doctrees/html")


def browser_tools(session: nox.Session) -> None:
    """tests/audit's Node tools, from the lock file; no install scripts (vnu-jar's would fetch
    a JRE if none were found) and no browser download: Chromium is the system's."""
    session.run("npm", "ci", "--prefix", "tests/audit", "--ignore-scripts", "--no-audit",
                "--no-fund", external=True,
                env={"PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1", "PUPPETEER_SKIP_DOWNLOAD": "1"})


@nox.session
def audit(session: nox.Session) -> None:
    """Real-browser audits of every page (tests/audit/README.md): the Nu HTML Checker, axe-core
    in light and dark mode, Lighthouse, the requests each page makes, and the layout at 390,
    768 and 1366 px (no CV date on two lines, nothing wider than the screen, no table scrolling
    sideways), in the system's Chromium (/usr/bin/chromium) with Java for the checker; report
    in build/audit/report.json.
    `nox -s audit -- --skip-lighthouse` for a quicker run, `-- --layout-only` for the layout
    check alone."""
    session.install(".")
    clean_site_build(session, "build/audit")
    browser_tools(session)
    session.run("node", "tests/audit/audit.mjs", "build/audit/html",
                "--report", "build/audit/report.json", *session.posargs, external=True)


@nox.session
def screenshots(session: nox.Session) -> None:
    """Regenerate docs/_static/screenshots/ (tests/audit/README.md): Home, Publications,
    Projects, Honors and the first paper page at 390, 768 and 1366 px wide, light and dark,
    whole pages (<page>-<width>-<light|dark>.png), in the system's Chromium, the PDF CV's
    pages at 70 dpi (cv-<n>.png) with pdftoppm (Debian's poppler-utils), and the first page in
    the "modern" design (cv-modern-1.png); images it no longer makes are removed. The site
    is built from scratch into build/screenshots/ first."""
    session.install(".", "pillow")  # palette.py shrinks the images; no package dependency
    clean_site_build(session, "build/screenshots")
    browser_tools(session)
    # the same CV in the other design, for its first page
    sphinx(session, "cvpdf", "build/screenshots/modern", "-D", "portfolio_pdf_design=modern",
           doctrees="build/screenshots/.doctrees/modern")
    # the full CV: a variant's name is the CV's plus "_<variant>"
    cv_file = min(Path("build/screenshots/modern").glob("*.pdf"), key=lambda f: len(f.name))
    session.run("node", "tests/audit/screenshots.mjs", "build/screenshots/html",
                "--pdf", f"build/screenshots/html/{cv_file.name}",
                "--modern", str(cv_file), "--out", "docs/_static/screenshots", external=True)
