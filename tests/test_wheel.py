"""The installed wheel, in a fresh venv outside the checkout: `kg build` runs on the bundled sample and
spaCy finds the kg_facts factory through the entry point. Slow (it installs every dependency), so it
runs only with KG_SLOW_TESTS=1."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(os.environ.get("KG_SLOW_TESTS") != "1", reason="slow: set KG_SLOW_TESTS=1")


def test_the_wheel_builds_the_sample_and_serves_spacy(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(ROOT)], check=True)
    work = tmp_path / "work"
    work.mkdir()
    out = subprocess.run([str(venv / "bin" / "kg"), "build", str(ROOT / "sample"), "--out", "out", "--no-store", "-q"],
                         cwd=work, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    facts = json.loads((work / "out" / "facts.json").read_text(encoding="utf-8"))
    assert facts["institutions"] and facts["participations"]
    code = ("import spacy; nlp = spacy.blank('zh'); nlp.add_pipe('kg_facts'); "
            "doc = nlp('县人民医院开展家庭医生签约服务，签约率达到45.6%。'); "
            "print(sorted({s.label_ for s in doc.spans['kg']}))")
    res = subprocess.run([str(py), "-c", code], cwd=work, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "['INDICATOR', 'INSTITUTION', 'PROGRAM']"
