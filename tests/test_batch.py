"""Both cores and instant re-runs (kg.batch): `--jobs N` gives the same facts as one job, the rule
hits and switched-off rules reach the workers, and the extraction cache re-extracts only what changed."""
from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3

import pytest

from conftest import SAMPLE
from kg import batch
from kg.pipeline import build

OUTPUTS = ("facts.json", "explain.tsv", "rules.tsv")


@pytest.fixture(scope="module")
def one_job(tmp_path_factory):
    out = tmp_path_factory.mktemp("jobs1")
    return build([SAMPLE], out, page=False, explain=True, jobs=1, cache=False), out


@pytest.fixture
def counted(monkeypatch):
    """Calls of the per-file extraction in this process (one job runs it here)."""
    calls: list[str] = []
    real = batch.extract_file

    def extract_file(path, extractor):
        calls.append(path.name)
        return real(path, extractor)

    monkeypatch.setattr(batch, "extract_file", extract_file)
    return calls


def test_two_jobs_make_the_same_outputs_as_one(one_job, tmp_path):
    result, out = one_job
    two = build([SAMPLE], tmp_path, page=False, explain=True, jobs=2, cache=False)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    assert [r["hits"] for r in two.rules] == [r["hits"] for r in result.rules]
    assert [r["documents"] for r in two.rules] == [r["documents"] for r in result.rules]
    assert sum(r["hits"] for r in two.rules) > 0
    assert [d.id for d in two.documents] == [d.id for d in result.documents]


def test_a_report_split_across_the_workers_makes_the_same_outputs(one_job, tmp_path, monkeypatch):
    """Every report taken as huge: read in the build process, its sentences extracted by the two
    workers in runs of ~300 characters; facts, explain rows and rule hits as with one job."""
    result, out = one_job
    monkeypatch.setattr(batch, "SPLIT_BYTES", 0)
    monkeypatch.setattr(batch, "SPLIT_CHARS", 0)
    monkeypatch.setattr(batch, "RUN_CHARS", 300)
    tasks: list[tuple] = []
    real = batch._split_map

    def split_map(*args):
        pmap = real(*args)

        def counted(ts):
            tasks.extend(ts)
            return pmap(ts)
        return counted

    monkeypatch.setattr(batch, "_split_map", split_map)
    split = build([SAMPLE], tmp_path, page=False, explain=True, jobs=2, cache=False)
    assert {t[0] for t in tasks} == {"institutions", "programs", "measurements"}
    assert len(tasks) > 3 * len(result.documents)           # several runs per report
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    assert [r["hits"] for r in split.rules] == [r["hits"] for r in result.rules]
    assert [r["documents"] for r in split.rules] == [r["documents"] for r in result.rules]


def test_a_rule_switched_off_is_off_in_the_workers(one_job, tmp_path):
    result, _ = one_job
    busiest = max(result.rules, key=lambda r: r["hits"])
    a, b = tmp_path / "a", tmp_path / "b"
    off1 = build([SAMPLE], a, page=False, explain=True, jobs=1, cache=False, disable_rules=[busiest["key"]])
    off2 = build([SAMPLE], b, page=False, explain=True, jobs=2, cache=False, disable_rules=[busiest["key"]])
    assert next(r for r in off2.rules if r["key"] == busiest["key"])["hits"] == 0
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_an_unchanged_rerun_extracts_nothing(one_job, tmp_path, counted):
    result, out = one_job
    src = tmp_path / "in"
    shutil.copytree(SAMPLE, src)
    dst = tmp_path / "out"
    first = build([src], dst, page=False, explain=True, jobs=1)
    n_files = len(counted)
    assert n_files == len([f for f in src.iterdir() if f.is_file()])
    facts = (dst / "facts.json").read_bytes()
    counted.clear()
    again = build([src], dst, page=False, explain=True, jobs=1)
    assert counted == []                                        # everything from the cache
    for name in OUTPUTS:
        assert (dst / name).read_bytes() == (out / name).read_bytes(), name
    assert (dst / "facts.json").read_bytes() == facts
    assert [r["hits"] for r in again.rules] == [r["hits"] for r in first.rules]     # --explain counts cached hits
    assert [r["documents"] for r in again.rules] == [r["documents"] for r in first.rules]

    # one changed file is extracted again, alone
    changed = next(f for f in sorted(src.iterdir()) if f.suffix == ".html")
    changed.write_bytes(changed.read_bytes().replace("</body>".encode(), "<p>县人民医院开展家庭医生签约服务。</p></body>".encode()))
    counted.clear()
    build([src], dst, page=False, jobs=1)
    assert counted == [changed.name]
    fresh = tmp_path / "fresh"
    build([src], fresh, page=False, jobs=1, cache=False)
    assert (dst / "facts.json").read_bytes() == (fresh / "facts.json").read_bytes()


def test_the_cache_follows_the_lexicons_and_the_rules(tmp_path, counted):
    src = tmp_path / "in"
    src.mkdir()
    (src / "r.txt").write_text("青禾县卫生健康局2023年工作总结\n青禾县第二人民医院牵头实施健康乡村行计划。禾医二部完成了年度体检。\n",
                               encoding="utf-8")
    out = tmp_path / "out"
    build([src], out, page=False, jobs=1)
    lex = tmp_path / "t.csv"
    lex.write_text("type,name,kind,aliases\ninstitution,青禾县第二人民医院,general_hospital,禾医二部\n", encoding="utf-8")
    counted.clear()
    build([src], out, page=False, jobs=1, lexicons=[lex])
    assert counted == ["r.txt"]                                 # another lexicon: extracted again
    counted.clear()
    build([src], out, page=False, jobs=1, lexicons=[lex], disable_rules=["bracketed-alias"])
    assert counted == ["r.txt"]                                 # another set of rules switched off: again
    assert len([d for d in (out / ".kg-cache").iterdir() if d.is_dir()]) == 1      # the old ones are pruned
    counted.clear()
    build([src], out, page=False, jobs=1, lexicons=[lex], disable_rules=["bracketed-alias"])
    assert counted == []


def test_a_damaged_cache_entry_is_extracted_again(tmp_path, counted):
    out = tmp_path / "out"
    build([SAMPLE], out, page=False, jobs=1)
    before = (out / "facts.json").read_bytes()
    (db,) = (out / ".kg-cache").glob("*/entries.sqlite")
    with contextlib.closing(sqlite3.connect(db)) as con, con:
        assert con.execute("SELECT count(*) FROM entries").fetchone()[0] == len(list(SAMPLE.iterdir()))
        con.execute("UPDATE entries SET data = ? WHERE rowid = (SELECT min(rowid) FROM entries)", (b"not a pickle",))
    (out / "facts.json").unlink()                               # an output gone: not the last build's result
    counted.clear()
    build([SAMPLE], out, page=False, jobs=2)                    # the other entries load; this one is redone here
    assert len(counted) == 1
    assert (out / "facts.json").read_bytes() == before


def test_a_cache_file_that_is_not_a_database_is_made_again(tmp_path, counted):
    out = tmp_path / "out"
    build([SAMPLE], out, page=False, jobs=1)
    before = (out / "facts.json").read_bytes()
    (db,) = (out / ".kg-cache").glob("*/entries.sqlite")
    for f in db.parent.glob("entries.sqlite*"):
        f.write_bytes(b"\0garbage" * 100)
    (out / "facts.json").unlink()
    counted.clear()
    build([SAMPLE], out, page=False, jobs=1)                    # every file extracted again, the cache new
    assert len(counted) == len(list(SAMPLE.iterdir()))
    assert (out / "facts.json").read_bytes() == before
    (out / "facts.json").unlink()
    counted.clear()
    build([SAMPLE], out, page=False, jobs=1)
    assert counted == []                                        # …and it holds this time's rows


def test_entries_of_files_gone_are_removed(tmp_path, counted):
    src = tmp_path / "in"
    shutil.copytree(SAMPLE, src)
    out = tmp_path / "out"
    build([src], out, page=False, jobs=2)
    (db,) = (out / ".kg-cache").glob("*/entries.sqlite")

    def rows():
        with contextlib.closing(sqlite3.connect(db)) as con:
            return con.execute("SELECT count(*) FROM entries").fetchone()[0]
    assert rows() == len(list(src.iterdir()))
    gone = sorted(src.iterdir())[:2]
    for f in gone:
        f.unlink()
    build([src], out, page=False, jobs=1)
    assert rows() == len(list(src.iterdir()))


def test_an_unchanged_rerun_reuses_the_last_build_and_its_outputs(tmp_path, counted):
    from kg.export import facts

    out = tmp_path / "out"
    first = build([SAMPLE], out, explain=True, jobs=1)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    assert set(stamps) == {"facts.json", "explain.tsv", "rules.tsv", "graph.html"}
    counted.clear()
    again = build([SAMPLE], out, explain=True, jobs=1)
    assert counted == []
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == stamps     # not written again
    assert facts(again.graph) == facts(first.graph)
    assert sorted(again.graph.edges(keys=True)) == sorted(first.graph.edges(keys=True))
    assert dict(again.graph.nodes(data=True)) == dict(first.graph.nodes(data=True))
    assert again.documents == first.documents and again.skipped == first.skipped
    assert again.rules == first.rules and again.explain == first.explain
    assert again.counts() == first.counts()
    assert (again.facts_path, again.page_path) == (first.facts_path, first.page_path)
    # an output changed since: built again (from the extraction cache) and written again
    (out / "facts.json").write_text("{}", encoding="utf-8")
    build([SAMPLE], out, explain=True, jobs=1)
    assert counted == []
    assert json.loads((out / "facts.json").read_text(encoding="utf-8")) == facts(first.graph)


def test_a_cache_entry_gives_back_every_sentence_without_storing_its_text_twice(tmp_path):
    import io

    from kg.extract import Extractor
    from kg.lexicon import load_lexicon
    from kg.model import Document, Sentence

    text = "青禾县人民医院开展家庭医生签约服务。北山镇卫生院签约率达到65%。"
    doc = Document("d", text, "d.txt", "0", region="青禾县")
    ex = Extractor(load_lexicon())(doc)
    # a sentence whose text is not its slice of the document (as a loader may quote it) keeps its own
    ex.sentences.append(Sentence("d", len(ex.sentences), 0, 4, "青禾县人"[::-1]))
    buf = io.BytesIO()
    batch.dump(batch.FileResult(tmp_path / "d.txt", [ex], [{}]), buf)
    back = batch.load(io.BytesIO(buf.getvalue())).extractions[0]
    assert back.sentences == ex.sentences
    assert back.mentions == ex.mentions and back.measurements == ex.measurements
    assert [(r.head.name, r.tail.name, r.type) for r in back.relations] == \
        [(r.head.name, r.tail.name, r.type) for r in ex.relations]
    # the document's text is in the entry once: the sentences that are its slices do not repeat it
    assert buf.getvalue().count("65%。".encode()) == 1
