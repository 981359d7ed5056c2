"""The indicator lexicons: measure words (units.tsv) and the number patterns built from them."""
from __future__ import annotations

import re
from functools import lru_cache

from ...errors import E, KGError
from ...resources import read_text
from ..numbers import CN_DIGITS, CN_MAGNITUDES


@lru_cache(maxsize=1)
def load_units() -> dict[str, tuple[str, str]]:
    """surface → (unit, class) from schema/lexicons/units.tsv (columns: surface, unit, class, source)."""
    out: dict[str, tuple[str, str]] = {}
    for n, line in enumerate(read_text("lexicons", "units.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or not all(parts):
            raise KGError(E.E201, path="lexicons/units.tsv", detail=f"line {n}: expected surface, unit, class, source")
        out[parts[0]] = (parts[1], parts[2])
    return out


@lru_cache(maxsize=1)
def load_rate_units() -> tuple[tuple[str, str], ...]:
    """(name ending, unit) from schema/lexicons/indicator_rate_units.tsv, longest ending first."""
    out = []
    for n, line in enumerate(read_text("lexicons", "indicator_rate_units.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not all(parts):
            raise KGError(E.E201, path="lexicons/indicator_rate_units.tsv", detail=f"line {n}: expected ending, unit, source")
        out.append((parts[0], parts[1]))
    return tuple(sorted(out, key=lambda x: -len(x[0])))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    units = load_units()
    alt = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    q = r"(?P<q1>余|多|几)?"
    tail = (rf"{q}\s?(?P<mult>万|亿)?(?P<q2>余|多)?\s?(?P<unit>{alt})?")
    arabic = re.compile(
        r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\s?\d+)?|[xX×*]{1,4})\s?" + tail)
    cn = re.compile(
        r"(?:(?P<frac>百分之|千分之|十万分之|万分之)|(?=[" + CN_DIGITS + CN_MAGNITUDES + r"]+[余多]?\s?(?:万|亿|" + alt + r")))"
        rf"(?P<num>[{CN_DIGITS}{CN_MAGNITUDES}][{CN_DIGITS}{CN_MAGNITUDES}点]*)" + tail)
    blank = re.compile(r"(?<=[\u4e00-\u9fff])(?P<gap>[ \u3000]{1,4})(?P<unit>" + alt + ")")
    return arabic, cn, blank

