"""Indicator tables: rows of cells (the loaders join a table row's cells with tabs).

    指标            单位    目标值    完成值
    家庭医生签约率   %       60        62.5

A row whose first cell is a measure's name and whose other cells hold numbers gives one measurement:
the value of the column the header calls the result (完成, 实际, the latest year), else the last
number of the row; the unit from the cell, a unit column, or a unit in brackets after the name or
the column's heading.
"""
from __future__ import annotations

import re

from ...model import Measurement, Sentence
from ..registry import rule
from .candidates import _candidates

TABLE_ROW = rule("indicators", "table-row", matches="a table row: a name cell, then cells of numbers (a header row "
                 "above says which column is the result and may give the unit)",
                 produces="name cell + the result column's number and unit")

_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"[0-9]")
_PLAIN_NUMBER = re.compile(r"^[<>≤≥＜＞约]?\s*(-?[0-9]+(?:\.[0-9]+)?)\s*$")
_BRACKET_UNIT = re.compile(r"[（(]\s*([^（()）]{1,6}?)\s*[)）]\s*$")
# Column headings: the result, the target, the unit.
_RESULT_HEAD = re.compile(r"完成|实际|实绩|结果|现状|现值|达到|本期|本年|累计|数值|情况")
_TARGET_HEAD = re.compile(r"目标|计划|任务|要求|标准|指标值|预期|上年|去年|同期")
_YEAR_HEAD = re.compile(r"^(?:19|20)[0-9]{2}年?(?:度|底|末)?")
_UNIT_HEAD = re.compile(r"^(?:计量)?单位$")
_NAME_HEAD = re.compile(r"指标|项目|名称|内容")
# Units a unit column or a bracket may give (anything _candidates reads after a number).
_UNITS = ("%", "‰", "/10万", "人", "人次", "万人次", "万元", "亿元", "元", "个", "家", "所", "张", "名", "户", "例", "份",
          "次", "项", "台", "辆", "间", "平方米", "万", "亿")


def _cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("\t")]


def _number(cell: str) -> tuple[float, str, int, int] | None:
    """(value, unit, start, end) of the one number a cell holds; unit '' when it has none."""
    m = _PLAIN_NUMBER.match(cell)
    if m:
        return float(m.group(1)), "", m.start(1), m.end(1)
    cands = [c for c in _candidates("值：" + cell) if not c.placeholder]
    if len(cands) != 1 or cands[0].value is None:
        return None
    c = cands[0]
    if len(cell) - (c.end - c.start) > 3:
        return None                       # a cell of words with a number inside: not a value cell
    return float(c.value), c.unit or "", c.start - 2, c.end - 2


def _unit_of(text: str | None) -> str:
    if not text:
        return ""
    m = _BRACKET_UNIT.search(text)
    u = (m.group(1) if m else text).strip()
    return u if u in _UNITS else ""


def _header(cells: list[str]) -> bool:
    """A header row: words only, no numbers except years."""
    return len(cells) >= 2 and all(not _DIGIT.search(c) or _YEAR_HEAD.match(c) for c in cells) \
        and any(_CJK.search(c) for c in cells)


def _result_column(header: list[str], numeric: list[int]) -> int | None:
    """The column of the result among the row's numeric columns, by the header's words."""
    usable = [k for k in numeric if k < len(header)]
    results = [k for k in usable if _RESULT_HEAD.search(header[k]) and not _TARGET_HEAD.search(header[k])]
    if results:
        return results[-1]
    years = [k for k in usable if _YEAR_HEAD.match(header[k])]
    if years:
        return max(years, key=lambda k: header[k])
    plain = [k for k in usable if not _TARGET_HEAD.search(header[k])]
    return plain[-1] if plain else None


def table_measurements(sentences: list[Sentence], full: str, period: str | None) -> tuple[list[Measurement], set[int]]:
    """Measurements of the table rows among `sentences` (text `full`, ASCII digits) and the indexes
    of the sentences read as table rows (the sentence rules leave those alone)."""
    out: list[Measurement] = []
    rows: set[int] = set()
    if not TABLE_ROW.on:
        return out, rows
    header: list[str] | None = None
    last_end = -2
    for sent in sentences:
        t = full[sent.start:sent.end]
        if "\t" not in t:
            header = None
            continue
        if sent.start > last_end + 2:
            header = None                 # not the next line of the same table
        last_end = sent.end
        cells = _cells(t)
        if _header(cells):
            header = cells
            continue
        name = cells[0]
        if not (2 <= len(name) <= 30 and _CJK.search(name)) or _DIGIT.search(name):
            continue
        numbers = {k: n for k, c in enumerate(cells[1:], 1) if c and (n := _number(c)) is not None}
        if not numbers:
            continue
        rows.add(sent.index)
        if header is not None and len(header) == len(cells):
            col = _result_column(header, sorted(numbers))
        else:
            col = max(numbers)
        if col is None:
            continue
        value, unit, _a, b = numbers[col]
        if not unit:
            unit_col = next((k for k, h in enumerate(header or ()) if _UNIT_HEAD.match(h)), None)
            unit = (_unit_of(cells[unit_col]) if unit_col is not None and unit_col < len(cells) else "") \
                or _unit_of(name) or _unit_of(header[col] if header is not None and col < len(header) else None)
        if not unit:
            continue                      # a bare number with no unit anywhere: not a measure we can state
        clean_name = _BRACKET_UNIT.sub("", name).strip() or name
        # raw: from the name cell to the end of the value in its cell
        pos, p = [], 0
        for piece in t.split("\t"):
            pos.append(p + len(piece) - len(piece.lstrip()))
            p += len(piece) + 1
        start, end = pos[0], pos[col] + b
        TABLE_ROW.hit()
        out.append(Measurement(clean_name, value, unit, t[start:end], sent.index, sent.start + start,
                               None, period, rule=TABLE_ROW.name))
    return out, rows
