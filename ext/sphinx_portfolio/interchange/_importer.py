"""The importer: each source entry mapped onto our model, converted value by value, validated
against our model before it is kept, and everything lost on the way or decided where the
source does not say reported; then our data files and BibTeX written
(:class:`ImportResult`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..data.models import KINDS
from ..data.values import PRESENT, Term, YearMonth
from ..data.yaml_reader import MAX_FILE_BYTES as MAX_DATA_FILE_BYTES
from ._bibtex_writer import BibEntry, bib_texts
from ._converters import (
    Lost,
    Unique,
    doi,
    drop_control_characters,
    end_date,
    slug,
    start_date,
    text,
    texts,
    web_url,
    when,
)
from ._decisions import award_kind, experience_kind
from ._markdown import plain_markdown
from ._report import at, is_empty, one_printable_line, plural, preview
from ._source_reader import InterchangeError
from ._yaml_writer import model_of, yaml_floor, yaml_text

#: Source key -> our field. Besides the models' own fields: ``when`` (one date or term, not
#: the start of a range), ``area`` (joined to ``degree``: "PhD in Physics").
Table = Mapping[str, str]

_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "start": start_date, "end": end_date, "when": when, "website": web_url,
    "notes": texts, "tags": texts, "items": texts, "institutions": texts,
    "authors": texts, "url": web_url, "doi": doi, "courses": texts, "inventors": texts,
    "venues": texts,
}
_LIST_FIELDS = frozenset({"notes", "tags", "items", "institutions", "terms", "courses",
                          "inventors", "venues"})
_DATE_FIELDS = frozenset({"start", "end", "when"})


@dataclass
class ImportResult:
    """Our data files (stem -> YAML text), the BibTeX text and what could not be mapped;
    and the same entries one by one, to add to a site's own files (:mod:`._merge`)."""

    data: dict[str, str]
    bib: str
    unmapped: list[str]
    #: stem -> the entries of ``data[stem]`` (the profile's fields for "profile")
    documents: dict[str, Any] = field(default_factory=dict)
    #: BibTeX key -> that entry's text in ``bib``
    bib_entries: dict[str, str] = field(default_factory=dict)
    #: Where the source does not say and the import decided (an experience's kind read
    #: from its position, you as the author of a publication that names none...): one line
    #: each, naming the entry, what was decided and why, for the user to check.
    decisions: list[str] = field(default_factory=list)


@dataclass
class Importer:
    """Collects our entries and everything lost on the way, then writes the files."""

    source: Path = Path()  # for the messages
    markdown: bool = False  # RenderCV: text is Markdown, links in it are lost
    unmapped: list[str] = field(default_factory=list)
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    profile: dict[str, Any] | None = None
    publications: list[BibEntry] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    #: The CV's owner, as the profile names them: the author of a publication that names
    #: none (a CV lists its owner's own publications).
    owner: str = ""
    _owner_written: list[str] = field(default_factory=list)  # where the owner was written
    _ids: dict[str, Unique] = field(default_factory=dict)
    _floor: dict[str, int] = field(default_factory=dict)  # stem -> least YAML bytes so far

    def lost(self, where: str, value: Any, reason: str, into: list[str] | None = None) -> None:
        shown = preview(value)
        where = where or "the file"
        line = f"{where} ({shown}): {reason}" if shown else f"{where}: {reason}"
        (self.unmapped if into is None else into).append(one_printable_line(line))

    def decided(self, where: str, value: Any, decision: str) -> None:
        """Report what the import decided where the source does not say (for the user to
        check): ``where (value): decision``."""
        shown = preview(value)
        self.decisions.append(one_printable_line(
            f"{where} ({shown}): {decision}" if shown else f"{where}: {decision}"))

    def drop_control_characters(self, document: Any, root: str = "") -> None:
        """Control characters out of the source's texts, each text that held some reported."""
        for where, which in drop_control_characters(document, root):
            self.lost(where, "", f"control characters dropped ({which})")

    def clean(self, where: str, value: Any, into: list[str] | None = None) -> Any:
        """Markdown made plain, in a text or a list of texts, with lost links reported."""
        if not self.markdown:
            return value
        if isinstance(value, list):
            return [self.clean(where, item, into) for item in value]
        if not isinstance(value, str):
            return value
        plain, targets, verbatim = plain_markdown(value)
        for target in targets:
            self.lost(where, target, "a link in the text; our text has no links", into)
        for link in verbatim:
            self.lost(where, link, "kept as written: Markdown reads no link there (a space "
                      "or an unbalanced parenthesis in its target)", into)
        return plain

    def convert(self, where: str, target: str, value: Any, into: list[str]) -> Any:
        """``value`` as our ``target`` field's value, or raise :class:`Lost`."""
        converter: Callable[[Any], Any] = _CONVERTERS.get(target, text)
        converted = converter(value)
        return self.clean(where, converted, into)

    def entry(self, stem: str, source: Mapping[str, Any], table: Table, where: str,
              fixed: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
        """Map one source entry onto our ``stem`` (a list kind, or "profile") and keep it
        if our model takes it; every source key not mapped is reported."""
        model = model_of(stem)
        lines: list[str] = []  # reported only if the entry is kept (else one line says so)
        out: dict[str, Any] = dict(fixed or {})
        origin: dict[str, str] = {}  # our field -> the source key it came from
        failed: dict[str, str] = {}  # our field -> why its source value was not taken
        for key, target in table.items():
            value = source.get(key)
            if is_empty(value):
                continue
            try:
                converted = self.convert(at(where, key), target, value, lines)
            except Lost as exc:
                self.lost(at(where, key), value, str(exc), lines)
                failed.setdefault(target, f"{key} ({preview(value)}): {exc}")
                continue
            if target in _LIST_FIELDS:
                out.setdefault(target, []).extend(converted)
            elif target in out and converted != "":  # two keys for one of our fields
                first = origin.get(target, "the import's")
                self.lost(at(where, key), value, f"a second value for our {target}; kept "
                          f"{first}'s ({preview(out[target])})", lines)
                continue
            elif converted != "":
                out[target] = converted
            origin.setdefault(target, key)
        for key, value in source.items():
            if key not in table and not is_empty(value):
                self.lost(at(where, key), value, "no field for it", lines)
        if "area" in out:
            out["degree"] = f"{out['degree']} in {out['area']}" if "degree" in out else out["area"]
            origin.setdefault("degree", origin["area"])
            del out["area"]
        self._settle_dates(model, out, origin, where, lines)
        for key, target in table.items():  # a field never given is named by its first key
            origin.setdefault(target, key)
        if "when" in origin:  # a missing start is a missing date, if the table has one
            origin.setdefault("start", origin["when"])
        kept = self._validated(model, out, origin, failed, where, lines)
        if kept is None:
            return None
        self.unmapped += lines
        if stem == "profile":
            self.profile = kept
        else:
            label = next((str(kept[name]) for name in ID_SOURCES if name in kept), stem)
            ids = self._ids.setdefault(stem, Unique())
            kept = {"id": ids(slug(label, stem.removesuffix("s"))), **kept}
            self.entries.setdefault(stem, []).append(kept)
            # refused as soon as the file is sure to be too large, not after writing it all
            self._floor[stem] = self._floor.get(stem, 0) + yaml_floor(kept)
            if self._floor[stem] > MAX_DATA_FILE_BYTES:
                raise self._too_large(stem)
        return kept

    def publication(self, source: Mapping[str, Any], table: Table, where: str) -> None:
        """One publication, for the BibTeX file; ``table`` maps onto ``title``, ``authors``,
        ``journal``, ``publisher``, ``abstract``, ``when``, ``url`` and ``doi``."""
        lines: list[str] = []
        values: dict[str, Any] = {}
        for key, target in table.items():
            value = source.get(key)
            if is_empty(value):
                continue
            if target in values:  # two keys for one field (al-folio's name and title)
                self.lost(at(where, key), value, f"a second value for its {target}; kept "
                          f"{preview(values[target])}", lines)
                continue
            try:
                values[target] = self.convert(at(where, key), target, value, lines)
            except Lost as exc:
                self.lost(at(where, key), value, str(exc), lines)
        for key, value in source.items():
            if key not in table and not is_empty(value):
                self.lost(at(where, key), value, "no field for it", lines)
        if not values.get("title"):
            self.lost(where, source, "not mapped: no title")
            return
        authors = values.get("authors", [])
        if not authors and self.owner:  # a CV lists its owner's publications
            authors = [self.owner]
            self._owner_written.append(where)
        entry = BibEntry(
            where, values["title"], "article" if "journal" in values else "misc", authors,
            {name: values[name] for name in ("journal", "publisher", "abstract") if name in values},
            {name: values[name] for name in ("url", "doi") if name in values},
        )
        date = values.get("when")
        if isinstance(date, Term):
            key = next(key for key, target in table.items() if target == "when")
            self.lost(at(where, key), str(date), "only its year is kept", lines)
        if date is not None:
            entry.year, entry.month = date.year, getattr(date, "month", 0)
            entry.day = getattr(date, "day", 0)
        self.unmapped += lines
        self.publications.append(entry)

    def experience(self, source: Mapping[str, Any], table: Table, where: str,
                   section: str = "") -> dict[str, Any] | None:
        """One experience entry, its kind (research or industry, which no format states)
        read from its section's title, position and organization, and reported."""
        def given(target: str) -> str:
            values = [source.get(key) for key, field in table.items() if field == target]
            return " ".join(value for value in values if isinstance(value, str))

        kind, why = experience_kind(given("role"), given("organization"), section)
        kept = self.entry("experience", source, table, where, {"kind": kind})
        if kept is not None:
            self.decided(where, f"{kept['role']}, {kept['organization']}",
                         f"kind {kind}: {why}")
        return kept

    def award(self, source: Mapping[str, Any], table: Table, where: str, title: str,
              section: str = "awards") -> dict[str, Any] | None:
        """One award entry, its kind (which no format states) read from its ``title``, else
        its ``section``'s title (:func:`award_kind`), and reported unless the section said it."""
        kind, why = award_kind(title, section)
        kept = self.entry("awards", source, table, where, {"kind": kind})
        if kept is not None and why:
            self.decided(where, kept["title"], f"kind {kind}: {why}")
        return kept

    def _settle_dates(self, model: type[BaseModel], out: dict[str, Any],
                      origin: dict[str, str], where: str, lines: list[str]) -> None:
        """Start, end and terms as our models want them, in YAML form.

        A start without an end is ongoing (JSON Resume and RenderCV both read it so); an
        end without a start is one date (as RenderCV reads it), and so is a lone date
        (``when``); an entry that must have a start and has only terms starts in the
        year of its first term.
        """
        single = out.pop("when", None)
        if isinstance(single, Term):
            out.setdefault("terms", []).append(single)
        elif single is not None and "start" in out:
            self.lost(at(where, origin["when"]), single.iso(),
                      "a second date beside the range", lines)
        elif single is not None:
            out["start"] = single
            origin["start"] = origin["when"]
        elif "start" in out and "end" not in out:
            out["end"] = PRESENT
        if "end" in out and "start" not in out:
            if out["end"] == PRESENT:
                self.lost(at(where, origin["end"]), "present", "an end without a start",
                          lines)
                del out["end"]
            else:
                out["start"] = out.pop("end")
                origin["start"] = origin["end"]
        if "end" in out and out["end"] == out["start"]:
            del out["end"]  # shown as one date, as a range of one date is
        terms: list[Term] = out.get("terms", [])
        if terms and "start" not in out and model.model_fields["start"].is_required():
            out["start"] = YearMonth(min(term.year for term in terms))
        for name in ("start", "end"):
            if name in out:
                value = out[name]
                out[name] = value.iso() if value.month or value == PRESENT else value.year
        if terms:
            out["terms"] = [str(term) for term in terms]

    def _validated(self, model: type[BaseModel], out: dict[str, Any], origin: dict[str, str],
                   failed: dict[str, str], where: str, lines: list[str]) -> dict[str, Any] | None:
        """``out`` as the model takes it: a bad optional value is left out (and reported); an
        entry without what the model requires is left out whole, reported in one line."""
        placeholder = {"id": "x"} if "id" in model.model_fields else {}
        rounds = len(out) + sum(len(v) for v in out.values() if isinstance(v, list)) + 1
        for _ in range(rounds):
            try:
                model.model_validate({**out, **placeholder})
                return out
            except ValidationError as exc:
                error = exc.errors()[0]
            loc = error["loc"]
            name = str(loc[0]) if loc else ("end" if error["type"] == "range" else "")
            source_key = origin.get(name, name)
            message = str(error["msg"]).removeprefix("Value error, ")
            if name not in out or model.model_fields[name].is_required():
                reason = {"missing": failed.get(name, f"no {source_key}"),
                          "missing_when": "no date"}.get(error["type"], message)
                label = next((out[key] for key in (*ID_SOURCES, "name") if key in out), "")
                self.lost(where, label, f"not mapped: {reason}")
                return None
            if len(loc) > 1 and isinstance(loc[1], int) and isinstance(out[name], list):
                self.lost(at(where, source_key), out[name].pop(loc[1]), message, lines)
                if out[name]:
                    continue
            else:
                self.lost(at(where, source_key), out[name], message, lines)
            del out[name]
        return None  # pragma: no cover - each round leaves out one value

    def _too_large(self, stem: str) -> InterchangeError:
        return InterchangeError(
            f"{self.source}: its {stem} would take more than "
            f"{MAX_DATA_FILE_BYTES // 1024} KiB, more than a data file may hold")

    def result(self) -> ImportResult:
        documents: dict[str, Any] = {"profile": self.profile, **self.entries}
        data = {}
        for stem in ["profile", *KINDS]:
            if not documents.get(stem):
                continue
            if yaml_floor(documents[stem]) > MAX_DATA_FILE_BYTES:  # (a profile's lists)
                raise self._too_large(stem)
            data[stem] = yaml_text(stem, documents[stem])
            if len(data[stem].encode("utf-8")) > MAX_DATA_FILE_BYTES:
                raise self._too_large(stem)
        bib_entries = bib_texts(self.publications, self)
        bib = "\n\n".join(bib_entries.values()) + "\n" if bib_entries else ""
        unmapped = list(self.unmapped)
        decisions = list(self.decisions)
        if self._owner_written:
            more = ", \N{HORIZONTAL ELLIPSIS}" if len(self._owner_written) > 3 else ""
            decisions.append(
                f"{plural(len(self._owner_written), 'publication')} without authors "
                f"({', '.join(self._owner_written[:3])}{more}): written with you "
                f"({self.owner}) as the author, as a CV lists its owner's own publications; "
                "add the co-authors in the .bib file")
        return ImportResult(data, bib, unmapped, {stem: documents[stem] for stem in data},
                            bib_entries, decisions)


#: Our fields an entry's id is made from, the first present.
ID_SOURCES = ("organization", "institution", "title", "category", "role")
