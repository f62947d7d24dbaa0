"""One entry read once for the machine-readable downloads: the Atom feed and CSL-JSON.

Pure Python on top of pybtex: nothing here imports Sphinx. Both files say the same things
of a paper (its kind, title, people, abstract); a :class:`Paper` works them out once, so
that a build writing both for thousands of entries normalises and decodes each only once.
Names are read part by part through the cached :func:`.latex.clean_latex`: co-authors
recur from entry to entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pybtex.database import Entry, Person

from .biblatex import normalized_copy
from .kinds import publication_kind
from .latex import clean_latex, field_text
from .names import is_others

__all__ = ["Paper", "csl_name", "display_name"]

#: A person as CSL-JSON names one: "family", "given", "non-dropping-particle", "suffix".
Name = Mapping[str, str]
_ROLES = ("author", "editor")


@dataclass(frozen=True)
class Paper:
    """An entry as the bibliography holds it, and what the downloads need of it."""

    source: Entry  # as read: the publication list's order is computed on these
    entry: Entry  # normalised (biblatex read as BibTeX): the facts are read from this
    kind: str  # :func:`.kinds.publication_kind`
    people: Mapping[str, tuple[Name, ...]] = field(default_factory=dict)  # role -> names

    @classmethod
    def of(cls, entry: Entry | Paper) -> Paper:
        if isinstance(entry, Paper):
            return entry
        normalized = normalized_copy(entry)
        people = {role: tuple(csl_name(person) for person in normalized.persons.get(role, [])
                              if not is_others(person))  # "and others" names no one
                  for role in _ROLES}
        return cls(entry, normalized, publication_kind(normalized), people)

    @property
    def key(self) -> str:
        return str(self.source.key)

    def text(self, name: str) -> str:
        """Field ``name`` as plain text ("" when absent); ``$...$`` math stays as TeX."""
        return clean_latex(field_text(self.entry, name)).strip()

    @property
    def title(self) -> str:
        """The title as the publication list shows it: with its subtitle."""
        title, subtitle = self.text("title"), self.text("subtitle")
        return f"{title}: {subtitle}" if title and subtitle else title


def csl_name(person: Person) -> dict[str, str]:
    """A CSL name: BibTeX's "von" part is CSL's non-dropping particle (kept with the family
    name, as BibTeX prints it), "Jr" its suffix."""
    parts = {
        "family": person.last_names,
        "given": [*person.first_names, *person.middle_names],
        "non-dropping-particle": person.prelast_names,
        "suffix": person.lineage_names,
    }
    name = {key: clean_latex(" ".join(value)).strip() for key, value in parts.items() if value}
    return {key: value for key, value in name.items() if value}


def display_name(name: Name) -> str:
    """ "First Middle von Last, Jr", as :func:`.names.format_person` writes it."""
    shown = " ".join(name[part] for part in ("given", "non-dropping-particle", "family")
                     if part in name)
    return f"{shown}, {name['suffix']}" if "suffix" in name else shown
