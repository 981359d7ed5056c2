"""A store password given by flag, by environment or inside the URI never shows: not on stdout,
not on stderr, not in any file kg writes; and a failure says whether the server could not be
reached or refused the credentials (issue 15).

The server is a real Bolt server with authentication: the embedded ArcadeDB, opened by the test
and addressed by URI as a Neo4j server would be (and a real Neo4j when NEO4J_URI is set)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE
from kg.errors import KGError, redact
from kg.store import StoreConfig, open_store
from kg.store.store import split_credentials

pytestmark = pytest.mark.store

WRONG = "Wr0ng-S3cret-pw"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(bolt URI without credentials, user, password) of a running server with authentication."""
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")
        return
    with open_store(StoreConfig(db_dir=tmp_path_factory.mktemp("redaction") / "db")) as store:
        yield store.uri, store.user, store.server.password


def with_credentials(uri: str, user: str, password: str) -> str:
    scheme, _, rest = uri.partition("://")
    return f"{scheme}://{user}:{password}@{rest}"


def kg(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=work,
                          env={**base, **(env or {})}, timeout=600)


def files_written(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]


def assert_nowhere(secret: str, tmp_path: Path, *procs: subprocess.CompletedProcess) -> None:
    for p in procs:
        assert secret not in p.stdout and secret not in p.stderr, (p.args, p.stdout, p.stderr)
    for f in files_written(tmp_path):
        assert secret.encode() not in f.read_bytes(), f


@pytest.fixture()
def reports(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(SAMPLE.glob("*.html")), src)
    return src


def test_uri_credentials_are_used_and_never_shown(server, tmp_path, reports):
    uri, user, password = server
    full = with_credentials(uri, user, password)
    out = tmp_path / "out"
    build = kg(tmp_path, "build", str(reports), "--out", str(out), "--neo4j-uri", full, "--explain")
    assert build.returncode == 0, build.stderr
    assert "documents:" in build.stdout                          # loaded: the credentials worked
    q = kg(tmp_path, "query", "documents", "--neo4j-uri", full, "--format", "csv", "--out", str(tmp_path / "d.csv"))
    p = kg(tmp_path, "participation", "--neo4j-uri", full, "--format", "json")
    e = kg(tmp_path, "explore", "--neo4j-uri", full, "--out", str(tmp_path / "x.html"))
    assert q.returncode == p.returncode == e.returncode == 0, (q.stderr, p.stderr, e.stderr)
    env = kg(tmp_path, "query", "MATCH (d:Document) RETURN count(d) AS n", "--format", "csv",
             env={"NEO4J_URI": full})
    assert env.returncode == 0 and env.stdout.split()[0] == "n", env.stderr
    assert_nowhere(password, tmp_path, build, q, p, e, env)


@pytest.mark.parametrize("how", ["uri", "flag", "env"])
def test_a_refused_password_is_named_as_refused_and_never_echoed(server, tmp_path, reports, how):
    uri, user, _ = server
    if how == "uri":
        args, env = ["--neo4j-uri", with_credentials(uri, user, WRONG)], {}
    elif how == "flag":
        args, env = ["--neo4j-uri", uri, "--neo4j-user", user, "--neo4j-password", WRONG], {}
    else:
        args, env = [], {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": WRONG}
    procs = [kg(tmp_path, "build", str(reports), "--out", str(tmp_path / "out"), *args, env=env),
             kg(tmp_path, "query", "documents", *args, env=env),
             kg(tmp_path, "remove", "some-doc", *args, env=env)]
    for proc in procs:
        assert proc.returncode == 1 and "KG-E302" in proc.stderr, proc.stderr
        assert "answered but refused the credentials" in proc.stderr
        assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "facts.json").exists()        # refused before any extraction
    assert_nowhere(WRONG, tmp_path, *procs)


@pytest.mark.parametrize("how", ["uri", "flag", "env"])
def test_an_unreachable_server_is_named_as_unreachable_and_the_password_never_echoed(tmp_path, reports, how):
    uri = "bolt://127.0.0.1:9"
    if how == "uri":
        args, env = ["--neo4j-uri", f"bolt://neo4j:{WRONG}@127.0.0.1:9"], {}
    elif how == "flag":
        args, env = ["--neo4j-uri", uri, "--neo4j-password", WRONG], {}
    else:
        args, env = [], {"NEO4J_URI": uri, "NEO4J_PASSWORD": WRONG}
    procs = [kg(tmp_path, "build", str(reports), "--out", str(tmp_path / "out"), *args, env=env),
             kg(tmp_path, "participation", *args, env=env)]
    for proc in procs:
        assert proc.returncode == 1 and "KG-E301" in proc.stderr and "no server answered" in proc.stderr, proc.stderr
    assert_nowhere(WRONG, tmp_path, *procs)


def test_a_bad_uri_is_a_usage_error_without_its_password(tmp_path):
    proc = kg(tmp_path, "query", "documents", "--neo4j-uri", f"bolt://neo4j:{WRONG}@127.0.0.1:notaport")
    assert proc.returncode == 2 and "KG-E310" in proc.stderr, proc.stderr
    proc2 = kg(tmp_path, "query", "documents", "--neo4j-uri", f"nosuchscheme://neo4j:{WRONG}@127.0.0.1:7687")
    assert proc2.returncode == 2 and "KG-E310" in proc2.stderr, proc2.stderr
    assert_nowhere(WRONG, tmp_path, proc, proc2)


def test_credentials_are_split_from_the_uri_and_redacted():
    assert split_credentials("bolt://neo4j:p%40ss@db.example:7687/x") == ("bolt://db.example:7687/x", "neo4j", "p@ss")
    assert split_credentials("neo4j+s://db.example") == ("neo4j+s://db.example", None, None)
    cfg = StoreConfig(uri=f"bolt://me:{WRONG}@h:1").resolved()
    assert (cfg.uri, cfg.user, cfg.password) == ("bolt://h:1", "me", WRONG)
    assert WRONG not in repr(StoreConfig(uri=f"bolt://me:{WRONG}@h:1"))
    assert StoreConfig(uri=f"bolt://me:{WRONG}@h:1", password="flag-wins").resolved().password == "flag-wins"
    assert WRONG not in redact(f"failed: bolt://me:{WRONG}@h:1 and {WRONG}")
    with pytest.raises(KGError) as e:
        open_store(StoreConfig(uri=f"bolt://me:{WRONG}@127.0.0.1:9"))
    assert e.value.code == "KG-E301" and WRONG not in str(e.value) and "bolt://127.0.0.1:9" in str(e.value)
