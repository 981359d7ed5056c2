"""`kg build --explain` and `--disable-rule`: which extraction rule (kg.extract.registry) produced
each fact, the rule table with hit counts, switching a rule off, and an unknown rule name."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections import Counter

import pytest

from conftest import SAMPLE
from kg.errors import KGError
from kg.extract import registry
from kg.export import EXPLAIN_COLUMNS, RULE_COLUMNS, facts
from kg.model import Document, Extraction, Measurement, Mention, RelationMention, Sentence
from kg.pipeline import build


def read_tsv(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def kg_build(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    e = dict(os.environ)
    e.pop("KG_DISABLE_RULES", None)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "kg", "build", *args], capture_output=True, text=True, env=e)


@pytest.fixture(scope="module")
def explained(tmp_path_factory):
    out = tmp_path_factory.mktemp("explain")
    return build([SAMPLE], out, page=False, explain=True), out


def fact_key(row: dict) -> tuple:
    return row["document"], row["category"], row["fact"]


# --- the plumbing: records → graph → facts.json ------------------------------------------------

def test_rules_travel_from_records_to_facts_json():
    """Rule names given on hand-made records reach the graph and facts.json (no stage needed)."""
    from kg.graph import build_graph, mention_provenance
    from kg.lexicon import load_lexicon
    from kg.resolve import Resolver

    text = "青禾县人民医院参加家庭医生签约服务。青禾县人民医院对口支援青禾县中医医院。全县门诊量12万人次。"
    doc = Document("d1", text, "d1.txt", "0" * 64, None, "青禾县", 2023)
    s1, s2, s3 = text.split("。")[:3]
    a, b = len(s1) + 1, len(s1) + len(s2) + 2
    sents = [Sentence("d1", 0, 0, len(s1), s1), Sentence("d1", 1, a, a + len(s2), s2),
             Sentence("d1", 2, b, b + len(s3), s3)]
    hosp = Mention("institution", "青禾县人民医院", "青禾县人民医院", 0, 7, 0, "general_hospital", rule="r-hosp")
    prog = Mention("program", "家庭医生签约服务", "家庭医生签约服务", 9, 17, 0, canonical="家庭医生签约服务", rule="r-prog")
    hosp2 = Mention("institution", "青禾县人民医院", "青禾县人民医院", a, a + 7, 1, "general_hospital", rule="r-other")
    tcm = Mention("institution", "青禾县中医医院", "青禾县中医医院", a + 11, a + 18, 1, "tcm_hospital", rule="r-hosp")
    ex = Extraction(doc, sents, [hosp, prog, hosp2, tcm],
                    [Measurement("门诊量", 120000.0, "人次", "门诊量12万人次", 2, b + 2, "全县", "2023", rule="r-ind")],
                    [RelationMention("participation", hosp, prog, 0, s1, 0, rule="r-part"),
                     RelationMention("partnership", hosp2, tcm, 1, s2, a, "对口支援", rule="r-partner")])
    resolver = Resolver(load_lexicon().types)
    res = [resolver.add(ex)]
    g = build_graph([ex], res, resolver.entities())
    f = facts(g)
    by_name = {i["name"]: i for i in f["institutions"]}
    assert by_name["青禾县人民医院"]["rules"] == ["r-hosp", "r-other"]          # sorted set over mentions
    assert by_name["青禾县中医医院"]["rules"] == ["r-hosp"]
    assert [p["rules"] for p in f["programs"]] == [["r-prog"]]
    assert [r["rule"] for r in f["participations"]] == ["r-part"]
    assert [r["rule"] for r in f["partnerships"]] == ["r-partner"]
    assert [r["rule"] for r in f["indicators"]] == ["r-ind"]
    # and back: facts.json → graph → facts.json keeps them
    from kg.graph import graph_from_facts
    assert facts(graph_from_facts(f)) == f
    # one provenance row per entity, document and rule, with the sentence of its first mention
    prov = mention_provenance([ex], res)
    assert sorted((r[2], r[4]) for r in prov) == sorted([("r-hosp", s1), ("r-prog", s1), ("r-other", s2), ("r-hosp", s2)])


# --- the rule table -----------------------------------------------------------------------------

def test_rule_table_lists_every_registered_rule_with_its_hits(explained):
    result, out = explained
    registered = registry.rules()
    assert [r["key"] for r in result.rules] == [r.key for r in registered]
    for row, r in zip(result.rules, registered):
        assert row["hits"] == r.hits and row["stage"] == r.stage and row["rule"] == r.name
        assert row["matches"] == r.matches and row["produces"] == r.produces
        assert 0 <= row["documents"] <= len(result.documents) and (row["documents"] > 0) == (row["hits"] > 0)
    table = read_tsv(out / "rules.tsv")
    assert [(t["stage"], t["rule"], int(t["hits"])) for t in table] == [(r.stage, r.name, r.hits) for r in registered]
    with (out / "rules.tsv").open(encoding="utf-8") as f:
        assert f.readline().rstrip("\n").split("\t") == list(RULE_COLUMNS)
    if registered:
        assert sum(r.hits for r in registered) > 0, "rules are registered but none fired on the sample"


def test_hits_start_afresh_with_every_build(explained, tmp_path):
    result, _ = explained
    again = build([SAMPLE], tmp_path, page=False, explain=True)
    assert [r["hits"] for r in again.rules] == [r["hits"] for r in result.rules]


def test_cli_explain_prints_the_table_and_writes_explain_tsv(tmp_path):
    proc = kg_build(str(SAMPLE), "--out", str(tmp_path), "--no-store", "--no-page", "-q", "--explain")
    assert proc.returncode == 0, proc.stderr
    for r in registry.rules():
        line = next((x for x in proc.stderr.splitlines() if x.split()[:2] == [r.stage, r.name]), None)
        assert line is not None, f"{r.key} missing from the --explain table:\n{proc.stderr}"
        assert line.split()[2].isdigit()                                    # its hit count
    if not registry.rules():
        assert "no extraction rules are registered" in proc.stderr
    rows = read_tsv(tmp_path / "explain.tsv")
    facts_json = json.loads((tmp_path / "facts.json").read_text(encoding="utf-8"))
    n = Counter(r["category"] for r in rows)
    for cat in ("participation", "partnership", "indicator"):
        assert n[cat] == len(facts_json[cat + "s"]), cat
    assert {r["document"] for r in rows if r["category"] == "institution"} <= {d["id"] for d in facts_json["documents"]}
    assert n["institution"] >= len(facts_json["institutions"]) and n["program"] >= len(facts_json["programs"])
    assert all(r["evidence"] for r in rows)


# --- every fact names its rule --------------------------------------------------------------------

def test_every_fact_names_a_registered_rule(explained):
    result, out = explained
    rows = read_tsv(out / "explain.tsv")
    assert rows and len(rows) == len(result.explain)
    with (out / "explain.tsv").open(encoding="utf-8") as f:
        assert f.readline().rstrip("\n").split("\t") == list(EXPLAIN_COLUMNS)
    names = {r.name for r in registry.rules()} | {r.key for r in registry.rules()}
    unknown = sorted({r["rule"] for r in rows if r["rule"] and r["rule"] not in names})
    assert not unknown, f"facts name rules that are not registered: {unknown}"
    # While the stages are being converted to named rules some facts carry no rule (empty cell);
    # once any rule is registered, at least one fact must name one.
    if registry.rules():
        assert any(r["rule"] for r in rows), "rules are registered but no fact names one"


def test_explain_and_facts_are_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        assert kg_build(str(SAMPLE), "--out", str(d), "--no-store", "--no-page", "-q", "--explain").returncode == 0
    for name in ("facts.json", "explain.tsv", "rules.tsv"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


# --- switching a rule off -------------------------------------------------------------------------

def _busiest_rule(result) -> registry.Rule:
    by_facts = Counter(r["rule"] for r in result.explain if r["rule"])
    if by_facts:
        return registry.get(next(k for k, _ in by_facts.most_common()
                                 if len([r for r in registry.rules() if r.name == k]) == 1))
    fired = [r for r in result.rules if r["hits"]]
    if not fired:
        pytest.skip("no extraction rule is registered or fires on the sample yet")
    return registry.get(max(fired, key=lambda r: r["hits"])["key"])


@pytest.fixture(scope="module")
def busiest_off(explained, tmp_path_factory):
    """The rule with the most facts on the sample, and the sample built with it off."""
    result, _ = explained
    rule = _busiest_rule(result)
    out = tmp_path_factory.mktemp("off")
    return rule, build([SAMPLE], out, page=False, explain=True, disable_rules=[rule.key]), out


def test_a_disabled_rule_has_no_hits_and_its_facts_vanish(explained, busiest_off):
    result, _ = explained
    rule, off, out = busiest_off
    before = [r for r in result.explain if r["rule"] == rule.name]
    row = next(r for r in off.rules if r["key"] == rule.key)
    assert row["on"] is False
    assert row["hits"] == 0, f"{rule.key} is off but fired {row['hits']} times: its stage does not check `.on`"
    assert not [r for r in off.explain if r["rule"] == rule.name]
    f = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    assert not [x for k in ("participations", "partnerships", "indicators") for x in f[k] if x["rule"] == rule.name]
    assert not [x for k in ("institutions", "programs") for x in f[k] if rule.name in x["rules"]]
    if before:
        left = {fact_key(r) for r in off.explain}
        assert any(fact_key(r) not in left for r in before), \
            f"every fact of {rule.key} is still there with the rule off: is `.on` checked?"
    assert registry.get(rule.key).on, "the rule stays off after the build"
    assert sum(r["hits"] for r in off.rules) > 0 or len(registry.rules()) == 1      # the other rules still run


def test_every_rule_that_fires_can_be_switched_off():
    """Each rule that fires on the sample or the format fixtures, switched off alone, fires no more
    and no fact names it (the stage checks `rule.on` before running it)."""
    from conftest import REPO
    from kg.export import explain_rows
    from kg.lexicon import load_lexicon
    from kg.pipeline import assemble, extract_all, load_documents

    lexicon = load_lexicon()
    docs, _ = load_documents([SAMPLE, REPO / "tests" / "fixtures" / "formats" / "docs"])

    def run() -> list[dict]:
        registry.reset_hits()
        prov: list = []
        return explain_rows(assemble(extract_all(docs, lexicon), lexicon, prov), prov)

    run()
    fired = [r for r in registry.rules() if r.hits]
    if not fired:
        pytest.skip("no extraction rule is registered or fires yet")
    bad = []
    for r in fired:
        r.on = False
        try:
            rows = run()
            named = sum(1 for x in rows if x["rule"] == r.name)
            if r.hits or named:
                bad.append(f"{r.key}: {r.hits} hits, {named} facts with the rule off")
        finally:
            r.on = True
    assert not bad, "rules that do not switch off:\n  " + "\n  ".join(bad)


@pytest.mark.parametrize("how", ["option", "env"])
def test_cli_disables_a_rule(busiest_off, tmp_path, how):
    """--disable-rule and KG_DISABLE_RULES do what disable_rules= does from Python."""
    rule, off, out = busiest_off
    args = [str(SAMPLE), "--out", str(tmp_path), "--no-store", "--no-page", "-q", "--explain"]
    if how == "option":
        proc = kg_build(*args, "--disable-rule", rule.name)
    else:
        proc = kg_build(*args, env={"KG_DISABLE_RULES": f"{rule.key}"})
    assert proc.returncode == 0, proc.stderr
    row = next(t for t in read_tsv(tmp_path / "rules.tsv") if (t["stage"], t["rule"]) == (rule.stage, rule.name))
    assert row["on"] == "off"
    assert (tmp_path / "rules.tsv").read_bytes() == (out / "rules.tsv").read_bytes()
    assert (tmp_path / "explain.tsv").read_bytes() == (out / "explain.tsv").read_bytes()


# --- an unknown rule name -----------------------------------------------------------------------

@pytest.mark.parametrize("how", ["option", "env"])
def test_unknown_rule_is_a_usage_error(tmp_path, how):
    args = [str(SAMPLE), "--out", str(tmp_path), "--no-store", "--no-page"]
    if how == "option":
        proc = kg_build(*args, "--disable-rule", "no-such-rule")
    else:
        proc = kg_build(*args, env={"KG_DISABLE_RULES": "no-such-rule"})
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: KG-E204 ") and "no-such-rule" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "facts.json").exists()


def test_unknown_rule_from_python_is_a_coded_error(tmp_path):
    with pytest.raises(KGError) as exc:
        build([SAMPLE], tmp_path, page=False, disable_rules=["no-such-rule"])
    assert exc.value.code == "KG-E204"
