"""The graph store against a real Bolt server: the embedded ArcadeDB, and Neo4j when
NEO4J_URI is set. Never a mock."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import StoreError

from kg.errors import KGError
from kg.store import StoreConfig, open_store
from kg.store.store import constraint_statements, looks_like_write

from store_fixtures import any_store, embedded_store, sample_graph, wipe  # noqa: F401

pytestmark = pytest.mark.store


def _snapshot(g):
    nodes = {n: {k: (sorted(v) if isinstance(v, list) else v) for k, v in a.items()}
             for n, a in g.nodes(data=True)}
    edges = sorted((u, v, k, tuple(sorted((x, str(y)) for x, y in a.items())))
                   for u, v, k, a in g.edges(keys=True, data=True))
    return nodes, edges


def _store_snapshot(store):
    return _snapshot(store.read_graph())


def test_load_counts_equal_graph_and_read_back(any_store):
    wipe(any_store)
    g = sample_graph()
    s = any_store.load(g)
    assert (s.added, s.updated, s.unchanged) == (3, 0, 0)
    assert (s.nodes, s.relationships) == (g.number_of_nodes(), g.number_of_edges())
    back = any_store.read_graph()
    assert _snapshot(back) == _snapshot(g)


def test_second_run_writes_nothing(any_store):
    wipe(any_store)
    g = sample_graph()
    any_store.load(g)
    before = _store_snapshot(any_store)
    s = any_store.load(g)
    assert (s.added, s.updated, s.unchanged) == (0, 0, 3)
    assert s.nodes_written == 0 and s.relationships_written == 0
    assert _store_snapshot(any_store) == before


def test_same_fact_from_two_documents_is_two_edges(any_store):
    wipe(any_store)
    any_store.load(sample_graph())
    rows = any_store.run(
        "MATCH (:Institution {name: '乙市第一人民医院'})-[r:PARTNERS_WITH]->(:Institution) "
        "RETURN r.document AS d ORDER BY d")
    assert [r["d"] for r in rows] == ["丙县2022", "甲县2023"]


def test_changed_document_replaces_its_facts(any_store):
    wipe(any_store)
    any_store.load(sample_graph(1))
    progress: list[int] = []
    g2 = sample_graph(2)
    s = any_store.load(g2, progress.append)
    assert (s.added, s.updated, s.unchanged) == (0, 1, 2)
    assert sum(progress) == g2.number_of_nodes() + g2.number_of_edges()
    assert (s.nodes, s.relationships) == (g2.number_of_nodes(), g2.number_of_edges())
    assert _store_snapshot(any_store) == _snapshot(g2)
    # the institution only version 1 mentioned is gone
    assert any_store.run("MATCH (i:Institution {name: '甲县中医院'}) RETURN i.id AS id") == []


def test_removed_document_and_orphans(any_store):
    wipe(any_store)
    any_store.load(sample_graph())
    s = any_store.remove(["丙县2022", "no-such-doc"])
    assert s.removed == 1 and s.missing == ["no-such-doc"]
    names = {r["n"] for r in any_store.run("MATCH (i:Institution) RETURN i.name AS n")}
    assert "丙县人民医院" not in names and "乙市第一人民医院" in names
    assert any_store.run("MATCH ()-[r]->() WHERE r.document = '丙县2022' RETURN count(r) AS c")[0]["c"] == 0
    assert any_store.run("MATCH (r:Region {name: '丙县'}) RETURN count(r) AS c")[0]["c"] == 0
    docs = any_store.run("MATCH (i:Institution {name: '乙市第一人民医院'}) RETURN i.documents AS d")[0]["d"]
    assert docs == ["乙市2023", "甲县2023"]
    # the program stays (other documents mention it) with its documents recomputed
    p = any_store.run("MATCH (p:Program {name: '家庭医生签约服务'}) RETURN p.documents AS d")[0]["d"]
    assert p == ["乙市2023", "甲县2023"]


def test_constraints_are_idempotent(any_store):
    any_store.apply_constraints()
    any_store.apply_constraints()
    names = {r["name"] for r in any_store.run("SHOW CONSTRAINTS")}
    assert {"kg_document_id", "kg_institution_id", "kg_program_id", "kg_region_id",
            "kg_indicator_id"} <= names
    assert len(constraint_statements()) >= 5


def test_null_keys_and_mixed_lists_are_cleaned(any_store):
    wipe(any_store)
    g = sample_graph()
    iid = next(n for n, a in g.nodes(data=True) if a.get("name") == "甲县人民医院")
    g.nodes[iid]["aliases"] = ["县医院", 3, None]
    u, v, k = next((u, v, k) for u, v, k, a in g.edges(keys=True, data=True) if a["type"] == "PARTICIPATES_IN")
    g.edges[u, v, k]["start"] = None
    s = any_store.load(g)
    assert s.skipped == {"relationship with a null key": 1}
    assert s.relationships == g.number_of_edges() - 1
    aliases = any_store.run("MATCH (i:Institution {id: $id}) RETURN i.aliases AS a", {"id": iid})[0]["a"]
    assert aliases == ["县医院", "3"]


def test_wrong_password(any_store):
    with pytest.raises(KGError) as e:
        open_store(StoreConfig(uri=any_store.uri, user=any_store.user, password="not-the-password"))
    assert e.value.code == "KG-E302"
    assert "not-the-password" not in str(e.value)


def test_unreachable_server():
    with pytest.raises(KGError) as e:
        open_store(StoreConfig(uri="bolt://127.0.0.1:9", user="neo4j", password="x"))
    assert e.value.code == "KG-E301"


def test_store_locked(embedded_store):
    with pytest.raises(KGError) as e:
        open_store(StoreConfig(db_dir=embedded_store.db_dir))
    assert e.value.code == "KG-E303"
    assert str(os.getpid()) in str(e.value)


def test_password_file_is_private(embedded_store):
    mode = stat.S_IMODE(embedded_store.password_file.stat().st_mode)
    assert mode == 0o600


def test_server_killed_mid_load_then_rerun_completes(tmp_path):
    db = tmp_path / "db"
    g = sample_graph()
    calls = []
    with open_store(StoreConfig(db_dir=db, batch_size=3)) as store:
        pid = store.server.pid

        def kill_after_two(n: int) -> None:
            calls.append(n)
            if len(calls) == 2:
                os.kill(pid, signal.SIGKILL)

        with pytest.raises(KGError) as e:
            store.load(g, kill_after_two)
        assert e.value.code == "KG-E305"
    with open_store(StoreConfig(db_dir=db)) as store:
        n_before = store.counts()
        assert 0 < n_before[0] + n_before[1] < g.number_of_nodes() + g.number_of_edges()
        s = store.load(g)
        assert s.added == 3
        assert (s.nodes, s.relationships) == (g.number_of_nodes(), g.number_of_edges())
        assert _store_snapshot(store) == _snapshot(g)
        assert store.load(g).unchanged == 3


def test_child_stops_when_parent_dies(tmp_path):
    """A kg process killed with SIGKILL must not leave its ArcadeDB child behind."""
    db = tmp_path / "db"
    code = ("import sys, time; from kg.store import open_store, StoreConfig\n"
            f"s = open_store(StoreConfig(db_dir={str(db)!r}))\n"
            "print(s.server.pid, flush=True); time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _alive(child):
            time.sleep(0.2)
        assert not _alive(child)
    finally:
        if parent.poll() is None:
            parent.kill()
    # the lock went with them — its last holder (the JVM the child started) may take a moment longer
    # to exit on a loaded machine: poll for it rather than race it
    deadline = time.monotonic() + 30
    while True:
        try:
            store = open_store(StoreConfig(db_dir=db))
            break
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    with store:
        assert store.counts() == (0, 0)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_serve_prints_how_to_connect_and_stops_on_sigterm(tmp_path):
    import neo4j

    db = tmp_path / "db"
    proc = subprocess.Popen(
        [sys.executable, "-c", "from kg.store.cli import serve; serve()", "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        text = "".join(lines)
        uri = next(ln.split()[-1] for ln in lines if "bolt URI" in ln)
        password = (db / "password").read_text().strip()
        assert password not in text
        assert str(db / "password") in text
        with neo4j.GraphDatabase.driver(uri, auth=("root", password)) as d:
            assert d.execute_query("RETURN 1 AS x").records[0]["x"] == 1
        # kg itself, given the same --db, becomes a client of the served store
        with open_store(StoreConfig(db_dir=db)) as store:
            assert store.server is None and store.uri == uri
            store.load(sample_graph())
        with open_store(StoreConfig(db_dir=db)) as store:
            assert store.counts() == (sample_graph().number_of_nodes(), sample_graph().number_of_edges())
        # a second serve of the same store is refused
        second = subprocess.run(
            [sys.executable, "-c", "from kg.store.cli import serve; serve()", "--db", str(db)],
            capture_output=True, text=True, timeout=120)
        assert second.returncode == 1 and "KG-E303" in second.stderr
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        assert not (db / "serving").exists()
    finally:
        if proc.poll() is None:
            proc.kill()


def test_write_detection():
    assert looks_like_write("MATCH (n) SET n.x = 1")
    assert looks_like_write("merge (n:X {id: 1})")
    assert not looks_like_write("MATCH (n) WHERE n.name = 'CREATE' RETURN n // DELETE")
    assert not looks_like_write("MATCH (n:Institution) RETURN n.name AS `set`")
    assert not looks_like_write("MATCH (n:Create) RETURN n.set, n.remove, $delete")
    assert looks_like_write("MATCH (n)\nDETACH DELETE n")


@pytest.fixture()
def small_disk(tmp_path):
    """A 16 MB tmpfs (needs root and mount; skipped otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mnt = tmp_path / "disk"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {r.stderr.decode(errors='replace').strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _synthetic(nodes: int, rels: int):
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_store.py"
    spec = importlib.util.spec_from_file_location("bench_store", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.synthetic(nodes, rels)


def test_full_disk_then_rerun_completes(small_disk, monkeypatch):
    monkeypatch.setenv("KG_STORE_MIN_FREE_MB", "4")
    g = _synthetic(20_000, 60_000)
    db = small_disk / "db"
    with open_store(StoreConfig(db_dir=db)) as store:
        with pytest.raises(KGError) as e:
            store.load(g)
        assert e.value.code == "KG-E306"
    subprocess.run(["mount", "-o", "remount,size=400m", str(small_disk)], check=True)
    with open_store(StoreConfig(db_dir=db)) as store:
        s = store.load(g)
        assert (s.nodes, s.relationships) == (g.number_of_nodes(), g.number_of_edges())
        assert s.added == sum(1 for _, a in g.nodes(data=True) if a["label"] == "Document")


def test_embedded_start_failure_is_coded(tmp_path):
    db = tmp_path / "db"
    with open_store(StoreConfig(db_dir=db)):
        pass
    (db / "password").unlink()  # the store has users, but kg lost the password
    with pytest.raises(KGError) as e:
        open_store(StoreConfig(db_dir=db))
    assert e.value.code == "KG-E304" and "password" in str(e.value)
    # a port already taken by another server
    with open_store(StoreConfig(db_dir=tmp_path / "a")) as a:
        port = int(a.uri.rsplit(":", 1)[1])
        with pytest.raises(KGError) as e:
            open_store(StoreConfig(db_dir=tmp_path / "b"), bolt_port=port)
        assert e.value.code == "KG-E304" and str(port) in str(e.value)


def test_an_interrupted_load_is_marked_until_a_load_completes(any_store):
    wipe(any_store)
    g = sample_graph()
    calls: list[int] = []

    def stop_after_three(n: int) -> None:
        calls.append(n)
        if len(calls) == 3:
            raise RuntimeError("the process went away")

    with pytest.raises(KGError):
        any_store.load(g, stop_after_three)
    mark = any_store.interrupted()
    assert mark is not None and mark["what"] == "load" and mark["pid"] == os.getpid() and mark["started"]
    assert "load by pid" in any_store.interrupted_detail(mark)
    # the mark is no node of the graph, and a removal does not clear it
    assert all(a.get("label") != "KgLoad" for _, a in any_store.read_graph().nodes(data=True))
    any_store.remove(["乙市2023"])
    assert any_store.interrupted() is not None
    s = any_store.load(g)
    assert s.interrupted and "interrupted load completed" in s.line()
    assert any_store.interrupted() is None
    assert _store_snapshot(any_store) == _snapshot(g)
    any_store.remove(["乙市2023"])                       # a removal that runs to its end leaves no mark
    assert any_store.interrupted() is None
