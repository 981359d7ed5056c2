"""Cypher of the writer, and the pure conversion of a networkx graph into rows.

Every statement is a literal constant: labels and relationship types cannot be
parameters, so there is one fixed statement per label and per (type, start label,
end label). Data always travels as $rows / $ids parameters, never in the text.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from ..text import normalise

LABELS = ("Document", "Region", "Institution", "Program", "Indicator")
ENTITY_LABELS = ("Region", "Institution", "Program", "Indicator")
# Properties the writer computes itself; a graph's own values for them are ignored.
DERIVED = {"documents", "keys", "region_key"}
# Properties that are never shown back by read_graph (store-only helpers).
STORE_ONLY = {"keys", "region_key"}

# ---------------------------------------------------------------- nodes
# Document: sha256 is written last, by SEAL_DOCUMENTS, once every fact of the
# document is in: a load that dies half way leaves it without sha256 and the next
# run loads it again.
NODE_MERGE: dict[str, str] = {
    "Document": (
        "UNWIND $rows AS r MERGE (n:Document {id: r.id}) SET n += r.props"
    ),
    "Region": (
        "UNWIND $rows AS r MERGE (n:Region {id: r.id}) "
        "SET n += r.props SET n.keys = r.keys"
    ),
    "Institution": (
        "UNWIND $rows AS r MERGE (n:Institution {id: r.id}) "
        "ON CREATE SET n.aliases = r.aliases, n.keys = r.keys "
        "ON MATCH SET n.aliases = r.aliases + [a IN coalesce(n.aliases, []) WHERE NOT a IN r.aliases], "
        "n.keys = r.keys + [k IN coalesce(n.keys, []) WHERE NOT k IN r.keys] "
        "SET n += r.props"
    ),
    "Program": (
        "UNWIND $rows AS r MERGE (n:Program {id: r.id}) "
        "ON CREATE SET n.aliases = r.aliases, n.keys = r.keys "
        "ON MATCH SET n.aliases = r.aliases + [a IN coalesce(n.aliases, []) WHERE NOT a IN r.aliases], "
        "n.keys = r.keys + [k IN coalesce(n.keys, []) WHERE NOT k IN r.keys] "
        "SET n += r.props"
    ),
    "Indicator": (
        "UNWIND $rows AS r MERGE (n:Indicator {id: r.id}) "
        "SET n += r.props SET n.keys = r.keys"
    ),
}

# Nodes new to the store are created whole, every property inline in the CREATE (faster than
# MERGE: ~1.4x on ArcadeDB; and a CREATE followed by a SET writes the new record twice there).
# A property outside NODE_PROPS (a graph made by other code) goes through the `...+extra` statement.
NODE_PROPS: dict[str, tuple[str, ...]] = {
    "Document": ("id", "title", "region", "year", "source", "region_key"),
    "Region": ("id", "name", "keys"),
    "Institution": ("id", "name", "aliases", "keys", "kind", "region", "external", "documents", "rules",
                    "region_key"),
    "Program": ("id", "name", "aliases", "keys", "documents", "rules"),
    "Indicator": ("id", "name", "keys"),
}


def _create_node(label: str, extra: bool) -> str:
    props = ", ".join(f"{k}: r.{k}" for k in NODE_PROPS[label])
    return f"UNWIND $rows AS r CREATE (n:{label} {{{props}}})" + (" SET n += r.extra" if extra else "")


NODE_CREATE: dict[str, str] = {label: _create_node(label, False) for label in LABELS}
NODE_CREATE_EXTRA: dict[str, str] = {label: _create_node(label, True) for label in LABELS}
EXISTING: dict[str, str] = {
    "Document": "UNWIND $ids AS id MATCH (n:Document {id: id}) RETURN n.id AS id",
    "Region": "UNWIND $ids AS id MATCH (n:Region {id: id}) RETURN n.id AS id",
    "Institution": "UNWIND $ids AS id MATCH (n:Institution {id: id}) RETURN n.id AS id",
    "Program": "UNWIND $ids AS id MATCH (n:Program {id: id}) RETURN n.id AS id",
    "Indicator": "UNWIND $ids AS id MATCH (n:Indicator {id: id}) RETURN n.id AS id",
}

# A document about to get new facts loses its seal first: a load that dies while its old facts
# are being replaced leaves it unsealed, and the next load finishes or removes it.
UNSEAL_DOCUMENTS = "UNWIND $ids AS id MATCH (n:Document {id: id}) SET n.sha256 = null"
UNSEALED_DOCUMENTS = "MATCH (d:Document) WHERE d.sha256 IS NULL RETURN d.id AS id"
SEAL_DOCUMENTS = "UNWIND $rows AS r MATCH (n:Document {id: r.id}) SET n.sha256 = r.sha256, n.build = r.build"
STORED_DOCUMENTS = "MATCH (d:Document) RETURN d.id AS id, d.sha256 AS sha256, d.build AS build"

# ---------------------------------------------------------------- relationships
# A relationship is keyed on (start node, type, end node, document), plus `start` for
# the sentence-level facts: the same fact from two documents is two edges. The key is
# kept without a MERGE per edge (ArcadeDB's relationship MERGE is 1.5-2x slower):
#  - before a document's facts are written, every relationship with its id in
#    `document` is deleted (DELETE_FACTS), in the same load, so none is left;
#  - rows are de-duplicated on the key in Python (edge_key_of);
#  - a document counts as loaded (sha256 set) only after all its facts are in, so a
#    load that dies half way is redone from a clean slate by the next run;
#  - the embedded store has one writer at a time (the lock).
# A re-run with unchanged documents writes nothing; a changed document's facts are
# replaced. Rows travel grouped by the end with fewer distinct nodes ($rows of
# [end id, [rows as lists]], see grouped), which saves one index lookup per relationship;
# the schema's properties are written inline, any other ones through `extra`.
EDGE_PROPS: dict[str, tuple[str, ...]] = {
    "MENTIONS": ("document",),
    "ABOUT": ("document",),
    "LOCATED_IN": ("document",),
    "PARTICIPATES_IN": ("document", "evidence", "start", "rule"),
    "PARTNERS_WITH": ("kind", "document", "evidence", "start", "rule"),
    "MEASURED": ("value", "unit", "period", "raw", "subject", "document", "evidence", "start", "rule"),
}
# The (type, start label, end label) the store takes.
EDGE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("MENTIONS", "Document", "Institution"),
    ("MENTIONS", "Document", "Program"),
    ("ABOUT", "Document", "Region"),
    ("LOCATED_IN", "Institution", "Region"),
    ("PARTICIPATES_IN", "Institution", "Program"),
    ("PARTNERS_WITH", "Institution", "Institution"),
    ("MEASURED", "Institution", "Indicator"),
    ("MEASURED", "Region", "Indicator"),
    ("MEASURED", "Document", "Indicator"),
)


def _create_edge(key: tuple[str, str, str], side: str, extra: bool) -> str:
    """UNWIND groups of rows sharing one end (`side`: src or dst), that end found once per group.
    Rows travel as lists, not maps (half the strings for the server to decode): a group is
    [end id, [[other end id, <EDGE_PROPS of the type>…(, extra)], …]] (see grouped).
    Properties are inline (null ones are not stored, on both engines); `extra` adds SET e += extra
    for rows with properties outside EDGE_PROPS (a second write of the relationship on ArcadeDB)."""
    typ, a, b = key
    fields = EDGE_PROPS[typ]
    props = ", ".join(f"{k}: r[{i + 1}]" for i, k in enumerate(fields))
    if side == "src":
        head = f"UNWIND $rows AS g MATCH (a:{a} {{id: g[0]}}) UNWIND g[1] AS r MATCH (b:{b} {{id: r[0]}}) "
    else:
        head = f"UNWIND $rows AS g MATCH (b:{b} {{id: g[0]}}) UNWIND g[1] AS r MATCH (a:{a} {{id: r[0]}}) "
    return head + f"CREATE (a)-[e:{typ} {{{props}}}]->(b)" + (f" SET e += r[{len(fields) + 1}]" if extra else "")


EDGE_BY_SRC: dict[tuple[str, str, str], str] = {k: _create_edge(k, "src", False) for k in EDGE_KEYS}
EDGE_BY_DST: dict[tuple[str, str, str], str] = {k: _create_edge(k, "dst", False) for k in EDGE_KEYS}
EDGE_BY_SRC_EXTRA: dict[tuple[str, str, str], str] = {k: _create_edge(k, "src", True) for k in EDGE_KEYS}
EDGE_BY_DST_EXTRA: dict[tuple[str, str, str], str] = {k: _create_edge(k, "dst", True) for k in EDGE_KEYS}
# Types whose key includes the offset `start`.
KEYED_BY_START = {"PARTICIPATES_IN", "PARTNERS_WITH", "MEASURED"}

# ---------------------------------------------------------------- removal
# The nodes at either end of a set of documents' facts (candidates for clean-up).
FACT_ENDS = (
    "MATCH (a)-[r]->(b) WHERE r.document IN $ids "
    "RETURN DISTINCT a.id AS a, labels(a) AS al, b.id AS b, labels(b) AS bl"
)
DELETE_FACTS = (
    "MATCH ()-[r]->() WHERE r.document IN $ids "
    "WITH r LIMIT $limit DELETE r RETURN count(*) AS deleted"
)
DELETE_FACTS_FROM: dict[str, str] = {
    "Document": (
        "UNWIND $ids AS id MATCH (a:Document {id: id})-[r]->() WHERE r.document IN $docs "
        "DELETE r RETURN count(*) AS deleted"
    ),
    "Region": (
        "UNWIND $ids AS id MATCH (a:Region {id: id})-[r]->() WHERE r.document IN $docs "
        "DELETE r RETURN count(*) AS deleted"
    ),
    "Institution": (
        "UNWIND $ids AS id MATCH (a:Institution {id: id})-[r]->() WHERE r.document IN $docs "
        "DELETE r RETURN count(*) AS deleted"
    ),
    "Program": (
        "UNWIND $ids AS id MATCH (a:Program {id: id})-[r]->() WHERE r.document IN $docs "
        "DELETE r RETURN count(*) AS deleted"
    ),
    "Indicator": (
        "UNWIND $ids AS id MATCH (a:Indicator {id: id})-[r]->() WHERE r.document IN $docs "
        "DELETE r RETURN count(*) AS deleted"
    ),
}
DELETE_DOCUMENTS = "UNWIND $ids AS id MATCH (d:Document {id: id}) DETACH DELETE d"
# An entity left without any relationship is mentioned by no document: delete it.
DELETE_ORPHANS: dict[str, str] = {
    "Region": "UNWIND $ids AS id MATCH (n:Region {id: id}) WHERE NOT (n)--() DELETE n",
    "Institution": "UNWIND $ids AS id MATCH (n:Institution {id: id}) WHERE NOT (n)--() DELETE n",
    "Program": "UNWIND $ids AS id MATCH (n:Program {id: id}) WHERE NOT (n)--() DELETE n",
    "Indicator": "UNWIND $ids AS id MATCH (n:Indicator {id: id}) WHERE NOT (n)--() DELETE n",
}
# `documents` of an entity: the documents of all its relationships, recomputed.
ENTITY_DOCUMENTS: dict[str, str] = {
    "Institution": (
        "UNWIND $ids AS id MATCH (n:Institution {id: id}) OPTIONAL MATCH (n)-[r]-() "
        "WITH n, collect(DISTINCT r.document) AS docs RETURN n.id AS id, docs"
    ),
    "Program": (
        "UNWIND $ids AS id MATCH (n:Program {id: id}) OPTIONAL MATCH (n)-[r]-() "
        "WITH n, collect(DISTINCT r.document) AS docs RETURN n.id AS id, docs"
    ),
}
SET_DOCUMENTS: dict[str, str] = {
    "Institution": "UNWIND $rows AS r MATCH (n:Institution {id: r.id}) SET n.documents = r.documents",
    "Program": "UNWIND $rows AS r MATCH (n:Program {id: r.id}) SET n.documents = r.documents",
}

# ---------------------------------------------------------------- an interrupted load
# One KgLoad node marks a load (or a removal) in progress: set before the first write, deleted
# after the last. Found by the next command, it means a load died half way: queries warn, and
# the next load also sweeps what the dead one may have left (orphans, stale `documents`).
MARK_LABEL = "KgLoad"
MARK_LOAD = ("MERGE (m:KgLoad {id: 'load'}) SET m.started = $started, m.pid = $pid, m.host = $host, "
             "m.what = $what")
CLEAR_LOAD = "MATCH (m:KgLoad) DELETE m"
LOAD_MARK = "MATCH (m:KgLoad) RETURN m.started AS started, m.pid AS pid, m.host AS host, m.what AS what LIMIT 1"
ALL_ENTITY_IDS: dict[str, str] = {
    "Institution": "MATCH (n:Institution) RETURN n.id AS id",
    "Program": "MATCH (n:Program) RETURN n.id AS id",
}
ALL_ORPHANS: dict[str, str] = {
    label: f"MATCH (n:{label}) WHERE NOT (n)--() RETURN n.id AS id" for label in ENTITY_LABELS
}

# ---------------------------------------------------------------- reading back
COUNT_NODES = "MATCH (n) RETURN count(n) AS n"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS n"
ALL_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
ALL_RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) RETURN a.id AS src, type(r) AS type, b.id AS dst, properties(r) AS props"
)


# ---------------------------------------------------------------- conversion
def clean_value(value: Any) -> Any:
    """A property value the store accepts: scalars, or a list of one type (None drops it)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [clean_value(v) for v in (sorted(value, key=str) if isinstance(value, (set, frozenset)) else value)]
        items = [v for v in items if v is not None]
        kinds = {type(v) for v in items}
        if len(kinds) > 1 or any(isinstance(v, list) for v in items):
            items = [v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in items]
        return items
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def name_keys(name: Any, aliases: Iterable[Any] = ()) -> list[str]:
    """Normalised name and aliases, first-seen order, no duplicates or empties."""
    out: list[str] = []
    for s in [name, *aliases]:
        if isinstance(s, str):
            k = normalise(s)
            if k and k not in out:
                out.append(k)
    return out


def node_row(node_id: str, attrs: dict[str, Any]) -> dict[str, Any]:
    label = attrs.get("label")
    props = {k: clean_value(v) for k, v in attrs.items()
             if k not in ("id", "label", "aliases", "sha256", "build") and k not in DERIVED}
    row: dict[str, Any] = {"id": node_id, "props": props}
    if label in ("Institution", "Program"):
        aliases = clean_value(list(attrs.get("aliases") or []))
        aliases = [a for a in aliases if isinstance(a, str)]
        row["aliases"] = aliases
        row["keys"] = name_keys(attrs.get("name"), aliases)
    elif label in ("Region", "Indicator"):
        row["keys"] = name_keys(attrs.get("name"))
    if label in ("Institution", "Document"):
        region = attrs.get("region")
        props["region_key"] = normalise(region) if isinstance(region, str) else None
    return row


def create_row(row: dict[str, Any], documents: list[str] | None, label: str) -> dict[str, Any]:
    """A node_row for NODE_CREATE[label]: the properties of NODE_PROPS[label] inline (None where
    absent: not stored), any other non-null ones in `extra` (then NODE_CREATE_EXTRA is needed)."""
    props = {k: v for k, v in row["props"].items() if v is not None}
    props["id"] = row["id"]
    for k in ("aliases", "keys"):
        if k in row:
            props[k] = row[k]
    if documents is not None:
        props["documents"] = documents
    out = {k: props.pop(k, None) for k in NODE_PROPS[label]}
    if props:
        out["extra"] = props
    return out


def edge_key_of(row: dict[str, Any], typ: str) -> tuple[Any, ...]:
    """The identity of a relationship row: (start, type, end, document[, start offset])."""
    if typ == "MEASURED":  # two values can share one raw offset (从3万元提高到6万元)
        return (row["src"], typ, row["dst"], row["document"], row.get("start"), row.get("value"), row.get("unit"))
    return (row["src"], typ, row["dst"], row["document"], row.get("start") if typ in KEYED_BY_START else None)


_PLAIN = frozenset({str, int, bool, type(None)})   # values clean_value returns as they are
_EDGE_SCHEMA = {typ: (props, frozenset(props) | {"type"}) for typ, props in EDGE_PROPS.items()}


def edge_row(u: str, v: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """{src, dst, <EDGE_PROPS of the type>[, extra: {other non-null properties}]}."""
    schema, skip = _EDGE_SCHEMA.get(attrs.get("type"), (("document",), frozenset({"document", "type"})))
    row: dict[str, Any] = {"src": u, "dst": v}
    plain = _PLAIN
    for k in schema:
        val = attrs.get(k)
        row[k] = val if type(val) in plain else clean_value(val)
    extra = None
    for k, val in attrs.items():
        if k in skip:
            continue
        c = val if type(val) in plain else clean_value(val)
        if c is not None:
            if extra is None:
                extra = {}
            extra[k] = c
    if extra:
        row["extra"] = extra
    return row


@dataclass
class Plan:
    """What a load writes of a graph: node rows by label (node_row), relationship rows by
    (type, start label, end label) (edge_row, de-duplicated on edge_key_of), the documents of the
    relationships written at each Institution and Program, and what was left out, by reason."""
    nodes_by_label: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    edges_by_key: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)
    edge_docs: dict[str, set[str]] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    n_nodes: int = 0
    n_edges: int = 0


def _edge_groups(graph: Any) -> Iterator[tuple[Any, Any, Iterable[dict[str, Any]]]]:
    """(u, v, the attribute dicts of the u→v edges) in the order of graph.edges(data=True)."""
    if graph.is_multigraph() and graph.is_directed():
        for u, nbrs in graph.adj.items():
            for v, keydict in nbrs.items():
                yield u, v, keydict.values()
    else:
        for u, v, attrs in graph.edges(data=True):
            yield u, v, (attrs,)


def plan(graph: Any, to_write: set[str]) -> Plan:
    """The rows of `graph` (a networkx MultiDiGraph) that a load writes when the documents
    `to_write` are new or changed: their relationships, every node those touch, the documents
    themselves, and entities without any relationship. Pure: Store.load and kg.neo4j_import
    (the CSVs of `kg export --neo4j-import`) both write exactly these."""
    out = Plan()
    labels = {n: a.get("label") for n, a in graph.nodes(data=True)}
    doc_ids = {n for n, label in labels.items() if label == "Document"}
    skipped = out.skipped
    touched: set[str] = set()
    seen: set[tuple[Any, ...]] = set()
    edges_by_key, edge_docs = out.edges_by_key, out.edge_docs
    entity = ("Institution", "Program")
    for u, v, group in _edge_groups(graph):     # graph.edges(data=True), in its order, by (u, v)
        lu, lv = labels.get(u), labels.get(v)
        for attrs in group:
            out.n_edges += 1
            doc = attrs.get("document")
            if doc is None:
                skipped["relationship without document"] = skipped.get("relationship without document", 0) + 1
                continue
            if doc not in to_write:
                if doc not in doc_ids:
                    reason = "relationship whose document is not in the graph"
                    skipped[reason] = skipped.get(reason, 0) + 1
                continue
            key = (attrs.get("type"), lu, lv)
            if key not in EDGE_BY_SRC:
                reason = f"no statement for {key[0]} {key[1]}->{key[2]}"
                skipped[reason] = skipped.get(reason, 0) + 1
                continue
            row = edge_row(u, v, attrs)
            if u is None or v is None or (key[0] in KEYED_BY_START and row.get("start") is None):
                skipped["relationship with a null key"] = skipped.get("relationship with a null key", 0) + 1
                continue
            ident = edge_key_of(row, key[0])
            if ident in seen:
                skipped["duplicate relationship"] = skipped.get("duplicate relationship", 0) + 1
                continue
            seen.add(ident)
            rows = edges_by_key.get(key)
            if rows is None:
                rows = edges_by_key[key] = []
            rows.append(row)
            touched.add(u)
            touched.add(v)
            if lu in entity:
                edge_docs.setdefault(u, set()).add(doc)
            if lv in entity:
                edge_docs.setdefault(v, set()).add(doc)
    for n, attrs in graph.nodes(data=True):
        out.n_nodes += 1
        label = attrs.get("label")
        if n is None or label not in NODE_MERGE:
            skipped["node without id or known label"] = skipped.get("node without id or known label", 0) + 1
            continue
        if label == "Document":
            if n not in to_write:
                continue
        elif n not in touched and graph.degree(n) > 0:
            continue
        out.nodes_by_label.setdefault(label, []).append(node_row(n, attrs))
    return out


def grouped(rows: list[dict[str, Any]], size: int, fields: tuple[str, ...] = ("document",)
            ) -> Iterator[tuple[str, list[list[Any]], int]]:
    """Relationship rows (edge_row) grouped by the end with fewer distinct nodes, in batches of
    about `size` relationships, as the lists the EDGE_BY_* statements take: yields (side,
    [[end id, [[other end id, *the values of `fields`(, extra)], …]], …], n_relationships)."""
    side = "src" if len({r["src"] for r in rows}) <= len({r["dst"] for r in rows}) else "dst"
    other = "dst" if side == "src" else "src"
    groups: dict[str, list[Any]] = defaultdict(list)
    values = itemgetter(other, *fields)       # a tuple: the driver sends it as a list
    for r in rows:
        groups[r[side]].append(values(r) + (r["extra"],) if "extra" in r else values(r))
    batch: list[list[Any]] = []
    count = 0
    step = max(1, size)
    for key, rels in groups.items():
        for i in range(0, len(rels), step):
            part = rels[i:i + step]
            batch.append([key, part])
            count += len(part)
            if count >= size:
                yield side, batch, count
                batch, count = [], 0
    if batch:
        yield side, batch, count


def batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    size = max(1, int(size))
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def group_by(items: Iterable[tuple[Any, Any]]) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for k, v in items:
        out[k].append(v)
    return out
