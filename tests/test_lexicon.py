"""The packaged lexicons as data: every row says where it comes from, no surface names two rows, kinds
and flags are from their vocabularies, and the loader hands source and needs_cue on to the extractors."""
from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.lexicon import (BARE_VALUES, CUE_WORDS, INSTITUTION_SOURCES, PROGRAM_SOURCES, SurfaceMatcher, has_cue, load_lexicon,
                        read_user_lexicon)
from kg.model import INSTITUTION_KINDS
from kg.resources import read_text
from kg.text import normalise


def _table(name: str) -> list[tuple[int, list[str]]]:
    """(line number, columns) of a packaged TSV, read here without the loader."""
    out = []
    for n, line in enumerate(read_text("lexicons", name).splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            out.append((n, line.split("\t")))
    return out


def _header(name: str) -> str:
    return "\n".join(line for line in read_text("lexicons", name).splitlines() if line.startswith("#"))


def _col(cols: list[str], i: int) -> str:
    return cols[i].strip() if len(cols) > i else ""


# -- programs.tsv ----------------------------------------------------------------------------------

def test_every_program_row_has_a_known_source():
    rows = _table("programs.tsv")
    assert len(rows) >= 250
    unknown = [(n, cols[0], _col(cols, 2)) for n, cols in rows if _col(cols, 2) not in PROGRAM_SOURCES]
    assert not unknown, f"rows without a known source: {unknown[:10]}"


def test_program_sources_are_documented_in_the_header_and_used():
    header, rows = _header("programs.tsv"), _table("programs.tsv")
    used = {_col(cols, 2) for _, cols in rows}
    for source in PROGRAM_SOURCES:
        assert f"#     {source}" in header, f"{source} is not described in the programs.tsv header"
    # every national kind is in use; kg-existing is the only catch-all
    assert set(PROGRAM_SOURCES) - used == set()


def test_needs_cue_is_yes_or_empty():
    bad = [(n, cols[0], _col(cols, 3)) for n, cols in _table("programs.tsv") if _col(cols, 3) not in ("", "yes")]
    assert not bad


def test_no_surface_names_two_program_rows():
    owner: dict[str, str] = {}
    clashes = []
    for _, cols in _table("programs.tsv"):
        surfaces = [cols[0].strip()] + [a.strip() for a in _col(cols, 1).split("|") if a.strip()]
        for s in surfaces:
            key = normalise(s)
            if key in owner and owner[key] != cols[0]:
                clashes.append((s, owner[key], cols[0]))
            owner.setdefault(key, cols[0])
    assert not clashes, clashes


def test_no_program_surface_is_a_generic_word_or_a_meeting():
    generic = {"医疗", "卫生", "健康", "管理", "服务", "工作", "建设", "加强管理", "医疗质量", "疫情防控", "健康教育", "医疗救助"}
    for _, cols in _table("programs.tsv"):
        for s in [cols[0]] + [a for a in _col(cols, 1).split("|") if a]:
            s = s.strip()
            assert len(s) >= 2, s
            assert s not in generic, s
            assert "会议" not in s and not s.startswith("《"), s


def test_department_names_need_a_cue():
    lex = load_lexicon()
    for surface in ("胸痛中心", "卒中中心", "危重孕产妇救治中心", "中医馆", "互联网医院"):
        assert lex.programs[normalise(surface)].needs_cue, surface
    for surface in ("国家卫生县城", "家庭医生签约服务", "新农合", "医共体"):
        assert not lex.programs[normalise(surface)].needs_cue, surface


# -- the loader's API -------------------------------------------------------------------------------

def test_loader_exposes_source_and_needs_cue():
    lex = load_lexicon()
    chest = lex.programs[normalise("胸痛中心")]
    assert (chest.name, chest.source, chest.needs_cue) == ("胸痛中心建设", "designation", True)
    nhcms = lex.programs[normalise("新农合")]
    assert (nhcms.name, nhcms.source) == ("新型农村合作医疗", "insurance-scheme")
    entries = lex.program_entries()
    assert len(entries) == len(_table("programs.tsv"))
    assert all(e.source in PROGRAM_SOURCES for e in entries)


def test_matcher_takes_a_needs_cue_name_only_with_a_cue():
    m = SurfaceMatcher(load_lexicon().programs)

    def names(text, **kw):
        return [e.name for _, _, e in m.iter_long(text, None, **kw)]

    assert names("县人民医院胸痛中心全年收治患者120例") == []
    assert names("县人民医院胸痛中心全年收治患者120例", cues=False) == ["胸痛中心建设"]
    assert names("县人民医院成功创建国家标准版胸痛中心") == ["胸痛中心建设"]
    assert names("胸痛中心顺利通过国家认证") == ["胸痛中心建设"]
    assert names("胸痛中心、卒中中心建设稳步推进") == ["胸痛中心建设", "卒中中心建设"]
    # the last of a list takes the cue before the list; a list with no cue names departments
    assert names("北沟县人民医院今年顺利创建省级示范胸痛中心、高级卒中中心和区域创伤中心") == [
        "胸痛中心建设", "卒中中心建设", "创伤中心建设"]
    assert names("北沟县人民医院设有胸痛中心、卒中中心和创伤中心等科室") == []
    # a name without the flag is taken wherever it stands
    assert names("全面推进家庭医生签约服务") == ["家庭医生签约服务"]


def test_a_cue_counts_only_in_the_same_clause():
    text = "加强学科建设，胸痛中心运行平稳"
    i = text.index("胸痛中心")
    assert not has_cue(text, i, i + 4)
    text = "胸痛中心运行平稳。创建工作明年启动"
    assert not has_cue(text, 0, 4)
    assert "创建" in CUE_WORDS and "建设" in CUE_WORDS


def test_a_row_with_an_unknown_source_stops_the_load(monkeypatch):
    import kg.lexicon as lexicon

    real = lexicon.read_text

    def fake(*parts):
        if parts[-1] == "programs.tsv":
            return "家庭医生签约服务\t家庭医生\tfrom-a-report\n"
        return real(*parts)

    monkeypatch.setattr(lexicon, "read_text", fake)
    with pytest.raises(KGError, match="unknown source 'from-a-report'"):
        lexicon.load_lexicon()


def test_user_lexicon_rows_have_the_user_source_and_may_need_a_cue(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("type,name,aliases,needs_cue\nprogram,脑科中心建设,脑科中心,yes\nprogram,健康乡村行,,\n",
                 encoding="utf-8")
    rows = read_user_lexicon(f)
    assert [(r.name, r.source, r.needs_cue) for r in rows] == [("脑科中心建设", "user", True),
                                                               ("健康乡村行", "user", False)]
    bad = tmp_path / "bad.csv"
    bad.write_text("type,name,needs_cue\nprogram,健康乡村行,maybe\n", encoding="utf-8")
    with pytest.raises(KGError, match="needs_cue"):
        read_user_lexicon(bad)


# -- institution_types.tsv and institution_abbreviations.tsv -------------------------------------------

def test_every_type_word_has_a_valid_kind_bare_and_source():
    rows = _table("institution_types.tsv")
    for n, cols in rows:
        assert _col(cols, 1) in INSTITUTION_KINDS, (n, cols)
        assert _col(cols, 2) in BARE_VALUES, (n, cols)
        assert _col(cols, 3) in INSTITUTION_SOURCES, (n, cols)
    suffixes = [cols[0] for _, cols in rows]
    assert len(suffixes) == len(set(suffixes)), "a type word listed twice"


def test_an_abbreviation_says_what_it_stands_for_and_agrees_on_kind():
    rows = _table("institution_types.tsv")
    kinds = {cols[0]: _col(cols, 1) for _, cols in rows}
    for n, cols in rows:
        full = _col(cols, 4)
        if _col(cols, 3) == "abbreviation":
            assert full and len(full) > len(cols[0]), (n, cols)
            if full in kinds:
                assert kinds[full] == _col(cols, 1), (n, cols, kinds[full])
        else:
            assert not full, f"line {n}: only an abbreviation stands for another word"


def test_lookup_stems_are_not_type_words():
    types = {cols[0] for _, cols in _table("institution_types.tsv")}
    rows = _table("institution_abbreviations.tsv")
    assert rows
    for n, cols in rows:
        assert cols[0] not in types, f"{cols[0]} is in both institution files"
        assert _col(cols, 2) in INSTITUTION_KINDS, (n, cols)
        assert _col(cols, 3) in INSTITUTION_SOURCES, (n, cols)
        assert _col(cols, 1).startswith(cols[0][0]), (n, cols)
    lex = load_lexicon()
    assert lex.abbreviations["疾控"].stands_for == "疾病预防控制中心"
    assert lex.abbreviations["疾控"].kind == "cdc"
    assert "疾控" not in lex.types and "疾控中心" in lex.types


def test_loader_exposes_type_word_source():
    lex = load_lexicon()
    assert (lex.types["卫监所"].kind, lex.types["卫监所"].source, lex.types["卫监所"].stands_for) == \
        ("supervision", "abbreviation", "卫生监督所")
    assert lex.types["卫生院"].source == "type-vocabulary" and lex.types["卫生院"].stands_for is None


def test_short_type_words_name_institutions():
    from conftest import extract_text

    ex = extract_text("县卫监所和县血防站联合开展检查。")
    kinds = {m.name: m.kind for m in ex.mentions if m.type == "institution"}
    assert kinds.get("县卫监所") == "supervision"
    assert kinds.get("县血防站") == "other"


# -- the grammar word lists (schema/lexicons/program_grammar.tsv) --------------------------------------
def test_every_grammar_list_is_loaded_from_data_with_a_source():
    from kg.extract import wordlists
    for name in wordlists.LISTS:
        assert wordlists.entries(name), name
    words = wordlists.scheme_words()
    assert words["示范区"] == (2, True) and words["工程"] == (4, False)
    assert wordlists.pattern("building-works").search("住院楼装修")
    assert wordlists.pattern("non-health", only="party").search("党员先锋") is not None
    assert wordlists.pattern("non-health", only="party").search("文明城市") is None


def test_a_grammar_row_with_an_unknown_list_is_refused(monkeypatch):
    from kg.extract import wordlists
    monkeypatch.setattr(wordlists, "read_text", lambda *a: "no-such-list\t某词\t\tofficial-usage\n")
    wordlists._rows.cache_clear()
    try:
        with pytest.raises(KGError):
            wordlists.entries("name-stop")
    finally:
        wordlists._rows.cache_clear()


def test_the_first_of_a_list_of_centres_takes_the_cue_after_the_list():
    from kg.lexicon import has_cue
    text = "北沟县人民医院胸痛中心、卒中中心、创伤中心通过省级验收。"
    a = text.index("胸痛中心")
    assert has_cue(text, a, a + 4)
    # a department named in a list with no cue word is no programme
    text = "北沟县人民医院设有胸痛中心、卒中中心等科室。"
    a = text.index("胸痛中心")
    assert not has_cue(text, a, a + 4)
