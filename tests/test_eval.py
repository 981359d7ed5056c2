"""Score the builds of the evaluation sets with ../shared/eval/score.py and hold the F1 floors:
the seed set (../shared/eval/docs against gold/, FLOORS) and the wide set of other provinces'
texts (../shared/eval/wide/docs against wide/gold/, WIDE_FLOORS).

Floors only ever rise: raise them when the extraction gets better, never lower them.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EVAL, requires_eval

# The seed floors came down once (issue 12): rules and lexicon rows that quoted one seed report were
# deleted after an ablation, which costs seed F1 and buys generality. They may not go below the
# issue's floors (0.90 / 0.85 / 0.85 / 0.85 / 0.90) and only rise from here.
FLOORS = {
    "institutions": 0.97,
    "programs": 0.90,
    "participations": 0.88,
    "partnerships": 0.94,
    "indicators": 0.90,
}

WIDE = EVAL / "wide"
WIDE_FLOORS = {
    "institutions": 0.93,
    "programs": 0.86,
    "participations": 0.88,
    "partnerships": 0.95,
    "indicators": 0.86,
}

pytestmark = [requires_eval(), pytest.mark.eval]
requires_wide = pytest.mark.skipif(not (WIDE / "gold").is_dir(), reason="../shared/eval/wide is not beside the checkout")


def _build(docs, out):
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(docs), "--out", str(out), "--no-store", "-q"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return out / "facts.json"


def _f1(facts, gold, floors) -> dict:
    proc = subprocess.run([sys.executable, str(EVAL / "score.py"), str(facts), str(gold), "--json"],
                          capture_output=True, text=True, check=True)
    report = json.loads(proc.stdout)
    assert not report.get("missing_documents"), report["missing_documents"]
    return {k: report["summary"][k]["f1"] for k in floors}


@pytest.fixture(scope="module")
def eval_facts(tmp_path_factory):
    return _build(EVAL / "docs", tmp_path_factory.mktemp("eval"))


@pytest.fixture(scope="module")
def wide_facts(tmp_path_factory):
    return _build(WIDE / "docs", tmp_path_factory.mktemp("wide"))


def test_eval_documents(eval_facts):
    facts = json.loads(eval_facts.read_text(encoding="utf-8"))
    index = json.loads((EVAL / "gold" / "INDEX.json").read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in facts["documents"]) == sorted(index)


def test_eval_f1_floors(eval_facts):
    got = _f1(eval_facts, EVAL / "gold", FLOORS)
    low = {k: (got[k], floor) for k, floor in FLOORS.items() if got[k] < floor}
    assert not low, f"F1 below the floor (got, floor): {low}"


@requires_wide
def test_wide_documents(wide_facts):
    facts = json.loads(wide_facts.read_text(encoding="utf-8"))
    gold = sorted(f.stem for f in (WIDE / "gold").glob("*.json") if f.stem != "INDEX")
    assert sorted(d["id"] for d in facts["documents"]) == gold


@requires_wide
def test_wide_f1_floors(wide_facts):
    got = _f1(wide_facts, WIDE / "gold", WIDE_FLOORS)
    low = {k: (got[k], floor) for k, floor in WIDE_FLOORS.items() if got[k] < floor}
    assert not low, f"wide-set F1 below the floor (got, floor): {low}"
