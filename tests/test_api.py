"""kg.api's read commands against a real embedded store: query, participation, remove, explore
(and stop) — their results, and the same coded errors as the CLI commands they mirror.

One store for the module, built from two short reports of our own; the calls go through one
background server (opted in here, stopped at the end)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import kg.api
from kg.errors import KGError, exit_status
from kg.store import StoreConfig
from kg.store import background as bg

from test_store_background import servers, write_reports

pytestmark = pytest.mark.store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """(StoreConfig of the built store, the reports' folder); a background server serves it for
    the module and is stopped afterwards."""
    mp = pytest.MonkeyPatch()
    mp.setenv("KG_STORE_IDLE", "300")
    root = tmp_path_factory.mktemp("apistore")
    reports = write_reports(root / "reports")
    db = (root / "db").resolve()
    config = StoreConfig(db_dir=db)
    try:
        kg.api.build([reports], root / "out", store=config, page=False)
        yield config, reports
    finally:
        bg.stop_server(db)
        mp.undo()
    assert servers(db) == [] and bg.lock_is_free(db)


def cli(*args: str, db: Path | None = None) -> subprocess.CompletedProcess:
    extra = ["--db", str(db)] if db is not None else []
    return subprocess.run([sys.executable, "-m", "kg", *args, *extra], capture_output=True, text=True,
                          env=dict(os.environ), timeout=300)


def error_of(call) -> KGError:
    with pytest.raises(KGError) as e:
        call()
    return e.value


def test_query_inline_saved_and_parameters(store):
    config, _ = store
    rows = kg.api.query("MATCH (d:Document) RETURN d.id AS id ORDER BY id", store=config)
    assert rows == [{"id": "lanxi_2022"}, {"id": "qinghe_2023"}]
    assert rows.columns == ["id"]
    docs = kg.api.query("documents", {"year": 2023}, store=config)
    assert [r["document"] for r in docs] == ["qinghe_2023"]
    kind = kg.api.query("MATCH (i:Institution {name: $name}) RETURN i.kind AS kind", {"name": "青禾县人民医院"},
                        store=config)
    assert kind == [{"kind": "general_hospital"}]
    empty = kg.api.query("MATCH (i:Institution {name: $name}) RETURN i.kind AS kind", {"name": "没有这家医院"},
                         store=config)
    assert empty == [] and empty.columns == ["kind"]


def test_query_uses_the_default_store(store, monkeypatch, tmp_path):
    config, _ = store
    monkeypatch.setenv("KG_DB", str(config.db_dir))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.chdir(tmp_path)
    assert len(kg.api.query("documents")) == 2


@pytest.mark.parametrize("statement, params, cli_args, code", [
    ("no_such_saved_query", None, [], "KG-E402"),
    ("MATCH (i:Institution) WHERE i.name = $name RETURN i", None, [], "KG-E403"),
    ("program_institutions", None, [], "KG-E403"),
    ("MATCH (i:Institution) SET i.name = 'x' RETURN i", None, [], "KG-E404"),
    ("MATCH (i:Institution RETURN i", None, [], "KG-E401"),
])
def test_query_errors_are_the_cli_errors(store, statement, params, cli_args, code):
    config, _ = store
    err = error_of(lambda: kg.api.query(statement, params, store=config))
    assert err.code == code
    proc = cli("query", statement, *cli_args, db=config.db_dir)
    assert proc.returncode == exit_status(err.code)
    assert f"error: {code}" in proc.stderr and "Traceback" not in proc.stderr


def test_a_write_runs_only_when_asked(store):
    config, _ = store
    rows = kg.api.query("MATCH (d:Document {id: 'lanxi_2022'}) SET d.note = 'checked' RETURN d.note AS note",
                        store=config, write=True)
    assert rows == [{"note": "checked"}]
    assert kg.api.query("MATCH (d:Document {id: 'lanxi_2022'}) RETURN d.note AS note", store=config) == rows
    kg.api.query("MATCH (d:Document {id: 'lanxi_2022'}) REMOVE d.note RETURN d.id AS id", store=config, write=True)


def test_missing_store_is_the_cli_error(tmp_path):
    missing = StoreConfig(db_dir=tmp_path / "none")
    calls = [lambda: kg.api.query("documents", store=missing),
             lambda: kg.api.participation(program="家庭医生签约服务", store=missing),
             lambda: kg.api.remove(["qinghe_2023"], store=missing),
             lambda: kg.api.explore(missing, tmp_path / "page.html")]
    for call in calls:
        assert error_of(call).code == "KG-E308"
    for args in (["query", "documents"], ["participation"], ["remove", "qinghe_2023"]):
        proc = cli(*args, db=tmp_path / "none")
        assert proc.returncode == 1 and "error: KG-E308" in proc.stderr
    assert not (tmp_path / "none").exists()          # no empty store was made for the question


def test_participation(store):
    config, _ = store
    rows = kg.api.participation(program="家庭医生签约服务", store=config)
    assert {r["institution"] for r in rows} == {"青禾县人民医院", "禾东镇卫生院", "兰溪县人民医院"}
    assert {r["program"] for r in rows} == {"家庭医生签约服务"}
    by_name = {r["institution"]: r for r in rows}
    assert by_name["兰溪县人民医院"]["documents"] == ["lanxi_2022"]
    assert by_name["禾东镇卫生院"]["kind"] == "township_health_center"
    # a part of a name is enough, and the CLI answers the same rows
    assert kg.api.participation(program="家庭医生", institution="禾东镇", store=config) == [by_name["禾东镇卫生院"]]
    proc = cli("participation", "--program", "家庭医生签约服务", "--format", "json", db=config.db_dir)
    assert proc.returncode == 0, proc.stderr
    assert sorted(json.loads(proc.stdout), key=lambda r: r["institution"]) == sorted(rows, key=lambda r: r["institution"])
    assert kg.api.participation(program="没有这个项目", store=config) == []


def test_explore_from_the_store(store, tmp_path):
    config, _ = store
    page = kg.api.explore(config, tmp_path / "all.html")
    assert page == tmp_path / "all.html"
    html = page.read_text(encoding="utf-8")
    assert "青禾县人民医院" in html and "兰溪县人民医院" in html
    focused = kg.api.explore(config, tmp_path / "focus.html", focus="禾东镇卫生院", depth=1)
    assert "禾东镇卫生院" in focused.read_text(encoding="utf-8")
    err = error_of(lambda: kg.api.explore(config, tmp_path / "none.html", program="没有这个项目"))
    assert err.code == "KG-E501"
    proc = cli("explore", "--program", "没有这个项目", "--out", str(tmp_path / "cli.html"), db=config.db_dir)
    assert proc.returncode == 1 and "error: KG-E501" in proc.stderr


def test_remove_then_build_again(store, tmp_path):
    config, reports = store
    summary = kg.api.remove(["lanxi_2022"], store=config)
    assert summary.removed == 1 and summary.missing == [] and summary.relationships_removed > 0
    assert [r["document"] for r in kg.api.query("documents", store=config)] == ["qinghe_2023"]
    names = {r["institution"] for r in kg.api.participation(store=config)}
    assert "兰溪县人民医院" not in names and "青禾县人民医院" in names
    err = error_of(lambda: kg.api.remove(["no_such_report"], store=config))
    assert err.code == "KG-E309" and "no_such_report" in str(err)
    proc = cli("remove", "no_such_report", db=config.db_dir)
    assert proc.returncode == exit_status(err.code) == 1 and "error: KG-E309" in proc.stderr
    # the build puts it back, through the server that runs
    result = kg.api.build([reports], tmp_path / "out", store=config, page=False)
    assert (result.store_summary.added, result.store_summary.unchanged) == (1, 1)
    assert len(kg.api.query("documents", store=config)) == 2


def test_stop(store):
    config, _ = store
    kg.api.query("RETURN 1 AS x", store=config)          # make sure one runs
    pid = bg.read_serving(config.db_dir).pid
    result = kg.api.stop(config.db_dir)
    assert (result.stopped, result.pid, result.kind) == (True, pid, "background")
    assert bg.lock_is_free(config.db_dir) and not bg.pid_running(pid)
    assert kg.api.stop(config.db_dir).stopped is False
