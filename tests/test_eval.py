"""Score the build of ../shared/eval/docs with ../shared/eval/score.py and hold the F1 floors.

Floors only ever rise: raise them when the extraction gets better, never lower them.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EVAL, requires_eval

FLOORS = {
    "institutions": 0.98,
    "programs": 0.94,
    "participations": 0.94,
    "partnerships": 0.97,
    "indicators": 0.90,
}

pytestmark = [requires_eval(), pytest.mark.eval]


@pytest.fixture(scope="module")
def eval_facts(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval")
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(EVAL / "docs"), "--out", str(out), "--no-store", "-q"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return out / "facts.json"


def test_eval_documents(eval_facts):
    facts = json.loads(eval_facts.read_text(encoding="utf-8"))
    index = json.loads((EVAL / "gold" / "INDEX.json").read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in facts["documents"]) == sorted(index)


def test_eval_f1_floors(eval_facts):
    proc = subprocess.run([sys.executable, str(EVAL / "score.py"), str(eval_facts), str(EVAL / "gold"), "--json"],
                          capture_output=True, text=True, check=True)
    summary = json.loads(proc.stdout)["summary"]
    got = {k: summary[k]["f1"] for k in FLOORS}
    low = {k: (got[k], floor) for k, floor in FLOORS.items() if got[k] < floor}
    assert not low, f"F1 below the floor (got, floor): {low}"
