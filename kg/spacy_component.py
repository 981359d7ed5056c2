"""kg's extraction as a spaCy pipeline component.

    import spacy
    nlp = spacy.blank("zh")              # the default Chinese segmenter is "char": no model, no download
    nlp.add_pipe("kg_facts")             # found through the `spacy_factories` entry point: no `import kg`
    doc = nlp(text)
    doc.spans["kg"]                      # every INSTITUTION, PROGRAM and INDICATOR mention (may overlap)
    doc.ents                             # the same, overlaps resolved (longest first)
    span.kb_id_                          # the graph's node id (Institution/Program/Indicator)
    span._.kg_name, span._.kg_kind       # the name the graph uses; institution kind or programme kind
    doc._.kg_relations                   # participations and partnerships (dicts with head/tail spans and ids)
    doc._.kg_measurements                # indicator values (dicts: indicator, value, unit, period, raw, span …)

The component runs kg.extract.Extractor — the same stages and rules as `kg build` — on doc.text,
then resolves the report's mentions to graph ids with kg.resolve.Resolver and builds the report's
part of the graph with kg.graph.GraphBuilder, as `kg build` does for one report. Spans are aligned to
the tokens with Doc.char_span(alignment_mode="expand") (exact with the char segmenter).

Report metadata goes in doc.user_data["kg"] = {"id": …, "title": …, "region": …, "year": …}; what is
not given is read from the text as the loaders do (title, region, year). The region decides the ids
of scoped names (县人民医院 of which county), so give it when you know it.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .graph import GraphBuilder
from .lexicon import load_lexicon
from .model import Document, Extraction
from .resolve import Resolver, entity_id
from .text import normalise

LABELS = {"institution": "INSTITUTION", "program": "PROGRAM"}
INDICATOR = "INDICATOR"
SPANS_KEY = "kg"


def _extensions() -> None:
    for name in ("kg_relations", "kg_measurements"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("kg_document", "kg_graph"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("kg_name", "kg_kind", "kg_rule"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def kg_document(text: str, meta: dict | None = None) -> Document:
    """The kg Document of a text: metadata from `meta`, else read from the text as the loaders do."""
    from loaders.meta import extract_region, extract_title, extract_year  # noqa: PLC0415
    meta = dict(meta or {})
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    title = meta["title"] if "title" in meta else extract_title(text)
    region = meta["region"] if "region" in meta else extract_region(title, text)
    year = meta["year"] if "year" in meta else extract_year(title, text)
    return Document(id=str(meta.get("id") or f"text-{sha[:12]}"), text=text, source=str(meta.get("source") or ""),
                    sha256=sha, title=title, region=region, year=year)


class KgFacts:
    """The `kg_facts` pipeline component (see the module docstring)."""

    def __init__(self, nlp: Language | None = None, name: str = "kg_facts",
                 lexicons: Iterable[str | Path] = ()) -> None:
        from .extract import Extractor  # noqa: PLC0415
        _extensions()
        self.name = name
        self.lexicon = load_lexicon(list(lexicons))
        self.extractor = Extractor(self.lexicon)

    def extract(self, document: Document) -> tuple[Extraction, dict[int, str], nx.MultiDiGraph]:
        """The extraction of one report, its mentions' graph ids and its part of the graph."""
        ex = self.extractor(document)
        resolver = Resolver(self.lexicon.types)
        res = resolver.add(ex)
        builder = GraphBuilder(resolver.is_external_entity)
        builder.add(ex, res)
        return ex, res.mention_entity, builder.finish(resolver.entities())

    def __call__(self, doc: Doc) -> Doc:
        document = kg_document(doc.text, doc.user_data.get("kg"))
        ex, ids, graph = self.extract(document)
        spans: list[Span] = []
        by_mention: dict[int, Span] = {}
        for m in ex.mentions:
            eid = ids.get(id(m))
            if eid is None or m.type not in LABELS:
                continue
            span = doc.char_span(m.start, m.end, label=LABELS[m.type], kb_id=eid, alignment_mode="expand")
            if span is None:
                continue
            node = graph.nodes.get(eid, {})
            span._.kg_name = node.get("name") or m.name
            span._.kg_kind = m.kind
            span._.kg_rule = m.rule
            spans.append(span)
            by_mention[id(m)] = span
        measurements = []
        for ms in ex.measurements:
            kid = entity_id("Indicator", "", normalise(ms.name))
            span = doc.char_span(ms.start, ms.start + len(ms.raw), label=INDICATOR, kb_id=kid,
                                 alignment_mode="expand")
            if span is not None:
                span._.kg_name = ms.name
                span._.kg_rule = ms.rule
                spans.append(span)
            measurements.append({"indicator": ms.name, "indicator_id": kid, "value": ms.value, "unit": ms.unit,
                                 "period": ms.period, "raw": ms.raw, "subject": ms.subject, "span": span,
                                 "start": ms.start, "rule": ms.rule})
        relations = []
        for r in ex.relations:
            a, b = ids.get(id(r.head)), ids.get(id(r.tail))
            if a is None or b is None or a == b:
                continue
            relations.append({"type": "PARTICIPATES_IN" if r.type == "participation" else "PARTNERS_WITH",
                              "head": by_mention.get(id(r.head)), "tail": by_mention.get(id(r.tail)),
                              "head_id": a, "tail_id": b, "kind": r.kind, "evidence": r.evidence,
                              "start": r.start, "rule": r.rule})
        spans.sort(key=lambda s: (s.start_char, s.end_char, s.label_))
        doc.spans[SPANS_KEY] = spans
        doc.ents = filter_spans(spans)
        doc._.kg_relations = relations
        doc._.kg_measurements = measurements
        doc._.kg_document = document
        doc._.kg_graph = graph
        return doc


@Language.factory("kg_facts", default_config={"lexicons": []})
def make_kg_facts(nlp: Language, name: str, lexicons: list[str]) -> KgFacts:
    """spaCy factory `kg_facts` (registered through the `spacy_factories` entry point of kg)."""
    return KgFacts(nlp, name, lexicons)


def blank_nlp(lexicons: Iterable[str | Path] = ()) -> Language:
    """spacy.blank("zh") with the character segmenter (no model, works offline) and kg_facts."""
    import spacy  # noqa: PLC0415
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("kg_facts", config={"lexicons": [str(p) for p in lexicons]})
    return nlp
