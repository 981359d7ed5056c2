"""`kg show DOC_ID PATHS --out FILE`: a report with its facts marked by displaCy, offline, escaped."""
from __future__ import annotations

import os
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from test_viz import _external_refs

pytest.importorskip("spacy")

EVIL = "<script>window.__pwned=1</script>"


def evil_reports(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    d.mkdir()
    (d / "evil.txt").write_text(
        "白沙县卫生健康局2023年工作总结\n"
        f"2023年，白沙县人民医院{EVIL}牵头组建县域医共体，联合东岗镇卫生院开展家庭医生签约服务。"
        "全县家庭医生签约率达到70.2%，白沙县人民医院门诊人次达到30万人次。<img src=x onerror=window.__pwned=2>\n",
        encoding="utf-8")
    shutil.copy(REPO / "sample" / "qinghe_2023_report.html", d)
    return d


class Marks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.marks, self.scripts, self.tags = 0, 0, []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.marks += tag == "mark"
        self.scripts += tag == "script"


def _facts(paths, doc_id):
    """The facts of `doc_id` in `kg build`: its mentions (one per place) and measurements, and the
    ids of the entities they stand for."""
    import kg.api as kg
    from kg.spacy_component import blank_nlp
    from kg.pipeline import load_documents
    g = kg.build(paths, None, store=False, page=False, cache=False).graph
    d = next(x for x in load_documents(paths)[0] if x.id == doc_id)
    nlp = blank_nlp()
    doc = nlp.make_doc(d.text)
    doc.user_data["kg"] = {"id": d.id, "title": d.title, "region": d.region, "year": d.year}
    doc = nlp(doc)
    ids = {v for _, v, t in g.out_edges(doc_id, data="type") if t == "MENTIONS"}
    ids |= {v for _, v, e in g.edges(data=True) if e.get("type") == "MEASURED" and e["document"] == doc_id}
    return len(doc.spans["kg"]), ids, {s.kb_id_ for s in doc.spans["kg"]}


@pytest.mark.parametrize("doc_id", ["evil", "qinghe_2023_report"])
def test_marks_equal_the_reports_facts_and_markup_is_text(tmp_path, doc_id):
    from kg.cli import main
    src = evil_reports(tmp_path)
    out = tmp_path / "site" / "show.html"
    res = CliRunner().invoke(main, ["show", doc_id, str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    p = Marks()
    p.feed(html)
    n_spans, graph_ids, marked_ids = _facts([src], doc_id)
    assert p.marks == n_spans > 0
    assert marked_ids == graph_ids                      # every entity of the build's report is marked
    assert f'data-marks="{n_spans}"' in html
    assert p.scripts == 0 and "img" not in p.tags and _external_refs(html) == [a for a in _external_refs(html)
                                                                            if a.startswith("a href=graph.html")]
    if doc_id == "evil":
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert 'href="graph.html#focus=' in html             # facts link back to the graph page


def test_show_errors_and_api(tmp_path):
    import kg.api as kg
    from kg.cli import main
    from kg.errors import KGError
    src = evil_reports(tmp_path)
    res = CliRunner().invoke(main, ["show", "nope", str(src), "--out", str(tmp_path / "x.html")])
    assert res.exit_code == 1 and "KG-E501" in res.output and "evil" in res.output
    with pytest.raises(KGError):
        kg.show("nope", [src], tmp_path / "x.html")
    out = kg.show("evil", [src], tmp_path / "a" / "b.html", graph=tmp_path / "out" / "graph.html")
    assert 'href="../out/graph.html#focus=' in out.read_text(encoding="utf-8")


def test_a_100_kb_report_is_marked_quickly(tmp_path):
    from kg.show import show
    text = (REPO / "sample" / "yunqi_2023_report.docx").exists()
    assert text
    body = "\n".join(f"{i}. 县人民医院与城关镇卫生院组建县域医共体，全县家庭医生签约率达到{60 + i % 30}.5%，"
                     "县疾控中心落实国家基本公共卫生服务项目，石桥镇卫生院开展远程会诊。" for i in range(1400))
    d = tmp_path / "big"
    d.mkdir()
    (d / "big.txt").write_text("青山县卫生健康局2023年工作总结\n" + body, encoding="utf-8")
    assert (d / "big.txt").stat().st_size > 100_000
    t0 = time.perf_counter()
    out = show("big", [d], tmp_path / "big.html")
    took = time.perf_counter() - t0
    p = Marks()
    p.feed(out.read_text(encoding="utf-8"))
    assert p.marks > 5000
    limit = float(os.environ.get("KG_SHOW_SECONDS", "30"))
    assert took < limit, f"{took:.1f} s for a 100 KB report"


def test_build_writes_each_reports_marked_page_and_the_graph_links_it(tmp_path):
    """`kg build` with its page writes OUT/docs/<id>.html for every report (kg show's page, facts
    marked, linked back to ../graph.html); the graph page maps each document to its file."""
    import json
    import re

    import kg.api as kg
    src = evil_reports(tmp_path)
    res = kg.build([src], tmp_path / "out", store=False, cache=False)
    html = res.page_path.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1))
    assert data["doclinks"] == {"evil": "docs/evil.html", "qinghe_2023_report": "docs/qinghe_2023_report.html"}
    assert "dochint" not in data
    for doc_id, rel in data["doclinks"].items():
        page = (tmp_path / "out" / rel).read_text(encoding="utf-8")
        p = Marks()
        p.feed(page)
        assert p.marks == _facts([src], doc_id)[0] > 0 and p.scripts == 0
        assert 'href="../graph.html#focus=' in page


def test_above_the_size_limit_no_page_is_written_and_the_graph_shows_the_command(tmp_path):
    from kg.pipeline import load_documents
    from kg.show import show_file, write_show_pages
    from viz.page import write_page
    from viz.sample import sample_graph
    src = evil_reports(tmp_path)
    docs = load_documents([src])[0]
    out = tmp_path / "out"
    links, hint = write_show_pages(docs, out, graph_page=out / "graph.html", sources=[str(src)], max_bytes=100)
    assert not (out / "docs").exists()
    assert links == {d.id: f"docs/{show_file(d.id)}" for d in docs}
    assert hint == f"kg show {{id}} {src} --graph {out}/graph.html --out {out}/{{file}}"
    # the command, filled in as the page does, writes the page the link names
    from kg.cli import main
    res = CliRunner().invoke(main, hint.replace("{id}", "evil").replace("{file}", links["evil"]).split()[1:])
    assert res.exit_code == 0, res.output
    assert 'href="../graph.html#focus=' in (out / "docs" / "evil.html").read_text(encoding="utf-8")
    page = write_page(sample_graph(), out / "graph.html", doc_links=links, doc_hint=hint).read_text(encoding="utf-8")
    assert '"dochint":"kg show {id} ' in page
    # names that clash once made safe get a file each
    from types import SimpleNamespace
    clash = [SimpleNamespace(id=i, text="x") for i in ("a#1", "a_1", "A_1")]
    links, _ = write_show_pages(clash, out, graph_page=out / "graph.html", max_bytes=0)
    assert links == {"a#1": "docs/a_1.html", "a_1": "docs/a_1-2.html", "A_1": "docs/A_1-3.html"}
