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
        "SET n.aliases = r.aliases + [a IN coalesce(n.aliases, []) WHERE NOT a IN r.aliases] "
        "SET n.keys = r.keys + [k IN coalesce(n.keys, []) WHERE NOT k IN r.keys] "
        "SET n += r.props"
    ),
    "Program": (
        "UNWIND $rows AS r MERGE (n:Program {id: r.id}) "
        "SET n.aliases = r.aliases + [a IN coalesce(n.aliases, []) WHERE NOT a IN r.aliases] "
        "SET n.keys = r.keys + [k IN coalesce(n.keys, []) WHERE NOT k IN r.keys] "
        "SET n += r.props"
    ),
    "Indicator": (
        "UNWIND $rows AS r MERGE (n:Indicator {id: r.id}) "
        "SET n += r.props SET n.keys = r.keys"
    ),
}

SEAL_DOCUMENTS = "UNWIND $rows AS r MATCH (n:Document {id: r.id}) SET n.sha256 = r.sha256"
STORED_DOCUMENTS = "MATCH (d:Document) RETURN d.id AS id, d.sha256 AS sha256"

# ---------------------------------------------------------------- relationships
# Keyed on (start, type, end, document) plus `start` for the sentence-level facts.
EDGE_MERGE: dict[tuple[str, str, str], str] = {
    ("MENTIONS", "Document", "Institution"): (
        "UNWIND $rows AS r MATCH (a:Document {id: r.src}) MATCH (b:Institution {id: r.dst}) "
        "MERGE (a)-[e:MENTIONS {document: r.document}]->(b) SET e += r.props"
    ),
    ("MENTIONS", "Document", "Program"): (
        "UNWIND $rows AS r MATCH (a:Document {id: r.src}) MATCH (b:Program {id: r.dst}) "
        "MERGE (a)-[e:MENTIONS {document: r.document}]->(b) SET e += r.props"
    ),
    ("ABOUT", "Document", "Region"): (
        "UNWIND $rows AS r MATCH (a:Document {id: r.src}) MATCH (b:Region {id: r.dst}) "
        "MERGE (a)-[e:ABOUT {document: r.document}]->(b) SET e += r.props"
    ),
    ("LOCATED_IN", "Institution", "Region"): (
        "UNWIND $rows AS r MATCH (a:Institution {id: r.src}) MATCH (b:Region {id: r.dst}) "
        "MERGE (a)-[e:LOCATED_IN {document: r.document}]->(b) SET e += r.props"
    ),
    ("PARTICIPATES_IN", "Institution", "Program"): (
        "UNWIND $rows AS r MATCH (a:Institution {id: r.src}) MATCH (b:Program {id: r.dst}) "
        "MERGE (a)-[e:PARTICIPATES_IN {document: r.document, start: r.start}]->(b) SET e += r.props"
    ),
    ("PARTNERS_WITH", "Institution", "Institution"): (
        "UNWIND $rows AS r MATCH (a:Institution {id: r.src}) MATCH (b:Institution {id: r.dst}) "
        "MERGE (a)-[e:PARTNERS_WITH {document: r.document, start: r.start}]->(b) SET e += r.props"
    ),
    ("MEASURED", "Institution", "Indicator"): (
        "UNWIND $rows AS r MATCH (a:Institution {id: r.src}) MATCH (b:Indicator {id: r.dst}) "
        "MERGE (a)-[e:MEASURED {document: r.document, start: r.start}]->(b) SET e += r.props"
    ),
    ("MEASURED", "Region", "Indicator"): (
        "UNWIND $rows AS r MATCH (a:Region {id: r.src}) MATCH (b:Indicator {id: r.dst}) "
        "MERGE (a)-[e:MEASURED {document: r.document, start: r.start}]->(b) SET e += r.props"
    ),
    ("MEASURED", "Document", "Indicator"): (
        "UNWIND $rows AS r MATCH (a:Document {id: r.src}) MATCH (b:Indicator {id: r.dst}) "
        "MERGE (a)-[e:MEASURED {document: r.document, start: r.start}]->(b) SET e += r.props"
    ),
}
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
             if k not in ("id", "label", "aliases", "sha256") and k not in DERIVED}
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


def edge_row(u: str, v: str, attrs: dict[str, Any]) -> dict[str, Any]:
    props = {k: clean_value(val) for k, val in attrs.items() if k not in ("type", "document", "start")}
    row = {"src": u, "dst": v, "document": attrs.get("document"), "props": props}
    if attrs.get("type") in KEYED_BY_START:
        row["start"] = attrs.get("start")
    else:
        props["start"] = clean_value(attrs.get("start"))
    return row


def batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    size = max(1, int(size))
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def group_by(items: Iterable[tuple[Any, Any]]) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for k, v in items:
        out[k].append(v)
    return out
