"""The in-memory graph (stage: Extractions + Entities → networkx.MultiDiGraph), and back.

The shape is written down in schema/graph.json: nodes keyed by `id` with a `label`;
edges keyed '<TYPE>|<document>|<start>' with a `type`, every edge carrying its document.
Provenance (kg.extract.registry): PARTICIPATES_IN, PARTNERS_WITH and MEASURED edges carry the
`rule` of the record they come from (None when the stage names none); Institution and Program
nodes carry `rules`, the sorted rule names of all their mentions.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable

import networkx as nx

from .model import Entity, Extraction
from .resolve import DocResolution, entity_id, region_id
from .text import normalise

_REGION_WORD = re.compile(r"^(全|我|本|该)?(县|区|市|省|旗|州)$|^(全|我|本)(县|区|市)")


def edge_key(type_: str, document: str, start: int | None = None) -> str:
    return f"{type_}|{document}|{start if start is not None else ''}"


def measured_key(document: str, start: int | None, value, unit: str | None, indicator: str) -> str:
    """Two values may share one raw start (从3万元提高到6万元): value, unit and indicator are in the key."""
    return f"{edge_key('MEASURED', document, start)}|{value}|{unit}|{indicator}"


def build_graph(extractions: list[Extraction], resolutions: list[DocResolution], entities: list[Entity]) -> nx.MultiDiGraph:
    by_id = {e.id: e for e in entities}
    builder = GraphBuilder(lambda eid: bool(by_id[eid].external) if eid in by_id else False)
    for ex, res in zip(extractions, resolutions):
        builder.add(ex, res)
    return builder.finish(entities)


class GraphBuilder:
    """build_graph one document at a time, so that a document's Extraction can be dropped once it
    is in the graph: add(ex, res) as each document is resolved, finish(entities) at the end (an
    entity's name, aliases and documents are known only then). `external(eid)` tells whether an
    institution lies outside its document's region (fixed when the resolver first made it)."""

    def __init__(self, external: Callable[[str], bool]) -> None:
        self.graph = nx.MultiDiGraph()
        self._external = external
        self._rules: dict[str, set[str]] = {}

    def add(self, ex: Extraction, res: DocResolution) -> None:
        add_document(self.graph, ex, res, self._external)
        for m in ex.mentions:
            eid = res.mention_entity.get(id(m))
            if eid is not None and m.rule:
                self._rules.setdefault(eid, set()).add(m.rule)

    def finish(self, entities: list[Entity]) -> nx.MultiDiGraph:
        g = self.graph
        for e in entities:
            attrs = {"id": e.id, "label": e.label, "name": e.name}
            if e.label == "Institution":
                attrs.update(aliases=list(e.aliases), kind=e.kind or "other", region=e.region,
                             external=bool(e.external), documents=list(e.documents), rules=[])
            elif e.label == "Program":
                attrs.update(aliases=list(e.aliases), documents=list(e.documents), rules=[])
            g.add_node(e.id, **attrs)
        for eid, names in self._rules.items():
            if eid in g and "rules" in g.nodes[eid]:
                g.nodes[eid]["rules"] = sorted(names)
        return g


def mention_provenance(extractions: list[Extraction], resolutions: list[DocResolution]) -> list[tuple]:
    """(document, entity id, rule, start, sentence) for the first mention of each entity by each
    rule in each document: which rule found an institution or program where (`kg build --explain`)."""
    out = []
    for ex, res in zip(extractions, resolutions):
        sentences = {s.index: s.text for s in ex.sentences}
        seen = set()
        for m in sorted(ex.mentions, key=lambda m: (m.start, m.end)):
            eid = res.mention_entity.get(id(m))
            if eid is None or (eid, m.rule) in seen:
                continue
            seen.add((eid, m.rule))
            out.append((ex.document.id, eid, m.rule, m.start, sentences.get(m.sentence, m.surface)))
    return out


def _shared(s: str | None) -> str | None:
    """One string object for a value many edges repeat (an entity id, a unit, a period, a rule
    name): each document's records arrive with their own copies, a big graph holds hundreds of thousands."""
    return sys.intern(s) if s else s


def add_document(g: nx.MultiDiGraph, ex: Extraction, res: DocResolution, external: Callable[[str], bool]) -> None:
    """One document's nodes and edges; `external(eid)`: the institution lies outside the region."""
    doc = ex.document
    did = doc.id
    g.add_node(did, id=did, label="Document", title=doc.title, region=doc.region, year=doc.year,
               source=doc.source, sha256=doc.sha256)
    rid = _shared(region_id(doc))
    if rid:
        if rid not in g:
            g.add_node(rid, id=rid, label="Region", name=doc.region)
        g.add_edge(did, rid, key=edge_key("ABOUT", did), type="ABOUT", document=did)
    mentions_key, located_key = edge_key("MENTIONS", did), edge_key("LOCATED_IN", did)    # one string each
    for m in ex.mentions:
        eid = _shared(res.mention_entity.get(id(m)))
        if eid is None:
            continue
        if not g.has_edge(did, eid, key=mentions_key):
            g.add_edge(did, eid, key=mentions_key, type="MENTIONS", document=did)
        if m.type == "institution" and rid and not external(eid):
            if not g.has_edge(eid, rid, key=located_key):
                g.add_edge(eid, rid, key=located_key, type="LOCATED_IN", document=did)
    for r in ex.relations:
        a, b = _shared(res.mention_entity.get(id(r.head))), _shared(res.mention_entity.get(id(r.tail)))
        if a is None or b is None or a == b:
            continue
        if r.type == "participation":
            k = edge_key("PARTICIPATES_IN", did, r.start)
            if not g.has_edge(a, b, key=k):
                g.add_edge(a, b, key=k, type="PARTICIPATES_IN", document=did, evidence=r.evidence, start=r.start,
                           rule=_shared(r.rule))
        else:
            if external(b) and not external(a):
                a, b = b, a               # the partner from elsewhere is the supporting or leading side
            k = edge_key("PARTNERS_WITH", did, r.start)
            if not g.has_edge(a, b, key=k) and not g.has_edge(b, a, key=k):
                g.add_edge(a, b, key=k, type="PARTNERS_WITH", kind=_shared(r.kind or "其他"), document=did,
                           evidence=r.evidence, start=r.start, rule=_shared(r.rule))
    by_surface = {}
    for m in ex.mentions:
        if m.type == "institution" and id(m) in res.mention_entity:
            by_surface.setdefault(m.surface, _shared(res.mention_entity[id(m)]))
            by_surface.setdefault(m.name, _shared(res.mention_entity[id(m)]))
    sentences = {s.index: s for s in ex.sentences}
    for ms in ex.measurements:
        iid = _shared(entity_id("Indicator", "", normalise(ms.name)))
        if iid not in g:
            g.add_node(iid, id=iid, label="Indicator", name=ms.name)
        subj = did
        if ms.subject:
            if ms.subject in by_surface:
                subj = by_surface[ms.subject]
            elif rid and (ms.subject == doc.region or _REGION_WORD.match(ms.subject)):
                subj = rid
        k = measured_key(did, ms.start, ms.value, ms.unit, iid)
        sent = sentences.get(ms.sentence)
        g.add_edge(subj, iid, key=k, type="MEASURED", value=ms.value, unit=_shared(ms.unit), period=_shared(ms.period),
                   raw=ms.raw, subject=_shared(ms.subject), document=did, evidence=sent.text if sent else ms.raw,
                   start=ms.start, rule=_shared(ms.rule))


def graph_from_facts(facts: dict) -> nx.MultiDiGraph:
    """Rebuild the graph from a facts.json export (kg.export.facts)."""
    g = nx.MultiDiGraph()
    for d in facts.get("documents", []):
        g.add_node(d["id"], id=d["id"], label="Document", title=d.get("title"), region=d.get("region"),
                   year=d.get("year"), source=d.get("source"), sha256=d.get("sha256"))
    for r in facts.get("regions", []):
        g.add_node(r["id"], id=r["id"], label="Region", name=r["name"])
        for did in r.get("documents", []):
            if did in g:
                g.add_edge(did, r["id"], key=edge_key("ABOUT", did), type="ABOUT", document=did)
    for i in facts.get("institutions", []):
        g.add_node(i["id"], id=i["id"], label="Institution", name=i["name"], aliases=list(i.get("aliases") or []),
                   kind=i.get("kind") or "other", region=i.get("region"), external=bool(i.get("external")),
                   documents=list(i.get("documents") or []), rules=list(i.get("rules") or []))
        for did in i.get("documents") or []:
            if did in g:
                g.add_edge(did, i["id"], key=edge_key("MENTIONS", did), type="MENTIONS", document=did)
        if i.get("region_id") and i["region_id"] in g and not i.get("external"):
            for did in i.get("documents") or []:
                g.add_edge(i["id"], i["region_id"], key=edge_key("LOCATED_IN", did), type="LOCATED_IN", document=did)
    for p in facts.get("programs", []):
        g.add_node(p["id"], id=p["id"], label="Program", name=p["name"], aliases=list(p.get("aliases") or []),
                   documents=list(p.get("documents") or []), rules=list(p.get("rules") or []))
        for did in p.get("documents") or []:
            if did in g:
                g.add_edge(did, p["id"], key=edge_key("MENTIONS", did), type="MENTIONS", document=did)
    for r in facts.get("participations", []):
        g.add_edge(r["institution"], r["program"], key=edge_key("PARTICIPATES_IN", r["document"], r.get("start")),
                   type="PARTICIPATES_IN", document=r["document"], evidence=r.get("evidence"), start=r.get("start"),
                   rule=r.get("rule"))
    for r in facts.get("partnerships", []):
        g.add_edge(r["a"], r["b"], key=edge_key("PARTNERS_WITH", r["document"], r.get("start")), type="PARTNERS_WITH",
                   kind=r.get("kind"), document=r["document"], evidence=r.get("evidence"), start=r.get("start"),
                   rule=r.get("rule"))
    for r in facts.get("indicators", []):
        iid = r.get("indicator") or entity_id("Indicator", "", normalise(r["name"]))
        if iid not in g:
            g.add_node(iid, id=iid, label="Indicator", name=r["name"])
        subj = r.get("subject") if r.get("subject") in g else r["document"]
        g.add_edge(subj, iid, key=measured_key(r["document"], r.get("start"), r.get("value"), r.get("unit"), iid),
                   type="MEASURED",
                   value=r.get("value"), unit=r.get("unit"), period=r.get("period"), raw=r.get("raw"),
                   subject=r.get("subject_name"), document=r["document"], evidence=r.get("evidence"), start=r.get("start"),
                   rule=r.get("rule"))
    return g
