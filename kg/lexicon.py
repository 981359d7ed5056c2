"""Lexicons: the data in schema/lexicons/ plus a user's own CSV/TSV (`--lexicon my_terms.csv`).

A user lexicon has a header row with the columns `type,name,kind,aliases` and, optionally, `region`:
    type     institution | program
    name     the full name (青禾县第二人民医院, 健康乡村行)
    kind     for an institution, one of kg.model.INSTITUTION_KINDS (default: inferred)
    aliases  other names, separated by `|` (二院|县二院)
    region   the region whose reports the row applies to, as reports write it (青禾县); empty: every
             report. A local short name such as 县二院 names a different hospital in each county.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .errors import E, KGError
from .model import INSTITUTION_KINDS
from .resources import read_text
from .text import normalise


@dataclass(slots=True)
class TypeWord:
    suffix: str
    kind: str
    bare: str   # unique | group | alias


@dataclass(slots=True)
class LexEntry:
    type: str                    # institution | program
    name: str
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    user: bool = False
    region: str | None = None            # a user row scoped to one region's reports

    def applies_to(self, region: str | None) -> bool:
        """Whether this entry may be used in a report of `region`."""
        return self.region is None or (region is not None and normalise(self.region) == normalise(region))


@dataclass(slots=True)
class Lexicon:
    types: dict[str, TypeWord]
    words: dict[str, str]                      # prefix word → group | stop | keep
    programs: dict[str, LexEntry]              # normalised surface → entry (canonical + aliases)
    institutions: dict[str, LexEntry]          # normalised surface (@region) → entry (user-taught names)



class SurfaceMatcher:
    """Aho-Corasick over the names and aliases of a lexicon table; a surface may belong to several
    entries (县二院 of two counties), and the report's region chooses among them."""

    def __init__(self, table: dict[str, LexEntry]) -> None:
        import ahocorasick
        surfaces: dict[str, list[LexEntry]] = {}
        for entry in table.values():
            for s in {entry.name, *entry.aliases}:
                if entry not in surfaces.setdefault(s, []):
                    surfaces[s].append(entry)
        self.auto = ahocorasick.Automaton()
        for s, entries in surfaces.items():
            self.auto.add_word(s, (s, tuple(entries)))
        self.auto.make_automaton()

    def exact(self, surface: str, region: str | None) -> LexEntry | None:
        """The entry a whole surface names, if any (the same choice by region as iter_long)."""
        got = self.auto.get(surface, None)
        return None if got is None else _choose(got[1], region)

    def iter_long(self, text: str, region: str | None):
        """(end index, surface, entry) for the longest matches; a row for the report's region wins
        over a row for every region, and a match no row applies to is skipped."""
        for end, (surface, entries) in self.auto.iter_long(text):
            entry = _choose(entries, region)
            if entry is not None:
                yield end, surface, entry


def _choose(entries: tuple[LexEntry, ...], region: str | None) -> LexEntry | None:
    """A row for the report's region, else a row for every region, else none."""
    return next((e for e in entries if e.region and e.applies_to(region)),
                next((e for e in entries if e.region is None), None))


def _rows(text: str):
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


def _add(table: dict[str, LexEntry], entry: LexEntry) -> None:
    for s in [entry.name, *entry.aliases]:
        key = normalise(s) + ("@" + normalise(entry.region) if entry.region else "")
        if key and (key not in table or entry.user):
            table[key] = entry


def load_lexicon(user_files: list[str | Path] | tuple = ()) -> Lexicon:
    """The packaged lexicons, extended by the given user lexicon files."""
    types = {}
    for r in _rows(read_text("lexicons", "institution_types.tsv")):
        types.setdefault(r[0], TypeWord(r[0], r[1], r[2] if len(r) > 2 else "group"))
    words: dict[str, str] = {}
    for r in _rows(read_text("lexicons", "institution_words.tsv")):
        words.setdefault(r[0], r[1])
    programs: dict[str, LexEntry] = {}
    for r in _rows(read_text("lexicons", "programs.tsv")):
        aliases = [a for a in (r[1].split("|") if len(r) > 1 and r[1] else []) if a]
        _add(programs, LexEntry("program", r[0], None, aliases))
    lex = Lexicon(types, words, programs, {})
    for f in user_files:
        for entry in read_user_lexicon(f):
            _add(lex.programs if entry.type == "program" else lex.institutions, entry)
    return lex


def read_user_lexicon(path: str | Path) -> list[LexEntry]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise KGError(E.E201, path=p, detail=exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise KGError(E.E201, path=p, detail="not UTF-8 or GB18030 text") from None
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]   # comment lines
    tsv = p.suffix.lower() == ".tsv" or ("\t" in (lines[0] if lines else ""))
    reader = csv.DictReader(io.StringIO("\n".join(lines)), restkey="_extra",
                            **({"delimiter": "\t", "quoting": csv.QUOTE_NONE} if tsv else {}))
    cols = {c.strip().lower() for c in reader.fieldnames or []}
    if not {"type", "name"} <= cols:
        raise KGError(E.E201, path=p, detail="needs a header row with at least the columns type,name (and kind,aliases,region)")
    out = []
    for row in reader:
        n = reader.line_num
        if row.get("_extra"):
            raise KGError(E.E201, path=p, detail=f"record {n}: more fields than the header has "
                                                 "(separate aliases with | and quote a field holding a comma)")
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        typ, name = row.get("type", "").lower(), row.get("name", "")
        if not name:
            continue
        if len(name) < 2:
            raise KGError(E.E201, path=p, detail=f"record {n}: a name of one character ('{name}') would match everywhere")
        if typ not in ("institution", "program"):
            raise KGError(E.E201, path=p, detail=f"record {n}: type must be institution or program, not '{typ}'")
        kind = row.get("kind") or None
        if typ == "institution" and kind and kind not in INSTITUTION_KINDS:
            raise KGError(E.E201, path=p, detail=f"record {n}: unknown kind '{kind}' (one of {', '.join(INSTITUTION_KINDS)})")
        aliases = [a.strip() for a in row.get("aliases", "").split("|") if len(a.strip()) >= 2]
        out.append(LexEntry(typ, name, kind if typ == "institution" else None, aliases, user=True,
                            region=row.get("region") or None))
    return out
