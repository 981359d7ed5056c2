"""Compilation splitting: one file holding 第1篇 … 第N篇 → one report per section.

Text before the first section (site header, the compilation's own title, a table of
contents) is dropped; the teaser list after the last section is cut by the cleaner's
tail rules; a section that is only a teaser (a heading plus a line or two cut off
with "…", or a table-of-contents repetition of a heading) is dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import clean_lines, is_teaser, normalise_raw

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
# 第3篇 / 第三篇 title, and the 篇三：title / 【篇三】title / 【范文三】title / 文章三：title style of essay sites.
HEADING = re.compile(
    r"^[ \t]*(?:第[ \t]*(\d{1,3}|[一二三四五六七八九十百零〇两]{1,4})[ \t]*篇(?![章幅目])"
    r"|[【\[](?:篇|范文|文章)[ \t]*(\d{1,3}|[一二三四五六七八九十百零〇两]{1,4})[】\]]"
    r"|(?:篇|范文|文章)[ \t]*(\d{1,3}|[一二三四五六七八九十百零〇两]{1,4})(?=[ \t]*[:：、.．]|[ \t]*$|[ \t]+))"
    r"[ \t]*[:：、.．]?[ \t]*(.*?)[ \t]*$",
    re.M,
)
_WORD_COUNT = re.compile(r"(?:[\s,，、(（]*(?:约|共|全文)?\s*\d+\s*字[)）]?)+\s*$")
MIN_REPORT_CHARS = 150  # a section with less cleaned prose than this is a teaser, not a report


@dataclass(slots=True, frozen=True)
class Section:
    number: int        # n as the file numbers it (第3篇 → 3)
    title: str | None  # the heading without "第N篇" and without the word count
    text: str          # cleaned text of the section (title line first, when there is one)


def cn_number(s: str) -> int | None:
    """'12' → 12, '十二' → 12, '二十一' → 21, '一百零五' → 105; None if not a number."""
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            cur = _CN_DIGITS[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


def heading_title(rest: str) -> str | None:
    """The title on a 第N篇 heading line, without a trailing word count ("1850字")."""
    t = _WORD_COUNT.sub("", rest).strip(" \t:：、.．-—")
    return t or None


def split_compilation(text: str) -> list[Section] | None:
    """Sections of a compilation, or None when the text is a single report.

    A compilation has headings 第n篇 at the start of a line for at least two distinct n.
    """
    text = normalise_raw(text)
    heads = []
    for m in HEADING.finditer(text):
        n = cn_number(m.group(1) or m.group(2) or m.group(3))
        if n is not None and n > 0:
            heads.append((m.start(), m.end(), n, heading_title(m.group(4))))
    if len({h[2] for h in heads}) < 2:
        return None
    best: dict[int, Section] = {}
    for short_ok in (False, True):
        _sections(text, heads, best, short_ok)
        if best:
            break      # a file of short reports only: each section that holds a sentence is one
    return [best[n] for n in sorted(best)]


def _sections(text: str, heads: list, best: dict[int, Section], short_ok: bool) -> None:
    for i, (start, end, n, title) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        lines = clean_lines(text[end:stop])
        if not (_is_report(lines) or (short_ok and any("。" in x for x in lines if not is_teaser(x)))):
            continue  # teaser or table-of-contents entry
        if title and lines and lines[0] == title:
            lines = lines[1:]
        body = "\n".join(([title] if title else []) + lines)
        sec = Section(n, title, body)
        if n not in best or len(body) > len(best[n].text):
            best[n] = sec


def _is_report(lines: list[str]) -> bool:
    prose = [x for x in lines if not is_teaser(x)]
    return sum(len(x) for x in prose) >= MIN_REPORT_CHARS
