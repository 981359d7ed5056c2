"""kill -9 during a store load, then the same build again: the store ends exactly as a clean
build leaves it; in between, queries warn that a load was interrupted (issue 15).

The embedded store always; a Neo4j server too when NEO4J_URI is set. The kg process is killed
for real (SIGKILL from inside, after its N-th write transaction), so nothing of kg's own runs
after it; the embedded server, left without its parent, stops by itself."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLE
from kg.errors import KGError
from kg.store import StoreConfig, open_store
from kg.store.store import constraint_statements

from store_fixtures import store_params

pytestmark = pytest.mark.store

KILLER = """
import os, signal, sys
from kg.store.store import Store
n = int(os.environ["KG_TEST_KILL_AFTER"])
calls = [0]
write = Store._write
def _write(self, query, **params):
    calls[0] += 1
    if calls[0] == n:
        os.kill(os.getpid(), signal.SIGKILL)
    return write(self, query, **params)
Store._write = _write
from kg.cli import main
main(sys.argv[1:], prog_name="kg")
"""


def _env(target: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    if target == "neo4j":
        env.update({k: v for k, v in os.environ.items() if k.startswith("NEO4J_")})
    return env


def _config(target: str, db: Path) -> StoreConfig:
    return StoreConfig(uri=os.environ["NEO4J_URI"]) if target == "neo4j" else StoreConfig(db_dir=db)


def _open(config: StoreConfig, wait: float = 90.0):
    """open_store, waiting while the server of a killed process still holds the lock."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return open_store(config)
        except KGError as exc:
            if exc.code != "KG-E303" or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _snapshot(store):
    g = store.read_graph()
    nodes = sorted((n, tuple(sorted((k, str(v)) for k, v in a.items()))) for n, a in g.nodes(data=True))
    edges = sorted((u, v, k, tuple(sorted((x, str(y)) for x, y in a.items())))
                   for u, v, k, a in g.edges(keys=True, data=True))
    return store.counts(), nodes, edges


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    src = tmp_path_factory.mktemp("faults") / "in"
    src.mkdir()
    for pattern in ("*.html", "*gbk*.txt", "*compilation*.txt"):
        shutil.copy(next(SAMPLE.glob(pattern)), src)
    return src


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    """The number of write transactions a clean build of the corpus takes (to choose where to kill)."""
    from kg.store.store import Store

    root = tmp_path_factory.mktemp("clean")
    writes = [0]
    original = Store._write

    def counting(self, query, **params):
        writes[0] += 1
        return original(self, query, **params)

    Store._write = counting
    try:
        from kg.pipeline import build
        build([corpus], root / "out", page=False, store_config=StoreConfig(db_dir=root / "db", batch_size=5), jobs=1)
    finally:
        Store._write = original
    return writes[0]


def _reference(tmp_path: Path, build: list[str]):
    """What a clean build of the same files leaves in a new store. Built now, from the same --out
    (the same extraction, even while kg/extract changes under a running test session)."""
    db = tmp_path / "clean-db"
    r = _kg("embedded", db, tmp_path, *build)
    assert r.returncode == 0, r.stderr
    with open_store(StoreConfig(db_dir=db)) as store:
        return _snapshot(store)


def _kg(target: str, db: Path, cwd: Path, *args: str, kill_after: int | None = None) -> subprocess.CompletedProcess:
    store_args = [] if target == "neo4j" else ["--db", str(db)]
    env = _env(target)
    if kill_after is None:
        cmd = [sys.executable, "-m", "kg", *args, *store_args]
    else:
        env["KG_TEST_KILL_AFTER"] = str(kill_after)
        cmd = [sys.executable, "-c", KILLER, *args, *store_args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env, timeout=600)


@pytest.mark.parametrize("target", store_params())
@pytest.mark.parametrize("at", [0.15, 0.5, 0.97])
def test_kill_9_mid_load_then_rerun_equals_a_clean_build(target, at, corpus, clean, tmp_path):
    writes = clean
    db = tmp_path / "db"
    if target == "neo4j":
        with open_store(_config(target, db)) as store:
            store.run("MATCH (n) DETACH DELETE n", write=True)
    first = len(constraint_statements()) + 2           # after the constraints and the load's mark
    kill_after = max(first, int(writes * at))
    build = ["build", str(corpus), "--out", str(tmp_path / "out"), "--no-page", "-q", "--jobs", "1"]
    build_args = build + ["--batch-size", "5"]
    killed = _kg(target, db, tmp_path, *build_args, kill_after=kill_after)
    assert killed.returncode == -9, (killed.returncode, killed.stderr)

    with _open(_config(target, db)) as store:             # the orphaned embedded server has stopped
        partial = _snapshot(store)
        mark = store.interrupted()
    assert mark is not None and mark["what"] == "load"

    # every reading command warns, and still answers
    for args in (["query", "documents", "--format", "csv"], ["participation", "--format", "csv"],
                 ["explore", "--out", str(tmp_path / "x.html")]):
        r = _kg(target, db, tmp_path, *args)
        assert r.returncode == 0, r.stderr
        assert "warning: KG-W301" in r.stderr and "interrupted" in r.stderr, r.stderr
        if at != 0.5:
            break

    again = _kg(target, db, tmp_path, *build)
    assert again.returncode == 0, again.stderr
    reference = _reference(tmp_path, build)
    assert partial != reference
    with open_store(_config(target, db)) as store:
        assert store.interrupted() is None
        assert _snapshot(store) == reference            # and no mark left: no more warnings


@pytest.mark.parametrize("target", store_params())
def test_kill_9_while_a_changed_document_is_rewritten(target, corpus, clean, tmp_path):
    """A document whose file changed loses its old facts first: killed then, and built again
    without that file, the store holds no half document (it is removed, not left sealed)."""
    db = tmp_path / "db"
    if target == "neo4j":
        with open_store(_config(target, db)) as store:
            store.run("MATCH (n) DETACH DELETE n", write=True)
    src = tmp_path / "in"
    shutil.copytree(corpus, src)
    build = ["build", str(src), "--out", str(tmp_path / "out"), "--no-page", "-q", "--jobs", "1"]
    assert _kg(target, db, tmp_path, *build).returncode == 0
    html = next(src.glob("*.html"))
    html.write_text(html.read_text(encoding="utf-8").replace("</body>", "<p>县人民医院开展家庭医生签约服务。</p></body>"),
                    encoding="utf-8")
    first = len(constraint_statements()) + 3           # constraints, the mark, the unseal
    killed = _kg(target, db, tmp_path, *build, "--batch-size", "5", kill_after=first + 1)
    assert killed.returncode == -9
    html.unlink()
    assert _kg(target, db, tmp_path, *build).returncode == 0
    with open_store(_config(target, db)) as store:
        docs = {r["id"] for r in store.run("MATCH (d:Document) RETURN d.id AS id")}
        assert html.stem not in docs
        assert store.run("MATCH ()-[r]->() WHERE r.document = $d RETURN count(r) AS n", {"d": html.stem})[0]["n"] == 0
        assert store.run("MATCH (d:Document) WHERE d.sha256 IS NULL RETURN count(d) AS n")[0]["n"] == 0
        orphans = store.run("MATCH (n) WHERE NOT n:Document AND NOT (n)--() RETURN count(n) AS n")[0]["n"]
        assert orphans == 0 and store.interrupted() is None
