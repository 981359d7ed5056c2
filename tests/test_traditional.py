"""A report in traditional characters is read as simplified and quoted as written."""
from __future__ import annotations

from kg.lexicon import load_lexicon
from kg.pipeline import assemble, extract_all
from kg.export import facts


def _build(tmp_path, text):
    from loaders import load_file
    f = tmp_path / "report.txt"
    f.write_text(text, encoding="utf-8")
    docs = load_file(f)
    lex = load_lexicon()
    return facts(assemble(extract_all(docs, lex), lex))


def test_traditional_report_gives_the_same_facts_with_written_evidence(tmp_path):
    trad = _build(tmp_path, "青禾縣衛生健康局工作總結\n縣中醫院加入緊密型縣域醫共體，與省立醫院簽訂合作協議。\n")
    simp = _build(tmp_path, "青禾县卫生健康局工作总结\n县中医院加入紧密型县域医共体，与省立医院签订合作协议。\n")
    # the same facts are found …
    assert len(trad["participations"]) == len(simp["participations"]) >= 1
    assert len(trad["partnerships"]) == len(simp["partnerships"]) == 1
    assert {p["name"] for p in trad["programs"]} == {p["name"] for p in simp["programs"]}
    # … quoted as the report writes them
    assert "縣中醫院" in trad["participations"][0]["evidence"]
    inst = {i["name"]: i for i in trad["institutions"]}
    written = {n for i in trad["institutions"] for n in [i["name"], *i["aliases"]]}
    assert "縣中醫院" in written and "县中医院" in written
    assert any("緊密型縣域醫共體" in p["aliases"] for p in trad["programs"])
    assert inst  # institutions were found at all
