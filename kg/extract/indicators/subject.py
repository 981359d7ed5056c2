"""Phase 3: subject and period of a measurement (the institution of its clause, a region word, the year)."""
from __future__ import annotations

import re

from .words import _clause_start

_REGION_WORD = re.compile(r"(?:全|我|本)(?:县|市|区|镇|乡|旗|州|省)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s?年")


def _in_brackets(t: str, a: int, limit: int) -> bool:
    """Whether position a sits inside a bracket that closes before limit."""
    opened = max(t.rfind("(", 0, a), t.rfind("（", 0, a))
    if opened < 0 or max(t.rfind(")", opened, a), t.rfind("）", opened, a)) >= 0:
        return False
    closed = min([k for k in (t.find(")", a, limit), t.find("）", a, limit)) if k >= 0] or [-1])
    return closed >= 0



def subject_of(c, spans, dpos: list[int], t: str, region, doc) -> str | None:
    """The institution mention of the clause (not one listed in brackets before the number), else a region
    word of the sentence (全县, 我市), else the document's region."""
    subject = None
    for a, b, mn in spans:
        if b <= c.start and a >= _clause_start(dpos, c.start) - 40 and not _in_brackets(t, a, c.start):
            subject = mn.surface      # (not a body listed in brackets before it: …(甲医院、乙医院)，5个项目…)
    if subject is None:
        subject = region.group(0) if region else doc.region
    return subject


def period_of(t: str, doc_period: str | None) -> str | None:
    """The year the sentence names, else the document's year."""
    ym = _YEAR.search(t)
    return ym.group(1) if ym else doc_period
