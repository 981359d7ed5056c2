"""The background store server (issue 13, item 6): the first read command on the embedded store
starts ArcadeDB detached, later commands are its clients, it stops by itself when idle or on
`kg stop`, and a command that finds it gone starts another. Real servers, real processes.

The suite runs with KG_STORE_IDLE=0 (conftest); each test here opts in and stops, in its
fixture's teardown, whatever server it started, so no JVM outlives the test."""
from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.store import StoreConfig, open_store
from kg.store import background as bg

pytestmark = pytest.mark.store

# Two short reports of our own (invented places), enough for participations and two documents.
REPORTS = {
    "qinghe_2023.txt": "青禾县2023年卫生健康工作总结\n\n一、基层服务能力提升\n"
                       "青禾县人民医院牵头开展家庭医生签约服务，全县组建家庭医生团队42个。"
                       "青禾县中医院参与慢性病管理，为辖区群众提供随访服务。\n"
                       "禾东镇卫生院参与家庭医生签约服务，重点人群签约率达到71.5%。\n",
    "lanxi_2022.txt": "兰溪县2022年卫生健康工作总结\n\n"
                      "兰溪县人民医院参与家庭医生签约服务，年内新增签约居民3200人。\n"
                      "兰溪县疾病预防控制中心开展慢性病管理工作。\n",
}


def write_reports(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def kg(db: Path, *args: str, idle: str = "60", timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "KG_STORE_IDLE": idle}
    return subprocess.run([sys.executable, "-m", "kg", *args, "--db", str(db)], capture_output=True,
                          text=True, env=env, timeout=timeout)


def servers(db: Path) -> list[int]:
    """Pids of the ArcadeDB children (kg.store._server) of this store that still run."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"kg.store._server" in argv and str(db).encode() in argv and bg.pid_running(int(entry.name)):
            found.append(int(entry.name))
    return sorted(found)


def wait_for(predicate, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A store built from the reports above (its own child, no background server)."""
    import kg.api

    root = tmp_path_factory.mktemp("bgstore")
    kg.api.build([write_reports(root / "reports")], root / "out", store=StoreConfig(db_dir=root / "db"), page=False)
    return (root / "db").resolve()


@pytest.fixture()
def db(built, monkeypatch):
    """The built store, with background servers on for this test (also in this process);
    whatever server runs on it afterwards is stopped, and none may be left."""
    monkeypatch.setenv("KG_STORE_IDLE", "60")
    yield built
    bg.stop_server(built)
    assert wait_for(lambda: not servers(built), 30), f"servers left: {servers(built)}"
    assert bg.lock_is_free(built)


def test_second_command_reuses_the_server_and_kg_stop_ends_it(db):
    first = kg(db, "query", "RETURN 1 AS x", "--format", "csv")
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == ["x", "1"]
    up = bg.read_serving(db)
    assert f"now runs in the background (pid {up.pid})" in first.stderr     # said once, when started
    assert up is not None and (up.state, up.kind, up.idle) == (bg.READY, bg.BACKGROUND, 60)
    assert servers(db) == [up.pid]
    assert bg.lock_holder(db) == up.pid                  # the server holds the store, not the command
    assert not bg.lock_is_free(db)

    second = kg(db, "participation", "--program", "家庭医生签约服务", "--format", "csv")
    assert second.returncode == 0, second.stderr
    assert "青禾县人民医院" in second.stdout and "兰溪县人民医院" in second.stdout
    assert "background" not in second.stderr
    again = bg.read_serving(db)
    assert (again.pid, again.port) == (up.pid, up.port)
    assert servers(db) == [up.pid]                       # no second child

    stopped = kg(db, "stop")
    assert stopped.returncode == 0, stopped.stderr
    assert f"stopped the background store server of {db} (pid {up.pid})" in stopped.stdout
    assert bg.lock_is_free(db) and not bg.pid_running(up.pid) and servers(db) == []

    nothing = kg(db, "stop")
    assert nothing.returncode == 0 and f"no store server runs on {db}" in nothing.stdout
    assert kg(db, "stop", "--quiet").stdout == ""


def test_idle_server_stops_by_itself(db):
    res = kg(db, "query", "RETURN 1 AS x", idle="2")
    assert res.returncode == 0, res.stderr
    up = bg.read_serving(db)
    assert up is not None and up.idle == 2
    assert wait_for(lambda: not bg.pid_running(up.pid) and bg.lock_is_free(db), 90)
    assert "no client for 2 s, stopping" in (db / "server.log").read_text(encoding="utf-8", errors="replace")
    assert bg.read_serving(db) is None                   # the file left says stopping, by a pid gone
    # and the next command starts another
    res = kg(db, "query", "MATCH (d:Document) RETURN count(d) AS n", "--format", "csv", idle="2")
    assert res.returncode == 0 and res.stdout.splitlines() == ["n", "2"]
    assert bg.read_serving(db).pid != up.pid


def test_an_open_client_holds_the_idle_server_up(db, monkeypatch):
    monkeypatch.setenv("KG_STORE_IDLE", "1")
    with open_store(StoreConfig(db_dir=db)) as store:
        assert store.server is None and store.serving is not None
        pid = store.serving.pid
        assert store.serving.kind == bg.BACKGROUND and bg.lock_holder(db) == pid
        time.sleep(4)                                    # four idle periods with the store open
        assert bg.pid_running(pid)
        assert store.run("MATCH (d:Document) RETURN count(d) AS n")[0]["n"] == 2
    assert wait_for(lambda: not bg.pid_running(pid) and bg.lock_is_free(db), 90)


def test_a_killed_server_is_replaced_by_the_next_command(db):
    assert kg(db, "query", "RETURN 1 AS x").returncode == 0
    dead = bg.read_serving(db)
    os.kill(dead.pid, signal.SIGKILL)
    assert wait_for(lambda: not bg.pid_running(dead.pid))
    assert (db / "serving").read_text(encoding="ascii").split()[1] == "state=ready"   # left as it was
    res = kg(db, "query", "MATCH (d:Document) RETURN d.id AS id ORDER BY id", "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["id", "lanxi_2022", "qinghe_2023"]
    now = bg.read_serving(db)
    assert now.pid != dead.pid and servers(db) == [now.pid]


def test_a_client_does_not_use_a_server_that_started_stopping(db):
    """The race of a client connecting while the server stops: the server marks itself
    `stopping` while it holds the clients' file exclusively; a client after that waits for the
    store to be free and starts another server rather than connect to the one going away."""
    assert kg(db, "query", "RETURN 1 AS x").returncode == 0
    old = bg.read_serving(db)
    fd = os.open(bg.clients_file(db), os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)                       # what the server does when it decides to stop
    bg.mark_stopping(db, old)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)
    env = {**os.environ, "KG_STORE_IDLE": "60"}
    client = subprocess.Popen([sys.executable, "-m", "kg", "query", "MATCH (d:Document) RETURN count(d) AS n",
                               "--format", "csv", "--db", str(db)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
    try:
        time.sleep(3)
        assert client.poll() is None                     # waiting: not served by the stopping one
        os.kill(old.pid, signal.SIGTERM)                 # the server goes on stopping
        out, err = client.communicate(timeout=300)
    finally:
        if client.poll() is None:
            client.kill()
    assert client.returncode == 0, err
    assert out.splitlines() == ["n", "2"]
    new = bg.read_serving(db)
    assert new is not None and new.pid != old.pid and not bg.pid_running(old.pid)


def test_idle_zero_starts_and_stops_a_child_per_command(db):
    res = kg(db, "query", "MATCH (d:Document) RETURN count(d) AS n", "--format", "csv", idle="0")
    assert res.returncode == 0 and res.stdout.splitlines() == ["n", "2"]
    assert bg.read_serving(db) is None and servers(db) == [] and bg.lock_is_free(db)


def test_bad_idle_value_is_a_coded_error(db):
    res = kg(db, "query", "RETURN 1 AS x", idle="soon")
    assert res.returncode == 1
    assert "KG-E304" in res.stderr and "KG_STORE_IDLE" in res.stderr and "Traceback" not in res.stderr


def test_stop_does_not_end_a_command_holding_the_store(db):
    with open_store(StoreConfig(db_dir=db), background=False) as store:
        assert store.server is not None
        res = kg(db, "stop")
        assert res.returncode == 1 and "KG-E303" in res.stderr and str(os.getpid()) in res.stderr
        assert store.counts()[0] > 0                     # still up


def test_build_and_remove_go_through_the_background_server(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE_IDLE", "60")
    reports = write_reports(tmp_path / "reports")
    store = (tmp_path / "db").resolve()
    try:
        built = kg(store, "build", str(reports), "--out", str(tmp_path / "out"), "-q", "--no-page")
        assert built.returncode == 0, built.stderr
        assert servers(store) == [] and bg.read_serving(store) is None   # a build leaves no server
        assert kg(store, "query", "RETURN 1 AS x").returncode == 0
        up = bg.read_serving(store)
        removed = kg(store, "remove", "lanxi_2022")
        assert removed.returncode == 0, removed.stderr
        assert "removed 1 document(s)" in removed.stdout
        again = kg(store, "build", str(reports), "--out", str(tmp_path / "out"), "--no-page")
        assert again.returncode == 0, again.stderr
        assert "1 added, 0 updated, 1 unchanged" in again.stdout
        assert bg.read_serving(store).pid == up.pid and servers(store) == [up.pid]
        gone = kg(store, "remove", "lanxi_2022", "no-such-report")
        assert gone.returncode == 1 and "KG-E309" in gone.stderr and "no-such-report" in gone.stderr
    finally:
        bg.stop_server(store)
    assert servers(store) == [] and bg.lock_is_free(store)


def test_serve_takes_over_from_the_background_server(db):
    assert kg(db, "query", "RETURN 1 AS x").returncode == 0
    background = bg.read_serving(db)
    env = {**os.environ, "KG_STORE_IDLE": "60"}
    serve = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--db", str(db)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    try:
        lines = []
        for line in serve.stdout:
            lines.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        assert any(f"kg stop --db {db}" in ln for ln in lines)
        assert not bg.pid_running(background.pid)
        serving = bg.read_serving(db)
        assert (serving.kind, serving.pid, serving.state) == (bg.SERVE, serve.pid, bg.READY)
        # commands are its clients
        res = kg(db, "query", "MATCH (d:Document) RETURN count(d) AS n", "--format", "csv")
        assert res.returncode == 0 and res.stdout.splitlines() == ["n", "2"]
        stopped = kg(db, "stop")
        assert stopped.returncode == 0 and f"stopped kg serve of {db} (pid {serve.pid})" in stopped.stdout
        assert serve.wait(timeout=60) == 0
        assert "stopped the background store server" in serve.stderr.read()
        assert bg.lock_is_free(db) and not (db / "serving").exists()
    finally:
        if serve.poll() is None:
            serve.kill()


def test_readme_synopsis_of_kg_stop_names_its_options():
    import re

    from conftest import REPO
    from kg.cli import main

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    synopsis = re.search(r"^kg stop \[[^`]*?(?=\n```)", readme, re.M)
    assert synopsis, "README has no synopsis block for kg stop"
    written = set(re.findall(r"--[a-z][a-z0-9-]*", synopsis.group(0)))
    have = {o for p in main.commands["stop"].params for o in getattr(p, "opts", []) if o.startswith("--")}
    assert written == have - {"--help"}
    assert "KG_STORE_IDLE" in readme


def test_the_command_line_imports_no_driver_until_a_store_is_used(tmp_path):
    """Start-up of the CLI: `import kg.cli` loads neither the driver nor networkx, a query command
    neither the page's modules nor numpy, `kg build --no-store` not the driver."""
    probe = ("import sys\nimport kg.cli\n"
             "print(sorted(m for m in ('neo4j', 'networkx', 'numpy', 'viz') if m in sys.modules))\n"
             "kg.cli.main.commands['query']\n"
             "print(sorted(m for m in ('neo4j', 'networkx', 'numpy', 'viz') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "[]"]
    reports = write_reports(tmp_path / "reports")
    build = ("import sys, runpy\n"
             f"sys.argv = ['kg', 'build', {str(reports)!r}, '--no-store', '--no-page', '-q', '--jobs', '1', "
             f"'--out', {str(tmp_path / 'out')!r}]\n"
             "try:\n    runpy.run_module('kg', run_name='__main__')\nexcept SystemExit as exc:\n"
             "    assert not exc.code, exc.code\n"
             "print('neo4j' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", build], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "False"
    assert (tmp_path / "out" / "facts.json").is_file()
