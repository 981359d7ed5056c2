"""Every ```cypher block of docs/analysts.md and of README.md's "For analysts" section
runs, read-only, on a store loaded with a small graph."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.store.queries import NAME_PARAMS
from kg.text import normalise

from store_fixtures import any_store, embedded_store, sample_graph, wipe  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^```cypher[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
# values for parameters an example may use
PARAMS = {"program": "家庭医生签约服务", "institution": "县人民医院", "region": "甲县",
          "indicator": "门诊人次", "kind": "general_hospital", "year": 2023, "limit": 10}


def analysts_section(text: str) -> str | None:
    """README's text from the heading '## For analysts' to the next '## ' heading."""
    m = re.search(r"^## For analysts[^\n]*\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    return m.group(1) if m else None


def blocks() -> list[object]:
    out: list[object] = []
    docs = ROOT / "docs" / "analysts.md"
    for i, b in enumerate(BLOCK.findall(docs.read_text(encoding="utf-8"))):
        out.append(pytest.param(b, id=f"docs/analysts.md#{i + 1}"))
    readme = ROOT / "README.md"
    section = analysts_section(readme.read_text(encoding="utf-8")) if readme.exists() else None
    if section is None:
        out.append(pytest.param("", id="README.md", marks=pytest.mark.skip(
            reason="README.md has no '## For analysts' section yet")))
    else:
        for i, b in enumerate(BLOCK.findall(section)):
            out.append(pytest.param(b, id=f"README.md#{i + 1}"))
    return out


def test_docs_have_examples():
    found = BLOCK.findall((ROOT / "docs" / "analysts.md").read_text(encoding="utf-8"))
    assert len(found) >= 8


def test_section_parser():
    text = "# kg\n## Install\nx\n## For analysts\nA\n```cypher\nRETURN 1\n```\n## Next\nB\n"
    assert analysts_section(text) == "A\n```cypher\nRETURN 1\n```\n"
    assert analysts_section("# kg\n## Other\n") is None


@pytest.fixture()
def loaded(any_store):
    wipe(any_store)
    any_store.load(sample_graph())
    return any_store


@pytest.mark.store
@pytest.mark.parametrize("cypher", blocks())
def test_cypher_block_runs(loaded, cypher):
    used = set(re.findall(r"\$([A-Za-z_]\w*)", cypher))
    params = {k: (normalise(v) if k in NAME_PARAMS else v) for k, v in PARAMS.items() if k in used}
    assert used <= params.keys(), f"no example value for {used - params.keys()}"
    rows = loaded.run(cypher.strip().rstrip(";"), params)  # read-only: a write is refused
    assert rows, "the example returns nothing on the sample graph"
