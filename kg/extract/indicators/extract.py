"""The indicator stage: sentence by sentence, the phases in order, then one fact per document."""
from __future__ import annotations

from ...model import Document, Measurement, Mention, Sentence
from ..numbers import to_ascii
from ..registry import rule
from .candidates import _HAS_NUMBER, _candidates
from .naming import name_candidates
from .passes import sentence_passes
from .post import finish
from .subject import _REGION_WORD, period_of
from .tables import table_measurements
from .words import _DELIM_RE


SAID_AGAIN = rule("indicators", "said-again", matches="the same value and unit again under the same name, a name that only "
                  "adds 项目/工作/活动, or holds the other as three quarters of itself", produces="one fact per document")


def extract_measurements(doc: Document, sentences: list[Sentence],
                         institutions: list[Mention]) -> list[Measurement]:
    """All indicator measurements of `doc`, sentence by sentence, in text order."""
    by_sentence: dict[int, list[Mention]] = {}
    for mn in institutions:
        by_sentence.setdefault(mn.sentence, []).append(mn)
    return said_once(sentence_measurements(doc, sentences, by_sentence, 0, doc.text, 0, table_rows(doc, sentences)))


def table_rows(doc: Document, sentences: list[Sentence]) -> dict[int, list[Measurement]]:
    """The sentences that are rows of a table (kg.extract.indicators.tables), each with its
    measurements: the whole document at once (a header row says what the rows below it hold)."""
    if "\t" not in doc.text:
        return {}
    tables, rows = table_measurements(sentences, to_ascii(doc.text), str(doc.year) if doc.year else None)
    out: dict[int, list[Measurement]] = {i: [] for i in rows}
    for m in tables:
        if m.sentence in out:
            out[m.sentence].append(m)
    return out


def sentence_measurements(doc: Document, sentences: list[Sentence], by_sentence: dict[int, list[Mention]],
                          prev_start: int, text: str, offset: int,
                          tables: dict[int, list[Measurement]] | None = None) -> list[Measurement]:
    """The measurements of a run of a document's sentences, before `said_once`: `text` is the
    document's text from `offset` on (from 160 characters, at most, before the run's first sentence,
    but not before the sentence before it, which starts at `prev_start`). A run at a time, so that a
    huge document's runs can be read on several cores (kg.batch) with the same result. `tables`:
    table_rows of the document (of the run, at least): a table row gives those measurements."""
    out: list[Measurement] = []
    doc_period = str(doc.year) if doc.year else None
    full = to_ascii(text)
    for sent in sentences:
        before_start, prev_start = prev_start, sent.start
        if tables and sent.index in tables:
            out.extend(tables[sent.index])
            continue
        a, b = sent.start - offset, sent.end - offset
        if not _HAS_NUMBER.search(full, a, b):
            continue
        t = full[a:b]
        cands = _candidates(t)
        if not cands:
            continue
        before = full[max(before_start, sent.start - 160) - offset:a]
        out.extend(_sentence_measurements(doc, sent, t, cands, by_sentence.get(sent.index, []), doc_period,
                                          before))
    return out


def said_once(out: list[Measurement]) -> list[Measurement]:
    """One fact per document: a repeated passage states the same measurement again
    (also in a shorter wording: 12项某某服务项目 again as 12项某某服务)."""
    seen: dict[tuple, list[tuple[str, str | None]]] = {}
    unique = []
    for m in out:
        # (9项 and 9个 of one list of items are one count; a subject named once and not again is the same)
        key = (m.value, "项" if m.unit == "个" else m.unit, m.period)
        names = seen.setdefault(key, [])
        if SAID_AGAIN.on and m.value is not None and any((n == m.name or _same_wording(n, m.name))
                                       and (subj == m.subject or subj is None or m.subject is None)
                                       for n, subj in names):
            SAID_AGAIN.hit()
            continue
        names.append((m.name, m.subject))
        unique.append(m)
    return unique


def _same_wording(a: str, b: str) -> bool:
    """One name is the other with a generic word after it (…服务 / …服务项目, …检查 / …检查工作), or holds
    it as three quarters of itself (项目主体结构封顶 / 医院项目主体结构封顶: a passage said again)."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4 or short not in long_:
        return False
    return long_.startswith(short) and long_[len(short):] in ("项目", "工作", "活动") or 4 * len(short) >= 3 * len(long_)



def _sentence_measurements(doc, sent, t, cands, insts, doc_period, before=""):
    base = sent.start
    # Institution spans (sentence-relative): numbers inside them are not values.
    spans = [(mn.start - base, mn.end - base, mn) for mn in insts]
    cands = [c for c in cands if not any(a <= c.start < b for a, b, _ in spans)]
    kept = []
    for c in cands:
        if c.cls == "same_period":
            prev = [p for p in kept if p.cls in ("count", "amount", "garbled")]
            if not prev:
                continue
            c.unit, c.cls, c.same_period = prev[-1].unit, prev[-1].cls, True
        kept.append(c)
    cands = kept
    if not cands:
        return []
    period = period_of(t, doc_period)
    dpos = [m.start() for m in _DELIM_RE.finditer(t)]
    region = _REGION_WORD.search(t)
    results = name_candidates(t, cands, spans, dpos)
    results = sentence_passes(results, t, dpos)
    return finish(doc, sent, t, results, spans, dpos, region, period, before)
