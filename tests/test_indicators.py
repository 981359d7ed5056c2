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
    # the two characters before a 、 end another item of a list, not a verb of the count after it
    ("words_before_a_list_mark_are_not_the_counts_verb",
     "形成以中心医院为枢纽、8家分院为网底的服务网。",
     [("分院", 8, "家")]),
    # a filler character that closes a word with the one before it is not cut from a name's end
    ("a_word_ending_in_a_filler_character_stays_whole",
     "义诊周期间，全县26家医疗机构参与。",
     [("医疗机构参与", 26, "家")]),
    # a score in digits is a measure (分); a clock time, 十分 (very) and a fraction are not
    ("scores_in_digits_are_measures",
     "下午3时15分开会，大家十分认真，四分之一的科室参评，患者满意度测评得分93.5分。",
     [("患者满意度测评得分", 93.5, "分")]),
    # 不足/不到 before the number bound it; they are not part of the name
    ("an_upper_bound_word_is_not_part_of_the_name",
     "基层就诊率不足60%，住院次均药费不到900元。",
     [("基层就诊率", 60, "%"), ("住院次均药费", 900, "元")]),
    # a noun counted before its number, then a verb opening what it did: the noun is the measure
    ("noun_before_number_then_a_verb",
     "今年选派护士24名支援乡镇卫生院。",
     [("选派护士", 24, "名")]),
    # a bracket that opens a breakdown is not part of the first item's name
    ("a_breakdown_in_brackets",
     "全县有诊所31个（中医诊所12个、西医诊所19个）。",
     [("诊所", 31, "个"), ("中医诊所", 12, "个"), ("西医诊所", 19, "个")]),
    # values of different kinds after 分别 pair with the listed names in order
    ("each_of_different_kinds",
     "床位周转次数、平均住院日分别为38.5次和7.6天。",
     [("床位周转次数", 38.5, "次"), ("平均住院日", 7.6, "天")]),
    # a plan's time and modal words are not the measure's name (应 in 应种 is: what should be done)
    ("plan_time_and_modal_words_are_not_the_name",
     "下一步需要改建发热诊室8间，明年要让高血压患者规范管理率达到65%，必须为应种儿童1200人完成补种。",
     [("改建发热诊室", 8, "间"), ("高血压患者规范管理率", 65, "%"), ("应种儿童", 1200, "人")]),
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


# One case per indicator rule of the registry, in our own words: (rule, text, expected (name, value, unit)).
# Each case must come out as expected with every rule on, and come out otherwise with its rule switched off.
RULE_CASES = [
    ('table-row', '指标\t单位\t目标值\t完成值\n居民电子健康档案建档率\t%\t90\t93.6\n',
     [('居民电子健康档案建档率', 93.6, '%')]),
    ('arabic-number', '全镇家庭医生签约1,260户。',
     [('家庭医生签约', 1260, '户')]),
    ('garbled-percent', '居民健康档案建档率达到91，较上年有所提升。',
     [('居民健康档案建档率', 91, '%')]),
    ('zero-rate', '本年度婴儿死亡率为0。',
     [('婴儿死亡率', 0, '‰')]),
    ('number-points-back', '会议明确了上述6家医院的整改任务。',
     []),
    ('money-named-after', '今年争取超过6亿元专项债资金。',
     [('争取专项债资金', 6, '亿元')]),
    ('party-size', '省里专家组一行6人来我县督导，并召开座谈会。',
     []),
    ('event-attendance', '卫生健康表彰会上，各界代表150人出席大会。',
     []),
    ('made-up-of', '评审专家组由15名临床专家组成。',
     [('评审专家组临床专家', 15, '名')]),
    ('negative-rate', '户籍人口自然增长率-0.8‰。',
     [('户籍人口自然增长率', -0.8, '‰')]),
    ('same-period-bracket', '上半年报告乙类传染病312例，与去年同期(287)相比有所上升。',
     [('报告乙类传染病', 312, '例'), ('去年同期报告乙类传染病', 287, '例')]),
    ('blank-placeholder', '组织专家深入全镇 个行政村开展巡诊。',
     [('组织专家深入巡诊行政村', None, '个')]),
    ('chinese-numeral', '辖区内共有三十六家村卫生室。',
     [('村卫生室', 36, '家')]),
    ('chinese-fraction', '学生近视筛查覆盖率达百分之九十五。',
     [('学生近视筛查覆盖率', 95, '%')]),
    ('single-digit-body-count', '全区组建了三个紧密型医疗集团。',
     [('组建紧密型医疗集团', 3, '个')]),
    ('per-head-front', '基本公卫补助标准提高到人均95元。',
     [('人均基本公卫补助标准', 95, '元')]),
    ('task-completion', '完成了省下达的体检任务102%。',
     [('完成省下达的体检任务', 102, '%')]),
    ('all-of-them', '全乡9所村卫生室全部纳入乡村一体化统一管理。',
     [('村卫生室', 9, '所')]),
    ('activity-names-count', '对380名孕妇进行了贫血筛查。',
     [('贫血筛查孕妇', 380, '名')]),
    ('signing-parties', '12家民营诊所签订了规范执业承诺书。',
     [('签订规范执业承诺书民营诊所', 12, '家')]),
    ('relative-clause-head', '今年聘用了18名专门负责慢病管理的乡村医生。',
     [('聘用专门乡村医生', 18, '名')]),
    ('review-head', '全市有4家医院通过了省级“卒中中心”的验收。',
     [('医院通过省级“卒中中心”验收', 4, '家')]),
    ('name-before', '全县执业(助理)医师2150人。',
     [('执业(助理)医师', 2150, '人')]),
    ('noun-after', '年内新建41所标准化卫生室。',
     [('新建标准化卫生室', 41, '所')]),
    ('number-qualifies-next', '其中5万元救助9户。',
     [('5万元救助', 9, '户')]),
    ('values-share-name', '城市和农村居民的高血压规范管理率分别为78%和66%。',
     [('城市高血压规范管理率', 78, '%'), ('农村居民高血压规范管理率', 66, '%')]),
    ('delta-direction', '住院11.2万人次，同比下降4.6%。',
     [('住院', 11.2, '万人次'), ('住院同比下降', 4.6, '%')]),
    ('amount-of-noun', '计划新建2800平方米的综合门诊楼。',
     [('计划新建综合门诊楼', 2800, '平方米')]),
    ('people-take-part', '全县疾控人员共46人参加了省级流调技能比武。',
     [('疾控人员参加省级流调技能比武', 46, '人')]),
    ('part-of-set', '全市28所卫生院中，已有17所开展了中医馆建设。',
     [('卫生院', 28, '所'), ('开展中医馆建设的卫生院', 17, '所')]),
    ('attributive-de', '取缔了无证经营的14家黑诊所。',
     [('无证经营的黑诊所', 14, '家')]),
    ('share-of-previous', '报销资金3100万元，占统筹基金的52.4%。',
     [('报销资金', 3100, '万元'), ('报销资金占统筹基金比例', 52.4, '%')]),
    ('list-names', '门诊处方点评率、抗菌药物使用率均达90%。',
     [('门诊处方点评率', 90, '%'), ('抗菌药物使用率', 90, '%')]),
    ('rate-list-suffix', '各类疫苗接种率分别为：乙肝疫苗96.3%。',
     [('乙肝疫苗接种率', 96.3, '%')]),
    ('ordinal-sibling', '第一针接种9200人，第二针8800人。',
     [('第一针接种', 9200, '人'), ('第二针接种', 8800, '人')]),
    ('bare-share', '全县乡村医生310人，占68.5%。',
     [('乡村医生', 310, '人'), ('乡村医生占比', 68.5, '%')]),
    ('total-after-delta', '门诊量同比增长9%，达到21.6万人次。',
     [('门诊量同比增长', 9, '%'), ('门诊量', 21.6, '万人次')]),
    ('changed-to-value', '大病报销封顶线从5万元提高到8万元。',
     [('大病报销封顶线(调整前)', 5, '万元'), ('大病报销封顶线', 8, '万元')]),
    ('bare-total', '收治3类慢病患者共计410例。',
     [('收治慢病患者', 3, '类'), ('收治慢病患者', 410, '例')]),
    ('count-object-not-delta', '年内改造提升120家薄弱村卫生室。',
     [('改造提升薄弱村卫生室', 120, '家')]),
    ('verb-after-count', '全县基层院长58人参训。',
     [('基层院长参训', 58, '人')]),
    ('body-before-de', '投入15间公立医院的升级改造。',
     [('投入公立医院', 15, '间')]),
    ('activity-prefix', '对22家药店开展了飞行检查41次。',
     [('飞行检查药店', 22, '家'), ('飞行检查', 41, '次')]),
    ('take-measures', '检查药店300户次，采取警告措施46户次。',
     [('检查药店', 300, '户次'), ('警告', 46, '户次')]),
    ('sibling-takes-verb', '年内引进博士研究生6人、硕士研究生40人。',
     [('引进博士研究生', 6, '人'), ('引进硕士研究生', 40, '人')]),
    ('head-count-topic', '辖区食品从业人员950名，参加体检950名。',
     [('辖区食品从业人员', 950, '名'), ('辖区食品从业人员参加体检', 950, '名')]),
    ('headless-part-of-whole', '全县共有美容美发单位260户，办理许可证的240户，发证率92.3%。',
     [('美容美发单位', 260, '户'), ('美容美发单位办理许可证', 240, '户'), ('美容美发单位发证率', 92.3, '%')]),
    ('generic-rate-base', '儿童免疫规划疫苗接种21600剂次，完成率98.2%。',
     [('儿童免疫规划疫苗接种', 21600, '剂次'), ('儿童免疫规划疫苗接种完成率', 98.2, '%')]),
    ('sentence-topic', '城乡居民大病保险自前年实施以来，累计赔付1900人次。',
     [('城乡居民大病保险累计赔付', 1900, '人次')]),
    ('same-period-name', '上半年接诊狂犬病暴露者410例，去年同期(388)。',
     [('接诊狂犬病暴露者', 410, '例'), ('去年同期接诊狂犬病暴露者', 388, '例')]),
    ('threshold-bracket', '单次费用1万元以下的病例占比从30%降至25%，1万元以上从18%提高到22%。',
     [('单次费用1万元以下的病例占比', 30, '%'), ('单次费用1万元以上的病例占比(调整前)', 18, '%'), ('单次费用1万元以上的病例占比', 22, '%')]),
    ('rate-sibling-subject', '村卫生室基本标准达标率95%，推荐标准达标率38%。',
     [('村卫生室基本标准达标率', 95, '%'), ('村卫生室推荐标准达标率', 38, '%')]),
    ('manner-adverbs', '全乡村卫生室建设顺利完工11所。',
     [('村卫生室建设完工', 11, '所')]),
    ('sent-to-destination', '选派12名骨干医生到偏远村卫生室驻点帮扶。',
     [('选派骨干医生', 12, '名')]),
    ('mid-total', '全县16个卫生院共接收下转病人3200人次。',
     [('卫生院', 16, '个'), ('接收下转病人', 3200, '人次')]),
    ('organised-people', '组织了60名医护人员。',
     [('医护人员', 60, '名')]),
    ('leading-done', '完成孕产妇产前筛查5100人。',
     [('孕产妇产前筛查', 5100, '人')]),
    ('document-parts', '今年制定了12条具体措施。',
     []),
    ('sessions-after-verb', '对180名村医进行轮训，目前已培训三期共90人。',
     [('轮训村医', 180, '名'), ('培训', 90, '人')]),
    ('take-part-event', '5月举办了全区妇幼保健技能培训，共有320人参加。',
     [('参加妇幼保健技能培训', 320, '人')]),
    ('bare-verb-borrows', '开展农村老年人白内障筛查工作，完成筛查4200人。',
     [('老年人白内障筛查', 4200, '人')]),
    ('bare-rate-borrows', '推进家庭医生签约服务，签约率达25%。',
     [('家庭医生签约率', 25, '%')]),
    ('money-of-activity', '免费发放避孕药具6100人次，合计费用12万元。',
     [('免费发放避孕药具', 6100, '人次'), ('免费发放避孕药具费用', 12, '万元')]),
    ('value-before-change', '门诊统筹年度限额从600元提高到900元。',
     [('限额(调整前)', 600, '元'), ('限额', 900, '元')]),
    ('bare-verb-quoted-object', '为独居老人发放“平安包”，累计发放1.2万份。',
     [('发放平安包', 1.2, '万份')]),
    ('said-again', '全县新建村卫生室30所。回顾一年，全县新建村卫生室30所。',
     [('新建村卫生室', 30, '所')]),
    ('campaign-deployment', '开展了打击无证行医专项行动，出动车辆27台次。',
     [('打击无证行医出动车辆', 27, '台次')]),
    ('outcome-takes-subject', '今年丙类传染病登记发病402例，死亡1例。',
     [('丙类传染病登记发病', 402, '例'), ('丙类传染病死亡', 1, '例')]),
    ('congress-session', '承办县人大十八届三次会议建议9件，县政协第十一届五次会议提案13件。',
     [('承办县人大建议', 9, '件'), ('县政协提案', 13, '件')]),
    # (the subject is part of this rule's result: name@subject)
    ('each-its-own-subject', '北沟县人民医院、北沟县中医院出院人数分别为1.8万人、0.9万人。',
     [('出院人数@北沟县人民医院', 1.8, '万人'), ('出院人数@北沟县中医院', 0.9, '万人')]),
]


def _rule_run(rule_name: str, text: str):
    if rule_name in ("campaign-deployment", "each-its-own-subject"):   # need the other stages' mentions
        from conftest import extract_text
        ms = extract_text(text).measurements
    else:
        _, ms = run(text)
    if rule_name == "each-its-own-subject":
        return [(f"{m.name}@{m.subject}", m.value, m.unit) for m in ms]
    return [(m.name, m.value, m.unit) for m in ms]


@pytest.mark.parametrize("case", RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_rule_case(case):
    from kg.extract import registry
    name, text, expect = case
    assert _rule_run(name, text) == [(n, None if v is None else float(v), u) for n, v, u in expect]
    r = registry.get(f"indicators.{name}")
    r.on = False
    try:
        assert _rule_run(name, text) != [(n, None if v is None else float(v), u) for n, v, u in expect], \
            f"{name}: the case does not depend on the rule"
    finally:
        r.on = True


def test_every_indicator_rule_has_a_case():
    from kg.extract import registry
    names = {r.name for r in registry.rules("indicators")}
    assert names == {c[0] for c in RULE_CASES}


def test_measurements_carry_the_rule_that_named_them():
    _, ms = run("年内新建41所标准化卫生室。住院11.2万人次，同比下降4.6%。")
    assert [m.rule for m in ms] == ["noun-after", "name-before", "delta-direction"]


@pytest.mark.parametrize("text,expect", [
    # the latest year's column, a unit in brackets after the name
    ("项目\t2022年\t2023年\n床位数（张）\t2800\t2890\n", [("床位数", 2890.0, "张")]),
    # units written in the cells; no header: the last number of the row
    ("医保基金支出\t1.2亿元\t1.35亿元\n", [("医保基金支出", 1.35, "亿元")]),
    # the target column is never the value
    ("指标\t完成值\t目标值\n家庭医生签约率（%）\t62.5\t60\n", [("家庭医生签约率", 62.5, "%")]),
    # a number with no unit anywhere states nothing
    ("指标\t数值\n会议\t3\n", []),
])
def test_table_rows(text, expect):
    _, ms = run(text)
    assert [(m.name, m.value, m.unit) for m in ms] == expect


def test_a_number_its_own_words_name_is_a_measure_of_its_own_before_a_verb():
    # 投入…万元 is named by its verb; the verb after it starts what the next number counts
    assert [(m.name, m.value, m.unit) for m in run('累计投入资金860万元改造14所卫生院。')[1]] == [
        ('累计投入资金', 860.0, '万元'), ('改造卫生院', 14.0, '所')]
    # with nothing of its own before it the amount says which ones are counted (every case a bucket)
    assert [(m.name, m.value, m.unit) for m in run('其中8万元补偿11人次，12万元补偿2人次。')[1]] == [
        ('8万元补偿', 11.0, '人次'), ('12万元补偿', 2.0, '人次')]


def test_a_coverage_or_growth_rate_after_a_count_is_the_rate_of_what_was_counted():
    got = [(m.name, m.value, m.unit) for m in run('年内新建规范化村卫生室42所，覆盖率达到96%。')[1]]
    assert got == [('新建规范化村卫生室', 42.0, '所'), ('规范化村卫生室覆盖率', 96.0, '%')]
    got = [(m.name, m.value, m.unit) for m in run('出院人数2.3万人次，增长率4.5%。')[1]]
    assert got == [('出院人数', 2.3, '万人次'), ('出院人数增长率', 4.5, '%')]


def test_a_sibling_that_says_its_own_act_takes_no_other():
    got = [(m.name, m.value, m.unit) for m in run('发放健康手册1.6万份，悬挂标语240条。')[1]]
    assert got == [('发放健康手册', 1.6, '万份'), ('悬挂标语', 240.0, '条')]
    got = [(m.name, m.value, m.unit) for m in run('柔性引进教授6人、讲师19人。')[1]]
    assert got == [('柔性引进教授', 6.0, '人'), ('柔性引进讲师', 19.0, '人')]


def test_a_name_keeps_its_quote_marks_in_pairs():
    got = [m.name for m in run('全年开展“送医进村”巡诊活动41场次。')[1]]
    assert got == ['“送医进村”巡诊活动']
    assert all(n.count('“') == n.count('”') for n in got)


def test_a_rate_of_zero_written_as_a_word():
    got = [(m.name, m.value, m.unit) for m in run('全年未发生孕产妇死亡，孕产妇死亡率为零。')[1]]
    assert got == [('孕产妇死亡率', 0.0, '/10万')]
    got = [(m.name, m.value, m.unit) for m in run('甲肝发病率1.2/10万，麻疹发病率继续保持为零。')[1]]
    assert got == [('甲肝发病率', 1.2, '/10万'), ('麻疹发病率', 0.0, '/10万')]
    assert run('坚持药品零差率销售。')[1] == [] and run('实现了零死亡。')[1] == []


def test_the_words_of_a_target_are_not_part_of_the_measure():
    # a plan's 力争/确保/预计 says it is a target; the measure is what follows
    doc, ms = run("力争全镇慢病规范管理率达到75%以上，确保住院分娩率保持100%。")
    assert [(m.name, m.value) for m in ms] == [("慢病规范管理率", 75.0), ("住院分娩率", 100.0)]
