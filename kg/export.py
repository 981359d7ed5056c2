"""facts.json (../shared/eval/FORMAT.md): the graph as one JSON object, deterministic byte for byte.

write_facts streams it: one row per line, each row encoded by orjson as it is made, so the file is
never held in memory as one string (nor as one dict of every row).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson

import networkx as nx

from .errors import E, KGError


def _nodes(g: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """The nodes' attributes by label, each list in the order of the node ids (one pass over the graph)."""
    out: dict[str, list[dict]] = {}
    for _, d in sorted(g.nodes(data=True), key=lambda x: x[0]):
        out.setdefault(d.get("label"), []).append(d)
    return out


def _edges(g: nx.MultiDiGraph, *types: str) -> dict[str, list[tuple]]:
    """The (u, v, attributes) of the edges of `types` by type, each list in the order of its
    document, start and ends (one pass over the graph)."""
    keyed: dict[str, list[tuple]] = {t: [] for t in types}
    for i, (u, v, d) in enumerate(g.edges(data=True)):
        rows = keyed.get(d.get("type"))
        if rows is not None:
            start = d.get("start")
            # sorted as tuples, the edge's place in the graph last (a stable sort, nothing compares the dicts)
            rows.append((d.get("document") or "", -1 if start is None else start, u, v, i, d))
    out: dict[str, list[tuple]] = {}
    for t, rows in keyed.items():
        rows.sort()
        out[t] = [(u, v, d) for _, _, u, v, _, d in rows]
    return out


def sections(g: nx.MultiDiGraph) -> Iterator[tuple[str, Iterator[dict]]]:
    """The sections of facts.json in order, each with its rows made one at a time."""
    nodes = _nodes(g)
    edges = _edges(g, "LOCATED_IN", "PARTICIPATES_IN", "PARTNERS_WITH", "MEASURED")
    located = {}
    for u, v, d in edges.pop("LOCATED_IN"):
        located.setdefault(u, v)
    yield "documents", (
        {"id": d["id"], "title": d.get("title"), "region": d.get("region"), "year": d.get("year"),
         "source": d.get("source"), "sha256": d.get("sha256")}
        for d in nodes.get("Document", ()))
    yield "regions", (
        {"id": r["id"], "name": r["name"],
         "documents": sorted({u for u, _, d in g.in_edges(r["id"], data=True) if d.get("type") == "ABOUT"})}
        for r in nodes.get("Region", ()))
    yield "institutions", (
        {"id": i["id"], "name": i["name"], "aliases": sorted(i.get("aliases") or []), "kind": i.get("kind"),
         "region": i.get("region"), "external": bool(i.get("external")), "region_id": located.get(i["id"]),
         "documents": sorted(i.get("documents") or []), "rules": sorted(i.get("rules") or [])}
        for i in nodes.get("Institution", ()))
    yield "programs", (
        {"id": p["id"], "name": p["name"], "aliases": sorted(p.get("aliases") or []),
         "documents": sorted(p.get("documents") or []), "rules": sorted(p.get("rules") or [])}
        for p in nodes.get("Program", ()))
    yield "participations", (
        {"institution": u, "program": v, "document": d["document"], "evidence": d.get("evidence"), "start": d.get("start"),
         "rule": d.get("rule")}
        for u, v, d in edges["PARTICIPATES_IN"])
    yield "partnerships", (
        {"a": u, "b": v, "kind": d.get("kind"), "document": d["document"], "evidence": d.get("evidence"),
         "start": d.get("start"), "rule": d.get("rule")}
        for u, v, d in edges["PARTNERS_WITH"])
    yield "indicators", (
        {"name": g.nodes[v]["name"], "indicator": v, "value": d.get("value"), "unit": d.get("unit"),
         "subject": u if g.nodes[u].get("label") in ("Institution", "Region") else None,
         "subject_name": d.get("subject"), "document": d["document"], "period": d.get("period"),
         "raw": d.get("raw"), "evidence": d.get("evidence"), "start": d.get("start"), "rule": d.get("rule")}
        for u, v, d in edges["MEASURED"])


def facts(g: nx.MultiDiGraph) -> dict:
    """facts.json as one dict (what write_facts streams)."""
    return {key: list(rows) for key, rows in sections(g)}


def write_facts(g: nx.MultiDiGraph, path: Path) -> Path:
    """Write facts.json atomically (a temporary file renamed into place), one row per line."""
    tmp = path.with_suffix(".json.tmp")
    try:
        with tmp.open("wb") as f:
            first = True
            for key, rows in sections(g):
                f.write(b"{" if first else b"],\n")
                first = False
                f.write(orjson.dumps(key) + b":[")
                sep = b"\n"
                for row in rows:
                    f.write(sep + orjson.dumps(row))
                    sep = b",\n"
                f.write(b"\n")
            f.write(b"]}\n" if not first else b"{}\n")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise KGError(E.E203, path=path, detail=exc.strerror or str(exc)) from None
    return path


# --- kg build --explain ----------------------------------------------------------------------------

EXPLAIN_COLUMNS = ("document", "category", "fact", "rule", "evidence")
RULE_COLUMNS = ("stage", "rule", "hits", "documents", "on", "matches", "produces")
_CATEGORIES = ("institution", "program", "participation", "partnership", "indicator")


def _value(v) -> str:
    if v is None:
        return "x"
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e15 else repr(float(v))


def explain_rows(g: nx.MultiDiGraph, provenance=()) -> list[dict]:
    """Every fact of the graph with the rule that produced it and its evidence sentence.
    `provenance`: kg.graph.mention_provenance rows — which rule found each institution and program
    in each document (one row per entity, document and rule)."""
    def name(n: str) -> str:
        return g.nodes[n].get("name") or n

    rows: list[tuple] = []
    for did, eid, rule, start, sentence in provenance:
        node = g.nodes[eid] if eid in g else None
        if node is None or node.get("label") not in ("Institution", "Program"):
            continue
        if node["label"] == "Institution":
            cat, fact = "institution", f"{node['name']} [{node.get('kind') or 'other'}]"
        else:
            cat, fact = "program", node["name"]
        rows.append((did, cat, start, fact, rule, sentence))
    edges = _edges(g, "PARTICIPATES_IN", "PARTNERS_WITH", "MEASURED")
    for u, v, d in edges["PARTICIPATES_IN"]:
        rows.append((d["document"], "participation", d.get("start"), f"{name(u)} → {name(v)}", d.get("rule"),
                     d.get("evidence")))
    for u, v, d in edges["PARTNERS_WITH"]:
        rows.append((d["document"], "partnership", d.get("start"), f"{name(u)} → {name(v)} ({d.get('kind')})",
                     d.get("rule"), d.get("evidence")))
    for u, v, d in edges["MEASURED"]:
        subject = d.get("subject")
        fact = (f"{subject}: " if subject else "") + f"{name(v)} = {_value(d.get('value'))} {d.get('unit') or ''}".rstrip()
        if d.get("period"):
            fact += f" ({d['period']})"
        rows.append((d["document"], "indicator", d.get("start"), fact, d.get("rule"), d.get("evidence")))
    rows.sort(key=lambda r: (r[0], _CATEGORIES.index(r[1]), r[2] if r[2] is not None else -1, r[3], r[4] or ""))
    return [{"document": r[0], "category": r[1], "fact": r[3], "rule": r[4], "evidence": r[5]} for r in rows]


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "on" if v else "off"
    return " ".join(str(v).split())             # no tab or line break inside a cell


def write_tsv(rows: list[dict], columns: tuple[str, ...], path: Path) -> Path:
    """A tab-separated table with a header row, written atomically."""
    lines = ["\t".join(columns)] + ["\t".join(_cell(r.get(c)) for c in columns) for r in rows]
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise KGError(E.E203, path=path, detail=exc.strerror or str(exc)) from None
    return path
