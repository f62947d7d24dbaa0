"""One Sphinx build, measured: wall time, peak memory, warnings and what Sphinx re-read.

Each build is a fresh ``python -m sphinx`` process (start-up and imports included, as a
user's build). Its peak resident memory is the ``ru_maxrss`` that ``os.wait4`` returns for
that one child (the kernel's own accounting, as ``getrusage(RUSAGE_CHILDREN)`` of a wrapper
or ``/usr/bin/time -v`` would give). Sphinx runs without ``-q`` so that its log names the
documents it reads (``reading sources... [ 50%] projects``) and writes; the log is kept.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (?P<doc>.+?)\s*$")
WRITING = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (?P<doc>.+?)\s*$")
UPDATING = re.compile(r"^updating environment: (?P<summary>.*?)\s*$")
PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL):|^Traceback|^Exception occurred")


@dataclass
class Build:
    """What one ``sphinx-build`` run cost and did."""

    seconds: float  # wall-clock time
    cpu_seconds: float  # user + system CPU time of the process (steadier on a busy machine)
    peak_mb: float  # peak resident set size of the process, MiB
    returncode: int
    warnings: list[str] = field(default_factory=list)
    read: list[str] = field(default_factory=list)  # documents read (parsed) by this build
    written: list[str] = field(default_factory=list)  # documents written
    updating: str = ""  # Sphinx's "updating environment: ..." summary
    log: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def sphinx_build(builder: str, srcdir: Path, outdir: Path, doctrees: Path, log: Path,
                 *extra: str) -> Build:
    """Build ``srcdir`` into ``outdir`` (incrementally when ``outdir``/``doctrees`` exist)."""
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-d", str(doctrees),
               "--keep-going", *extra, str(srcdir), str(outdir)]
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"}
    with log.open("w", encoding="utf-8") as output:
        output.write(" ".join(command) + "\n")
        output.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped above: tell Popen
    peak_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    cpu = usage.ru_utime + usage.ru_stime
    return parse_log(Build(seconds, cpu, peak_mb, process.returncode, log=str(log)),
                     log.read_text("utf-8", errors="replace"))


def parse_log(build: Build, text: str) -> Build:
    for line in text.splitlines():
        if match := READING.match(line):
            build.read.append(match["doc"])
        elif match := WRITING.match(line):
            build.written.append(match["doc"])
        elif match := UPDATING.match(line):
            build.updating = match["summary"]
        elif PROBLEM.search(line):
            build.warnings.append(line.strip())
    return build


# -- one-edit rebuilds: each appends or inserts a word, so it always changes the file ----------


def edit_yaml_title(path: Path, word: str = "revised") -> str:
    """Append ``word`` to the first ``title:`` of a YAML data file."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        match = re.match(r"^(\s*-?\s*title:\s*)(.*?)(\s*)$", line)
        if match and match[2]:
            value = match[2]
            if value[-1] in "\"'" and len(value) > 1:
                value = f"{value[:-1]} {word}{value[-1]}"
            else:
                value = f"{value} {word}"
            lines[index] = f"{match[1]}{value}\n"
            path.write_text("".join(lines), "utf-8")
            return f"{path.name}:{index + 1}: title + '{word}'"
    raise ValueError(f"no title in {path}")


def edit_bib_title(path: Path, word: str = "Revised") -> str:
    """Put ``word`` in front of the first entry's title in a .bib file."""
    text = path.read_text("utf-8")
    match = re.search(r"(?im)^(\s*title\s*=\s*[{\"])", text)
    if match is None:
        raise ValueError(f"no title in {path}")
    path.write_text(f"{text[:match.end()]}{word} {text[match.end():]}", "utf-8")
    line = text.count("\n", 0, match.start()) + 1
    return f"{path.name}:{line}: title prefixed with '{word}'"


def edit_page(path: Path, sentence: str = "This sentence was added by the benchmark.") -> str:
    """Append a sentence (a new paragraph) to a page."""
    text = path.read_text("utf-8")
    path.write_text(f"{text.rstrip()}\n\n{sentence}\n", "utf-8")
    return f"{path.name}: + one sentence"
