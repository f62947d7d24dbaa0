"""Sessions: build (the PDF CV, then the site), serve (live preview)."""

import nox

nox.options.sessions = ["build"]
nox.options.reuse_existing_virtualenvs = True

STRICT = ["-W", "--keep-going", "-n"]


@nox.session
def build(session: nox.Session) -> None:
    """The PDF CV into _build/pdf/, then the site (which publishes the PDF) into _build/html/."""
    session.install("-r", "requirements.txt")
    # doctrees outside the published folders: they hold the pages as written (e-mail included)
    session.run("sphinx-build", "-b", "rinoh", "-d", "_build/doctrees/pdf", *STRICT,
                "docs", "_build/pdf")
    session.run("sphinx-build", "-b", "html", "-d", "_build/doctrees/html", *STRICT,
                "docs", "_build/html")


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000 (run `nox -s build` once for the PDF)."""
    session.install("-r", "requirements.txt", "sphinx-autobuild")
    session.run("sphinx-autobuild", "--host", "127.0.0.1", "-d", "_build/doctrees/html",
                *session.posargs, "docs", "_build/html")
