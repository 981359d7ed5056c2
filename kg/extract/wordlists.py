"""The word lists of the programme and relation grammars, read from schema/lexicons/program_grammar.tsv
(columns: list, entry, value, source, note). Each list lives there once; code asks for it by name."""
from __future__ import annotations

import re
from functools import lru_cache

from ..errors import E, KGError
from ..resources import read_text

LISTS = ("scheme-word", "name-stop", "name-word", "generic-head", "leading-filler", "manner", "non-health",
         "building-works", "not-a-scheme", "led-by-a-body", "work-on")
SOURCES = ("official-usage", "function-word", "non-health-work", "building-works")
_PATH = "lexicons/program_grammar.tsv"


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, str, str], ...]:
    out = []
    for n, line in enumerate(read_text("lexicons", "program_grammar.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""] * 4
        lst, entry, value, source = cols[0], cols[1], cols[2], cols[3]
        if lst not in LISTS or not entry or source not in SOURCES:
            raise KGError(E.E201, path=_PATH, detail=f"line {n}: expected a known list, an entry and a known source")
        out.append((lst, entry, value, source))
    return tuple(out)


def entries(name: str) -> tuple[str, ...]:
    """The entries of one list, in file order."""
    return tuple(e for lst, e, _, _ in _rows() if lst == name)


def values(name: str) -> dict[str, str]:
    """entry → value for one list."""
    return {e: v for lst, e, v, _ in _rows() if lst == name}


def pattern(name: str, only: str | None = None) -> re.Pattern:
    """An alternation of a list's entries (an entry with regex syntax is used as written); `only`
    keeps the rows whose value holds that word."""
    alts = [e if re.search(r"[\[\]()?*+|\\]", e) else re.escape(e)
            for lst, e, v, _ in _rows() if lst == name and (only is None or only in v.split())]
    return re.compile("|".join(alts))


def scheme_words() -> dict[str, tuple[int, bool]]:
    """scheme word → (shortest name before it, whether a bare level or region may be that name)."""
    out = {}
    for e, v in values("scheme-word").items():
        parts = v.split()
        out[e] = (int(parts[0]), "level" in parts[1:])
    return out
