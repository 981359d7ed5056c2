"""kg's extraction as a spaCy component: `spacy.blank("zh").add_pipe("kg_facts")` (found through the
spacy_factories entry point) marks what `kg build` takes from each report of the sample."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from conftest import REPO

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def built():
    import kg.api as kg
    from kg.pipeline import load_documents
    result = kg.build([REPO / "sample"], None, store=False, page=False, cache=False)
    docs, _ = load_documents([REPO / "sample"])
    return result.graph, docs


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")                       # the default segmenter is "char": no model needed
    nlp.add_pipe("kg_facts")
    return nlp


def _meta(d):
    return {"id": d.id, "title": d.title, "region": d.region, "year": d.year}


def _marked(nlp, d):
    doc = nlp.make_doc(d.text)
    doc.user_data["kg"] = _meta(d)
    return nlp(doc)


def test_spans_equal_the_facts_of_kg_build_per_report(built, nlp):
    g, docs = built
    assert len(docs) >= 5
    for d in docs:
        doc = _marked(nlp, d)
        spans = doc.spans["kg"]
        assert {s.label_ for s in spans} <= {"INSTITUTION", "PROGRAM", "INDICATOR"}
        mentioned = {v for _, v, k in g.out_edges(d.id, data="type") if k == "MENTIONS"}
        marked = {s.kb_id_ for s in spans if s.label_ in ("INSTITUTION", "PROGRAM")}
        assert marked == mentioned, d.id
        for label, node_label in (("INSTITUTION", "Institution"), ("PROGRAM", "Program")):
            assert {s.kb_id_ for s in spans if s.label_ == label} == \
                {v for v in mentioned if g.nodes[v]["label"] == node_label}
        measured = Counter(v for _, v, e in g.edges(data=True) if e.get("type") == "MEASURED" and e["document"] == d.id)
        assert Counter(m["indicator_id"] for m in doc._.kg_measurements) == measured, d.id
        assert {s.kb_id_ for s in spans if s.label_ == "INDICATOR"} == set(measured)
        # every span is the text the extraction took, aligned to characters
        for s in spans:
            assert d.text[s.start_char:s.end_char] == s.text
        # relations: the same participations and partnerships as the build's edges of this report
        edges = Counter((u, v, e["type"]) for u, v, e in g.edges(data=True)
                        if e.get("document") == d.id and e["type"] in ("PARTICIPATES_IN", "PARTNERS_WITH"))
        rels = {(r["head_id"], r["tail_id"], r["type"]) for r in doc._.kg_relations}
        assert {k if k in rels else (k[1], k[0], k[2]) for k in edges} <= rels | {(b, a, t) for a, b, t in rels}
        assert len(doc.ents) <= len(spans)


def test_institution_spans_carry_the_graph_name_and_kind(built, nlp):
    g, docs = built
    for d in docs[:3]:
        for s in _marked(nlp, d).spans["kg"]:
            if s.label_ == "INSTITUTION":
                assert s._.kg_name == g.nodes[s.kb_id_]["name"] or s._.kg_name in g.nodes[s.kb_id_]["aliases"]


def test_factory_found_without_importing_kg():
    code = ("import sys, spacy\nnlp = spacy.blank('zh')\nnlp.add_pipe('kg_facts')\n"
            "doc = nlp('青山县卫生健康局2023年工作总结。县人民医院牵头组建县域医共体。')\n"
            "print(sorted({s.label_ for s in doc.spans['kg']}), 'kg' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() [:2] == ["['INSTITUTION',", "'PROGRAM']"]


def test_char_segmenter_config_and_blank_nlp():
    from kg.spacy_component import blank_nlp
    nlp = blank_nlp()
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "char" and "kg_facts" in nlp.pipe_names
    doc = nlp("县人民医院与江北省人民医院开展远程会诊。")
    assert [s.text for s in doc.spans["kg"] if s.label_ == "INSTITUTION"] == ["县人民医院", "江北省人民医院"]
