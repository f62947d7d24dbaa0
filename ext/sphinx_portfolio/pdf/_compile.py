"""The PDFs of an HTML build compiled in a process of their own, while the pages are written.

Typst's compile holds the GIL: in a thread it would only take turns with the pages. So at
``write-started`` the build hands the sealed folder (:class:`.typeset.Sealed`, the sources
already in it) to a new Python process that runs :mod:`.typeset` as a script, and compiles
on another core while this one writes the pages; at ``build-finished`` it waits for it and
reads the PDFs back (:meth:`Compile.results`). The process is started by ``subprocess``
(a fresh interpreter: nothing is forked from a process in which Typst may have run, whose
copied thread pool would wait forever), imports only the standard library and ``typst``
(not this package, whose import costs more than the compile), and writes only into the
folder. When its results are in place it says so and waits for its standard input to
close, then removes the folder and ends: the build closes it once it has read the results,
and the system closes it when the build is killed (a dead process's pipes are closed), so
the folder goes either way (and the build removes it too, after a process that failed).
"""

from __future__ import annotations

import subprocess
import sys
import threading
from importlib.util import find_spec
from pathlib import Path
from typing import Final

from . import typeset
from .typeset import Sealed, Typeset

#: The longest wait for the compile at ``build-finished`` (a 5,000-paper CV takes seconds).
TIMEOUT: Final = 300.0
#: In the sealed folder, beside the root: what the process said on its standard error.
STDERR: Final = "stderr.txt"


class CompileFailed(Exception):
    """The process gave no PDFs: why, in a few words."""


class Compile:
    """A compile of every source in ``sealed`` under way in another process."""

    def __init__(self, sealed: Sealed, process: subprocess.Popen[bytes]) -> None:
        self.sealed = sealed
        self.process = process
        self._reader: threading.Thread | None = None

    @classmethod
    def start(cls, sealed: Sealed) -> Compile | None:
        """The compile started; None when no process can be (no interpreter known, the
        module not a file): the build then compiles in its own."""
        script = Path(typeset.__file__)
        if not sys.executable or not script.is_file():
            return None
        spec = find_spec("typst")  # found, not imported: the process imports it
        typst_path = (str(Path(spec.origin).parent.parent)
                      if spec is not None and spec.origin else "")
        # -P: the script's folder is not put first on the path (its math.py is no `math`)
        command = [sys.executable, "-P", str(script), str(sealed.folder), typst_path]
        try:
            sealed.save()
            with (sealed.folder / STDERR).open("wb") as stderr:
                process = subprocess.Popen(command, stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, stderr=stderr)
        except OSError:
            return None
        return cls(sealed, process)

    def results(self, timeout: float | None = None) -> list[Typeset]:
        """Each source's PDF and diagnostics, once the process has them in place (it then
        ends: :meth:`end`); raises :class:`CompileFailed` when it failed, or is stopped after
        ``timeout`` seconds (:data:`TIMEOUT`)."""
        timeout = TIMEOUT if timeout is None else timeout
        said = self._first_line(timeout)
        if said is None:
            self.stop()
            raise CompileFailed(f"Typst's process did not finish in {timeout:g} s")
        # read before its standard input closes: it then removes the folder and ends
        results = typeset.read_results(self.sealed) if said == typeset.DONE else None
        self._close()
        if results is None:
            status = self.end()
            raise CompileFailed(f"Typst's process failed (exit status {status})"
                                + self._said())
        return results

    def end(self, timeout: float = 10.0) -> int:
        """Its exit status, once it has ended (stopped if it does not in ``timeout``
        seconds)."""
        self._close()
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            return self.process.wait()

    def _first_line(self, timeout: float) -> bytes | None:
        """The first line the process says (empty if it ended without one), or None if it
        said none in ``timeout`` seconds. Read in a thread: a pipe has no timeout."""
        said: list[bytes] = []
        stdout = self.process.stdout
        assert stdout is not None
        self._reader = threading.Thread(target=lambda: said.append(stdout.readline()),
                                        daemon=True)
        self._reader.start()
        self._reader.join(timeout)
        return said[0] if said else None

    def _said(self) -> str:
        """The last line the process wrote on its standard error, if any."""
        try:
            lines = (self.sealed.folder / STDERR).read_text("utf-8", "replace").splitlines()
        except OSError:
            return ""
        last = next((line.strip() for line in reversed(lines) if line.strip()), "")
        return f": {last}" if last else ""

    def _close(self) -> None:
        """Our ends of its pipes closed (its output's, once nothing is reading it)."""
        reading = self._reader is not None and self._reader.is_alive()
        for pipe in (self.process.stdin, None if reading else self.process.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()

    def stop(self) -> None:
        """The process ended now, if it is still running."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._close()
