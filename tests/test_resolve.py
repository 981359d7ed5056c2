"""Resolution: deterministic ids, region scope, aliases within a document (properties + examples)."""
from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import extract_text
from kg.model import Document
from kg.pipeline import assemble
from kg.resolve import entity_id

cjk = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=8)


@given(label=st.sampled_from(["Institution", "Program", "Region", "Indicator"]), scope=cjk, key=cjk)
def test_ids_are_stable_and_prefixed(label, scope, key):
    a = entity_id(label, scope, key)
    assert a[2:] == hashlib.sha1(f"{label}|{scope}|{key}".encode("utf-8")).hexdigest()[:16]   # the documented rule
    assert a.startswith({"Institution": "I-", "Program": "P-", "Region": "R-", "Indicator": "K-"}[label])
    assert len(a) == 18
    assert entity_id(label, scope + "x", key) != a      # the scope is part of the identity


@settings(max_examples=25, deadline=None)
@given(name=st.sampled_from(["石桥", "柳河", "白沙", "东关"]), region=st.sampled_from(["青禾县", "云溪区", "松林县"]))
def test_same_text_same_graph(name, region):
    text = f"{name}镇卫生院与县人民医院签订帮扶协议。县医院完成改造。"
    g1 = assemble([extract_text(text, region=region)])
    g2 = assemble([extract_text(text, region=region)])
    assert sorted(g1.nodes) == sorted(g2.nodes)
    assert sorted(g1.edges(keys=True)) == sorted(g2.edges(keys=True))


def institutions(g):
    return {d["name"]: d for _, d in g.nodes(data=True) if d["label"] == "Institution"}


def test_short_forms_resolve_within_a_document():
    g = assemble([extract_text("县人民医院完成改造。县医院门诊量增长。疾控中心和县疾病预防控制中心联合督导。县中医院与中医医院合署办公。")])
    inst = institutions(g)
    assert set(inst) == {"县人民医院", "县疾病预防控制中心", "县中医院"}
    assert inst["县人民医院"]["aliases"] == ["县医院"]
    assert "疾控中心" in inst["县疾病预防控制中心"]["aliases"]
    assert "中医医院" in inst["县中医院"]["aliases"]


def test_generic_name_belongs_to_its_region():
    a = extract_text("县人民医院完成改造。", region="青禾县", doc_id="a")
    b = extract_text("县人民医院完成改造。", region="松林县", doc_id="b")
    c = extract_text("县人民医院门诊量增长。", region="青禾县", doc_id="c")
    g = assemble([a, b, c])
    ids = [n for n, d in g.nodes(data=True) if d["label"] == "Institution"]
    assert len(ids) == 2                         # 青禾县's (two reports) and 松林县's
    docs = sorted(sorted(g.nodes[n]["documents"]) for n in ids)
    assert docs == [["a", "c"], ["b"]]


def test_masked_regions_are_not_merged():
    a = extract_text("县人民医院完成改造。", region="XX县", doc_id="a")
    b = extract_text("县人民医院完成改造。", region="XX县", doc_id="b")
    g = assemble([a, b])
    assert sum(1 for _, d in g.nodes(data=True) if d["label"] == "Institution") == 2


def test_named_partner_elsewhere_is_global():
    a = extract_text("县人民医院与北京同仁医院签订合作协议。", region="青禾县", doc_id="a")
    b = extract_text("县中医院与北京同仁医院签订合作协议。", region="松林县", doc_id="b")
    g = assemble([a, b])
    tongren = [d for _, d in g.nodes(data=True) if d.get("name") == "北京同仁医院"]
    assert len(tongren) == 1 and tongren[0]["external"] and tongren[0]["documents"] == ["a", "b"]


def test_program_short_forms_are_aliases():
    g = assemble([extract_text("全面开展社区“三个一百”工程。")])
    (p,) = [d for _, d in g.nodes(data=True) if d["label"] == "Program"]
    assert p["name"] == "社区“三个一百”工程" and "“三个一百”工程" in p["aliases"]


def test_declared_short_name_is_an_alias():
    g = assemble([extract_text("青禾县第一人民医院（以下简称“禾一院”）完成改造。禾一院门诊量增长。")])
    inst = institutions(g)
    assert list(inst) == ["青禾县第一人民医院"]
    assert inst["青禾县第一人民医院"]["aliases"] == ["禾一院"]


def test_numbered_short_form_of_a_numbered_hospital():
    g = assemble([extract_text("市第一人民医院派出专家。市一院专家开展义诊。", region="青禾市")])
    assert list(institutions(g)) == ["市第一人民医院"]


def test_external_flags():
    ex = extract_text("县人民医院与台江县人民医院签订对口支援协议，县医院社区卫生服务中心与南江大学签订合作协议。", region="青禾县")
    g = assemble([ex])
    ext = {d["name"]: d["external"] for _, d in g.nodes(data=True) if d["label"] == "Institution"}
    assert ext == {"县人民医院": False, "台江县人民医院": True, "县医院社区卫生服务中心": False, "南江大学": True}


def test_a_name_holding_the_region_is_local():
    g = assemble([extract_text("浙南医学院附属青禾医院开展义诊。", region="青禾县")])
    (d,) = [d for _, d in g.nodes(data=True) if d["label"] == "Institution"]
    assert d["external"] is False


def _programs(text: str) -> list[tuple[str, list[str]]]:
    g = assemble([extract_text(text)])
    return sorted((d["name"], sorted(d["aliases"])) for _, d in g.nodes(data=True) if d["label"] == "Program")


def test_a_short_form_with_several_longer_forms_of_one_program_joins_it():
    text = "扎实开展省级健教示范区创建。完成省健教示范区创建中期总结。推进健教示范区创建工作。"
    (p,) = _programs(text)
    assert p[0] == "省级健教示范区创建" and {"省健教示范区创建", "健教示范区创建"} <= set(p[1])


def test_an_abbreviation_dropping_a_middle_word_is_the_same_program():
    (p,) = _programs("全面推行农村卫生惠民补助工程。农村卫生惠民工程进展顺利。")
    assert p[0] == "农村卫生惠民补助工程" and "农村卫生惠民工程" in p[1]



@given(n=st.integers(1, 30), pairs=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=40))
def test_mention_groups_are_the_connected_components(n, pairs):
    """The union-find that groups one document's mentions gives networkx's connected components,
    each in ascending order, the groups in the order of their first mentions."""
    import networkx as nx

    from kg.resolve import _Groups

    edges = [(a % n, b % n) for a, b in pairs]
    groups = _Groups(n)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for a, b in edges:
        groups.add_edge(a, b)
        g.add_edge(a, b)
    assert groups.groups() == sorted(sorted(c) for c in nx.connected_components(g))
