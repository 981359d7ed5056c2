"""The exploration page without a browser: selection, lines and counts, escaping, offline, CLI."""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from click.testing import CliRunner

from kg.errors import KGError
from viz.cli import explore
from viz.layout import force_layout
from viz.page import (LAYOUT_THRESHOLD, default_counts, landing_counts, find_nodes, lines, page_payload, render_page,
                      script_json, select_subgraph, write_page)
from viz.sample import _Builder, institution_id, program_id, region_id, sample_graph, synthetic_graph

HOSP = institution_id("青山县人民医院", "青山县")
PROV = institution_id("江北省人民医院", "")
DONGMEN = institution_id("东门社区卫生服务中心", "青山县")
MEDCOM = program_id("县域医共体建设")
PUBLIC = program_id("国家基本公共卫生服务项目")


def two_counties() -> nx.MultiDiGraph:
    """The sample county plus a second one (白沙县) whose hospital the province also supports."""
    g = sample_graph()
    b = _Builder()
    b.g = g
    d = b.document("baisha-2023", "白沙县卫生健康局2023年工作总结", "白沙县", 2023)
    r = b.region("白沙县")
    h = b.institution("白沙县人民医院", "general_hospital", "白沙县", ["县医院"], documents=[d])
    t = b.institution("白沙县东岗镇卫生院", "township_health_center", "白沙县", documents=[d])
    b.edge(d, r, "ABOUT", d)
    for n in (h, t):
        b.edge(n, r, "LOCATED_IN", d)
        b.edge(d, n, "MENTIONS", d)
    b.edge(d, program_id("家庭医生签约服务"), "MENTIONS", d)
    b.edge(t, program_id("家庭医生签约服务"), "PARTICIPATES_IN", d, 40,
           evidence="东岗镇卫生院组建家庭医生团队5个。")
    b.edge(PROV, h, "PARTNERS_WITH", d, 90, kind="对口支援", evidence="省人民医院派出医疗队支援白沙县人民医院。")
    return g


# ------------------------------------------------------------------ lines and default counts

def test_default_counts_hide_documents_and_merge_parallel_edges():
    g = sample_graph()
    # 22 nodes of which 2 documents; 34 lines counted by hand in viz/sample.py:
    # 10 LOCATED_IN + 15 PARTICIPATES_IN + 7 PARTNERS_WITH (two 对口支援 reports → one line) + 2 MEASURED
    assert g.number_of_nodes() == 22
    assert default_counts(g) == (20, 34)
    merged = lines(g)[(PROV, HOSP, "PARTNERS_WITH", "对口支援")]
    assert sorted(d["document"] for d in merged) == ["qingshan-2022", "qingshan-2023"]


def test_partnership_kinds_stay_separate_lines():
    g = nx.MultiDiGraph()
    g.add_node("a", label="Institution", name="甲医院")
    g.add_node("b", label="Institution", name="乙卫生院")
    g.add_edge("a", "b", key="PARTNERS_WITH|d1|1", type="PARTNERS_WITH", kind="医联体", document="d1")
    g.add_edge("a", "b", key="PARTNERS_WITH|d2|5", type="PARTNERS_WITH", kind="进修", document="d2")
    g.add_edge("a", "b", key="PARTNERS_WITH|d3|5", type="PARTNERS_WITH", kind="进修", document="d3")
    assert default_counts(g) == (2, 2)


# ------------------------------------------------------------------ finding and selecting

def test_find_nodes_by_id_name_alias_and_substring():
    g = sample_graph()
    assert find_nodes(g, HOSP) == [HOSP]
    assert find_nodes(g, "县人民医院") == [HOSP]          # alias, not a substring hit on 江北省人民医院
    assert find_nodes(g, "青山县人民医院") == [HOSP]
    assert set(find_nodes(g, "人民医院")) == {HOSP, PROV}
    assert find_nodes(g, "医共体", ["Program"]) == [MEDCOM]
    assert find_nodes(g, "没有这个机构") == []


def test_focus_is_the_neighbourhood_of_depth_k_without_crossing_documents():
    g = sample_graph()
    one = select_subgraph(g, focus="县医院", depth=1)
    assert HOSP in one and PROV in one and MEDCOM in one
    assert DONGMEN not in one                 # two steps away, through the county
    assert PUBLIC not in one                  # only shares a report with the hospital
    assert {"qingshan-2022", "qingshan-2023"} <= set(one)   # the reports that mention kept nodes
    two = select_subgraph(g, focus="县医院", depth=2)
    assert DONGMEN in two
    assert set(one) < set(two)
    zero = select_subgraph(g, focus="县医院", depth=0, types=["Institution"])
    assert set(zero) == {HOSP}


def test_document_titles_travel_without_the_document_nodes(tmp_path):
    out = write_page(sample_graph(), tmp_path / "p.html", types=["Institution", "Program"])
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.S).group(1))
    assert not any(n["t"] == "Document" for n in data["nodes"])
    assert data["docs"]["qingshan-2023"][0] == "青山县卫生健康局2023年工作要点"


def test_program_filter_keeps_participants_and_their_regions():
    g = two_counties()
    sub = select_subgraph(g, program="家庭医生")
    insts = {n for n, d in sub.nodes(data=True) if d["label"] == "Institution"}
    assert len(insts) == 5
    assert institution_id("白沙县东岗镇卫生院", "白沙县") in insts and HOSP not in insts
    assert {region_id("青山县"), region_id("白沙县")} <= set(sub)
    assert all(d["type"] != "PARTNERS_WITH" or (u in insts and v in insts) for u, v, d in sub.edges(data=True))


def test_region_filter_keeps_the_region_and_what_it_links_to():
    g = two_counties()
    sub = select_subgraph(g, region="白沙县")
    names = {d.get("name") or d.get("title") for _, d in sub.nodes(data=True)}
    assert {"白沙县", "白沙县人民医院", "白沙县东岗镇卫生院", "家庭医生签约服务", "江北省人民医院"} <= names
    assert "青山县人民医院" not in names and "青山县" not in names
    assert "baisha-2023" in sub          # and the reports that mention a kept node (the programme's, too)
    assert {"qingshan-2022", "qingshan-2023"} <= set(sub)


def test_types_filter_and_errors():
    g = sample_graph()
    sub = select_subgraph(g, types=["Institution", "Program"])
    assert {d["label"] for _, d in sub.nodes(data=True)} == {"Institution", "Program"}
    with pytest.raises(KGError) as e:
        select_subgraph(g, types=["Hospital"])
    assert e.value.code == "KG-E501"
    with pytest.raises(KGError) as e:
        select_subgraph(g, focus="没有这个机构")
    assert e.value.code == "KG-E501"
    with pytest.raises(KGError) as e:
        select_subgraph(g, program="没有这个项目")
    assert e.value.code == "KG-E501"


# ------------------------------------------------------------------ escaping and offline

EVIL_NAME = "<img src=x onerror=window.__pwned=1>"
EVIL_PROGRAM = "<script>window.__pwned=1</script>"
EVIL_EVIDENCE = "正常句子</script><script>window.__pwned=1</script>&amp;"


def evil_graph() -> nx.MultiDiGraph:
    b = _Builder()
    d = b.document("evil", "<b>标题</b>", "某县", 2023)
    i = b.institution(EVIL_NAME, "general_hospital", "某县", [EVIL_PROGRAM], documents=[d])
    p = b.program(EVIL_PROGRAM, documents=[d])
    b.edge(i, p, "PARTICIPATES_IN", d, 3, evidence=EVIL_EVIDENCE)
    b.edge(d, i, "MENTIONS", d)
    return b.g


def test_script_json_cannot_close_the_script_element():
    s = script_json({"a": EVIL_EVIDENCE, "b": "\u2028"})
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(s) == {"a": EVIL_EVIDENCE, "b": "\u2028"}


def test_report_strings_never_appear_as_markup(tmp_path):
    html = render_page(evil_graph(), title="<i>标题</i>")
    for s in (EVIL_NAME, EVIL_PROGRAM, "</script><script>window", "<b>标题</b>", "<i>标题"):
        assert s not in html
    assert "&lt;i&gt;标题&lt;/i&gt;" in html
    # the template's three script elements (JSON data, vis-network, page script) close only where they end
    assert html.count("</script>") == 3


def test_written_page_links_nothing_online(tmp_path):
    out = write_page(sample_graph(), tmp_path / "p.html")
    html = out.read_text(encoding="utf-8")
    assert "<script src=\"http" not in html and "<link href=\"http" not in html
    assert not re.search(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", html, re.I)
    assert "vis.Network" in html                        # the library is inline


def test_an_empty_graph_makes_an_empty_page_unless_filtered(tmp_path):
    out = write_page(nx.MultiDiGraph(), tmp_path / "empty.html")
    assert '"nodes":[]' in out.read_text(encoding="utf-8")
    with pytest.raises(KGError) as e:
        write_page(nx.MultiDiGraph(), tmp_path / "empty.html", focus="县医院")
    assert e.value.code == "KG-E501"


def test_write_page_reports_an_unwritable_place(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(KGError) as e:
        write_page(sample_graph(), blocker / "p.html")
    assert e.value.code == "KG-E203"


def test_odd_values_from_a_store_still_make_a_page():
    g = nx.MultiDiGraph()
    g.add_node(7, label="Institution", name="甲县人民医院", aliases="甲县医院", documents=None, kind="general_hospital")
    g.add_node("k", label="Indicator", name="床位数")
    g.add_node("x", label="Mystery", name="未知类型")
    g.add_edge(7, "k", key="MEASURED|d|1", type="MEASURED", value=float("nan"), unit="张", document="d",
               evidence="床位数不详。", start=1)
    payload = page_payload(g)
    json.loads(script_json(payload))                        # NaN became null, nothing unserialisable
    assert payload["lines"][0]["ev"][0][2] is None
    assert next(n for n in payload["nodes"] if n["id"] == "7")["a"] == ["甲县医院"]
    assert find_nodes(g, "甲县医院") == [7] and find_nodes(g, "县") == [7]   # not split into characters
    assert default_counts(g) == (3, 1)                      # unknown labels are shown, like in the page


# ------------------------------------------------------------------ big pages

def test_big_pages_get_positions_small_ones_do_not():
    small = page_payload(sample_graph())
    assert small["fixed"] is False and not any("x" in n for n in small["nodes"])
    g = synthetic_graph(LAYOUT_THRESHOLD + 100, 1500, seed=3)
    big = page_payload(g)
    assert big["fixed"] is True
    xy = np.array([[n["x"], n["y"]] for n in big["nodes"]])
    assert xy.shape == (LAYOUT_THRESHOLD + 100, 2) and np.isfinite(xy).all()
    assert len(big["lines"]) == 1500 and default_counts(g) == (LAYOUT_THRESHOLD + 100, 1500)


def test_force_layout_keeps_communities_apart():
    # two 30-node cliques joined by one edge: nodes of a clique end up closer to each other
    edges = [(i, j) for c in (0, 30) for i in range(c, c + 30) for j in range(i + 1, c + 30)] + [(0, 30)]
    pos = force_layout(60, edges, seed=1)
    a, b = pos[:30], pos[30:]
    inside = np.mean([np.linalg.norm(a - a.mean(0), axis=1).mean(), np.linalg.norm(b - b.mean(0), axis=1).mean()])
    between = np.linalg.norm(a.mean(0) - b.mean(0))
    assert between > 2 * inside
    assert len({(round(x), round(y)) for x, y in pos}) > 50     # not collapsed onto a few points


# ------------------------------------------------------------------ CLI

def _facts(tmp_path: Path, g: nx.MultiDiGraph | None = None) -> Path:
    from kg.export import write_facts
    return write_facts(g or sample_graph(), tmp_path / "facts.json")


def test_explore_writes_a_page_from_facts(tmp_path):
    facts = _facts(tmp_path)
    out = tmp_path / "x" / "page.html"
    res = CliRunner().invoke(explore, ["--facts", str(facts), "--out", str(out), "--focus", "县医院", "--depth", "1"])
    assert res.exit_code == 0, res.output
    n, m = landing_counts(select_subgraph(sample_graph(), focus="县医院", depth=1), "县医院")
    assert out.exists() and str(out) in res.output and f"{n} nodes and {m} lines on screen" in res.output
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.S).group(1))
    assert HOSP in {n["id"] for n in data["nodes"]} and DONGMEN not in {n["id"] for n in data["nodes"]}


def test_explore_errors_are_one_coded_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("KG_DB", raising=False)
    r = CliRunner()
    res = r.invoke(explore, ["--facts", "missing.json"])
    assert res.exit_code == 2 and res.output.startswith("error: KG-E100") and "Traceback" not in res.output
    res = r.invoke(explore, [])
    assert res.exit_code == 1 and "KG-E502" in res.output
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    res = r.invoke(explore, ["--facts", "bad.json"])
    assert res.exit_code == 1 and "KG-E502" in res.output
    _facts(tmp_path)
    res = r.invoke(explore, ["--facts", "facts.json", "--types", "Hospital"])
    assert res.exit_code == 1 and "KG-E501" in res.output


def test_explore_defaults_to_out_facts_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("KG_DB", raising=False)
    (tmp_path / "out").mkdir()
    _facts(tmp_path / "out")
    res = CliRunner().invoke(explore, ["--program", "医共体"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "explore.html").exists() and "out/facts.json" in res.output


# ------------------------------------------------------------------ built through pyvis

def test_pages_are_built_through_pyvis_with_our_template(tmp_path, monkeypatch):
    import pyvis.network

    from viz.page import ASSETS, build_network

    rendered = []
    real = pyvis.network.Network.generate_html

    def spy(self, *a, **kw):
        html = real(self, *a, **kw)
        rendered.append((self, self.templateEnv.get_template(self.path).filename, html))
        return html

    monkeypatch.setattr(pyvis.network.Network, "generate_html", spy)
    g = sample_graph()
    out = write_page(g, tmp_path / "p.html")
    assert len(rendered) == 1
    net, template, html = rendered[0]
    assert isinstance(net, pyvis.network.Network)
    assert Path(template) == ASSETS / "page.html"
    assert out.read_text(encoding="utf-8") == html
    # every node and line of the page went in through pyvis, with title, group and options
    assert net.num_nodes() == g.number_of_nodes() and net.num_edges() == len(lines(g))
    hosp = net.get_node(HOSP)
    assert hosp["group"] == "Institution.general_hospital" and "青山县人民医院" in hosp["title"]
    assert all(e.get("title") for e in net.get_edges())
    assert net.options["groups"]["Program"]["shape"] == "diamond"
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1))
    assert [n["id"] for n in data["nodes"]] == [n["id"] for n in net.nodes]
    assert data["options"]["physics"] == net.options["physics"]
    # a Network from build_network renders (and restyles) on its own, as in a notebook
    net2 = build_network(g)
    net2.get_node(HOSP)["color"] = "#000000"
    assert '"color":"#000000"' in net2.generate_html()


def _external_refs(html: str) -> list[str]:
    from html.parser import HTMLParser

    found = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for k, v in attrs:
                if k in ("src", "href", "srcset", "data", "action") and v is not None:
                    found.append(f"{tag} {k}={v}")

    P().feed(html)
    return found


def test_pyvis_page_has_no_src_or_href_at_all(tmp_path):
    html = write_page(two_counties(), tmp_path / "p.html").read_text(encoding="utf-8")
    assert _external_refs(html) == []
    assert "jsdelivr" not in html and "cdnjs" not in html
    assert "bootstrap" not in html and "tom-select" not in html


def test_landing_view_is_participation_unless_focused_or_none():
    from viz.page import landing_counts, landing_view, participation_counts, unattached_programs
    g = sample_graph()
    assert landing_view(g) == "participation" and page_payload(g)["view"] == "participation"
    assert landing_counts(g) == participation_counts(g) == (16, 15)
    assert landing_view(g, focus="县医院") == "all" and page_payload(g, focus="县医院")["view"] == "all"
    no_part = select_subgraph(g, types=["Institution", "Region"])
    assert landing_view(no_part) == "all" and landing_counts(no_part) == default_counts(no_part)
    joined = {v for _, v, d in g.edges(data=True) if d.get("type") == "PARTICIPATES_IN"}
    progs = {n for n, d in g.nodes(data=True) if d.get("label") == "Program"}
    assert set(unattached_programs(g)) == progs - joined


# ------------------------------------------------------------------ big pages: compact data, capped views

def _page_data(html: str) -> dict:
    return json.loads(re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1))


def test_a_big_page_carries_every_node_and_line_compactly_and_draws_its_landing_view(tmp_path, monkeypatch):
    """Above BIG_THRESHOLD nodes: the store decodes to the very records a small page carries (evidence,
    documents, aliases, kinds, regions), pyvis gets only the landing view, and the page is far
    smaller than the same data written out row by row."""
    import pyvis.network

    from viz.compact import BIG_THRESHOLD, LINE_CAP, VIEW_CAP, line_record, node_record
    from viz.page import landing_subset

    g = synthetic_graph(BIG_THRESHOLD + 400, 9000, seed=2)
    # evidence shared by many lines (one sentence, several facts) and documents cited from outside
    b = _Builder()
    b.g = g
    d = b.document("doc-1", "第1县卫生健康局2023年工作总结", "第1县", 2023)
    for n in list(g)[:5]:
        b.edge(d, n, "MENTIONS", d)
    rendered = []
    real = pyvis.network.Network.generate_html
    monkeypatch.setattr(pyvis.network.Network, "generate_html",
                        lambda self, *a, **kw: rendered.append(self) or real(self, *a, **kw))
    html = write_page(g, tmp_path / "big.html").read_text(encoding="utf-8")
    data = _page_data(html)
    st = data["store"]
    small = page_payload(g)                       # the records of the same graph as a small page
    assert len(st["ids"]) == g.number_of_nodes() and len(st["lf"]) == len(small["lines"])
    at = {x: i for i, x in enumerate(st["ids"])}
    assert st["ids"] == sorted(st["ids"])
    for rec in small["nodes"]:
        got = node_record(st, at[rec["id"]])
        assert {k: v for k, v in got.items() if k not in ("x", "y")} == \
            {k: v for k, v in rec.items() if k not in ("x", "y")}
    for j, rec in enumerate(small["lines"]):
        assert line_record(st, j) == rec
    assert len(st["sents"]) == len({e[1] for rec in small["lines"] for e in rec["ev"] if e[1]})
    # pyvis: exactly the landing view, the same ids as the store's lines
    (net,) = rendered
    first_nodes, first_lines = landing_subset(g)
    assert {n["id"] for n in net.nodes} == first_nodes
    assert 0 < len(first_nodes) <= VIEW_CAP["participation"] and len(first_lines) <= LINE_CAP["participation"]
    assert {(e["from"], e["to"]) for e in net.get_edges()} == {(k[0], k[1]) for k in first_lines}
    assert all(line_record(st, int(e["id"][1:]))["f"] == e["from"] for e in net.get_edges())
    assert landing_counts(g) == (len(first_nodes), len(first_lines))
    assert data["cap"] == VIEW_CAP and data["fixed"] is True
    rows = len(json.dumps(small, ensure_ascii=False).encode("utf-8"))
    assert len(html.encode("utf-8")) < 0.75 * rows


def test_cap_view_grows_from_the_most_connected_and_pins_what_was_asked_for():
    from viz.compact import PIN_NEIGHBOURS, cap_view
    # two stars: hub A with 30 leaves, hub B with 10 leaves; one line between the hubs
    nodes = ["A", "B"] + [f"a{i}" for i in range(30)] + [f"b{i}" for i in range(10)] + ["lone"]
    order = {n: i for i, n in enumerate(nodes)}
    ls = [("A", f"a{i}") for i in range(30)] + [("B", f"b{i}") for i in range(10)] + [("A", "B")]
    assert cap_view(order, nodes, ls, 100, 100) == (set(nodes), ls)          # within the caps: whole
    keep, kept = cap_view(order, nodes, ls, 5, 100)
    assert keep == {"A", "B", "a0", "a1", "a2"}                              # A, then its best neighbour B
    assert set(kept) == {("A", "B"), ("A", "a0"), ("A", "a1"), ("A", "a2")}
    keep, _ = cap_view(order, nodes, ls, 40, 3)                              # the line cap stops it first
    assert keep == {"A", "B", "a0", "a1"}
    # a node asked for comes in with its neighbours (the most connected first), whatever the caps
    keep, kept = cap_view(order, nodes, ls, 5, 100, pinned=["b7", "nowhere"])
    assert keep == {"A", "B", "a0", "a1", "a2", "b7"} and ("B", "b7") in kept
    keep, _ = cap_view(order, nodes, ls, 2, 100, pinned=["b3"])
    assert keep == {"A", "B", "b3"}
    big = ["H"] + [f"h{i}" for i in range(PIN_NEIGHBOURS + 10)]
    order = {n: i for i, n in enumerate(big)}
    star = [("H", n) for n in big[1:]]
    keep, kept = cap_view(order, big, star, 1, 100, pinned=["H"])
    assert keep == set(big[:PIN_NEIGHBOURS + 1]) and len(kept) == PIN_NEIGHBOURS
