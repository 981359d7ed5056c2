"""Extraction stages: one module each (institutions, programs, indicators, relations).

`Extractor` composes them for one document: sentences → mentions → measurements → relations.
Between the stages: a short name the report declares (以下简称县医院) and a body's new name after an
upgrade or renaming (甲社康中心升级改造为乙社区医院) are mentions of that body; a university or
institute counts only as a partner (of a named body, or of the report's own side: …，与某学院合作).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..lexicon import Lexicon
from ..model import Document, Extraction, Mention, RelationMention, Sentence
from ..text import split_sentences
from .indicators import said_once, sentence_measurements, table_rows, with_campaigns
from .institutions import InstitutionExtractor
from .programs import ProgramExtractor, not_party_work
from .registry import rule
from .relations import VISITING_PARTY, extract_relations, partner_of_the_writer

AFFILIATED = rule("institutions", "affiliated-name", matches="甲医院挂牌成立某大学附属乙医院: a second name taken "
                  "from a university", produces="the second name an alias of 甲医院; the university its partner")
BRACKET_ALIAS = rule("institutions", "bracketed-alias", matches="甲医院（乙医院）: an institution named again in "
                     "brackets right after another", produces="one institution, the bracketed name an alias")

_PARTNER_ONLY_KINDS = {"university", "research_institute"}
# "县人民医院（以下简称县医院）", "(简称“市一院”)": the report declares a short name.
_SHORT_NAME = re.compile(r"[（(](?:以下)?简称[：:]?[“\"]?([^”\"）)，,、]{2,12})[”\"]?[）)]")


# 某大学党委书记某某、…一行到某县…: a university whose leaders head a party visiting the place acts
# as a partner of it (the body's visit, not a person's link)
_LEADER_AFTER = re.compile(r"(?:党委)?(?:副)?(?:书记|校长|院长|所长|主任)|(?:主要)?领导|专家(?:团队|组)?")


def _heads_a_visit(sent: Sentence, m: Mention) -> bool:
    off = sent.start
    return bool(_LEADER_AFTER.match(sent.text, m.end - off)) and bool(VISITING_PARTY.search(sent.text, m.end - off))


class Spans:
    """Character spans [start, end) of one document, indexed by 64-character blocks: does a span
    overlap any span added so far? (Spans are short; a document's thousands of them are not
    compared each with each.) Each span carries an item; `overlapping` lists the items of the
    spans overlapping [a, b), in the order they were added."""

    BLOCK = 64

    def __init__(self, spans=()) -> None:
        self._blocks: dict[int, list[tuple[int, int, int, object]]] = {}
        self._n = 0
        for a, b, *item in spans:
            self.add(a, b, item[0] if item else None)

    def add(self, a: int, b: int, item=None) -> None:
        row = (self._n, a, b, item)
        self._n += 1
        for k in range(a // self.BLOCK, max(a, b - 1) // self.BLOCK + 1):
            self._blocks.setdefault(k, []).append(row)

    def _rows(self, a: int, b: int):
        rows = {}
        for k in range(a // self.BLOCK, max(a, b - 1) // self.BLOCK + 1):
            for row in self._blocks.get(k, ()):
                if row[1] < b and a < row[2]:
                    rows[row[0]] = row
        return [rows[n] for n in sorted(rows)]

    def overlaps(self, a: int, b: int) -> bool:
        for k in range(a // self.BLOCK, max(a, b - 1) // self.BLOCK + 1):
            for _, x, y, _ in self._blocks.get(k, ()):
                if x < b and a < y:
                    return True
        return False

    def overlapping(self, a: int, b: int) -> list:
        return [row[3] for row in self._rows(a, b)]


def _occurring(sentences: list[Sentence], words: list[tuple[str, object]]):
    """Each sentence with the (word, item) pairs of `words` whose word occurs in it, in the order of
    `words` (one Aho-Corasick pass per sentence, not a search per word: a long report declares
    hundreds of short names)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for n, (word, _) in enumerate(words):
        if word:
            auto.add_word(word, n)
    if not len(auto):
        return
    auto.make_automaton()
    for sent in sentences:
        found = {n for _, n in auto.iter(sent.text)}
        if found:
            yield sent, [words[n] for n in sorted(found)]


def declared_aliases(doc: Document, sentences: list[Sentence], insts: list[Mention]) -> list[Mention]:
    """Mentions of the short names a report declares for an institution, wherever they occur."""
    ends = {m.end: m for m in insts}
    declared: dict[str, Mention] = {}
    for m in _SHORT_NAME.finditer(doc.text):
        owner = ends.get(m.start())
        if owner is not None and m.group(1) != owner.name:
            declared[m.group(1)] = owner
    if not declared:
        return []
    owners = {o.name for o in declared.values()}
    taken = Spans((m.start, m.end) for m in insts if m.name in owners)
    out = []
    for sent, present in _occurring(sentences, list(declared.items())):
        for short, owner in present:
            k = sent.text.find(short)
            while k >= 0:                   # every place it starts, overlapping ones too
                a, b = sent.start + k, sent.start + k + len(short)
                k = sent.text.find(short, k + 1)
                if taken.overlaps(a, b):
                    continue
                taken.add(a, b)
                out.append(Mention("institution", owner.name, short, a, b, sent.index, owner.kind, canonical=owner.name))
    return out


def bracketed_aliases(sentences: list[Sentence], insts: list[Mention]) -> list[Mention]:
    """区妇幼保健院（某某纪念医院）: a name in brackets right after an institution is another name of it."""
    if not BRACKET_ALIAS.on:
        return insts
    by_sent: dict[int, list[Mention]] = {}
    for m in insts:
        by_sent.setdefault(m.sentence, []).append(m)
    text_of = {s.index: s for s in sentences}
    other: dict[str, Mention] = {}
    for idx, ms in by_sent.items():
        sent = text_of[idx]
        ms = sorted(ms, key=lambda m: m.start)
        for a, b in zip(ms, ms[1:]):
            lead = sent.text[a.end - sent.start:b.start - sent.start]
            close = sent.text[b.end - sent.start:b.end - sent.start + 1]
            if lead in ("（", "(") and close in ("）", ")") and a.name != b.name:
                other.setdefault(b.name, a)
    if not other:
        return insts
    BRACKET_ALIAS.hit(len(other))
    return [Mention(m.type, other[m.name].name, m.surface, m.start, m.end, m.sentence, other[m.name].kind,
                    canonical=other[m.name].name, rule=BRACKET_ALIAS.name) if m.name in other else m for m in insts]


# 甲医院挂牌成立某大学附属乙医院: the hospital's second name, and the university its partner.
_AFFILIATED_BY = re.compile(r"(?:挂牌成立|挂牌为|加挂|挂牌|揭牌成立|成为|被?授予|被?确定为|被?批准为|被?认定为)$")
_AFFILIATED_AFTER_COMMA = re.compile(r"[，,](?:并|同时|还|正式)?(?:挂牌成立|挂牌为|加挂|揭牌成立|被?授予|被?确定为|被?批准为)$")
_AFFILIATED_NAME = re.compile(r"^(.{2,12}(?:大学|医学院|医科大学|学院))(?=.{1,12}(?:医院|中心)$)")


def affiliated_names(sentences: list[Sentence], insts: list[Mention]) -> tuple[list[Mention], list[RelationMention]]:
    """甲医院挂牌成立某大学附属医院: the new name is the hospital's own (an alias), the university a partner."""
    if not AFFILIATED.on:
        return insts, []
    by_sent: dict[int, list[Mention]] = {}
    for m in insts:
        by_sent.setdefault(m.sentence, []).append(m)
    text_of = {s.index: s for s in sentences}
    second: dict[int, Mention] = {}
    rels = []
    for idx, ms in by_sent.items():
        sent = text_of[idx]
        ms = sorted(ms, key=lambda m: m.start)
        pairs = [(a, b, False) for a, b in zip(ms, ms[1:])]
        if ms[0].start - sent.start <= 4 and ms[0].kind not in _PARTNER_ONLY_KINDS:
            # "甲医院与某大学签约，挂牌成立某大学教学医院": a later phrase's title is the subject's
            pairs += [(ms[0], b, True) for b in ms[1:]
                      if _AFFILIATED_AFTER_COMMA.search(sent.text, 0, b.start - sent.start)]
        for a, b, via_comma in pairs:
            between = sent.text[a.end - sent.start:b.start - sent.start]
            uni = _AFFILIATED_NAME.match(b.name)
            if id(b) in second or uni is None or a.name == b.name:
                continue
            if not via_comma and (len(between) > 6 or not _AFFILIATED_BY.search(between)):
                continue
            if sent.text[b.end - sent.start:b.end - sent.start + 1] == "的":
                continue           # 甲医院成为某大学附属医院的协作医院: the university's hospital is the partner, not a name
            u = Mention("institution", uni.group(1), uni.group(1), b.start, b.start + len(uni.group(1)), idx,
                        "university", rule=AFFILIATED.name)
            second[id(b)] = Mention("institution", a.name, b.surface, b.start, b.end, idx, a.kind, canonical=a.name,
                                    rule=AFFILIATED.name)
            AFFILIATED.hit()
            rels.append(RelationMention("partnership", u, a, idx, sent.text, sent.start, "合作共建", rule=AFFILIATED.name))
    if not second:
        return insts, []
    out = [second.get(id(m), m) for m in insts]
    out += [r.head for r in rels]
    return out, rels


WRITER_SELF = rule("institutions", "writer-self", matches="我院/本院 in the report of one institution (the title names "
                   "exactly one: 某县人民医院2023年工作总结)", produces="a mention of that institution")
_SELF = re.compile(r"我院|本院")
_REPORT_TITLE = re.compile(r"总结|计划|报告|要点|汇报|工作|情况|简介|概况")


def writer_self(doc: Document, sentences: list[Sentence], insts: list[Mention], extractor) -> list[Mention]:
    """我院 / 本院 in a hospital's own report is that hospital: the one institution its title names."""
    if not WRITER_SELF.on or not doc.title or not _REPORT_TITLE.search(doc.title) or "院" not in doc.text:
        return []
    title = Sentence(doc.id, -1, 0, len(doc.title), doc.title)
    named = extractor.sentence(title, doc.region)
    if len({m.name for m in named}) != 1:
        return []
    name, kind = named[0].name, named[0].kind
    taken = Spans((m.start, m.end) for m in insts)
    out = []
    for sent in sentences:
        for m in _SELF.finditer(sent.text):
            a, b = sent.start + m.start(), sent.start + m.end()
            if taken.overlaps(a, b):
                continue
            WRITER_SELF.hit()
            out.append(Mention("institution", name, m.group(), a, b, sent.index, kind, canonical=name,
                               rule=WRITER_SELF.name))
    return out


# A body renamed or upgraded is the same body under a second name: 甲社康中心升级改造为乙社区医院.
_RENAMED = re.compile(r"(?:升级改造|改造升级|升级|改造|改建|更名|改名|转型|转设)(?:成为|为|成)")


def renamed_bodies(sentences: list[Sentence], insts: list[Mention]) -> list[Mention]:
    """Mentions of a body's new name become mentions of the body (its new name an alias)."""
    by_sent: dict[int, list[Mention]] = {}
    for m in insts:
        by_sent.setdefault(m.sentence, []).append(m)
    new_of: dict[str, Mention] = {}
    for sent in sentences:
        ms = sorted(by_sent.get(sent.index, ()), key=lambda m: m.start)
        for a, b in zip(ms, ms[1:]):
            between = sent.text[a.end - sent.start:b.start - sent.start]
            if _RENAMED.fullmatch(between) and a.name != b.name:
                new_of.setdefault(b.name, a)
    if not new_of:
        return insts
    return [Mention(m.type, new_of[m.name].name, m.surface, m.start, m.end, m.sentence, new_of[m.name].kind,
                    canonical=new_of[m.name].name) if m.name in new_of else m for m in insts]


# What a named scheme drops when the report refers to it again: 乡村医疗机构标准化建设攻坚行动 → 乡村医疗机构标准化建设.
_QUOTE_MARK = re.compile(r"[“”\"]")
_SCHEME_TRAIL = re.compile(r"(攻坚行动|专项行动|行动计划|行动|活动|工程|项目|试点)$")


def short_program_mentions(sentences: list[Sentence], progs: list[Mention], insts: list[Mention]) -> list[Mention]:
    """Later mentions of a named scheme by its core, without the program word ("抓乡村医疗机构标准化建设"
    after "乡村医疗机构标准化建设攻坚行动"): they are the same program."""
    cores: dict[str, str] = {}
    for m in progs:
        if m.canonical is None and not _QUOTE_MARK.search(m.name):
            core = _SCHEME_TRAIL.sub("", m.name)
            if core != m.name and len(core) >= 6:
                cores.setdefault(core, m.name)
    if not cores:
        return []
    taken = Spans([(m.start, m.end) for m in progs] + [(m.start, m.end) for m in insts])
    out = []
    for sent, present in _occurring(sentences, list(cores.items())):
        for core, full in present:
            k = sent.text.find(core)
            while k >= 0:
                a, b = sent.start + k, sent.start + k + len(core)
                if not taken.overlaps(a, b):
                    taken.add(a, b)
                    out.append(Mention("program", full, core, a, b, sent.index))
                k = sent.text.find(core, k + len(core))
    return out


class Extractor:
    """One document's extraction: `extractor(doc)`.

    The sentence-by-sentence work (institutions, programmes, measurements: most of the time) runs
    over runs of sentences through `part`; everything that looks across the document runs once in
    between. `extractor(doc, pmap)` hands the runs of a huge document to `pmap` (a list of `part`
    argument tuples → their results, in order: kg.batch maps them over its worker processes); the
    result is the same as one run of every sentence, which is what `extractor(doc)` does."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.institutions = InstitutionExtractor(lexicon)
        self.programs = ProgramExtractor(lexicon)

    def part(self, phase: str, doc: Document, sentences: list[Sentence], by_sentence: dict | None = None,
             prev_start: int = 0, text: str = "", offset: int = 0, tables: dict | None = None):
        """One phase over a run of sentences. `doc` needs only its metadata (id, region, year): a
        huge document's text is not sent along with each run; `text` is the document's text from
        `offset` on (the measurements' look-back before the run, the run itself)."""
        if phase == "institutions":
            return self.institutions(doc, sentences)
        if phase == "programs":
            return self.programs.collect(doc, sentences, by_sentence)
        if phase == "measurements":
            return sentence_measurements(doc, sentences, by_sentence, prev_start, text, offset, tables)
        raise ValueError(phase)

    def __call__(self, doc: Document, pmap: Callable[[list[tuple]], list] | None = None,
                 run_chars: int = 200_000) -> Extraction:
        sentences = split_sentences(doc)
        if pmap is None:
            runs, meta = [sentences], doc

            def pmap(tasks: list[tuple]) -> list:
                return [self.part(*t) for t in tasks]
        else:
            runs, meta = sentence_runs(sentences, run_chars), replace(doc, text="", original=None)

        def by_run(rows: dict[int, list]) -> list[dict[int, list]]:
            return [{s.index: rows[s.index] for s in run if s.index in rows} for run in runs]

        insts = [m for part in pmap([("institutions", meta, run) for run in runs]) for m in part]
        declared = declared_aliases(doc, sentences, insts)
        if declared:          # a declared short name wins over what the grammar made of it
            index = Spans((d.start, d.end, d) for d in declared)
            insts = [m for m in insts if not any(m.name != d.name for d in index.overlapping(m.start, m.end))] \
                + declared
        insts += writer_self(doc, sentences, insts, self.institutions)
        insts = renamed_bodies(sentences, insts)
        insts = bracketed_aliases(sentences, insts)
        insts, affiliations = affiliated_names(sentences, insts)
        spans: dict[int, list[tuple[int, int]]] = {}
        for m in insts:
            spans.setdefault(m.sentence, []).append((m.start, m.end))
        progs, party = [], {}
        for found, party_work in pmap([("programs", meta, run, rows) for run, rows in zip(runs, by_run(spans))]):
            progs += found
            party.update(dict.fromkeys(party_work))
        progs = not_party_work(progs, party)
        titles = [p for p in progs if p.kind == "designation"]
        if titles:            # 创建省级示范某某服务中心: a title, not the body it reads like
            index = Spans((t.start, t.end) for t in titles)
            insts = [m for m in insts if not index.overlaps(m.start, m.end)]
        progs += short_program_mentions(sentences, progs, insts)
        mentions = insts + progs
        relations = extract_relations(sentences, [m for m in mentions if m.rule != AFFILIATED.name
                                                  or m.kind != "university"]) + affiliations
        # universities and institutes count as institutions only when they act as partners
        partners = [r for r in relations if r.type == "partnership"]
        related = {id(r.head) for r in partners} | {id(r.tail) for r in partners}
        by_index = {s.index: s for s in sentences}
        keep = [m for m in mentions
                if not (m.type == "institution" and m.kind in _PARTNER_ONLY_KINDS and id(m) not in related
                        and not partner_of_the_writer(by_index[m.sentence], m)
                        and not _heads_a_visit(by_index[m.sentence], m))]
        kept = {id(m) for m in keep}
        relations = [r for r in relations if id(r.head) in kept and id(r.tail) in kept]
        insts = [m for m in keep if m.type == "institution"]
        inst_of: dict[int, list[Mention]] = {}
        for m in insts:
            inst_of.setdefault(m.sentence, []).append(m)
        tables = table_rows(doc, sentences)
        tasks = []
        for k, (run, rows, table) in enumerate(zip(runs, by_run(inst_of), by_run(tables))):
            prev = runs[k - 1][-1].start if k and runs[k - 1] else 0
            lo = max(prev, run[0].start - 160) if run and len(runs) > 1 else 0
            text = doc.text[lo:run[-1].end] if len(runs) > 1 and run else doc.text
            tasks.append(("measurements", meta, run, rows, prev, text, lo, table))
        measurements = said_once([x for part in pmap(tasks) for x in part])
        measurements = with_campaigns(measurements, sentences, [m for m in keep if m.type == "program"])
        keep.sort(key=lambda m: (m.start, m.end, m.type))
        ex = Extraction(doc, sentences, keep, measurements, relations)
        return as_written(ex) if doc.original is not None else ex


def sentence_runs(sentences: list[Sentence], chars: int) -> list[list[Sentence]]:
    """The sentences in runs of about `chars` characters each, in order."""
    runs: list[list[Sentence]] = [[]]
    size = 0
    for s in sentences:
        if size >= chars:
            runs.append([])
            size = 0
        runs[-1].append(s)
        size += s.end - s.start
    return runs


def as_written(ex: Extraction) -> Extraction:
    """Read as simplified, quoted as written: a report in traditional characters keeps its own
    characters in evidence, raw values and surfaces; names stay simplified, their written form an alias."""
    orig, text = ex.document.original, ex.document.text
    if orig is None or len(orig) != len(text):
        return ex

    def written(a: int, b: int, s: str) -> str:
        return orig[a:b] if text[a:b] == s else s

    sentences = [Sentence(s.doc_id, s.index, s.start, s.end, orig[s.start:s.end]) for s in ex.sentences]
    by_index = {s.index: s for s in ex.sentences}
    for m in ex.mentions:
        w = written(m.start, m.end, m.surface)
        if w != m.surface:
            if m.name == m.surface:
                m.written = w
            elif m.name.endswith(m.surface):
                m.written = m.name[:-len(m.surface)] + w
            m.surface = w
    for r in ex.relations:
        r.evidence = orig[r.start:r.start + len(r.evidence)]
    for ms in ex.measurements:
        ms.raw = written(ms.start, ms.start + len(ms.raw), ms.raw)
        sent = by_index.get(ms.sentence)
        if sent is not None:
            k = sent.text.find(ms.name)
            if k >= 0:
                ms.name = orig[sent.start + k:sent.start + k + len(ms.name)]
            if ms.subject:
                k = sent.text.find(ms.subject)
                if k >= 0:
                    ms.subject = orig[sent.start + k:sent.start + k + len(ms.subject)]
    ex.sentences = sentences
    return ex
