"""`kg export --neo4j-import DIR`: the graph as the CSV files of `neo4j-admin database import full`.

A first load of a large corpus into Neo4j through Bolt runs at a few thousand relationships a
second; Neo4j's offline importer writes the store files directly. The files hold exactly what
`kg build` loads into a store (kg.store.writer.plan: the same rows, labels, relationship types,
ids and properties, the store-only `keys` and `region_key` included, every document sealed with
its sha256), so the imported database is one `kg build` can go on loading into:

    DIR/nodes_<Label>.header.csv + nodes_<Label>.csv                one pair per label
    DIR/relationships_<TYPE>_<Start>_<End>.header.csv + ….csv        one pair per type and end labels
    DIR/after-import.cypher      kg's constraints and indexes, and the empty lists (run once the
                                 server is up again: cypher-shell -f DIR/after-import.cypher)

Header types follow the values as Bolt stores them: str → string, int → long, float → double,
bool → boolean, lists → string[] / long[] / double[]. Ids live in one id space per label
(`id:ID(Institution)`), so the `id` property is written as well. Array elements are separated by
U+001F (`--array-delimiter`), which no text of a report holds; cells are quoted with `"`.
neo4j-admin cannot write an empty list (an empty cell is no property), so after-import.cypher sets
[] where kg writes an empty list (an institution without aliases). A facts.json does not record the
build fingerprint (`build`) of its documents: a later `kg build` of the same files into the imported
database writes each document's facts once more; an export of a BuildResult (kg.api) keeps it.
"""
from __future__ import annotations

import math
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import E, KGError
from .store import writer as W

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"


@dataclass
class ImportFile:
    label: str                  # node label, or relationship type
    header: Path
    data: Path
    rows: int
    multiline: bool = False     # a cell holds a line break


@dataclass
class ImportFiles:
    """What export_neo4j_import wrote, and the neo4j-admin command that imports it."""
    directory: Path
    nodes: list[ImportFile] = field(default_factory=list)
    relationships: list[ImportFile] = field(default_factory=list)
    after_import: Path | None = None   # constraints, indexes and empty lists: run on the started server
    database: str = "neo4j"
    multiline: bool = False
    skipped: dict[str, int] = field(default_factory=dict)

    def arguments(self) -> list[str]:
        """The arguments after `neo4j-admin`."""
        args = ["database", "import", "full", self.database, "--overwrite-destination",
                f"--array-delimiter={ARRAY_DELIMITER_OPTION}", f"--report-file={self.directory / 'import.report'}"]
        if self.multiline:
            args.append("--multiline-fields=true")
        args += [f"--nodes={f.label}={f.header},{f.data}" for f in self.nodes]
        args += [f"--relationships={f.label}={f.header},{f.data}" for f in self.relationships]
        return args

    def command(self) -> str:
        """The command line to run, paths quoted for a POSIX shell."""
        return "neo4j-admin " + " ".join(shlex.quote(a) for a in self.arguments())

    def instructions(self) -> list[str]:
        """The steps to import the files, one command a line (the server's own bin/ commands)."""
        return [
            "neo4j stop",
            self.command(),
            "neo4j start",
            f"cypher-shell -a bolt://localhost:7687 -u neo4j -f {shlex.quote(str(self.after_import))}",
        ]

    @property
    def node_count(self) -> int:
        return sum(f.rows for f in self.nodes)

    @property
    def relationship_count(self) -> int:
        return sum(f.rows for f in self.relationships)


def _kind(value: Any) -> str | None:
    """The header type of one value (None for null)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list):
        kinds = {_kind(v) for v in value} - {None}
        if not kinds:
            return "[]"
        inner = kinds.pop() if len(kinds) == 1 else "string"
        return ("double" if inner == "long" and kinds == {"double"} else inner) + "[]"
    return "string"


def _column_type(kinds: set[str]) -> str:
    """One header type for a column whose values have `kinds` (an all-empty list column: string[])."""
    kinds = set(kinds)
    if "[]" in kinds:
        kinds.discard("[]")
        if not kinds:
            return "string[]"
    if len(kinds) == 1:
        return kinds.pop()
    if kinds <= {"long", "double"}:
        return "double"
    if kinds <= {"long[]", "double[]"}:
        return "double[]"
    return "string[]" if all(k.endswith("[]") for k in kinds) else "string"


def _scalar(value: Any, typ: str) -> str:
    if typ.startswith("boolean"):
        return "true" if value else "false"
    if typ.startswith(("long", "double")):
        if isinstance(value, float) and math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(float(value)) if typ.startswith("double") else str(int(value))
    return str(value).replace(ARRAY_DELIMITER, " ") if typ.endswith("[]") else str(value)


def _cell(value: Any, typ: str) -> str:
    """One CSV cell: empty for null (no property), numbers and booleans bare, text quoted."""
    if value is None:
        return ""
    if typ.endswith("[]"):
        items = value if isinstance(value, list) else [value]
        text = ARRAY_DELIMITER.join(_scalar(v, typ) for v in items if v is not None)
    elif typ in ("boolean", "long", "double"):
        return _scalar(value, typ)
    else:
        text = str(value)
    return '"' + text.replace('"', '""') + '"'


def _columns(rows: list[dict[str, Any]], first: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, header type) of every property the rows carry: `first` in order, then the others sorted."""
    kinds: dict[str, set[str]] = {}
    for row in rows:
        for k, v in row.items():
            kind = _kind(v)
            if kind is not None:
                kinds.setdefault(k, set()).add(kind)
    names = [k for k in first if k in kinds] + sorted(k for k in kinds if k not in first)
    return [(k, _column_type(kinds[k])) for k in names]


def _write_pair(directory: Path, stem: str, header: list[str], lines, label: str) -> ImportFile:
    head, data = directory / f"{stem}.header.csv", directory / f"{stem}.csv"
    head.write_text(",".join(header) + "\n", encoding="utf-8")
    n, multiline = 0, False
    with data.open("w", encoding="utf-8", newline="") as f:
        for line in lines:
            multiline = multiline or "\n" in line or "\r" in line
            f.write(line)
            f.write("\n")
            n += 1
    return ImportFile(label, head.resolve(), data.resolve(), n, multiline)


def _after_import(constraints: str, empty_lists: list[tuple[str, str]]) -> str:
    """schema/constraints.cypher, then one statement per list property the CSVs could not hold empty."""
    lines = [constraints.rstrip(), "", "// Lists kg writes empty (neo4j-admin leaves the property out)."]
    lines += [f"MATCH (n:{label}) WHERE n.{key} IS NULL SET n.{key} = [];" for label, key in empty_lists]
    return "\n".join(lines) + "\n"


def after_import_statements(path: str | Path) -> list[str]:
    """The statements of an after-import.cypher (line comments dropped), to run one by one."""
    text = Path(path).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.strip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "_-" else "_" for c in name)


def export_neo4j_import(graph: Any, directory: str | Path, *, database: str = "neo4j") -> ImportFiles:
    """Write the neo4j-admin import files of `graph` (a networkx MultiDiGraph as kg builds it)
    into `directory`; returns what was written with the command to run (ImportFiles.command())."""
    from .resources import read_text

    out = Path(directory)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for old in [*out.glob("nodes_*.csv"), *out.glob("relationships_*.csv")]:
            old.unlink()        # a label or type the graph no longer has must not be imported again
    except OSError as exc:
        raise KGError(E.E203, path=out, detail=exc.strerror or str(exc)) from None
    docs = {n: a for n, a in graph.nodes(data=True) if a.get("label") == "Document"}
    plan = W.plan(graph, set(docs))
    result = ImportFiles(out.resolve(), database=database, skipped=dict(plan.skipped))
    empty_lists: list[tuple[str, str]] = []     # (label, property) of lists that are sometimes empty
    try:
        for label in W.LABELS:
            rows = []
            for r in plan.nodes_by_label.get(label, []):
                row = W.create_row(r, sorted(plan.edge_docs.get(r["id"], ()))
                                   if label in ("Institution", "Program") else None, label)
                row.update(row.pop("extra", {}))
                if label == "Document":      # sealed, as a load leaves it
                    row["sha256"] = W.clean_value(docs[r["id"]].get("sha256"))
                    row["build"] = W.clean_value(docs[r["id"]].get("build"))
                rows.append(row)
            if not rows:
                continue
            cols = [(k, t) for k, t in _columns(rows, W.NODE_PROPS[label]) if k != "id"]
            empty_lists += [(label, k) for k, t in cols if t.endswith("[]")
                            and all(isinstance(row.get(k), list) for row in rows)
                            and any(row.get(k) == [] for row in rows)]
            header = [f"id:ID({label})"] + [f"{k}:{t}" for k, t in cols]
            lines = (",".join([_cell(row["id"], "string")] + [_cell(row.get(k), t) for k, t in cols])
                     for row in rows)
            result.nodes.append(_write_pair(out, f"nodes_{_safe(label)}", header, lines, label))
        for key in W.EDGE_KEYS:
            typ, a, b = key
            rows = []
            for r in plan.edges_by_key.get(key, []):
                row = {k: v for k, v in r.items() if k != "extra"}
                row.update(r.get("extra", {}))
                rows.append(row)
            if not rows:
                continue
            cols = [(k, t) for k, t in _columns(rows, W.EDGE_PROPS[typ]) if k not in ("src", "dst")]
            header = [f":START_ID({a})", f":END_ID({b})"] + [f"{k}:{t}" for k, t in cols]
            lines = (",".join([_cell(row["src"], "string"), _cell(row["dst"], "string")]
                              + [_cell(row.get(k), t) for k, t in cols]) for row in rows)
            result.relationships.append(
                _write_pair(out, f"relationships_{_safe(typ)}_{_safe(a)}_{_safe(b)}", header, lines, typ))
        result.multiline = any(f.multiline for f in result.nodes + result.relationships)
        result.after_import = out.resolve() / "after-import.cypher"
        result.after_import.write_text(_after_import(read_text("constraints.cypher"), empty_lists), encoding="utf-8")
    except OSError as exc:
        raise KGError(E.E203, path=out, detail=exc.strerror or str(exc)) from None
    return result


def export(source: Any, directory: str | Path, *, database: str = "neo4j") -> ImportFiles:
    """export_neo4j_import of a graph source: a BuildResult, a networkx graph, a facts.json path
    (or the folder holding it), a kg.store.StoreConfig or an open Store (KG-E100/KG-E502 when
    there is no graph there)."""
    from viz.source import graph_of

    return export_neo4j_import(graph_of(source), directory, database=database)
