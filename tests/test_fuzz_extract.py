"""Hypothesis over extraction itself: sentences assembled at random from the pieces reports are
made of — body and scheme names (from the lexicons and our own), quote marks of every kind, list
marks, numbers with units, headings, line breaks — in any order. Whatever the text, extraction
finishes, every mention's span is inside the text and says what it claims, and every relation's
ends are mentions of the document. A text at a rule's edge (a quote at the very start of a
sentence, a list mark at the end) must never raise."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import _extractor
from kg.model import Document

PIECES = [
    # bodies and schemes, written as reports write them
    "青禾县人民医院", "县医院", "北沟乡卫生院", "西坪村卫生室", "县疾控中心", "南江大学", "南江大学附属医院",
    "医共体", "紧密型县域医共体", "家庭医生签约服务", "两病", "门诊用药保障", "一站式", "结算", "胸痛中心",
    "卒中中心", "优质服务基层行", "国家卫生县城", "社区医院", "对口支援", "专科联盟", "医疗集团", "总院",
    # marks at the edges of rules
    "“", "”", "\"", "「", "」", "『", "』", "《", "》", "（", "）", "(", ")", "、", "，", "。", "；", "：", "\n",
    "一是", "（一）", "【", "】", "第二批", "首批", "名单", "一行", "赴", "与", "和", "分别", "均", "等",
    # verbs and cues
    "签订协议", "挂牌成立", "被授予", "教学医院", "创建", "通过", "验收", "开展", "下沉", "进驻", "设立", "牵头",
    "在", "中", "我县", "被评为", "力争", "确保", "建设", "项目", "工程", "活动", "试点", "现场推进会",
    # numbers and units
    "12", "3.5", "xx", "**", "%", "万人次", "家", "个", "人", "名", "张", "亿元", "/10万", "‰", "三",
]

NAMES = ["两病门诊用药保障", "一站式结算", "家庭医生签约服务", "优质服务基层行", "紧密型县域医共体", "胸痛中心建设",
         "青禾县人民医院", "北沟乡卫生院"]


@st.composite
def quoted_name(draw):
    """A name with a quote mark put inside it anywhere (“两病”门诊…, 一站式”结算, 青禾县“人民医院)."""
    name = draw(st.sampled_from(NAMES))
    k = draw(st.integers(0, len(name)))
    return name[:k] + draw(st.sampled_from(["“", "”", "\"", "「", "」"])) + name[k:]


texts = st.lists(st.one_of(st.sampled_from(PIECES), quoted_name()), min_size=1, max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, region=st.sampled_from([None, "青禾县", "XX县"]))
def test_extraction_of_any_arrangement_of_report_pieces_finishes_and_stays_in_the_text(text, region):
    ex = _extractor()(Document("f", text, "f.txt", "0", region=region))
    for m in ex.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.surface
    ids = {id(m) for m in ex.mentions}
    for r in ex.relations:
        assert id(r.head) in ids and id(r.tail) in ids
    for ms in ex.measurements:
        assert ms.raw and ms.raw in text or ms.raw in text.replace("\n", "")
