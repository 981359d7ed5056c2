"""Lexicons: the data in schema/lexicons/ plus a user's own CSV/TSV (`--lexicon my_terms.csv`).

The packaged tables (tab separated; each file's header documents its columns and vocabularies):
    programs.tsv                   canonical, aliases, source, needs_cue, note
    institution_types.tsv          suffix, kind, bare, source, stands_for, note
    institution_abbreviations.tsv  short, stands_for, kind, source, note (a lookup table, not type words)
    institution_words.tsv          word, role
Every programme and institution row says where it comes from (`source`, one of PROGRAM_SOURCES or
INSTITUTION_SOURCES); a row with any other source, an unknown kind or a bad flag stops the load (KG-E201).

A programme flagged needs_cue names a department, a body or a room as well (胸痛中心, 中医馆, 互联网医院):
it is a programme only where the text creates, builds, certifies or assesses it. LexEntry.needs_cue says
so, has_cue(text, start, end) tells whether a cue word (CUE_WORDS) stands in the same clause near the
match, and SurfaceMatcher.iter_long skips such a match without one (unless called with cues=False).

A user lexicon has a header row with the columns `type,name,kind,aliases` and, optionally, `region`
and `needs_cue`:
    type       institution | program
    name       the full name (青禾县第二人民医院, 健康乡村行)
    kind       for an institution, one of kg.model.INSTITUTION_KINDS (default: inferred)
    aliases    other names, separated by `|` (二院|县二院)
    region     the region whose reports the row applies to, as reports write it (青禾县); empty: every
               report. A local short name such as 县二院 names a different hospital in each county.
    needs_cue  for a program, yes: match it only with a cue word near it (see above); empty: no
Its rows have the source "user".
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import E, KGError
from .model import INSTITUTION_KINDS
from .resources import read_text
from .text import normalise

# Where a packaged row comes from (the `source` column); the file headers say the same in words.
PROGRAM_SOURCES = {
    "national-policy": "a programme, project, system or service package set by the State Council or a national health authority",
    "national-campaign": "a nationally run campaign, action plan, movement or themed activity",
    "designation": "a title a place or body is created, assessed, certified or named as (创建/评审/认证)",
    "insurance-scheme": "a medical insurance, assistance, payment or settlement scheme",
    "reform": "a strand of the health-system reform (医改)",
    "kg-existing": "held before sources were recorded; general, not traced to a national programme",
}
INSTITUTION_SOURCES = {
    "type-vocabulary": "a type word of the national naming of health institutions",
    "abbreviation": "a usual short form of a type word",
    "kg-existing": "held before sources were recorded, kept as it was",
}
USER_SOURCE = "user"              # the source of every row of a user lexicon
BARE_VALUES = ("unique", "group", "alias", "department")

# Words that make a needs_cue name a programme: it is created, built, certified or assessed.
CUE_WORDS = ("创建", "争创", "创成", "申创", "建设", "建成", "通过", "获批", "批准", "认证", "评审", "复审", "复核",
             "验收", "申报", "挂牌", "授牌", "获评", "评为", "评选", "命名", "入选", "认定", "列为", "确定为", "达标")
CUE_BEFORE = 12                   # characters before a match a cue word may stand in
CUE_AFTER = 10                    # … and after it
CUE_LIST = 30                     # … and across the list it opens or closes
_CUE = re.compile("|".join(CUE_WORDS))
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?\n]")


def has_cue(text: str, start: int, end: int) -> bool:
    """Whether a cue word (CUE_WORDS) stands in text[start:end] or near it in the same clause: up to
    CUE_BEFORE characters before, CUE_AFTER after (创建胸痛中心, 胸痛中心通过认证, 胸痛中心建设)."""
    # the last of a list (创建胸痛中心、卒中中心和创伤中心) takes the cue before the list
    in_list = any(ch in "、和及" for ch in text[max(0, start - 8):start])
    left = max(0, start - CUE_BEFORE - (CUE_LIST if in_list else 0))
    for m in _CLAUSE_END.finditer(text, left, start):
        left = m.end()
    # the first of a list (胸痛中心、卒中中心、创伤中心通过验收) takes the cue after the list
    right = min(len(text), end + CUE_AFTER + (CUE_LIST if text[end:end + 1] in "、和及" else 0))
    stop = _CLAUSE_END.search(text, end, right)
    if stop:
        right = stop.start()
    return bool(_CUE.search(text, left, right))


def _flag(value: str) -> bool | None:
    """A yes/no column: True, False, or None when the value is neither."""
    v = value.strip().lower()
    return True if v in ("yes", "y", "true", "1") else False if v in ("", "no", "n", "false", "0") else None


@dataclass(slots=True)
class TypeWord:
    suffix: str
    kind: str
    bare: str   # unique | group | alias | department (a unit inside a hospital when it follows one's name)
    source: str = "kg-existing"           # one of INSTITUTION_SOURCES
    stands_for: str | None = None         # for an abbreviation, the full type word


@dataclass(slots=True)
class Abbreviation:
    """A short stem of a type word (疾控, 妇幼) that is not a type word itself: a lookup row."""
    short: str
    stands_for: str
    kind: str
    source: str
    note: str = ""


@dataclass(slots=True)
class LexEntry:
    type: str                    # institution | program
    name: str
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    user: bool = False
    region: str | None = None            # a user row scoped to one region's reports
    source: str | None = None            # one of PROGRAM_SOURCES, or USER_SOURCE
    needs_cue: bool = False              # a programme only with a cue word near it (see has_cue)

    def cued(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end], a match of this entry, may be taken: always, unless the entry
        needs a cue and none stands near it."""
        return not self.needs_cue or has_cue(text, start, end)

    def applies_to(self, region: str | None) -> bool:
        """Whether this entry may be used in a report of `region`."""
        return self.region is None or (region is not None and normalise(self.region) == normalise(region))


@dataclass(slots=True)
class Lexicon:
    types: dict[str, TypeWord]
    words: dict[str, str]                      # prefix word → group | stop | keep
    programs: dict[str, LexEntry]              # normalised surface → entry (canonical + aliases)
    institutions: dict[str, LexEntry]          # normalised surface (@region) → entry (user-taught names)
    abbreviations: dict[str, Abbreviation] = field(default_factory=dict)   # stem → row (lookup only)

    def program_entries(self) -> list[LexEntry]:
        """The programme rows, each once (the table holds one key per surface)."""
        return list({id(e): e for e in self.programs.values()}.values())


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

    def iter_long(self, text: str, region: str | None, cues: bool = True):
        """(end index, surface, entry) for the longest matches; a row for the report's region wins
        over a row for every region, and a match no row applies to is skipped; so is, with `cues`, a
        match of a needs_cue entry with no cue word near it (LexEntry.cued)."""
        for end, (surface, entries) in self.auto.iter_long(text):
            entry = _choose(entries, region)
            if entry is not None and (not cues or entry.cued(text, end - len(surface) + 1, end + 1)):
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


def _bad(name: str, n: int, detail: str) -> KGError:
    return KGError(E.E201, path=f"lexicons/{name}", detail=f"line {n}: {detail}")


def _numbered_rows(name: str):
    for n, line in enumerate(read_text("lexicons", name).splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield n, [c.strip() for c in line.split("\t")]


def _col(r: list[str], i: int) -> str:
    return r[i] if len(r) > i else ""


def load_types() -> dict[str, TypeWord]:
    """institution_types.tsv: type word → TypeWord (the first row of a suffix wins)."""
    types: dict[str, TypeWord] = {}
    for n, r in _numbered_rows("institution_types.tsv"):
        suffix, kind, bare, source = r[0], _col(r, 1), _col(r, 2) or "group", _col(r, 3)
        if kind not in INSTITUTION_KINDS:
            raise _bad("institution_types.tsv", n, f"unknown kind '{kind}' (one of {', '.join(INSTITUTION_KINDS)})")
        if bare not in BARE_VALUES:
            raise _bad("institution_types.tsv", n, f"bare must be one of {', '.join(BARE_VALUES)}, not '{bare}'")
        if source not in INSTITUTION_SOURCES:
            raise _bad("institution_types.tsv", n, f"unknown source '{source}' (one of {', '.join(INSTITUTION_SOURCES)})")
        types.setdefault(suffix, TypeWord(suffix, kind, bare, source, _col(r, 4) or None))
    return types


def load_abbreviations() -> dict[str, Abbreviation]:
    """institution_abbreviations.tsv: short stem → Abbreviation (a lookup table, not type words)."""
    out: dict[str, Abbreviation] = {}
    for n, r in _numbered_rows("institution_abbreviations.tsv"):
        short, full, kind, source = r[0], _col(r, 1), _col(r, 2), _col(r, 3)
        if not full:
            raise _bad("institution_abbreviations.tsv", n, f"'{short}' needs the type word it stands for")
        if kind not in INSTITUTION_KINDS:
            raise _bad("institution_abbreviations.tsv", n, f"unknown kind '{kind}'")
        if source not in INSTITUTION_SOURCES:
            raise _bad("institution_abbreviations.tsv", n, f"unknown source '{source}' (one of {', '.join(INSTITUTION_SOURCES)})")
        out.setdefault(short, Abbreviation(short, full, kind, source, _col(r, 4)))
    return out


def load_program_rows() -> list[LexEntry]:
    """programs.tsv, one LexEntry per row, in file order."""
    out = []
    for n, r in _numbered_rows("programs.tsv"):
        aliases = [a.strip() for a in _col(r, 1).split("|") if a.strip()]
        source, cue = _col(r, 2), _flag(_col(r, 3))
        if source not in PROGRAM_SOURCES:
            raise _bad("programs.tsv", n, f"unknown source '{source}' (one of {', '.join(PROGRAM_SOURCES)})")
        if cue is None:
            raise _bad("programs.tsv", n, f"needs_cue must be yes or empty, not '{_col(r, 3)}'")
        out.append(LexEntry("program", r[0], None, aliases, source=source, needs_cue=cue))
    return out


def load_lexicon(user_files: list[str | Path] | tuple = ()) -> Lexicon:
    """The packaged lexicons, extended by the given user lexicon files."""
    types = load_types()
    words: dict[str, str] = {}
    for r in _rows(read_text("lexicons", "institution_words.tsv")):
        words.setdefault(r[0], r[1])
    programs: dict[str, LexEntry] = {}
    for entry in load_program_rows():
        _add(programs, entry)
    lex = Lexicon(types, words, programs, {}, load_abbreviations())
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
        cue = _flag(row.get("needs_cue", ""))
        if cue is None:
            raise KGError(E.E201, path=p, detail=f"record {n}: needs_cue must be yes or empty, not '{row.get('needs_cue')}'")
        out.append(LexEntry(typ, name, kind if typ == "institution" else None, aliases, user=True,
                            region=row.get("region") or None, source=USER_SOURCE, needs_cue=cue and typ == "program"))
    return out
