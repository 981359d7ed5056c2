"""`kg export --neo4j-import DIR`: the files of `neo4j-admin database import full` hold what
`kg build` loads into a store. Offline: the CSVs read back (csv module, header types) give the
writer's rows. With ../shared/tools/neo4j: a server of this test's own (own directory and port,
stopped at the end) gets the sample reports through `kg build` (Bolt), then the same graph
through neo4j-admin, and the counts — and, for an export of the BuildResult, every property —
are the same."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from conftest import REPO
from store_fixtures import SHARED_NEO4J, GraphBuilder, ind_id, sample_graph

from kg.neo4j_import import ARRAY_DELIMITER, after_import_statements, export, export_neo4j_import
from kg.store import writer as W

JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64"


def _read(header: Path, data: Path) -> list[dict]:
    """A node or relationship CSV pair read back with the header's types, as neo4j-admin reads it."""
    cols = header.read_text(encoding="utf-8").strip().split(",")
    out = []
    with data.open(encoding="utf-8", newline="") as f:
        for cells in csv.reader(f):
            assert len(cells) == len(cols), (cols, cells)
            row = {}
            for col, cell in zip(cols, cells):
                name, _, typ = col.rpartition(":")
                if not name:          # :START_ID(X) / :END_ID(X): the writer's src / dst
                    name, typ = {"START_ID": "src", "END_ID": "dst"}[typ.split("(")[0]], "string"
                if typ.startswith("ID("):
                    typ = "string"
                if cell == "":
                    continue
                conv = {"string": str, "long": int, "double": float, "boolean": lambda s: s == "true"}
                if typ.endswith("[]"):
                    row[name] = [conv[typ[:-2]](x) for x in cell.split(ARRAY_DELIMITER)]
                else:
                    row[name] = conv[typ](cell)
            out.append(row)
    return out


def _expected_nodes(g: nx.MultiDiGraph) -> dict[str, dict[str, dict]]:
    """label → id → the properties a fresh load gives the node (non-null, empty lists left out)."""
    docs = {n for n, a in g.nodes(data=True) if a.get("label") == "Document"}
    plan = W.plan(g, docs)
    out: dict[str, dict[str, dict]] = {}
    for label, rows in plan.nodes_by_label.items():
        for r in rows:
            row = W.create_row(r, sorted(plan.edge_docs.get(r["id"], ()))
                               if label in ("Institution", "Program") else None, label)
            row.update(row.pop("extra", {}))
            if label == "Document":
                row["sha256"] = g.nodes[r["id"]].get("sha256")
                row["build"] = g.nodes[r["id"]].get("build")
            out.setdefault(label, {})[r["id"]] = {k: v for k, v in row.items() if v is not None and v != []}
    return out


def test_the_csv_files_hold_the_rows_a_load_writes(tmp_path):
    g = sample_graph()
    files = export_neo4j_import(g, tmp_path / "imp")
    expected = _expected_nodes(g)
    assert {f.label for f in files.nodes} == set(expected)
    for f in files.nodes:
        got = {r["id"]: r for r in _read(f.header, f.data)}
        assert got == expected[f.label], f.label
        assert f.rows == len(expected[f.label])
    plan = W.plan(g, {n for n, a in g.nodes(data=True) if a.get("label") == "Document"})
    for f in files.relationships:
        key = next(k for k in W.EDGE_KEYS if f.data.name == f"relationships_{'_'.join(k)}.csv")
        want = sorted(json.dumps({k: v for k, v in r.items() if v is not None}, sort_keys=True, ensure_ascii=False)
                      for r in plan.edges_by_key[key])
        assert want
        got = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in _read(f.header, f.data))
        assert got == want, key
    assert files.relationship_count == sum(len(v) for v in plan.edges_by_key.values())
    header = (tmp_path / "imp" / "relationships_MEASURED_Institution_Indicator.header.csv").read_text()
    assert header.startswith(":START_ID(Institution),:END_ID(Indicator),value:double,unit:string")
    assert "start:long" in header
    assert "external:boolean" in (tmp_path / "imp" / "nodes_Institution.header.csv").read_text()
    assert "aliases:string[]" in (tmp_path / "imp" / "nodes_Institution.header.csv").read_text()


def test_quotes_commas_and_line_breaks_survive(tmp_path):
    b = GraphBuilder()
    d = b.doc("qh1", "青禾县", text="x")
    k = ind_id("床位数")
    b.g.add_node(k, id=k, label="Indicator", name="床位数")
    evidence = '全县"床位数",达到\n1200张'
    b.measured(d, d, "床位数", 1200.0, "张", "2023", "1200张", evidence, 7)
    files = export_neo4j_import(b.g, tmp_path / "imp")
    assert files.multiline and "--multiline-fields=true" in files.arguments()
    rel = next(f for f in files.relationships if f.label == "MEASURED")
    rows = _read(rel.header, rel.data)
    assert [r["evidence"] for r in rows] == [evidence]
    assert rows[0]["value"] == 1200.0 and rows[0]["start"] == 7


def test_empty_lists_are_set_after_the_import(tmp_path):
    g = sample_graph()
    iid = next(n for n, a in g.nodes(data=True) if a.get("label") == "Institution")
    g.nodes[iid]["aliases"] = []
    files = export_neo4j_import(g, tmp_path / "imp")
    statements = after_import_statements(files.after_import)
    assert "MATCH (n:Institution) WHERE n.aliases IS NULL SET n.aliases = []" in statements
    assert any(s.startswith("CREATE CONSTRAINT kg_institution_id") for s in statements)
    cmd = files.command()
    assert cmd.startswith("neo4j-admin database import full neo4j --overwrite-destination")
    assert "--nodes=Institution=" in cmd and "--relationships=MEASURED=" in cmd


def test_a_second_export_leaves_no_file_of_the_first(tmp_path):
    g = sample_graph()
    export_neo4j_import(g, tmp_path / "imp")
    only_docs = g.subgraph([n for n, a in g.nodes(data=True) if a.get("label") == "Document"]).copy()
    files = export_neo4j_import(only_docs, tmp_path / "imp")
    assert [f.label for f in files.nodes] == ["Document"] and not files.relationships
    assert sorted(p.name for p in (tmp_path / "imp").glob("*.csv")) == ["nodes_Document.csv", "nodes_Document.header.csv"]


def test_cli_writes_the_files_and_prints_the_command(tmp_path):
    b = GraphBuilder()
    b.doc("qh1", "青禾县", text="x")
    from kg.export import write_facts
    (tmp_path / "out").mkdir()
    write_facts(b.g, tmp_path / "out" / "facts.json")
    r = subprocess.run([sys.executable, "-m", "kg", "export", "--neo4j-import", str(tmp_path / "imp"),
                        "--facts", str(tmp_path / "out")], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "neo4j-admin database import full neo4j" in r.stdout and "after-import.cypher" in r.stdout
    assert (tmp_path / "imp" / "nodes_Document.csv").read_text(encoding="utf-8").startswith('"qh1"')
    (tmp_path / "elsewhere").mkdir()      # no out/facts.json there
    r = subprocess.run([sys.executable, "-m", "kg", "export", "--neo4j-import", str(tmp_path / "imp2")],
                       capture_output=True, text=True, cwd=tmp_path / "elsewhere")
    assert r.returncode == 2 and "KG-E100" in r.stderr and "Traceback" not in r.stderr


def test_readme_synopsis_of_export():
    from kg.cli import main
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^kg export [^`]*?(?=\n```)", readme, re.M | re.S)
    assert m, "README has no synopsis block for kg export"
    written = set(re.findall(r"--[a-z][a-z0-9-]*", m.group(0)))
    have = {o for p in main.commands["export"].params for o in getattr(p, "opts", ()) if o.startswith("--")}
    assert written <= have and (have - written) <= {"--help", "--quiet"}


# ------------------------------------------------------------------ a real Neo4j and neo4j-admin

def _free_port_pair() -> int:
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port < 65000:
            try:
                with socket.socket() as s2:
                    s2.bind(("127.0.0.1", port + 1))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port pair")


class Server:
    """A Neo4j of ../shared/tools/neo4j in a directory and on a port of this test's own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = _free_port_pair()
        self.env = {**os.environ, "NEO4J_BOLT_PORT": str(self.port), "JAVA_HOME": JAVA_HOME}
        self.env.pop("NEO4J_PASSWORD", None)
        self.uri = self.password = None

    def start(self) -> None:
        r = subprocess.run([str(SHARED_NEO4J / "start"), str(self.root)], capture_output=True, text=True,
                           env=self.env, timeout=300)
        assert r.returncode == 0, r.stderr[-2000:]
        values = dict(kv.split("=", 1) for kv in r.stdout.split()[1:])
        self.uri, self.password = values["NEO4J_URI"], values["NEO4J_PASSWORD"]

    def stop(self) -> None:
        subprocess.run([str(SHARED_NEO4J / "stop"), str(self.root)], capture_output=True, env=self.env, timeout=300)

    def bin(self, name: str) -> str:
        return str(self.root / "neo4j-home" / "bin" / name)

    def config(self):
        from kg.store import StoreConfig
        return StoreConfig(uri=self.uri, user="neo4j", password=self.password, database="neo4j")

    def import_files(self, files) -> None:
        self.stop()
        r = subprocess.run([self.bin("neo4j-admin"), *files.arguments()], capture_output=True, text=True,
                           env=self.env, timeout=600)
        assert r.returncode == 0, (r.stdout[-3000:], r.stderr[-3000:])
        self.start()
        r = subprocess.run([self.bin("cypher-shell"), "-a", self.uri, "-u", "neo4j", "-p", self.password,
                            "-f", str(files.after_import)], capture_output=True, text=True, env=self.env, timeout=300)
        assert r.returncode == 0, r.stderr[-2000:]

    def picture(self) -> dict:
        """Counts by label and type, and a digest of every node's and relationship's properties."""
        from kg.store import open_store
        with open_store(self.config()) as st:
            nodes = st.run("MATCH (n) RETURN labels(n) AS l, count(*) AS c")
            rels = st.run("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c")
            props = st.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
            edges = st.run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p")
        digest = hashlib.sha256()
        for line in sorted(json.dumps(x, sort_keys=True, ensure_ascii=False) for x in props + edges):
            digest.update(line.encode())
        return {"nodes": {"/".join(sorted(r["l"])): r["c"] for r in nodes},
                "relationships": {r["t"]: r["c"] for r in rels}, "digest": digest.hexdigest()}


@pytest.fixture(scope="module")
def own_neo4j(tmp_path_factory):
    if not (SHARED_NEO4J / "start").exists():
        pytest.skip(f"{SHARED_NEO4J} is absent: no Neo4j server and neo4j-admin to import into")
    server = Server(tmp_path_factory.mktemp("neo4j-import") / "neo4j")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_neo4j_admin_import_gives_what_kg_build_loads(own_neo4j, tmp_path):
    import kg.api as kg
    out = tmp_path / "out"
    built = kg.build([REPO / "sample"], out, store=own_neo4j.config(), page=False)
    loaded = own_neo4j.picture()
    assert loaded["relationships"].get("MEASURED", 0) > 0 and loaded["nodes"].get("Institution", 0) > 0

    # the CLI, from facts.json
    r = subprocess.run([sys.executable, "-m", "kg", "export", "--neo4j-import", str(tmp_path / "imp"),
                        "--facts", str(out / "facts.json"), "-q"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    from kg.neo4j_import import export as export_files
    files = export_files(out / "facts.json", tmp_path / "imp")
    own_neo4j.import_files(files)
    imported = own_neo4j.picture()
    assert imported["nodes"] == loaded["nodes"]
    assert imported["relationships"] == loaded["relationships"]

    # the API, from the BuildResult: every property the same (the documents' build fingerprint too)
    files = export(built, tmp_path / "imp2")
    own_neo4j.import_files(files)
    assert own_neo4j.picture() == loaded

    # and a build of the same reports into the imported database writes nothing
    from kg.store import open_store
    with open_store(own_neo4j.config()) as st:
        stored = {r["id"]: (r["sha256"], r["build"]) for r in st.run(W.STORED_DOCUMENTS)}
    again = kg.build([REPO / "sample"], out, store=own_neo4j.config(), page=False)
    graph_docs = {n: (a.get("sha256"), a.get("build")) for n, a in again.graph.nodes(data=True)
                  if a.get("label") == "Document"}
    assert again.store_summary.unchanged == len(built.documents), (stored, graph_docs)
    assert again.store_summary.relationships_written == 0
    assert own_neo4j.picture() == loaded
