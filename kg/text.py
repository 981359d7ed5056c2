"""Text normalisation and sentence splitting (stage: Document → Sentence)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .model import Document, Sentence

# A sentence ends at 。！？；, a newline, or a run of them; closing quotes/brackets stay with it.
# Provinces, municipalities and a few national prefixes a name may start with.
PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
             "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
             "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "中国", "国家", "解放军")
_SENT_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")
_SPACE = re.compile(r"[ \t\u3000\xa0]+")


@lru_cache(maxsize=1 << 16)
def normalise(s: str) -> str:
    """Normalised key for comparing names: NFKC (full→half width), no spaces, lower case (memoised:
    resolution asks for the same few thousand names again and again)."""
    s = unicodedata.normalize("NFKC", s)
    return _SPACE.sub("", s).replace("(", "（").replace(")", "）").lower().strip()


def split_sentences(doc: Document, max_len: int = 400) -> list[Sentence]:
    """Split a document's text into sentences with their character offsets.

    Long runs without a stop (a heading fused to a paragraph, a table flattened
    to one line) are cut at the next comma after `max_len` characters so that a
    relation never spans half a page.
    """
    text = doc.text
    out: list[Sentence] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        _emit(doc.id, text, pos, m.end(), out, max_len)
        pos = m.end()
    _emit(doc.id, text, pos, len(text), out, max_len)
    return out


def _emit(doc_id: str, text: str, start: int, end: int, out: list[Sentence], max_len: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop <= start:
        return
    while stop - start > max_len:
        cut = -1
        for i in range(start + max_len, min(stop, start + 2 * max_len)):
            if text[i] in "，,、":
                cut = i + 1
                break
        if cut < 0:
            break
        out.append(Sentence(doc_id, len(out), start, cut, text[start:cut]))
        start = cut
    out.append(Sentence(doc_id, len(out), start, stop, text[start:stop]))
