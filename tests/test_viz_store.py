"""`kg explore` reading the graph from a real embedded store (no mock): the page shows what the
same graph shows when given directly."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from kg.store import StoreConfig, open_store
from viz.cli import explore
from viz.page import landing_counts
from viz.sample import sample_graph

pytestmark = pytest.mark.store


def test_explore_reads_the_store(tmp_path, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.chdir(tmp_path)
    g = sample_graph()
    with open_store(StoreConfig(db_dir=tmp_path / "db")) as store:
        store.load(g)
    res = CliRunner().invoke(explore, ["--db", str(tmp_path / "db"), "--out", "page.html"])
    assert res.exit_code == 0, res.output
    n, m = landing_counts(g)
    assert f"{n} nodes and {m} lines on screen" in res.output and "from the graph store" in res.output
    html = (tmp_path / "page.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1))
    assert {x["id"] for x in data["nodes"]} == set(g.nodes)
