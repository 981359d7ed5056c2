"""Saved queries, `kg query` and `kg participation` on a real store (embedded ArcadeDB,
and Neo4j when NEO4J_URI is set)."""
from __future__ import annotations

import csv
import io
import json
import os

import pytest
from click.testing import CliRunner

from kg.errors import KGError
from kg.store import StoreConfig, open_store
from kg.store.cli import _width, format_rows, participation, query
from kg.store.queries import parse_queries, query as api_query, resolve, saved_queries

from store_fixtures import any_store, embedded_store, sample_graph, wipe  # noqa: F401

REQUIRED = {"participation", "program_institutions", "institution_programs", "partners",
            "indicator_values", "region_institutions", "evidence", "most_connected"}
# a value for each parameter a saved query may require
VALUES = {"program": "家庭医生签约服务", "institution": "县医院", "region": "甲县",
          "indicator": "门诊人次"}


@pytest.fixture()
def loaded(any_store):
    wipe(any_store)
    any_store.load(sample_graph())
    return any_store


def conn_args(store) -> list[str]:
    password = store.server.password if store.server else os.environ.get("NEO4J_PASSWORD", "")
    return ["--neo4j-uri", store.uri, "--neo4j-user", store.user, "--neo4j-password", password]


def invoke(cmd, store, *args: str):
    result = CliRunner().invoke(cmd, [*args, *conn_args(store)], catch_exceptions=False)
    return result


# ------------------------------------------------------------------ parsing (no store)
def test_saved_queries_parse():
    qs = saved_queries()
    assert REQUIRED <= set(qs)
    for q in qs.values():
        assert q.cypher and not q.cypher.rstrip().endswith(";")
        assert q.description
        for p in q.params:
            assert f"${p.name}" in q.cypher, (q.name, p.name)
    assert [str(p) for p in qs["participation"].params] == ["program?", "region?", "institution?", "kind?"]
    assert qs["most_connected"].params[-1].default == 20


def test_parse_format():
    text = ("// header\n// name: a\n// params: x, y?, n=5\n// description: first\n// more words\n"
            "MATCH (n) WHERE n.x = $x\nRETURN n LIMIT $n;\n\n// name: b\nRETURN 1;\n")
    qs = parse_queries(text)
    assert list(qs) == ["a", "b"]
    assert qs["a"].description == "first more words"
    assert [(p.name, p.required, p.default) for p in qs["a"].params] == [("x", True, None), ("y", False, None), ("n", False, 5)]
    assert qs["a"].cypher == "MATCH (n) WHERE n.x = $x\nRETURN n LIMIT $n"
    assert qs["b"].cypher == "RETURN 1"


def test_resolve_normalises_names_and_checks_params():
    cypher, params, name = resolve("participation", {"program": "家庭医生 签约服务", "region": "甲县"})
    assert name == "participation" and params["program"] == "家庭医生签约服务"
    _, params, _ = resolve("participation", {"institution": "ＡＢＣ医院"})
    assert params["institution"] == "abc医院" and params["program"] is None
    with pytest.raises(KGError) as e:
        resolve("partners", {})
    assert e.value.code == "KG-E403" and "'institution'" in str(e.value)
    with pytest.raises(KGError) as e:
        resolve("no_such_query")
    assert e.value.code == "KG-E402" and "participation" in str(e.value)
    with pytest.raises(KGError) as e:
        resolve("MATCH (n) WHERE n.id = $id RETURN n")
    assert e.value.code == "KG-E403"


def test_table_aligns_wide_characters():
    text = format_rows([{"name": "县医院", "n": 1}, {"name": "ab", "n": 22}], "table")
    lines = text.splitlines()
    # the second column starts at the same display column on every line (县 is two wide)
    assert _width(lines[2][: lines[2].rindex("1")]) == _width(lines[3][: lines[3].rindex("22")]) == 8
    assert lines[0].split() == ["name", "n"] and lines[-1] == "(2 rows)"


# ------------------------------------------------------------------ on a store
@pytest.mark.store
@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_each_saved_query_runs(loaded, name):
    q = saved_queries()[name]
    given = {p.name: VALUES[p.name] for p in q.params if p.required}
    cypher, params, _ = resolve(name, given)
    rows = loaded.run(cypher, params)
    assert rows, f"{name} returned no rows on the sample graph"


@pytest.mark.store
def test_participation_matches_aliases_in_region(loaded):
    rows = api_query("participation", {"institution": "县医院", "region": "甲县"}, store=loaded)
    assert {(r["institution"], r["program"]) for r in rows} == {
        ("甲县人民医院", "家庭医生签约服务"), ("甲县人民医院", "慢性病管理")}
    assert all(r["documents"] == ["甲县2023"] for r in rows)
    # full-width letters and spaces in what a user types do not matter
    rows = api_query("participation", {"program": "家庭医生 签约服务", "region": "丙 县"}, store=loaded)
    assert [(r["institution"], r["documents"]) for r in rows] == [("丙县人民医院", ["丙县2022"])]


@pytest.mark.store
def test_partners_both_directions(loaded):
    rows = api_query("partners", {"institution": "乙市一院"}, store=loaded)
    assert {(r["partner"], r["direction"], r["kind"]) for r in rows} == {
        ("甲县人民医院", "supports", "对口支援"), ("丙县人民医院", "supports", "医联体")}
    rows = api_query("partners", {"institution": "丙县县医院"}, store=loaded)
    assert [(r["partner"], r["direction"]) for r in rows] == [("乙市第一人民医院", "supported by")]


@pytest.mark.store
def test_indicator_values_over_time(loaded):
    rows = api_query("indicator_values", {"indicator": "门诊人次", "institution": "县人民医院"}, store=loaded)
    assert [(r["subject"], r["period"], r["value"]) for r in rows] == [
        ("丙县人民医院", "2022", 80000.0), ("甲县人民医院", "2023", 120000.0)]


@pytest.mark.store
def test_cli_saved_query_formats(loaded, tmp_path):
    r = invoke(query, loaded, "participation", "--param", "program=家庭医生签约服务", "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert {row["institution"] for row in rows} == {"甲县人民医院", "甲县城关镇卫生院", "丙县人民医院", "乙市第一人民医院"}
    assert all(row["documents"] for row in rows)
    r = invoke(query, loaded, "MATCH (p:Program) RETURN p.name AS name ORDER BY name", "--format", "json")
    assert [x["name"] for x in json.loads(r.output)] == ["家庭医生签约服务", "慢性病管理"]
    out = tmp_path / "p.csv"
    r = invoke(query, loaded, "programs", "--out", str(out))
    assert r.exit_code == 0 and out.read_text(encoding="utf-8-sig").startswith("program,")
    r = invoke(query, loaded, "most_connected", "--param", "limit=1", "--format", "table")
    assert r.exit_code == 0 and "(1 row)" in r.output and "乙市第一人民医院" in r.output


@pytest.mark.store
def test_cli_query_from_file_and_list(loaded, tmp_path):
    f = tmp_path / "q.cypher"
    f.write_text("MATCH (d:Document) WHERE d.year = $year RETURN d.id AS id;\n", encoding="utf-8")
    r = invoke(query, loaded, "-f", str(f), "--param", "year=2022", "--format", "csv")
    assert r.exit_code == 0 and r.output.split() == ["id", "丙县2022"]
    r = CliRunner().invoke(query, ["--list"])
    assert r.exit_code == 0 and "participation" in r.output and "program?" in r.output


@pytest.mark.store
def test_cli_participation(loaded):
    r = invoke(participation, loaded, "--program", "家医签约", "--region", "甲县", "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert [(x["institution"], x["documents"]) for x in rows] == [
        ("甲县人民医院", "甲县2023"), ("甲县城关镇卫生院", "甲县2023")]


@pytest.mark.store
def test_write_refused_without_flag(loaded):
    r = invoke(query, loaded, "CREATE (n:Scratch {x: 1}) RETURN n.x AS x")
    assert r.exit_code == 1 and "KG-E404" in r.output
    assert loaded.run("MATCH (n:Scratch) RETURN count(n) AS c")[0]["c"] == 0
    # the guarantee behind the lexical check: a read runs in a transaction that is rolled back
    with pytest.raises(KGError) as e:
        loaded._run("CREATE (n:Scratch {x: 2})", {}, False, None)
    assert e.value.code == "KG-E404"
    assert loaded.run("MATCH (n:Scratch) RETURN count(n) AS c")[0]["c"] == 0
    r = invoke(query, loaded, "CREATE CONSTRAINT x IF NOT EXISTS FOR (n:Scratch) REQUIRE n.id IS UNIQUE")
    assert r.exit_code == 1 and "KG-E404" in r.output
    r = invoke(query, loaded, "CREATE (n:Scratch {x: 3}) RETURN n.x AS x", "--write", "--format", "csv")
    assert r.exit_code == 0 and r.output.split() == ["x", "3"]
    assert loaded.run("MATCH (n:Scratch) RETURN count(n) AS c")[0]["c"] == 1


@pytest.mark.store
def test_cli_errors_are_one_line(loaded):
    r = invoke(query, loaded, "MATCH (n RETURN n")
    assert r.exit_code == 1 and "KG-E401" in r.output and "Traceback" not in r.output
    assert "line 1" in r.output or "1:" in r.output
    assert len(r.output.strip().splitlines()) == 1
    # the caller's mistakes are usage errors: exit 2
    r = invoke(query, loaded, "participaton")
    assert r.exit_code == 2 and "KG-E402" in r.output and "participation" in r.output
    r = invoke(query, loaded, "partners")
    assert r.exit_code == 2 and "KG-E403" in r.output and "institution" in r.output
    r = invoke(query, loaded, "programs", "--param", "region")
    assert r.exit_code == 2 and "KG-E405" in r.output


@pytest.mark.store
def test_timeout_abandons_a_long_query(tmp_path):
    with open_store(StoreConfig(db_dir=tmp_path / "db")) as store:
        with pytest.raises(KGError) as e:
            store.run("UNWIND range(1, 25000000) AS x WITH x WHERE x < 0 RETURN count(x) AS c", timeout=1)
        assert e.value.code == "KG-E406"
    with open_store(StoreConfig(db_dir=tmp_path / "db")) as store:  # the store opens again
        assert store.run("RETURN 1 AS x") == [{"x": 1}]


# ------------------------------------------------------------------ issue 15: exit codes and output
@pytest.mark.store
def test_missing_or_malformed_param_is_a_usage_error(loaded):
    for args, code in ((["partners"], "KG-E403"), (["programs", "--param", "region"], "KG-E405"),
                       (["programs", "--param", "=x"], "KG-E405"),
                       (["MATCH (n) WHERE n.id = $id RETURN n.id AS id"], "KG-E403")):
        r = invoke(query, loaded, *args)
        assert r.exit_code == 2 and code in r.stderr and r.stdout == "", (args, r.output)


@pytest.mark.store
def test_a_result_without_rows_still_has_its_header(loaded):
    r = invoke(query, loaded, "MATCH (d:Document) WHERE d.id = 'none' RETURN d.id AS id, d.title AS title",
               "--format", "csv")
    assert r.exit_code == 0 and r.stdout == "id,title\n"
    r = invoke(query, loaded, "partners", "--param", "institution=没有这家医院", "--format", "csv")
    assert r.exit_code == 0 and r.stdout == "institution,direction,partner,partner_region,kind,documents,evidence\n"
    r = invoke(query, loaded, "MATCH (d:Document) WHERE d.id = 'none' RETURN d.id AS id", "--format", "table")
    assert r.stdout.splitlines() == ["id", "(0 rows)"]
    r = invoke(query, loaded, "MATCH (d:Document) WHERE d.id = 'none' RETURN d.id AS id", "--format", "json")
    assert json.loads(r.stdout) == []


def test_return_columns_are_read_from_the_statement():
    from kg.store.store import return_columns
    assert return_columns("MATCH (n) WITH n, COUNT { (n)--() } AS c RETURN DISTINCT n.name, c AS `set`, "
                          "{a: 1, b: [1, 2]} AS m, 'x, y' AS `a b` ORDER BY c LIMIT 3") == ["n.name", "set", "m", "a b"]
    assert return_columns("CALL { MATCH (n) RETURN n } RETURN count(*) // RETURN x") == ["count(*)"]
    assert return_columns("MATCH (n) RETURN *") == [] and return_columns("CREATE (n)") == []


@pytest.mark.store
def test_documents_are_listed_sorted_by_id(any_store):
    from store_fixtures import GraphBuilder
    wipe(any_store)
    b = GraphBuilder()
    for doc_id, region, year in (("a-report", "乙县", 2021), ("b-report", "丙县", 2023), ("c-report", None, None),
                                 ("d-report", "丙县", 2020)):
        b.doc(doc_id, region, year)
    any_store.load(b.g)
    r = invoke(query, any_store, "documents", "--format", "csv")
    ids = [row["document"] for row in csv.DictReader(io.StringIO(r.stdout))]
    assert ids == ["a-report", "b-report", "c-report", "d-report"]


def test_help_of_each_command_lists_only_the_options_that_apply():
    from kg.cli import main

    def help_of(*cmd):
        r = CliRunner().invoke(main, [*cmd, "--help"])
        assert r.exit_code == 0
        return r.output

    remove_help = help_of("remove")
    assert "kg query documents" in " ".join(remove_help.split())
    serve_help = help_of("serve")
    assert "--neo4j" not in serve_help and "--batch-size" not in serve_help and "--db" in serve_help
    for cmd in ("query", "participation", "explore"):
        assert "--batch-size" not in help_of(cmd), cmd
        assert "--neo4j-uri" in help_of(cmd)
    for cmd in ("build", "remove"):
        assert "--batch-size" in help_of(cmd)


def test_serve_ignores_a_neo4j_uri_in_the_environment(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    assert StoreConfig(db_dir=None, embedded_only=True).resolved().uri is None
    assert StoreConfig().resolved().uri == "bolt://127.0.0.1:9"
