"""One directive per kind of CV table, all on one small base class.

Each emits a standard docutils ``table`` (so HTML and PDF both render it),
with one row per valid entry, an anchor per row, and citations built through
sphinxcontrib-bibtex's own ``cite:p`` role so they link to the publication.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal, cast, get_args, get_origin

from docutils import nodes
from docutils.parsers.rst import directives, roles
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from .. import _shared, datacache
from ..data import KINDS
from ..domain import Target, portfolio_domain
from ..files import leads_out_of
from ..locale import output_language
from ..warnings_ import Subtype, did_you_mean
from . import columns
from .checks import bib_keys
from .columns import Column

__all__ = ["TABLE_DIRECTIVES", "DataTable", "kinds_of"]


class _UnknownOption(str):
    """The value of an option the directive does not know; reported in ``run``."""


class _OptionSpec(dict[str, Callable[[str], Any]]):
    # docutils and MyST both look options up with [], so unknown names land here
    # and can be reported as one located portfolio warning instead of a parse error.
    def __missing__(self, name: str) -> Callable[[str], Any]:
        return lambda value: _UnknownOption(value or "")


def _sort_order(value: str) -> str:
    return directives.choice(value, ("file", "newest", "oldest"))


#: Unknown columns reported one by one; the rest in one warning.
_UNKNOWN_SHOWN = 10


def _column_list(value: str) -> list[str]:
    return [name.strip() for name in (value or "").replace(",", " ").split() if name.strip()]


class DataTable(SphinxDirective):
    """Base: ``{kind-table} [data file]`` with options to pick, sort, filter and limit rows."""

    kind: ClassVar[str]  # data file stem, e.g. "projects"
    target_kind: ClassVar[str]  # domain object type, e.g. "project"
    columns: ClassVar[dict[str, Column]]
    default_columns: ClassVar[list[str]]

    optional_arguments = 1
    option_spec = _OptionSpec({
        "columns": _column_list,
        "sort": _sort_order,
        "ongoing": directives.flag,
        "tag": directives.unchanged_required,
        "kind": directives.unchanged_required,
        "limit": directives.positive_int,
        "caption": directives.unchanged_required,
    })

    def run(self) -> list[nodes.Node]:
        if not self._options_ok():
            return []
        path = self._data_path()
        if self.arguments and leads_out_of(self.env.srcdir, path):
            _shared.warn(f"data file '{self.arguments[0]}' not read: it is outside the site's "
                         f"source folder (keep it inside {self.env.srcdir})", Subtype.FILE,
                         self.get_location())
            return []
        if not path.is_file():
            hint = ("check the path: it is relative to this page" if self.arguments
                    else f"create it, or name another file: {{{self.name}}} path/to/file.yaml")
            named = self.arguments[0] if self.arguments else _shared.display_path(self.env, path)
            _shared.warn(f"data file '{named}' not found ({hint})", Subtype.FILE,
                         self.get_location())
            return []
        records = datacache.entries(self.env, self.kind, path).records
        selected = self._select([record.entry for record in records])
        if not selected:  # a table of headers alone says nothing (an empty file is reported)
            return []
        # each column once, however often ``:columns:`` names it (reported in _options_ok)
        names = list(dict.fromkeys(self.options.get("columns", self.default_columns)))
        table = self._table([self.columns[name] for name in names], selected)
        # Only complete tables own the entries' anchors; filtered copies (a home-page
        # excerpt, say) link nowhere of their own and leave the anchors unique.
        if self._is_complete():
            self._note_targets(selected, table)
        return [table]

    # -- options ---------------------------------------------------------------------------

    def _options_ok(self) -> bool:
        ok = True
        for name, value in self.options.items():
            if isinstance(value, _UnknownOption):
                ok = False
                hint = did_you_mean(name, self.option_spec) or (
                    "known options: " + ", ".join(sorted(self.option_spec))
                )
                self._warn(f"unknown option ':{name}:' for {{{self.name}}} ({hint})")
        given: list[str] = self.options.get("columns", [])
        unknown = [name for name in dict.fromkeys(given) if name not in self.columns]
        for name in unknown[:_UNKNOWN_SHOWN]:  # bounded: the option's length is not
            hint = did_you_mean(name, self.columns) or (
                "known columns: " + ", ".join(self.columns)
            )
            self._warn(f"unknown column '{name}' for {{{self.name}}} ({hint})")
        if len(unknown) > _UNKNOWN_SHOWN:
            self._warn(f"{len(unknown) - _UNKNOWN_SHOWN:,} more unknown columns for "
                       f"{{{self.name}}}")
        ok = ok and not unknown
        repeated = [name for name, count in Counter(given).items()
                    if count > 1 and name in self.columns]
        if repeated:  # shown once each: a table is as wide as its columns, not its option
            self._warn(f"columns named more than once in :columns: ({', '.join(repeated)}); "
                       "each is shown once")
        if "kind" in self.options:
            kinds = self._kinds()
            if self.options["kind"] not in kinds:
                ok = False
                known = ", ".join(kinds) if kinds else f"{{{self.name}}} entries have no kind"
                self._warn(f"bad value '{self.options['kind']}' for :kind: ({known})")
        return ok

    def _kinds(self) -> tuple[str, ...]:
        """The values the entries' ``kind`` field may take (none if it has no such field)."""
        return kinds_of(KINDS[self.kind])

    def _warn(self, message: str) -> None:
        _shared.warn(message, Subtype.OPTION, self.get_location())

    def _data_path(self) -> Path:
        if self.arguments:
            return Path(self.env.relfn2path(self.arguments[0], self.env.docname)[1])
        return datacache.default_path(self.env, self.kind)

    def _is_complete(self) -> bool:
        return not ({"ongoing", "tag", "kind", "limit"} & set(self.options))

    # -- rows ------------------------------------------------------------------------------

    def _select(self, entries: list[Any]) -> list[Any]:
        if "ongoing" in self.options:
            entries = [entry for entry in entries if getattr(entry, "ongoing", False)]
        if "tag" in self.options:
            tag = self.options["tag"]
            entries = [entry for entry in entries if tag in getattr(entry, "tags", ())]
        if "kind" in self.options:
            kind = self.options["kind"]
            entries = [entry for entry in entries if getattr(entry, "kind", None) == kind]
        sort = self.options.get("sort", "file")
        if sort != "file":
            entries = sorted(entries, key=lambda entry: entry.sort_date, reverse=sort == "newest")
        if "limit" in self.options:
            entries = entries[: self.options["limit"]]
        return entries

    def _table(self, cols: Sequence[Column], entries: Sequence[Any]) -> nodes.table:
        table = nodes.table(classes=[_shared.TABLE, f"portfolio-{self.kind}"])
        if "caption" in self.options:
            table += nodes.title(self.options["caption"], self.options["caption"])
        group = nodes.tgroup(cols=len(cols))
        table += group
        group.extend(nodes.colspec(colwidth=col.width) for col in cols)
        head = nodes.thead()
        headers = [str(col.header) for col in cols]  # in the build's language
        head += self._row([[nodes.paragraph(text, text)] for text in headers], cols)
        group += head
        body = nodes.tbody()
        group += body
        for entry in entries:
            body += self._row([col.render(entry, self) for col in cols], cols)
        self.set_source_info(table)
        return table

    @staticmethod
    def _row(cells: Sequence[list[nodes.Node]], cols: Sequence[Column]) -> nodes.row:
        row = nodes.row()
        for content, col in zip(cells, cols, strict=True):
            row += nodes.entry("", *content, classes=[_shared.DATES] if col.dates else [])
        return row

    @property
    def date_format(self) -> str:
        """``columns.CellContext``: ``portfolio_date_format``, checked at ``config-inited``."""
        return str(self.config.portfolio_date_format)

    @property
    def language(self) -> str:
        """``columns.CellContext``: the language the extension writes in."""
        return output_language(self.config)

    def entry(self, kind: str, entry_id: str) -> nodes.Node:
        """``columns.CellContext``: a link to another entry, resolved by the portfolio domain."""
        ref = addnodes.pending_xref(
            "", refdomain="portfolio", reftype=kind, reftarget=entry_id, refexplicit=False,
        )
        ref += nodes.inline(entry_id, entry_id)
        return ref

    def cite(self, keys: Sequence[str]) -> list[nodes.Node]:
        """``columns.CellContext``: citations through sphinxcontrib-bibtex's own role."""
        # Unknown keys were reported at their YAML line already; citing them would
        # only add a second, less precise warning from sphinxcontrib-bibtex.
        known = bib_keys(self.env)
        keys = [key for key in keys if key.lower() in known]
        if not keys:
            return []
        language: Any = self.state_machine.language
        role, _ = roles.role("cite:p", language, self.lineno, self.state.reporter)
        if role is None:  # sphinxcontrib-bibtex is set up by our setup(), so this is a bug
            raise ExtensionError("the cite:p role of sphinxcontrib-bibtex is not registered")
        text = ",".join(keys)
        rawtext = f"{{cite:p}}`{text}`"
        result, _ = role("cite:p", rawtext, text, self.lineno, self.state.inliner, {}, [])
        return list(result)

    def _note_targets(self, entries: Sequence[Any], table: nodes.table) -> None:
        domain = portfolio_domain(self.env)
        rows = list(table.findall(nodes.row))[1:]  # skip the header row
        for entry, row in zip(entries, rows, strict=True):
            anchor = f"{self.target_kind}-{entry.id}"
            first_cell = cast(nodes.Element, row.children[0])
            first_cell["ids"].append(anchor)
            title = getattr(entry, "title", None) or getattr(entry, "institution", None) or getattr(
                entry, "organization", entry.id
            )
            papers = tuple(key.lower() for key in getattr(entry, "papers", ()))
            if getattr(entry, "paper", None):
                papers += (entry.paper.lower(),)
            domain.note_target(
                self.target_kind, entry.id, Target(self.env.docname, anchor, title, papers)
            )


def kinds_of(model: type[Any]) -> tuple[str, ...]:
    """The values ``model``'s ``kind`` field may take, none when it has no such field (an
    optional ``kind``, ``Literal[...] | None``, takes those of its ``Literal``)."""
    field = model.model_fields.get("kind")
    if field is None:
        return ()
    found: list[str] = []
    pending = [field.annotation]
    while pending:
        annotation = pending.pop(0)
        if get_origin(annotation) is Literal:
            found += [str(value) for value in get_args(annotation)]
        else:
            pending += list(get_args(annotation))
    return tuple(found)


def _table_directive(kind: str, target_kind: str, cols: dict[str, Column],
                     default: list[str]) -> type[DataTable]:
    return type(f"{target_kind.title()}Table", (DataTable,), {
        "kind": kind, "target_kind": target_kind, "columns": cols, "default_columns": default,
    })


#: Directive name -> class, registered by ``setup()``.
TABLE_DIRECTIVES: dict[str, type[DataTable]] = {
    "project-table": _table_directive("projects", "project", columns.PROJECT_COLUMNS,
                                      ["project", "period"]),
    "award-table": _table_directive("awards", "award", columns.AWARD_COLUMNS,
                                    ["award", "body", "when"]),
    "education-table": _table_directive("education", "education", columns.EDUCATION_COLUMNS,
                                        ["education", "period"]),
    "experience-table": _table_directive("experience", "experience",
                                         columns.EXPERIENCE_COLUMNS, ["position", "period"]),
    "activity-table": _table_directive("activities", "activity", columns.ACTIVITY_COLUMNS,
                                       ["activity", "when"]),
    "talk-table": _table_directive("talks", "talk", columns.TALK_COLUMNS, ["talk", "when"]),
    "patent-table": _table_directive("patents", "patent", columns.PATENT_COLUMNS,
                                     ["patent", "when"]),
    "certificate-table": _table_directive("certificates", "certificate",
                                          columns.CERTIFICATE_COLUMNS,
                                          ["certificate", "issuer", "when"]),
    "skill-table": _table_directive("skills", "skill", columns.SKILL_COLUMNS,
                                    ["category", "skills"]),
}
