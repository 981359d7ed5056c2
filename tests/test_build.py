"""End to end: `kg build` on the bundled sample, bad input, determinism, user lexicons."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLE
from kg.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "out"
    res = run("build", str(SAMPLE), "--out", str(out), "--no-store")
    assert res.exit_code == 0, res.output
    return out, json.loads((out / "facts.json").read_text(encoding="utf-8")), res.output


def test_sample_builds_every_format(sample_build):
    out, facts, output = sample_build
    sources = {d["source"] for d in facts["documents"]}
    for suffix in (".html", ".txt", ".docx", ".pdf"):
        assert any(s.endswith(suffix) for s in sources), suffix
    # the compilation file gives one document per report, id <stem>#<n>
    assert any("#" in d["id"] for d in facts["documents"])
    for key in ("institutions", "programs", "participations", "partnerships", "indicators"):
        assert facts[key], key
    assert "documents" in output and "institutions" in output          # the summary table


def test_every_fact_is_traceable(sample_build):
    _, facts, _ = sample_build
    docs = {d["id"] for d in facts["documents"]}
    inst = {i["id"] for i in facts["institutions"]}
    prog = {p["id"] for p in facts["programs"]}
    for r in facts["participations"]:
        assert r["institution"] in inst and r["program"] in prog and r["document"] in docs and r["evidence"]
    for r in facts["partnerships"]:
        assert r["a"] in inst and r["b"] in inst and r["document"] in docs and r["evidence"]
    for r in facts["indicators"]:
        assert r["document"] in docs and r["raw"] and r["raw"] in r["evidence"]


def test_page_is_offline(sample_build):
    out, _, _ = sample_build
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script src=\"http" not in html and "<link href=\"http" not in html and "cdn" not in html.lower()


def test_build_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run("build", str(SAMPLE), "--out", str(a), "--no-store", "-q").exit_code == 0
    assert run("build", str(SAMPLE), "--out", str(b), "--no-store", "-q").exit_code == 0
    assert (a / "facts.json").read_bytes() == (b / "facts.json").read_bytes()


def test_missing_path_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(main, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o"), "--no-store"])
    assert res.exit_code == 2
    assert "KG-E100" in res.output and "Traceback" not in res.output


def test_bad_files_are_skipped_with_a_coded_line(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(SAMPLE.glob("*.html")), src)
    (src / "empty.txt").write_bytes(b"")
    (src / "blob.txt").write_bytes(bytes(range(256)) * 20)
    (src / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (src / "table.xlsx").write_bytes(b"whatever")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(src), "--out", str(out), "--no-store", "-q"],
                          capture_output=True, text=True)
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.startswith("skipped:")]
    assert len(lines) == 5
    for name in ("empty.txt", "blob.txt", "broken.docx", "broken.pdf", "table.xlsx"):
        assert any(name in l and "KG-E1" in l for l in lines), name
    facts = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    assert len(facts["documents"]) == 1


def test_user_lexicon_teaches_a_local_name(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "r.txt").write_text("青禾县卫生健康局2023年工作总结\n青禾县第二人民医院牵头实施健康乡村行计划。禾医二部完成了年度体检。\n",
                               encoding="utf-8")
    lex = tmp_path / "my_terms.csv"
    lex.write_text("type,name,kind,aliases\ninstitution,青禾县第二人民医院,general_hospital,禾医二部\n"
                   "program,健康乡村行计划,,健康乡村行\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(src), "--out", str(out), "--no-store", "-q", "--lexicon", str(lex)).exit_code == 0
    facts = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    inst = {i["name"]: i for i in facts["institutions"]}
    assert "禾医二部" in inst["青禾县第二人民医院"]["aliases"]
    assert any(p["name"] == "健康乡村行计划" for p in facts["programs"])
    assert facts["participations"]


def test_bad_user_lexicon_is_one_coded_line(tmp_path):
    lex = tmp_path / "bad.csv"
    lex.write_text("name\n县医院\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(SAMPLE), "--out", str(tmp_path / "o"), "--no-store", "--lexicon", str(lex)])
    assert res.exit_code == 1 and "KG-E201" in res.output


def test_user_name_wins_on_its_span(tmp_path):
    from kg.lexicon import load_lexicon
    from kg.extract import Extractor
    from kg.model import Document
    lex_file = tmp_path / "t.csv"
    lex_file.write_text("type,name,kind,aliases\ninstitution,青禾县第二人民医院,general_hospital,县二院\n", encoding="utf-8")
    ex = Extractor(load_lexicon([lex_file]))(Document("d", "县二院完成改造。", "d.txt", "0", None, "青禾县", 2023))
    spans = [(m.start, m.end, m.name) for m in ex.mentions if m.type == "institution"]
    assert spans == [(0, 3, "青禾县第二人民医院")]


def test_a_user_row_with_a_region_applies_to_that_regions_reports_only(tmp_path):
    from kg.lexicon import load_lexicon
    from kg.extract import Extractor
    from kg.model import Document
    lex_file = tmp_path / "t.csv"
    lex_file.write_text("type,name,kind,aliases,region\n"
                        "institution,青禾县第二人民医院,general_hospital,县二院,青禾县\n"
                        "institution,白石县第二人民医院,general_hospital,县二院,白石县\n"
                        "program,健康乡村行计划,,乡村行,青禾县\n", encoding="utf-8")
    extract = Extractor(load_lexicon([lex_file]))

    def names(region):
        ex = extract(Document("d", "县二院开展乡村行。", "d.txt", "0", None, region, 2023))
        return sorted((m.type, m.name) for m in ex.mentions)

    assert names("青禾县") == [("institution", "青禾县第二人民医院"), ("program", "健康乡村行计划")]
    assert names("白石县") == [("institution", "白石县第二人民医院")]
    assert names("红河县") == [("institution", "县二院")]     # neither row applies: 红河县's own 县二院


def test_outputs_inside_the_input_folder_are_not_read_back(tmp_path, monkeypatch):
    src = tmp_path / "reports"
    shutil.copytree(SAMPLE, src)
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        res = run("build", str(src), "--out", str(src / "out"), "--no-store", "-q")
        assert res.exit_code == 0, res.output
    (src / "kg-data").mkdir()
    (src / "kg-data" / "x.bin").write_bytes(b"\x00\x01")
    monkeypatch.chdir(src)
    res = run("build", ".", "--out", "out", "--no-store", "-q")
    assert res.exit_code == 0, res.output


def test_facts_path_that_is_a_folder_is_one_coded_line(tmp_path):
    (tmp_path / "o" / "facts.json").mkdir(parents=True)
    res = CliRunner().invoke(main, ["build", str(SAMPLE), "--out", str(tmp_path / "o"), "--no-store", "--no-page"])
    assert res.exit_code == 1 and "KG-E203" in res.output
    assert not (tmp_path / "o" / "facts.json.tmp").exists()


def test_lexicon_row_with_extra_fields_is_a_coded_error(tmp_path):
    lex = tmp_path / "bad.csv"
    lex.write_text("type,name,kind,aliases\ninstitution,甲医院,general_hospital,甲院,乙院\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(SAMPLE), "--out", str(tmp_path / "o"), "--no-store", "--lexicon", str(lex)])
    assert res.exit_code == 1 and "KG-E201" in res.output and "record 2" in res.output


def test_facts_are_identical_across_hash_seeds(tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "kg", "build", str(SAMPLE), "--out", str(out), "--no-store", "--no-page",
                        "-q"], check=True, env=env, capture_output=True)
        outs.append((out / "facts.json").read_bytes())
    assert outs[0] == outs[1]


def test_a_new_lexicon_rewrites_the_stored_documents(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "db"
    base = ["build", str(SAMPLE), "--out", str(tmp_path / "o"), "--db", str(db), "-q"]
    assert run(*base).exit_code == 0
    from kg.store import StoreConfig, open_store
    from kg.pipeline import build as kg_build
    res = kg_build([SAMPLE], tmp_path / "o", store_config=StoreConfig(db_dir=db), page=False)
    assert (res.store_summary.updated, res.store_summary.unchanged) == (0, len(res.documents))
    lex = tmp_path / "t.csv"
    lex.write_text("type,name,kind,aliases\nprogram,健康乡村行计划,,健康乡村行\n", encoding="utf-8")
    res = kg_build([SAMPLE], tmp_path / "o", lexicons=[lex], store_config=StoreConfig(db_dir=db), page=False)
    assert res.store_summary.updated == len(res.documents)
    with open_store(StoreConfig(db_dir=db)) as store:
        rows = store.run("MATCH (p:Program {name: $n}) RETURN count(p) AS n", {"n": "健康乡村行计划"})
    assert rows[0]["n"] == 1


def test_read_commands_need_an_existing_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_URI", raising=False)       # the embedded default, not a server CI started
    monkeypatch.delenv("KG_DB", raising=False)
    res = CliRunner().invoke(main, ["query", "MATCH (n) RETURN count(n) AS n"])
    assert res.exit_code == 1 and "KG-E308" in res.output
    assert not (tmp_path / "kg-data").exists()


# ------------------------------------------------------------------ bad input (issue 15)
def test_a_file_name_that_is_not_utf8_does_not_stop_the_build(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    good = next(SAMPLE.glob("*.html"))
    shutil.copy(good, src)
    other = next(f for f in sorted(SAMPLE.glob("*.txt")) if "compilation" not in f.name)
    shutil.copy(other, os.fsdecode(bytes(src) + b"/bad\xff\xfe.txt"))
    (src / os.fsdecode(b"empty\xfe.txt")).write_bytes(b"")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(src), "--out", str(out), "--no-store", "-q"],
                          capture_output=True)
    stderr = proc.stderr.decode("utf-8")                      # what we print is UTF-8
    assert proc.returncode == 3 and "Traceback" not in stderr, stderr
    assert "skipped: KG-E101" in stderr and "empty\\xfe.txt" in stderr
    facts = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    assert sorted(d["source"] for d in facts["documents"]) == sorted([good.name, "bad\\xff\\xfe.txt"])
    assert "bad\\xff\\xfe" in {d["id"] for d in facts["documents"]}
    (out / "graph.html").read_text(encoding="utf-8")
    assert not (out / "facts.json.tmp").exists()


def test_a_linked_folder_of_reports_is_built(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(SAMPLE.glob("*.html")), src)
    (src / "more").symlink_to(SAMPLE, target_is_directory=True)
    (src / "more-again").symlink_to(SAMPLE, target_is_directory=True)     # one folder, two links: read once
    (src / "loop").symlink_to(src, target_is_directory=True)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(src), "--out", str(out), "--no-store", "--no-page"],
                          capture_output=True, text=True)
    facts = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    ids = {d["id"] for d in facts["documents"]}
    assert ids == {"qinghe_2023_report", "bailu_2023h1_gbk", "county_reports_compilation#1", "county_reports_compilation#2",
                   "county_reports_compilation#3", "songlin_2024_plan_bom", "tongchuan_2023_report", "yunqi_2023_report"}
    # the html file is in the input twice (its own copy and through the link): the second is reported
    skipped = [ln for ln in proc.stderr.splitlines() if ln.startswith("skipped:")]
    assert proc.returncode == 3 and len(skipped) == 1 and "KG-E110" in skipped[0], proc.stderr


def test_progress_lines_when_stderr_is_not_a_terminal(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(SAMPLE, src)
    base = [sys.executable, "-m", "kg", "build", str(src), "--no-store", "--no-page", "--jobs", "1", "--no-cache"]
    env = dict(os.environ, KG_PROGRESS_SECONDS="0.1")
    proc = subprocess.run(base + ["--out", str(tmp_path / "a")], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("kg build:")]
    n = len(list(SAMPLE.iterdir()))
    assert lines[0] == f"kg build: {n} files to read"
    import re
    ticks = [re.fullmatch(r"kg build: (\d+)/(\d+) files read(, [\d.]+ files/s|; writing the outputs and the store) \(\d+:\d\d\)", ln)
             for ln in lines[1:]]
    assert ticks and all(ticks), lines
    assert all(int(m.group(2)) == n for m in ticks)
    quiet = subprocess.run(base + ["--out", str(tmp_path / "b"), "-q"], capture_output=True, text=True, env=env)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_a_locked_store_stops_the_build_before_extraction(tmp_path, monkeypatch):
    from kg import batch
    from kg.store import StoreConfig, open_store

    def no_extraction(*a, **k):
        raise AssertionError("extraction started on a locked store")

    monkeypatch.setattr(batch, "run", no_extraction)
    db = tmp_path / "db"
    with open_store(StoreConfig(db_dir=db)):
        res = CliRunner().invoke(main, ["build", str(SAMPLE), "--out", str(tmp_path / "o"), "--db", str(db), "-q"])
    assert res.exit_code == 1 and "KG-E303" in res.output and str(os.getpid()) in res.output, res.output
    assert not (tmp_path / "o" / "facts.json").exists()
    # a server that does not answer is found before extraction too
    res = CliRunner().invoke(main, ["build", str(SAMPLE), "--out", str(tmp_path / "o"), "-q",
                                    "--neo4j-uri", "bolt://127.0.0.1:9", "--neo4j-password", "x"])
    assert res.exit_code == 1 and "KG-E301" in res.output, res.output
    # and the lock taken ahead is given back: the store opens afterwards
    with open_store(StoreConfig(db_dir=db)) as store:
        assert store.server is not None


def test_an_input_folder_and_out_dir_whose_names_are_not_utf8(tmp_path):
    src = Path(os.fsdecode(bytes(tmp_path) + b"/reports\xff"))
    src.mkdir()
    shutil.copy(next(SAMPLE.glob("*.html")), src)
    out = Path(os.fsdecode(bytes(tmp_path) + b"/out\xfe"))
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(src), "--out", str(out), "--no-store"],
                          capture_output=True)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr
    assert "out\\xfe/facts.json" in proc.stdout.decode("utf-8")
    assert "reports\\xff" in (out / "graph.html").read_text(encoding="utf-8")
