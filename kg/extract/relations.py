"""Participations and partnerships (stage: Mentions in Sentences → RelationMentions).

A relation needs both ends and a cue inside one clause (a sentence cut at ；; or, for
partnerships, the whole sentence):
- participation: a named institution + a program + a participation cue (开展, 实施, 参加, 纳入,
  创建, 通过, 入选, 获评 …) or the institution as the clause's subject right before the program;
- partnership: two institutions + a cooperation cue (对口支援, 帮扶, 签约/签订/签署, 合作, 共建,
  协作, 医联体, 医共体, 进修, 挂牌, 托管 …). The supporting or leading side comes first:
  "A对口支援B" → (A, B); "B与A签订合作协议" keeps text order; "B选派医生到A进修" → (A, B).
"""
from __future__ import annotations

import re

from ..model import Mention, RelationMention, Sentence

_CLAUSE = re.compile(r"[；;]")
_PARTICIPATION_CUE = re.compile(
    r"开展|实施|推行|推进|参加|参与|加入|纳入|列入|入选|创建|创成|争创|通过|获评|荣获|获得|被评为|被确定为|确定为|评为|成为|"
    r"承担|启动|落实|执行|试点|牵头|建成|建立|申报|获批|达标|顺利|完成|作为|接受|迎接|复审|验收")
# kind, cue pattern; first match in the sentence decides the kind
_PARTNER_CUES = [
    ("进修", re.compile(r"进修|跟班学习|研修")),
    ("对口支援", re.compile(r"对口支援|对口帮扶|帮扶|支援|托管|下派|派驻")),
    ("医联体", re.compile(r"医联体|医疗联合体|医共体|医疗共同体|医疗集团|专科联盟")),
    ("合作共建", re.compile(r"合作共建|共建|签约|签订|签署|合作|挂牌|工作站|分院|联合成立|联合")),
    ("协作", re.compile(r"协作")),
]
_SUPPORT_VERB = re.compile(r"对口支援|对口帮扶|帮扶|支援|托管|指导|带动")
_TRAIN_AT = re.compile(r"[到赴在往去]\s*$")


def extract_relations(sentences: list[Sentence], mentions: list[Mention]) -> list[RelationMention]:
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    out: list[RelationMention] = []
    for sent in sentences:
        ms = by_sentence.get(sent.index)
        if not ms:
            continue
        insts = sorted((m for m in ms if m.type == "institution"), key=lambda m: m.start)
        progs = sorted((m for m in ms if m.type == "program"), key=lambda m: m.start)
        if insts and progs:
            out.extend(_participations(sent, insts, progs))
        if len(insts) >= 2:
            out.extend(_partnerships(sent, insts))
    return out


def _clauses(sent: Sentence) -> list[tuple[int, int]]:
    bounds, pos = [], sent.start
    for m in _CLAUSE.finditer(sent.text):
        bounds.append((pos, sent.start + m.end()))
        pos = sent.start + m.end()
    bounds.append((pos, sent.end))
    return bounds


def _participations(sent: Sentence, insts: list[Mention], progs: list[Mention]) -> list[RelationMention]:
    out = []
    seen = set()
    for lo, hi in _clauses(sent):
        ci = [m for m in insts if lo <= m.start < hi]
        cp = [m for m in progs if lo <= m.start < hi]
        if not ci or not cp:
            continue
        clause = sent.text[lo - sent.start:hi - sent.start]
        if not _PARTICIPATION_CUE.search(clause):
            continue
        for p in cp:
            for i in ci:
                key = (i.name, p.name)
                if key in seen or _overlaps(i, p):
                    continue
                seen.add(key)
                out.append(RelationMention("participation", i, p, sent.index, sent.text, sent.start))
    return out


def _partnerships(sent: Sentence, insts: list[Mention]) -> list[RelationMention]:
    text = sent.text
    kind = None
    for k, rx in _PARTNER_CUES:
        if rx.search(text):
            kind = k
            break
    if kind is None:
        return []
    out = []
    seen = set()
    for x in range(len(insts)):
        for y in range(x + 1, len(insts)):
            a, b = insts[x], insts[y]
            if a.name == b.name or _overlaps(a, b):
                continue
            between = text[a.end - sent.start:b.start - sent.start]
            if "、" in between and len(between) <= 2:
                continue           # two items of one list are not partners of each other
            first, second = a, b
            if kind == "进修":
                # "B选派…到A进修": the place of training supports
                if _TRAIN_AT.search(text[:b.start - sent.start]):
                    first, second = b, a
            elif kind == "对口支援":
                m = _SUPPORT_VERB.search(text)
                if m and m.start() + sent.start < a.start:      # "…支援B的A" is rare; keep text order
                    pass
            key = frozenset((first.name, second.name))
            if key in seen:
                continue
            seen.add(key)
            out.append(RelationMention("partnership", first, second, sent.index, text, sent.start, kind))
    return out


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end
