"""Indicator extraction: golden table on own sentences, plus offsets, subjects, periods, lexicon errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract import indicators as ind
from kg.extract.indicators import extract_measurements
from kg.extract.numbers import parse_arabic, parse_chinese, parse_chinese_fraction, to_ascii
from kg.model import Document, Mention
from kg.text import split_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "indicators"
CASES = json.loads((FIXTURES / "golden.json").read_text(encoding="utf-8"))["cases"]


def run(text: str, region: str | None = None, year: int | None = None, insts=None):
    doc = Document(id="t", text=text, source="t.txt", sha256="", region=region, year=year)
    return doc, extract_measurements(doc, split_sentences(doc), insts or [])


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden(case):
    _, ms = run(case["text"])
    got = [(m.name, m.value, m.unit) for m in ms]
    exp = [(n, None if v is None else float(v), u) for n, v, u in case["expect"]]
    assert got == exp


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_raw_is_exact_substring_with_number(case):
    doc, ms = run(case["text"])
    for m in ms:
        assert doc.text[m.start:m.start + len(m.raw)] == m.raw
        if m.value is not None:
            assert any(ch.isdigit() or ch in "十百千万两三四五六七八九" for ch in to_ascii(m.raw))


def test_numbers():
    assert parse_arabic("1,234.5") == 1234.5
    assert parse_arabic("89. 46") == 89.46
    assert to_ascii("１２．５％") == "12.5%"
    assert parse_chinese("三十五") == 35
    assert parse_chinese("两千") == 2000
    assert parse_chinese("医院") is None
    assert parse_chinese_fraction("百分之九十八") == (98, "%")
    assert parse_chinese_fraction("十万分之十二") == (12, "/10万")


def test_period_from_sentence_year_else_document_year():
    _, ms = run("2022年全县出生婴儿5120人。上半年新增托位80个。", year=2023)
    assert [(m.name, m.period) for m in ms] == [("出生婴儿", "2022"), ("新增托位", "2023")]
    _, ms = run("新增托位80个。")
    assert ms[0].period is None


def test_subject_institution_region_or_document_region():
    text = "甲县人民医院完成手术4213台。全县乡村医生312名。新增床位60张。"
    doc = Document(id="t", text=text, source="t", sha256="", region="甲县")
    sents = split_sentences(doc)
    inst = Mention(type="institution", name="甲县人民医院", surface="甲县人民医院", start=0, end=6, sentence=0,
                   kind="general_hospital")
    ms = extract_measurements(doc, sents, [inst])
    assert [(m.name, m.subject) for m in ms] == [("完成手术", "甲县人民医院"), ("乡村医生", "全县"), ("新增床位", "甲县")]


def test_number_inside_institution_name_is_not_a_value():
    text = "派出骨干到第二人民医院5名专家坐诊。"
    doc = Document(id="t", text=text, source="t", sha256="")
    inst = Mention(type="institution", name="第二人民医院", surface="第二人民医院", start=5, end=11, sentence=0)
    ms = extract_measurements(doc, split_sentences(doc), [inst])
    assert [(m.value, m.unit) for m in ms] == [(5.0, "名")]
    # a digit-bearing name given as a mention is skipped even when followed by a unit word
    text2 = "3号院收治患者8人。"
    doc2 = Document(id="t", text=text2, source="t", sha256="")
    _, without = run(text2)
    inst2 = Mention(type="institution", name="3号院", surface="3号院", start=0, end=3, sentence=0)
    ms2 = extract_measurements(doc2, split_sentences(doc2), [inst2])
    assert [(m.name, m.value, m.unit, m.subject) for m in ms2] == [("收治患者", 8.0, "人", "3号院")]
    assert without[0].name == "3号院收治患者"


def test_offsets_are_document_offsets():
    text = "一、概况\n今年全区共有村卫生室138所，执业医师906人。"
    doc, ms = run(text)
    assert [m.raw for m in ms] == ["村卫生室138所", "执业医师906人"]
    for m in ms:
        assert text[m.start:m.start + len(m.raw)] == m.raw


def test_bad_units_lexicon_line_is_a_coded_error(monkeypatch):
    from kg.errors import KGError
    lex = ind.lexicon
    lex.load_units.cache_clear()
    lex._patterns.cache_clear()
    monkeypatch.setattr(lex, "read_text", lambda *parts: "%\t%\n")
    try:
        with pytest.raises(KGError) as e:
            lex.load_units()
        assert e.value.code == "KG-E201"
    finally:
        monkeypatch.undo()
        lex.load_units.cache_clear()
        lex._patterns.cache_clear()


def test_repeated_passage_gives_one_measurement_but_placeholders_stay():
    _, ms = run("全县新建村卫生室30所。全县新建村卫生室30所。覆盖率x%。覆盖率x%。")
    assert [(m.name, m.value) for m in ms] == [("新建村卫生室", 30.0), ("覆盖率", None), ("覆盖率", None)]


from hypothesis import given, settings, strategies as st  # noqa: E402

_ALPHABET = list("0123456789.,%‰-~—万亿元人名家所个次例率达为共的和、，。；：（）()xX*第年月日岁以上下余多县医院卫生室全比同增长下降提高到从十百千两三五九百分之/")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), min_size=0, max_size=60).map("".join))
def test_never_raises_and_raw_is_always_exact(text):
    doc, ms = run(text)
    for m in ms:
        assert doc.text[m.start:m.start + len(m.raw)] == m.raw
        assert m.value is None or m.value >= 0 or "率-" in m.raw or "率为-" in m.raw   # 自然增长率-1.2‰
        assert m.unit and m.name


def test_list_items_and_bare_totals_get_their_own_raw_start():
    doc, ms = run("门诊处方合格率、住院病历合格率均达98%。报告9种传染病共计410例。")
    assert [(m.name, m.raw) for m in ms] == [
        ("门诊处方合格率", "门诊处方合格率、住院病历合格率均达98%"),
        ("住院病历合格率", "住院病历合格率均达98%"),
        ("报告传染病", "报告9种传染病"),
        ("报告传染病", "传染病共计410例"),
    ]
    assert len({m.start for m in ms}) == len(ms)


# Golden table of name rules added after golden.json (own sentences): (id, text, expected (name, value, unit)).
MORE_CASES = [
    ("part_of_the_set_just_counted",
     "全区32家医院中，已有20家开展了远程会诊，6家通过等级评审。",
     [("医院", 32, "家"), ("开展远程会诊的医院", 20, "家"), ("通过等级评审的医院", 6, "家")]),
    ("bare_take_part_names_the_event",
     "3月举办全县医疗质量管理培训，各医院院长、科主任、护士长和质控人员共计600余人参加。开展急救技能竞赛，共有86人报名参加。",
     [("参加医疗质量管理培训", 600, "人"), ("报名参加急救技能竞赛", 86, "人")]),
    ("all_of_them_then_activity_names_the_count",
     "全县6家民营医院全部通过市级平台进行了药品网上采购。",
     [("药品网上采购民营医院", 6, "家")]),
    ("objects_share_the_last_activity_word",
     "对500名小学生进行了龋齿及视力检查，对60名儿童进行了营养调查和随访。",
     [("龋齿及视力检查小学生", 500, "名"), ("营养调查儿童", 60, "名")]),
    ("counted_then_activity_then_its_count",
     "今年对15家民营医院开展了专项检查32次。",
     [("专项检查民营医院", 15, "家"), ("专项检查", 32, "次")]),
    ("relative_clause_before_counted_noun",
     "今年招聘了30名专职从事慢性病随访工作的社区医生，充实了基层队伍。",
     [("招聘专职社区医生", 30, "名")]),
    ("rate_after_a_headless_part_is_of_the_whole",
     "全市共有餐饮单位500户，取得许可证的480户，发证率96%。",
     [("餐饮单位", 500, "户"), ("餐饮单位取得许可证", 480, "户"), ("餐饮单位发证率", 96, "%")]),
    ("long_sibling_with_the_same_head_takes_the_verb",
     "今年培训基层卫生技术人员860名，乡镇卫生院管理人员410名，公卫专员95名。",
     [("培训基层卫生技术人员", 860, "名"), ("培训乡镇卫生院管理人员", 410, "名"), ("培训公卫专员", 95, "名")]),
    ("review_after_de_is_the_object_head",
     "今年有5家医院通过了省级“胸痛中心”的评审。",
     [("医院通过省级“胸痛中心”评审", 5, "家")]),
]


@pytest.mark.parametrize("case", MORE_CASES, ids=[c[0] for c in MORE_CASES])
def test_more_golden(case):
    _, text, expect = case
    doc, ms = run(text)
    assert [(m.name, m.value, m.unit) for m in ms] == [(n, float(v), u) for n, v, u in expect]
    for m in ms:
        assert doc.text[m.start:m.start + len(m.raw)] == m.raw


def test_what_a_campaign_deployed_carries_the_campaign():
    from conftest import extract_text
    ex = extract_text("全面开展了非法医疗美容专项整治行动，组建联合执法队伍，出动车辆45台次，人员160人次。")
    assert [(m.name, m.value) for m in ex.measurements] == [("非法医疗美容出动车辆", 45.0), ("非法医疗美容出动人员", 160.0)]
    # two campaigns named before: whose deployment it was is not said
    ex = extract_text("开展“护苗”活动和非法医疗美容专项整治行动，出动车辆45台次。")
    assert [m.name for m in ex.measurements] == ["出动车辆"]


def test_sessions_a_campaign_held_carry_the_campaign():
    from conftest import extract_text
    ex = extract_text("每月在各村开展“健康直通车”活动，累计开展义诊9场次，发放资料500份。")
    assert [(m.name, m.value) for m in ex.measurements] == [("健康直通车义诊", 9.0), ("发放资料", 500.0)]


def test_a_body_listed_in_brackets_is_not_the_subject_of_the_next_count():
    from conftest import extract_text
    ex = extract_text("开工3个项目（县人民医院二期、县中医院门诊楼），2个医院项目主体结构封顶。")
    subjects = {m.name: m.subject for m in ex.measurements}
    assert subjects["医院项目主体结构封顶"] != "县中医院"


def test_a_passage_said_again_is_one_fact():
    doc, ms = run("全年5个医院项目主体结构封顶。回顾全年，5个项目主体结构封顶。")
    assert [(m.name, m.value) for m in ms] == [("医院项目主体结构封顶", 5.0)]
