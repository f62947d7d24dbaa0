"""A deterministic synthetic portfolio of any size, for the scaling benchmarks.

Every person is obviously fake ("Fakename042, Testa"); some names carry accents, written
as UTF-8 ("Müller-Fakename") or as LaTeX escapes ("Dvo{\\v{r}}{\\'a}k-Madeup"). Titles and
abstracts hold ``$...$`` math; most entries have an abstract; the entry types mix
conference papers, journal articles, arXiv preprints and a few theses. The owner,
"Testa Fakename", is an author of every paper. The same seed always writes the same files.

Layout (as this repository's site): ``<root>/refs.bib`` and ``<root>/docs/`` with ``conf.py``,
``_data/{profile,projects,awards}.yaml`` and the pages ``index`` (profile and the selected
papers), ``publications`` (metrics and every paper, grouped by year), ``projects`` and
``honors``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

OWNER = "Testa Fakename"
OWNER_BIB = "Fakename, Testa"
SEED = 5000

GIVEN = ["Testa", "Placido", "Fictia", "Dummond", "Samplina", "Mockwell", "Exemplar",
         "Zoë", "Åsa", "Björn", "José", "Ærin"]
FAMILY = ["Fakename", "Placeholder", "Nonesuch", "Madeup", "Synthetica", "Imaginary"]
# Accented family names: as UTF-8 and as the LaTeX a .bib file from elsewhere would hold.
ACCENTED = ["Müller-Fakename", "Øst-Placeholder", "Dvořák-Madeup", "Ñúñez-Sample",
            'M{\\"u}ller-Fakename', "Dvo{\\v{r}}{\\'a}k-Madeup", "{\\O}st-Placeholder",
            "Gon{\\c{c}}alves-Nonesuch"]
TOPICS = ["Imaginary Optimization", "Placeholder Dynamics", "Made-Up Generalization",
          "Synthetic Attention", "Fictional Convergence", "Mock Regularization"]
MATH = ["$O(n^{{{k}}})$", "$\\ell_{{{k}}}$", "$\\epsilon$-Approximate", "$k={k}$",
        "$\\sqrt{{{k}}}$"]
SENTENCES = [
    "We study a made-up problem that no real paper has ever considered.",
    "Our placeholder method converges at rate $O(1/\\sqrt{{T}})$ under fictional assumptions.",
    "Experiments on synthetic data show an improvement of {k} points over a fake baseline.",
    "We prove a lower bound of $\\Omega(n \\log n)$ for the imaginary setting.",
    "The analysis relies on a dummy lemma about $\\|x\\|_2 \\le {k}$.",
    "This text exists only to benchmark build times and means nothing.",
    "A sample theorem shows that $\\alpha + \\beta = {k}$ in the limit.",
    "We release no code, because there is nothing to release.",
]
VENUES = ["Conference on Fictional Learning", "Symposium on Placeholder Theory",
          "Workshop on Made-Up Systems", "International Conference on Mock Results"]
JOURNALS = ["Journal of Made-Up Results", "Transactions on Imaginary Science",
            "Annals of Placeholder Mathematics"]
SCHOOLS = ["University of Nowhere", "Fictional Institute of Technology"]
INSTITUTIONS = ["University of Nowhere", "Placeholder Labs", "Institute of Examples"]
SELECTED_EVERY = 50  # every 50th paper is "selected" for the home page ...
SELECTED_MAX = 20  # ... up to this many


@dataclass(frozen=True)
class Size:
    """How big a synthetic portfolio is."""

    papers: int
    projects: int
    awards: int

    @classmethod
    def for_papers(cls, papers: int) -> Size:
        """As many projects and awards as papers, up to 1,000 of each (100 papers: 100
        projects and 100 awards; 1,000 or 5,000 papers: 1,000 of each)."""
        data = min(papers, 1000)
        return cls(papers, data, data)

    @property
    def label(self) -> str:
        return f"{self.papers:,} papers, {self.projects:,} projects, {self.awards:,} awards"


def _person(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"{rng.choice(ACCENTED)}, {rng.choice(GIVEN)}"
    return f"{rng.choice(FAMILY)}{rng.randrange(1000):03d}, {rng.choice(GIVEN)}"


def _abstract(rng: random.Random, number: int) -> str:
    picked = rng.sample(SENTENCES, rng.randint(3, 6))
    return " ".join(sentence.format(k=number % 9 + 2) for sentence in picked)


def paper_key(number: int) -> str:
    return f"fake{number:05d}"


def bib(count: int, seed: int = SEED) -> str:
    """``count`` synthetic BibTeX entries; the owner is an author of each."""
    rng = random.Random(seed)
    entries = []
    selected = 0
    for number in range(count):
        authors = [_person(rng) for _ in range(rng.randint(1, 6))]
        authors.insert(rng.randrange(len(authors) + 1), OWNER_BIB)
        year = 1990 + number % 36
        math = rng.choice(MATH).format(k=number % 7 + 1) if number % 3 == 0 else ""
        title = f"{rng.choice(TOPICS)} {math} for Fake Problem {number}".replace("  ", " ")
        fields = {"title": title, "author": " and ".join(authors), "year": str(year)}
        kind = "phdthesis" if number % 97 == 0 else ("inproceedings", "article", "misc")[number % 3]
        if kind == "inproceedings":
            fields["booktitle"] = f"{rng.choice(VENUES)} {year}"
        elif kind == "article":
            fields |= {"journal": rng.choice(JOURNALS), "volume": str(number % 50 + 1),
                       "number": str(number % 4 + 1), "pages": f"{number}--{number + 9}"}
        elif kind == "misc":
            fields |= {"eprint": f"{year % 100:02d}{number % 12 + 1:02d}.{number:05d}",
                       "archiveprefix": "arXiv", "primaryclass": "cs.LG"}
        else:
            fields["school"] = rng.choice(SCHOOLS)
        if number % 4 == 0:
            fields["doi"] = f"10.0000/fake.{number}"
        if rng.random() < 0.85:
            fields["abstract"] = _abstract(rng, number)
        if number % SELECTED_EVERY == 0 and selected < SELECTED_MAX:
            fields["keywords"] = "selected"
            selected += 1
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        entries.append(f"@{kind}{{{paper_key(number)},\n{body},\n}}\n")
    return "\n".join(entries)


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _plain_person(rng: random.Random) -> str:
    family, given = _person(rng).split(", ")
    if "\\" in family or "{" in family:  # YAML is read as it is: no LaTeX there
        family = rng.choice(ACCENTED[:4])
    return f"{rng.choice(['', 'Prof. ', 'Dr. '])}{given} {family}"


def projects_yaml(count: int, papers: int, seed: int = SEED) -> str:
    """Compact entries: 1,000 of them stay under the extension's 256 KiB limit per file."""
    rng = random.Random(seed + 1)
    lines = ["# yaml-language-server: $schema=../_schema/projects.schema.json"]
    for number in range(count):
        start = 2000 + number % 25
        lines += [f"- id: project-{number:04d}",
                  f"  title: Fake project {number} on {rng.choice(TOPICS)}",
                  f"  start: {number % 12 + 1:02d}/{start}",
                  f"  end: {start + 1 + number % 3}" if number % 5 else "  end: present"]
        people = ", ".join(_plain_person(rng) for _ in range(rng.randint(1, 3)))
        lines.append(f"  collaborators: [{people}]")
        if number % 2:
            lines.append(f"  institutions: [{rng.choice(INSTITUTIONS)}]")
        if papers:
            keys = sorted({paper_key(rng.randrange(papers)) for _ in range(rng.randint(1, 2))})
            lines.append(f"  papers: [{', '.join(keys)}]")
        if number % 5 == 0:
            lines += ["  notes:", f"    - {_yaml_text(rng.choice(SENTENCES).format(k=number))}"]
    return "\n".join(lines) + "\n"


def awards_yaml(count: int, papers: int, projects: int, seed: int = SEED) -> str:
    rng = random.Random(seed + 2)
    lines = ["# yaml-language-server: $schema=../_schema/awards.schema.json"]
    for number in range(count):
        lines += [f"- id: award-{number:04d}",
                  f"  title: {_yaml_text(f'Fake Prize for Placeholder Work No. {number}')}",
                  f"  body: {_yaml_text(rng.choice(INSTITUTIONS))}",
                  f"  start: {2000 + number % 25}"]
        if number % 3 == 0:
            lines.append(f"  amount: {(number % 50 + 1) * 1000:,} USD")
        if papers and number % 4 == 0:
            lines.append(f"  paper: {paper_key(rng.randrange(papers))}")
        if projects and number % 4 == 1:
            lines.append(f"  project: project-{rng.randrange(projects):04d}")
        lines.append("")
    return "\n".join(lines)


PROFILE = f"""\
# yaml-language-server: $schema=../_schema/profile.schema.json
name: {OWNER}
position: Fictional Researcher
affiliation: University of Nowhere
email: testa@example.org
website: https://example.org
interests:
  - Imaginary Optimization
  - Placeholder Dynamics
aliases:
  - T. Fakename
"""

CONF = f"""\
project = author = copyright = {OWNER!r}
extensions = ["sphinx_portfolio"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["dollarmath"]
bibtex_bibfiles = ["../refs.bib"]
bibtex_default_style = "portfolio"
bibtex_reference_style = "label"
html_theme = "furo"
html_title = {OWNER!r}
"""

PAGES = {
    "index.md": f"""\
# {OWNER}

```{{profile}}
```

{OWNER} is a fictional researcher: this site exists to measure build times. Some math,
$e^{{i\\pi}} + 1 = 0$, and a citation {{cite:p}}`{paper_key(0)}`.

```{{rubric}} Selected publications
```

```{{publications}}
:selected:
```

```{{toctree}}
:hidden:

publications
projects
honors
```
""",
    "publications.md": """\
# Publications

```{publication-metrics}
```

```{publications}
:group: year
```
""",
    "projects.md": """\
# Research projects

```{project-table}
```
""",
    "honors.md": """\
# Honors and awards

```{award-table}
```
""",
}


def write(root: Path, size: Size, seed: int = SEED) -> Path:
    """The synthetic portfolio under ``root`` (``root/docs`` and ``root/refs.bib``); returns
    its source folder."""
    docs = root / "docs"
    (docs / "_data").mkdir(parents=True)
    (root / "refs.bib").write_text(bib(size.papers, seed), "utf-8")
    (docs / "conf.py").write_text(CONF, "utf-8")
    data = docs / "_data"
    (data / "profile.yaml").write_text(PROFILE, "utf-8")
    (data / "projects.yaml").write_text(projects_yaml(size.projects, size.papers, seed), "utf-8")
    (data / "awards.yaml").write_text(
        awards_yaml(size.awards, size.papers, size.projects, seed), "utf-8")
    for name, text in PAGES.items():
        (docs / name).write_text(text, "utf-8")
    return docs
