"""Sessions: build (the site with its PDF CV), serve (live preview)."""

import nox

nox.options.sessions = ["build"]
nox.options.reuse_existing_virtualenvs = True

STRICT = ["-W", "--keep-going", "-n"]


@nox.session
def build(session: nox.Session) -> None:
    """The site into _build/html/, its PDF CV (and each variant's) beside the pages."""
    session.install("-r", "requirements.txt")
    # doctrees outside the published folder: they hold the pages as written (e-mail included)
    session.run("sphinx-build", "-b", "html", "-d", "_build/doctrees/html", *STRICT,
                "docs", "_build/html")


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000 (the PDF CV is remade with the pages)."""
    session.install("-r", "requirements.txt", "sphinx-autobuild")
    session.run("sphinx-autobuild", "--host", "127.0.0.1", "-d", "_build/doctrees/html",
                *session.posargs, "docs", "_build/html")
