"""The exploration page in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright).

Run with `pytest -m browser`; skipped when chromium or playwright is missing
(.ci/browser-setup.sh installs chromium). The screenshot test rewrites docs/explore.png.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from viz.page import (default_counts, landing_counts, landing_view, lines, participation_counts, select_subgraph,
                      unattached_programs, write_page)
from viz.sample import institution_id, program_id, sample_graph, synthetic_graph

from test_viz import EVIL_EVIDENCE, EVIL_NAME, EVIL_PROGRAM, HOSP, PROV, evil_graph, two_counties

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM}: run .ci/browser-setup.sh (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    def __init__(self, page, errors, requests):
        self.page, self.errors, self.requests = page, errors, requests

    def counts(self):
        return tuple(self.page.evaluate("[kgPage.nodes.length, kgPage.edges.length]"))

    def full_view(self):
        """Switch to 全部关系 and wait until vis has laid it out."""
        self.page.check("input[name=kg-mode][value=all]")
        self.page.wait_for_function("kgPage.settled === true", timeout=60_000)


@pytest.fixture
def open_page(browser, tmp_path):
    pages = []

    def _open(graph, name="page.html", width=1400, height=900, **kw):
        out = write_page(graph, tmp_path / name, **kw)
        page = browser.new_page(viewport={"width": width, "height": height})
        pages.append(page)
        errors, requests = [], []
        page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))

        def route(r):
            if not r.request.url.startswith("file:"):
                requests.append(r.request.url)
                return r.abort()
            return r.continue_()

        page.route("**/*", route)
        page.goto(out.as_uri())
        page.wait_for_function("window.kgPage && window.kgPage.ready === true", timeout=60_000)
        return Opened(page, errors, requests)

    yield _open
    for p in pages:
        p.close()


def test_page_loads_offline_with_no_errors_and_the_documented_counts(open_page):
    g = sample_graph()
    o = open_page(g)
    assert o.errors == [] and o.requests == []
    # it opens on the participation view: exactly the institutions and programmes that take part
    assert landing_view(g) == "participation"
    assert o.counts() == landing_counts(g) == participation_counts(g) == (16, 15)
    drawn = set(o.page.evaluate("kgPage.nodes.getIds()"))
    part = [k for k in lines(g) if k[2] == "PARTICIPATES_IN"]
    assert drawn == {k[0] for k in part} | {k[1] for k in part}
    assert o.page.is_checked("input[name=kg-mode][value=participation]")
    assert not o.page.is_checked("#kg-type-Indicator") and o.page.is_checked("#kg-type-Program")
    assert o.page.evaluate("window.__pwned") is None
    # ticking 文档 (one click) shows every node and line of the page
    o.page.check("#kg-type-Document")
    o.page.wait_for_function("kgPage.settled === true", timeout=60_000)
    assert o.page.is_checked("input[name=kg-mode][value=all]")
    assert o.counts() == (g.number_of_nodes(), len(lines(g)))
    o.page.uncheck("#kg-type-Document")
    assert o.counts() == default_counts(g) == (20, 34)
    assert o.errors == []


def _sample_build(tmp_path, monkeypatch):
    """`kg build sample`'s graph and its default graph.html (no store), run from the checkout."""
    import kg.api as kg
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    res = kg.build(["sample"], tmp_path / "out", store=False)
    return res.graph, tmp_path / "out" / "graph.html"


def _goto(browser, path, width=1400, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors = []
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(path.as_uri())
    page.wait_for_function("window.kgPage && window.kgPage.ready === true", timeout=60_000)
    return page, errors


def _label_boxes(page):
    """The drawn label boxes (canvas coordinates) and the font size on screen."""
    return page.evaluate("""(() => { const out = [];
        for (const id of kgPage.nodes.getIds()) { const n = kgPage.network.body.nodes[id];
          const s = n.labelModule.size; if (s.width) out.push([id, s.left, s.top, s.width, s.height]); }
        return {boxes: out, px: 14 * kgPage.network.getScale()}; })()""")


def test_sample_build_opens_readable_with_unattached_programmes_listed(browser, tmp_path, monkeypatch):
    """`kg build sample`'s page opens on institutions ↔ programmes with labels legible at the default
    zoom and apart; programmes nobody takes part in are listed beside the graph, not drawn at its edge."""
    g, html = _sample_build(tmp_path, monkeypatch)
    page, errors = _goto(browser, html)
    try:
        assert tuple(page.evaluate("[kgPage.nodes.length, kgPage.edges.length]")) == participation_counts(g)
        part = [k for k in lines(g) if k[2] == "PARTICIPATES_IN"]
        assert set(page.evaluate("kgPage.nodes.getIds()")) == {k[0] for k in part} | {k[1] for k in part}
        loose = unattached_programs(g)
        listed = page.evaluate("kgPage.unattached")
        assert loose and sorted(listed) == loose
        assert page.locator("#kg-unattached li").count() == len(loose)
        lab = _label_boxes(page)
        assert lab["px"] >= 11, f"labels drawn at {lab['px']:.1f} px"
        boxes = lab["boxes"]
        assert len(boxes) == participation_counts(g)[0]
        for i, (a, ax, ay, aw, ah) in enumerate(boxes):
            for b, bx, by, bw, bh in boxes[i + 1:]:
                assert not (ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah), (a, b)
        # a listed programme is a click away: the full view, that programme focused beside its region
        first = listed[0]
        page.click("#kg-unattached button >> nth=0")
        page.wait_for_function(f"kgPage.settled === true && kgPage.focused === '{first}'", timeout=60_000)
        assert tuple(page.evaluate("[kgPage.nodes.length, kgPage.edges.length]")) == default_counts(g)
        assert page.evaluate("kgPage.network.getSelectedNodes()") == [first]
        assert errors == []
    finally:
        page.close()


def test_filters_in_the_page_match_the_python_selection(open_page):
    g = two_counties()
    o = open_page(g)
    o.full_view()
    o.page.select_option("#kg-region", "白沙县")
    assert o.counts() == default_counts(select_subgraph(g, region="白沙县"))
    o.page.select_option("#kg-region", "")
    assert o.counts() == default_counts(g)
    family = program_id("家庭医生签约服务")
    o.page.select_option("#kg-program", family)
    assert o.counts() == default_counts(select_subgraph(g, program=family))
    o.page.click("#kg-show-all")
    o.page.uncheck("#kg-type-Region")
    assert o.counts() == default_counts(select_subgraph(g, types=["Institution", "Program", "Indicator"]))
    assert o.errors == []


def test_participation_view_shows_only_institutions_and_programs(open_page):
    g = sample_graph()
    o = open_page(g)
    o.full_view()
    assert o.counts() == default_counts(g)
    o.page.check("input[name=kg-mode][value=participation]")
    part = [k for k in lines(g) if k[2] == "PARTICIPATES_IN"]
    ends = {k[0] for k in part} | {k[1] for k in part}
    assert o.counts() == (len(ends), len(part))
    types = o.page.evaluate("[...new Set(kgPage.edges.get().map(e => kgPage.data.lines.find(l => l.id === e.id).t))]")
    assert types == ["PARTICIPATES_IN"]
    # programs in one column, institutions in columns either side of it
    xs = o.page.evaluate("""(() => { const p = kgPage.network.getPositions(); const out = {I: [], P: []};
        for (const id in p) out[kgPage.data.nodes.find(n => n.id === id).t[0]].push(p[id].x); return out; })()""")
    (px,) = set(xs["P"])
    assert all(x != px for x in xs["I"]) and min(xs["I"]) < px < max(xs["I"])
    o.page.check("input[name=kg-mode][value=all]")
    assert o.counts() == default_counts(g)
    assert o.errors == []


def test_search_box_selects_and_centres_the_node(open_page):
    o = open_page(sample_graph())
    o.page.fill("#kg-search", "县医院")              # an alias
    o.page.press("#kg-search", "Enter")
    o.page.wait_for_function(f"kgPage.focused === '{HOSP}'")
    assert o.page.evaluate("kgPage.network.getSelectedNodes()") == [HOSP]
    o.page.wait_for_function(f"""(() => {{ const v = kgPage.network.getViewPosition();
        const p = kgPage.network.getPositions(['{HOSP}'])['{HOSP}'];
        return Math.abs(v.x - p.x) < 2 && Math.abs(v.y - p.y) < 2; }})()""", timeout=5000)
    assert "青山县人民医院" in o.page.text_content("#kg-details")
    o.page.fill("#kg-search", "没有这个机构")
    o.page.press("#kg-search", "Enter")
    assert "未找到" in o.page.text_content("#kg-message")
    assert o.errors == []


def test_neighbourhood_button_matches_the_python_focus(open_page):
    g = sample_graph()
    o = open_page(g)
    o.full_view()
    o.page.fill("#kg-depth", "1")
    o.page.dispatch_event("#kg-depth", "change")
    o.page.fill("#kg-search", "青山县人民医院")
    o.page.press("#kg-search", "Enter")
    o.page.click("#kg-details button:has-text('只看周边')")
    assert o.counts() == default_counts(select_subgraph(g, focus=HOSP, depth=1))
    assert "只显示「青山县人民医院」周边 1 层" in o.page.text_content("#kg-hood-label")
    o.page.click("#kg-show-all")
    assert o.counts() == default_counts(g)
    assert o.errors == []


def _dom_point(page, canvas_xy_js):
    return page.evaluate(f"""(() => {{ const c = {canvas_xy_js};
        const d = kgPage.network.canvasToDOM(c);
        const r = document.getElementById('kg-network').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }})()""")


def _hover_node(page, node_id):
    x, y = _dom_point(page, f"kgPage.network.getPositions(['{node_id}'])['{node_id}']")
    page.mouse.move(x, y)
    page.wait_for_selector("#kg-tip:not([hidden])", timeout=5000)


def _hover_edge(page, a, b):
    # the middle of the drawn (curved) line, from vis-network's own geometry
    x, y = _dom_point(page, f"""(() => {{ const e = kgPage.edges.get({{filter: e => e.from === '{a}' && e.to === '{b}'}})[0];
        return kgPage.network.body.edges[e.id].edgeType.getPoint(0.5); }})()""")
    page.mouse.move(x, y)
    page.wait_for_function("!document.getElementById('kg-tip').hidden && "
                           "document.getElementById('kg-tip').textContent.includes('关系')", timeout=5000)


def test_report_markup_shows_as_text_and_never_runs(open_page):
    g = evil_graph()
    o = open_page(g)
    page = o.page
    inst = next(n for n, d in g.nodes(data=True) if d.get("name") == EVIL_NAME)
    prog = next(n for n, d in g.nodes(data=True) if d.get("name") == EVIL_PROGRAM)
    _hover_node(page, inst)
    assert EVIL_NAME in page.text_content("#kg-tip") and EVIL_PROGRAM in page.text_content("#kg-tip")
    _hover_edge(page, inst, prog)
    assert EVIL_EVIDENCE in page.text_content("#kg-tip")
    page.fill("#kg-search", "<img")
    page.press("#kg-search", "Enter")
    page.wait_for_function(f"kgPage.focused === '{inst}'")
    assert EVIL_NAME in page.text_content("#kg-details")
    page.click("#kg-search")                               # fills the datalist with every name
    page.check("#kg-type-Document")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.images.length") == 0
    assert page.evaluate("document.scripts.length") == 3
    assert o.errors == []


def test_unknown_labels_and_documents_toggle_count_like_python(open_page):
    import networkx as nx
    g = nx.MultiDiGraph()
    g.add_node("a", label="Institution", name="甲医院", kind="general_hospital")
    g.add_node("m", label="Mystery", name="未知类型")
    g.add_node("d", label="Document", title="报告")
    g.add_edge("a", "m", key="X|d|", type="X", document="d")
    g.add_edge("d", "a", key="MENTIONS|d|", type="MENTIONS", document="d")
    o = open_page(g)
    assert o.counts() == default_counts(g) == (2, 1)
    o.page.check("#kg-type-Document")
    assert o.counts() == (3, 2)
    assert o.errors == []


def test_empty_page_opens(open_page):
    import networkx as nx
    o = open_page(nx.MultiDiGraph())
    assert o.counts() == (0, 0) and o.errors == []


def test_big_page_draws_with_precomputed_positions(open_page):
    g = synthetic_graph(800, 2400, seed=5)
    o = open_page(g)
    assert o.counts() == landing_counts(g)
    o.full_view()
    assert o.counts() == default_counts(g) == (800, 2400)
    assert o.page.evaluate("kgPage.network.physics.physicsEnabled") is False
    assert o.page.evaluate("kgPage.nodes.get().every(n => typeof n.x === 'number')")
    assert o.errors == []


def test_focus_page_opens_on_the_focused_node(open_page):
    g = sample_graph()
    o = open_page(g, focus="江北省人民医院", depth=1)
    assert o.page.evaluate("kgPage.network.getSelectedNodes()") == [PROV]
    assert o.counts() == default_counts(select_subgraph(g, focus="江北省人民医院", depth=1))
    assert o.errors == []


def test_screenshot_for_the_readme(browser, tmp_path, monkeypatch):
    """docs/explore.png: the page of `kg build sample` as it opens (nothing clicked)."""
    g, html = _sample_build(tmp_path, monkeypatch)
    page, errors = _goto(browser, html)
    try:
        assert tuple(page.evaluate("[kgPage.nodes.length, kgPage.edges.length]")) == landing_counts(g)
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / "explore.png"))
        assert (DOCS / "explore.png").stat().st_size > 50_000
        assert errors == []
    finally:
        page.close()


def test_marked_report_in_the_browser_and_its_link_to_the_graph(browser, tmp_path):
    """kg show: the marks drawn equal the report's facts, `<script>` in the report is text, and a
    fact's link opens the graph page on that node."""
    from kg.show import show
    from kg.spacy_component import blank_nlp
    from test_show import EVIL, evil_reports

    import kg.api as kg
    src = evil_reports(tmp_path)
    res = kg.build([src], tmp_path / "out", store=False)
    out = show("evil", [src], tmp_path / "out" / "show-evil.html")
    d = next(x for x in res.documents if x.id == "evil")
    nlp = blank_nlp()
    doc = nlp.make_doc(d.text)
    doc.user_data["kg"] = {"id": d.id, "title": d.title, "region": d.region, "year": d.year}
    facts = len(nlp(doc).spans["kg"])
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(out.as_uri())
    assert page.evaluate("document.querySelectorAll('mark.entity').length") == facts > 0
    assert EVIL in page.text_content(".entities")
    assert page.evaluate("window.__pwned") is None and page.evaluate("document.scripts.length") == 0
    link = page.locator("a.kg-node").first
    target = link.get_attribute("href").split("#focus=", 1)[1]
    link.click()
    page.wait_for_function("window.kgPage && window.kgPage.ready === true", timeout=60_000)
    assert page.evaluate("kgPage.focused") == target
    assert errors == []
    page.close()


def test_search_lists_every_match_with_region_and_kind(open_page):
    g = two_counties()
    o = open_page(g)
    o.page.fill("#kg-search", "县医院")              # an alias of the hospitals of both counties
    o.page.press("#kg-search", "Enter")
    items = o.page.locator("#kg-matches li")
    assert items.count() == 2
    texts = sorted(items.all_text_contents())
    assert any("白沙县人民医院" in t and "白沙县" in t and "综合医院" in t for t in texts)
    assert any("青山县人民医院" in t and "青山县" in t for t in texts)
    baisha = institution_id("白沙县人民医院", "白沙县")
    o.page.click("#kg-matches button:has-text('白沙县人民医院')")
    o.page.wait_for_function(f"kgPage.focused === '{baisha}'")
    o.page.fill("#kg-search", "青山县中医医院")        # one match: no list
    o.page.press("#kg-search", "Enter")
    assert o.page.locator("#kg-matches").is_hidden()
    assert o.errors == []


def test_big_page_draws_its_landing_view_and_brings_in_what_is_searched(open_page, browser):
    """Above BIG_THRESHOLD nodes the page draws the most connected part of the participation view (the
    nodes Python's landing_subset names), yet every node is in the page: a search for one not drawn
    brings it in with its neighbours, and the region filter reaches a whole region."""
    from viz.compact import BIG_THRESHOLD, VIEW_CAP
    from viz.page import landing_subset

    g = synthetic_graph(BIG_THRESHOLD + 500, 10000, seed=4)
    o = open_page(g, "big.html")
    first_nodes, first_lines = landing_subset(g)
    assert set(o.page.evaluate("kgPage.nodes.getIds()")) == first_nodes
    assert o.counts() == (len(first_nodes), len(first_lines)) and len(first_nodes) <= VIEW_CAP["participation"]
    assert o.page.evaluate("[kgPage.data.nodes.length, kgPage.data.lines.length]") == [g.number_of_nodes(),
                                                                                       len(lines(g))]
    assert "大图只画其中连接最多的节点" in o.page.text_content("#kg-status")
    assert _label_boxes(o.page)["px"] >= 11                     # labels legible at the opening zoom
    # an institution that takes part in a programme but is not drawn, with a name of its own
    names = {}
    for n, d in g.nodes(data=True):
        names.setdefault(d.get("name"), []).append(n)
    part = {}
    for u, v, d in g.edges(data=True):
        if d["type"] == "PARTICIPATES_IN":
            part.setdefault(u, set()).add(v)
    target = next(n for n in sorted(part) if n not in first_nodes and len(names[g.nodes[n]["name"]]) == 1)
    o.page.fill("#kg-search", g.nodes[target]["name"])
    o.page.press("#kg-search", "Enter")
    o.page.wait_for_function(f"kgPage.focused === '{target}'", timeout=30_000)
    drawn = set(o.page.evaluate("kgPage.nodes.getIds()"))
    assert target in drawn and part[target] <= drawn and first_nodes <= drawn
    assert o.page.evaluate("kgPage.network.getSelectedNodes()") == [target]
    assert o.page.is_checked("input[name=kg-mode][value=participation]")
    # an indicator (not in the participation view): the full view, with it and its lines
    ind = next(n for n, d in g.nodes(data=True) if d["label"] == "Indicator" and n not in drawn)
    o.page.evaluate(f"kgPage.focusNode('{ind}', false)")
    o.page.wait_for_function(f"kgPage.focused === '{ind}'", timeout=30_000)
    assert o.page.is_checked("input[name=kg-mode][value=all]")
    assert ind in set(o.page.evaluate("kgPage.nodes.getIds()"))
    # a region: every node the Python filter keeps
    o.page.click("#kg-show-all")
    o.page.select_option("#kg-region", "第7县")
    assert o.counts() == default_counts(select_subgraph(g, region="第7县"))
    assert o.errors == []
    # a link from a marked report (graph.html#focus=ID) to a node not drawn on opening brings it in
    other = next(n for n in sorted(part) if n not in first_nodes and n != target)
    p2 = browser.new_page()
    try:
        p2.goto(o.page.url.split("#")[0] + "#focus=" + other)
        p2.wait_for_function(f"window.kgPage && kgPage.focused === '{other}'", timeout=60_000)
        assert other in p2.evaluate("kgPage.nodes.getIds()")
        assert p2.evaluate("kgPage.network.getSelectedNodes()") == [other]
    finally:
        p2.close()


def test_a_document_of_a_build_links_to_its_marked_report(browser, tmp_path, monkeypatch):
    """kg build writes each report's marked page (docs/<id>.html, what kg show writes) and the graph
    page's document details link to it: the link opens the report with its facts marked."""
    g, html = _sample_build(tmp_path, monkeypatch)
    page, errors = _goto(browser, html)
    try:
        doc = "qinghe_2023_report"
        page.evaluate(f"kgPage.focusNode('{doc}', false)")
        page.wait_for_function(f"kgPage.focused === '{doc}'", timeout=60_000)
        link = page.locator("#kg-report-link")
        assert link.get_attribute("href") == "docs/qinghe_2023_report.html"
        assert (html.parent / "docs" / "qinghe_2023_report.html").exists()
        with page.context.expect_page() as opened:
            link.click()
        report = opened.value
        report.wait_for_load_state()
        marks = report.evaluate("document.querySelectorAll('mark.entity').length")
        assert marks > 0 and report.evaluate("document.body.dataset.marks") == str(marks)
        assert report.locator("a.kg-node").first.get_attribute("href").startswith("../graph.html#focus=")
        report.close()
        assert errors == []
    finally:
        page.close()
