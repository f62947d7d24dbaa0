"""Who the owner is, and which papers share co-authors: what a paper page offers to read next.

A paper without links of its own (a preprint not yet online, say) still leads somewhere: to
the other papers written with the same people, a fact of the .bib files alone.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping

from pybtex.database import Entry, Person
from sphinx.environment import BuildEnvironment

from .. import datacache
from ..bib import OwnerMatcher, clean_latex
from ..bib.latex import fold_words
from ..bib.names import is_others
from ..bib.style import newest_first

__all__ = ["CoAuthors", "owner_names"]


def owner_names(env: BuildEnvironment) -> list[str]:
    """The owner's name and aliases from profile.yaml (none without one)."""
    profile = datacache.profile(env)
    return [profile.name, *profile.aliases] if profile else []


class CoAuthors:
    """The papers of each co-author (every author but the owner), newest first."""

    def __init__(self, entries: Mapping[str, Entry], owner: OwnerMatcher) -> None:
        order = sorted(entries, key=lambda key: newest_first(entries[key]))  # ties: file order
        self._rank = {key: rank for rank, key in enumerate(order)}
        self._people: dict[str, list[str]] = {}  # paper -> its co-authors
        self._papers: dict[str, list[str]] = {}  # co-author -> papers, newest first
        for key in order:
            people = list(dict.fromkeys(
                _person_key(person) for person in entries[key].persons.get("author", [])
                if not is_others(person) and not owner.matches(person)))
            self._people[key] = people
            for person in people:
                self._papers.setdefault(person, []).append(key)

    def shared(self, key: str, limit: int) -> list[str]:
        """Up to ``limit`` other papers with a co-author of ``key``, newest first."""
        found: list[str] = []
        # Each co-author's papers are in order already: merged, the newest come first, and
        # a frequent co-author's hundreds of papers are not all read for every page.
        papers = (self._papers[person] for person in self._people.get(key, []))
        for other in heapq.merge(*papers, key=self._rank.__getitem__):
            if other != key and other not in found:
                found.append(other)
                if len(found) == limit:
                    break
        return found


def _person_key(person: Person) -> str:
    """A person as the same person is written in other entries, LaTeX, case and accents
    apart ("M{\\"u}ller, Jo" is "Müller, Jo"); names recur, and clean_latex is cached."""
    return " ".join(fold_words(clean_latex(str(person))))
