"""Format fixtures: eight reports of our own in tests/fixtures/formats/docs, for loading and a
smoke check of the whole build.

The texts are written by us (fictional places, varied provinces, eras and layouts: a western
county, a coastal district, a north-eastern plan, a county-level city, a district with 社康中心,
a GBK 新农合-era report, a masked XX县/xx年 report and a scraped page with site junk), with
annotations in gold/<doc_id>.json following ../shared/eval/GUIDELINES.md. They were written
alongside the extraction rules, so they are NOT a held-out set and their scores are not a
measure of quality (../shared/eval/wide is; see test_eval.py). They test what a format does to
the build: encodings, masked names, site junk, document metadata; and that extraction runs
on each of them and gives well-formed facts.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"

KINDS = {"general_hospital", "tcm_hospital", "maternal_child", "specialty_hospital", "township_health_center",
         "community_health_center", "village_clinic", "cdc", "supervision", "blood_station", "emergency_center",
         "university", "research_institute", "other"}
PARTNER_KINDS = {"对口支援", "合作共建", "协作", "医联体", "进修", "其他"}
# site furniture of the scraped page; none of it may reach an extracted fact
JUNK = ("浏览次数", "上一篇", "下一篇", "相关推荐", "ICP", "公网安备", "网站标识码", "当前位置", "第 1 页")


def _doc_text(path: Path) -> str:
    raw = path.read_bytes()
    for enc in ("utf-8", "gbk"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise AssertionError(f"{path.name}: neither UTF-8 nor GBK")


def _gold() -> dict[str, dict]:
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in sorted((FORMATS / "gold").glob("*.json"))}


def _docs() -> dict[str, Path]:
    return {p.stem: p for p in sorted((FORMATS / "docs").glob("*.txt"))}


# --- the fixture itself ------------------------------------------------------------------------

def test_every_document_has_gold():
    assert len(_docs()) == 8
    assert sorted(_docs()) == sorted(_gold())


@pytest.mark.parametrize("doc_id", sorted(_gold()))
def test_gold_is_consistent_with_its_text(doc_id):
    """Ground truth must point at the text: raws and aliases occur, relations name gold entities."""
    g = _gold()[doc_id]
    text = _doc_text(_docs()[doc_id])
    assert g["doc_id"] == doc_id
    assert 1200 <= len(text) <= 3000 or doc_id.startswith("ho08")  # the scraped page carries site junk
    assert g["title"] in text
    assert g["region"] is None or g["region"] in text
    inst = {i["name"] for i in g["institutions"]}
    prog = {p["name"] for p in g["programs"]}
    assert len(inst) == len(g["institutions"]) and len(prog) == len(g["programs"])
    for e in g["institutions"]:
        assert e["kind"] in KINDS, e
        assert isinstance(e["external"], bool), e
    for e in g["institutions"] + g["programs"]:
        for a in e["aliases"]:
            assert a in text, f"alias {a!r} of {e['name']!r} not in the text"
    for r in g["participations"]:
        assert r["institution"] in inst and r["program"] in prog, r
    for r in g["partnerships"]:
        assert r["a"] in inst and r["b"] in inst and r["kind"] in PARTNER_KINDS, r
    for i in g["indicators"]:
        assert i["raw"] in text, f"raw {i['raw']!r} not in the text"
        v = i["value"]
        if v is not None and not re.search("[一二两三四五六七八九十]", i["raw"]):
            assert f"{v:g}" in i["raw"].replace(",", ""), i
        assert i["unit"], i


# --- loading ----------------------------------------------------------------------------------

@pytest.mark.parametrize("doc_id", sorted(_gold()))
def test_each_file_loads_as_one_report(doc_id):
    from loaders import load_file

    docs = load_file(_docs()[doc_id])
    assert [d.id for d in docs] == [doc_id]
    d = docs[0]
    assert len(d.text) >= 500 and "\ufffd" not in d.text
    assert _gold()[doc_id]["title"] in d.text


def test_gbk_file_is_decoded():
    path = next(p for p in _docs().values() if "gbk" in p.stem)
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    from loaders import load_file
    assert "卫生" in load_file(path)[0].text


def test_site_junk_is_cleaned_from_the_scraped_page():
    from loaders import load_file

    text = load_file(next(p for k, p in _docs().items() if k.startswith("ho08")))[0].text
    assert not [j for j in JUNK if j in text]


# --- the build: a smoke check ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def formats_build(tmp_path_factory):
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("formats")
    result = build([FORMATS / "docs"], out, page=False)
    assert not result.skipped, result.skipped
    return result, json.loads((out / "facts.json").read_text(encoding="utf-8"))


def test_document_metadata(formats_build):
    _, facts = formats_build
    got = {d["id"]: (d["title"], d["region"], d["year"]) for d in facts["documents"]}
    want = {k: (g["title"], g["region"], g["year"]) for k, g in _gold().items()}
    assert got == want


def test_every_document_has_sentences_and_facts(formats_build):
    from kg.text import split_sentences

    result, facts = formats_build
    assert sorted(d.id for d in result.documents) == sorted(_gold())
    for d in result.documents:
        assert len(split_sentences(d)) >= 5, d.id
        assert any(d.id in i["documents"] for i in facts["institutions"]), f"{d.id}: no institution"
        assert any(r["document"] == d.id for r in facts["indicators"]), f"{d.id}: no indicator"


def test_facts_are_well_formed(formats_build):
    result, facts = formats_build
    texts = {d.id: d.text for d in result.documents}
    inst = {i["id"]: i for i in facts["institutions"]}
    prog = {p["id"] for p in facts["programs"]}
    for i in inst.values():
        assert i["kind"] in KINDS and i["name"] and set(i["documents"]) <= set(texts), i
    for r in facts["participations"]:
        assert r["institution"] in inst and r["program"] in prog and r["evidence"] in texts[r["document"]], r
    for r in facts["partnerships"]:
        assert r["a"] in inst and r["b"] in inst and r["a"] != r["b"] and r["kind"] in PARTNER_KINDS, r
        assert r["evidence"] in texts[r["document"]], r
    for r in facts["indicators"]:
        assert r["name"] and r["unit"] and r["raw"] and r["raw"] in r["evidence"], r
        assert r["evidence"] in texts[r["document"]], r
        assert r["value"] is None or isinstance(r["value"], (int, float)), r


def test_site_junk_never_reaches_facts(formats_build):
    _, facts = formats_build
    rows = facts["indicators"] + facts["participations"] + facts["partnerships"]
    leaked = [r["evidence"] for r in rows if any(j in (r.get("evidence") or "") for j in JUNK)]
    names = [x["name"] for x in facts["institutions"] + facts["programs"] if any(j in x["name"] for j in JUNK)]
    assert not leaked and not names
