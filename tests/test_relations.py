"""Participations and partnerships from clauses that hold both ends and a cue."""
from __future__ import annotations

import pytest

from conftest import extract_text


def rels(text: str, type_: str):
    ex = extract_text(text)
    return sorted((r.head.name, r.tail.name, r.kind) for r in ex.relations if r.type == type_)


def test_support_direction_and_kind():
    assert rels("省人民医院对口支援县人民医院。", "partnership") == [("省人民医院", "县人民医院", "对口支援")]


def test_agreement_with_partner_elsewhere():
    # text order at extraction; the graph puts the partner from elsewhere first
    from kg.pipeline import assemble
    ex = extract_text("县中医院与南江市第一人民医院签订合作协议。")
    assert [(r.head.name, r.tail.name, r.kind) for r in ex.relations] == [("县中医院", "南江市第一人民医院", "合作共建")]
    g = assemble([ex])
    edges = [(g.nodes[u]["name"], g.nodes[v]["name"], d["kind"]) for u, v, d in g.edges(data=True)
             if d["type"] == "PARTNERS_WITH"]
    assert edges == [("南江市第一人民医院", "县中医院", "合作共建")]


def test_training_host_first():
    out = rels("县妇幼保健院选派3名医生到省妇幼保健院进修。", "partnership")
    assert out == [("省妇幼保健院", "县妇幼保健院", "进修")]


def test_list_items_are_not_partners_of_each_other():
    assert rels("县人民医院、县中医院完成年度任务。", "partnership") == []


def test_no_cue_no_partnership():
    assert rels("县人民医院和县中医院的门诊量均有增长。", "partnership") == []


def test_participation_needs_cue_and_named_institution():
    assert rels("县人民医院顺利通过国家卫生县城复审。", "participation") == [("县人民医院", "国家卫生县城", None)]
    assert rels("各乡镇卫生院全面实施国家基本药物制度。", "participation") == []


def test_evidence_is_the_sentence():
    ex = extract_text("前言。省人民医院对口支援县人民医院。")
    (r,) = [r for r in ex.relations if r.type == "partnership"]
    assert r.evidence == "省人民医院对口支援县人民医院。"
    assert ex.document.text[r.start:r.start + len(r.evidence)] == r.evidence


def test_program_of_a_later_phrase_goes_to_its_own_institution():
    out = rels("县中医院入选省级中医特色专科，县人民医院获评市级临床重点专科。", "participation")
    assert ("县中医院", "省级中医特色专科", None) in out and ("县人民医院", "重点专科", None) in out
    assert ("县中医院", "重点专科", None) not in out


def test_subject_carried_to_the_next_phrase():
    assert rels("县妇幼保健院加强产科建设，顺利通过爱婴医院复审。", "participation") == [("县妇幼保健院", "爱婴医院复审", None)]


def test_both_sides_of_a_support_partnership_take_part():
    out = rels("省人民医院对口支援县人民医院，深化城乡对口支援工作。", "participation")
    assert [x[0] for x in out] == ["县人民医院", "省人民医院"]


def test_staff_sent_to_training_is_not_the_institutions_participation():
    assert rels("县中医院选派5名医师到省中医院参加住院医师规范化培训。", "participation") == []
    out = rels("县人民医院承担住院医师规范化培训基地建设。", "participation")
    assert out == [("县人民医院", "住院医师规范化培训", None)]


def test_training_sender_is_the_nearest_institution_before():
    out = rels("县医院与县中医院组建医疗联合体，县中医院选派3名医生到省中医院进修。", "partnership")
    assert ("省中医院", "县中医院", "进修") in out
    assert ("省中医院", "县医院", "进修") not in out


SECTION = """三、免费婚前医学检查稳步推进
县妇幼保健院全年完成婚检1200对。
四、药品集中采购规范运行
（一）城乡医院对口支援扎实开展
县人民医院派出8名骨干到东山镇卫生院坐诊。
（二）设备更新
县中医院完成CT更新。
"""


def test_a_section_heading_names_the_program_of_its_body():
    out = rels(SECTION, "participation")
    # the body of "三、" reports on the heading's program
    assert ("县妇幼保健院", "免费婚前医学检查", None) in out
    # the innermost section with a program wins: （一） over 四、
    assert ("县人民医院", "对口支援", None) in out
    assert ("县人民医院", "药品集中采购", None) not in out
    # （二） names no program of its own, so 四、's program holds for its body
    assert ("县中医院", "药品集中采购", None) in out


def test_a_sentence_with_its_own_program_or_no_cue_takes_nothing_from_its_section():
    text = "二、家庭医生签约服务全面铺开\n县人民医院开展健康扶贫工作。\n县中医院的门诊楼在东侧。\n"
    out = rels(text, "participation")
    assert ("县人民医院", "家庭医生签约服务", None) not in out
    assert ("县中医院", "家庭医生签约服务", None) not in out


def test_partners_in_a_section_are_not_its_participants():
    text = "五、健康扶贫深入推进\n省人民医院对口支援县人民医院。\n"
    out = rels(text, "participation")
    assert not [x for x in out if x[1] == "健康扶贫"]


def test_a_grass_roots_programme_section_credits_only_grass_roots_bodies():
    text = ("（三）基层医疗机构标准化建设提升行动全面启动\n"
            "东关镇卫生院完成改造并投入使用。\n"
            "县人民医院新址迁建项目按节点实施。\n")
    out = [x[:2] for x in rels(text, "participation")]
    assert ("东关镇卫生院", "基层医疗机构标准化建设提升行动") in out
    assert ("县人民医院", "基层医疗机构标准化建设提升行动") not in out


def test_building_works_take_part_only_in_a_programme_about_building():
    text = ("二、深化医药卫生体制改革\n"
            "县医院住院大楼装修工程即将完工投入使用。\n"
            "三、基层医疗机构标准化建设提升行动\n"
            "北岭乡卫生院门诊楼改造提升6月底前完工。\n")
    out = [x[:2] for x in rels(text, "participation")]
    assert ("县医院", "医药卫生体制改革") not in out
    assert ("北岭乡卫生院", "基层医疗机构标准化建设提升行动") in out


def test_a_partner_named_again_in_its_sentence_is_still_a_partner_not_a_participant():
    text = "五、健康扶贫深入推进\n省人民医院专家工作站在县人民医院挂牌，县人民医院接受专家定期坐诊。\n"
    out = rels(text, "participation")
    assert not [x for x in out if x[1] == "健康扶贫"]


def test_the_subject_carried_on_is_the_first_list_not_its_partners():
    text = "县人民医院与省肿瘤医院加强专科合作，全面启动JCI认证。"
    out = rels(text, "participation")
    assert out == [("县人民医院", "JCI认证", None)]


def test_a_heading_naming_several_programs_credits_none_of_them():
    text = "三、以家庭医生签约服务为抓手，提升基本公共卫生服务水平\n县中医院完成高血压随访3000人次。\n"
    out = rels(text, "participation")
    assert out == []


@pytest.mark.parametrize("text,expected", [
    # the body worked on is not the one taking part
    ("狠抓县第二人民医院开业筹备，积极参与公立医院改革试点。", []),
    # where something happens is not who takes part
    ("认真组织开展了“健康促进医院”活动，在县人民医院儿科开展了陪护服务。", []),
    # the partner of an unnamed subject is not the subject
    ("继续推进紧密型县域医共体建设，与省人民医院开展远程会诊。", []),
    # a subject introduced by 以 … 为龙头 is the subject
    ("以县中医院为龙头，积极开展健康促进医院创建。", [("县中医院", "健康促进医院", None)]),
    # both sides joined by 与 at the phrase's start take part
    ("深入开展城乡医院对口支援活动，县人民医院与东山镇卫生院结成帮扶对子。",
     [("东山镇卫生院", "对口支援", None), ("县人民医院", "对口支援", None)]),
])
def test_a_phrase_without_institution_takes_the_subject_of_its_neighbour(text, expected):
    assert rels(text, "participation") == expected


def test_a_training_or_meeting_about_a_program_is_not_taking_part():
    assert rels("本月在县人民医院举办家庭医生签约服务培训，全县乡村医生参加。", "participation") == []


def test_bodies_that_each_lead_their_own_are_not_partners():
    assert rels("县医院与县中医院分别牵头组建两个医共体。", "partnership") == []
    assert rels("县医院与县中医院组建医共体。", "partnership") == [("县医院", "县中医院", "医联体")]


def test_signing_or_agreeing_on_a_programme_is_taking_part_in_it():
    out = [x[:2] for x in rels("省人民医院与县中医院签订东西部协作帮扶协议。", "participation")]
    assert ("县中医院", "东西部协作") in out and ("省人民医院", "东西部协作") in out
    out = [x[:2] for x in rels("继续做好对口支援工作，与西岭县人民医院协商制订对口支援工作规划。", "participation")]
    assert out == [("西岭县人民医院", "对口支援")]


def test_two_partners_of_an_unnamed_subject_are_not_partners_of_each_other():
    text = "继续做好基地建设，与南江大学公共卫生学院合作开展课题申报，与省疾控中心加强人员交流合作。"
    assert rels(text, "partnership") == []
    text = "县疾控中心做好基地建设，与省疾控中心加强人员交流合作。"
    assert rels(text, "partnership") == [("县疾控中心", "省疾控中心", "合作共建")]
