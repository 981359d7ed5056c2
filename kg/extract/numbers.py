"""Number parsing helpers for indicator extraction.

Arabic numbers (1,234.5, full-width digits, a stray space after the decimal point as
OCR leaves it: 89. 46), Chinese numerals (三十五, 两千, 百分之九十八, 十万分之十二).
Chinese numerals go through cn2an, and only for candidate spans.
"""
from __future__ import annotations

import functools
import re

import cn2an

# One-to-one character map (offsets are preserved): full-width digits and signs to ASCII.
FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．％＋－／：ｘＸ＊", "0123456789.%+-/:xX*"
)

CN_DIGITS = "零〇一二两三四五六七八九"
CN_MAGNITUDES = "十百千万亿"
_CN_ONLY = re.compile(f"^[{CN_DIGITS}{CN_MAGNITUDES}点]+$")
# Fractions written in words: 百分之九十八 → (98, "%").
CN_FRACTIONS = {"百分之": "%", "千分之": "‰", "十万分之": "/10万", "万分之": "‱"}


_SEPARATORS = re.compile(r"[,\s]")

_HAS_FULLWIDTH = re.compile("[" + re.escape("".join(map(chr, FULLWIDTH))) + "]")


def to_ascii(text: str) -> str:
    """Same length as `text`, full-width digits and signs turned into ASCII (str.translate walks a
    text of Chinese characters one dict lookup at a time: only when there is something to turn)."""
    return text.translate(FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text


def parse_arabic(s: str) -> float:
    """'1,234.5' → 1234.5; '89. 46' → 89.46."""
    return float(_SEPARATORS.sub("", s))


@functools.lru_cache(maxsize=4096)
def parse_chinese(s: str) -> float | None:
    """'三十五' → 35.0, '两千' → 2000.0, '三点五' → 3.5; None when it is not a numeral (memoised:
    cn2an takes ~70 µs a numeral, and reports repeat the same few)."""
    if not s or not _CN_ONLY.match(s):
        return None
    try:
        v = cn2an.cn2an(s, "smart")
    except Exception:  # cn2an raises plain ValueError/its own errors on odd input
        return None
    return float(v)


def parse_chinese_fraction(s: str) -> tuple[float, str] | None:
    """'百分之九十八' → (98.0, '%'); '十万分之十二' → (12.0, '/10万')."""
    for prefix in sorted(CN_FRACTIONS, key=len, reverse=True):
        if s.startswith(prefix):
            v = parse_chinese(s[len(prefix):])
            return None if v is None else (v, CN_FRACTIONS[prefix])
    return None
