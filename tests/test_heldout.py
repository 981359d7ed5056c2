"""Held-out corpus of our own: build tests/fixtures/heldout/docs, score it against its gold.

The eight reports in tests/fixtures/heldout/docs are written by us (fictional places, varied
provinces, eras and layouts: a western county, a coastal district, a north-eastern plan, a
county-level city, a district with 社康中心, a GBK 新农合-era report, a masked XX县/xx年 report
and a scraped page with site junk). Their gold (gold/<doc_id>.json) follows
../shared/eval/GUIDELINES.md. They are never used to tune rules: they catch rules that only
fit the seed files.

Floors only ever rise: raise them when the extraction gets better, never lower them.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"
SCORE = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"

FLOORS = {
    "institutions": 0.98,
    "programs": 0.81,
    "participations": 0.78,
    "partnerships": 0.97,
    "indicators": 0.97,
}

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
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in sorted((HELDOUT / "gold").glob("*.json"))}


def _docs() -> dict[str, Path]:
    return {p.stem: p for p in sorted((HELDOUT / "docs").glob("*.txt"))}


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


# --- the build, scored --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def heldout_facts(tmp_path_factory):
    out = tmp_path_factory.mktemp("heldout")
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(HELDOUT / "docs"), "--out", str(out),
                           "--no-store", "--no-page", "-q"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return out / "facts.json"


def test_heldout_document_metadata(heldout_facts):
    facts = json.loads(heldout_facts.read_text(encoding="utf-8"))
    got = {d["id"]: (d["title"], d["region"], d["year"]) for d in facts["documents"]}
    want = {k: (g["title"], g["region"], g["year"]) for k, g in _gold().items()}
    assert got == want


def test_heldout_site_junk_never_reaches_facts(heldout_facts):
    facts = json.loads(heldout_facts.read_text(encoding="utf-8"))
    rows = facts["indicators"] + facts["participations"] + facts["partnerships"]
    leaked = [r["evidence"] for r in rows if any(j in (r.get("evidence") or "") for j in JUNK)]
    assert not leaked


@pytest.mark.skipif(not SCORE.is_file(), reason=f"{SCORE} is absent (../shared/eval not beside the checkout)")
def test_heldout_f1_floors(heldout_facts):
    proc = subprocess.run([sys.executable, str(SCORE), str(heldout_facts), str(HELDOUT / "gold"), "--json"],
                          capture_output=True, text=True, check=True)
    report = json.loads(proc.stdout)
    assert not report["missing_documents"]
    summary = report["summary"]
    got = {k: summary[k]["f1"] for k in FLOORS}
    low = {k: (got[k], floor) for k, floor in FLOORS.items() if got[k] < floor}
    assert not low, f"held-out F1 below the floor (got, floor): {low}"
