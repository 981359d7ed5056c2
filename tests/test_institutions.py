"""Golden table for the institution grammar, on sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import extract_text


def names(text: str) -> list[str]:
    return sorted({m.name for m in extract_text(text).mentions if m.type == "institution"})


GOLDEN = [
    # plain names and level-prefixed generic names
    ("县人民医院完成了年度目标。", ["县人民医院"]),
    # an adjective before an institute's field is part of its name
    ("县妇幼保健院与南江省科学院先进医学研究所签约共建。", ["县妇幼保健院", "南江省科学院先进医学研究所"]),
    ("县医院和县中医院开展义诊。", ["县中医院", "县医院"]),
    ("北京同仁医院专家到县中医院坐诊。", ["北京同仁医院", "县中医院"]),
    # a list sharing one type word gives one institution per item
    ("石桥镇、柳河乡和白沙镇卫生院完成改造。", ["白沙镇卫生院", "柳河乡卫生院", "石桥镇卫生院"]),
    ("东关、西关中心卫生院新建病房。", ["东关中心卫生院", "西关中心卫生院"]),
    # groups and counts are not institutions
    ("各乡镇卫生院均开展了培训。", []),
    ("全县12所乡镇卫生院全部达标。", []),
    ("二级以上医院全部接入平台。", []),
    ("县直医疗单位和民营医院参加检查。", []),
    ("全区7个社区卫生服务中心运行良好。", []),
    # a bare type word that is unique in a region is an institution
    ("疾控中心开展流调，妇幼保健院开展筛查。", ["妇幼保健院", "疾控中心"]),
    # numbered short forms
    ("市七院与二院建立协作关系。", ["二院", "市七院"]),
    # a department is credited to its hospital, not an institution of its own
    ("县人民医院消化内科获评重点专科。", ["县人民医院"]),
    # verbs before a name are not part of it
    ("积极推动县妇幼保健院改扩建。", ["县妇幼保健院"]),
    # university-affiliated names are kept whole
    ("与浙江大学医学院附属第一医院签订合作协议的县人民医院", ["县人民医院", "浙江大学医学院附属第一医院"]),
    # the report's own region before 与/和 is the writer, not a list item sharing the type word
    ("我县与南江大学医学院附属第二医院建立医联体。", ["南江大学医学院附属第二医院"]),
    ("全市和省人民医院共建胸痛中心。", ["省人民医院"]),
    # 托管 before a name is the verb, not part of a group word
    ("县人民医院托管西河镇卫生院。", ["县人民医院", "西河镇卫生院"]),
    # 其中 is a word: 中医院 is not the type word there; a type word counted is a class
    ("全县共有医疗机构80个，其中医院6个。", []),
    ("其中中医院2家，妇幼保健院1家。", []),
    ("县医院托管周边社区卫生服务中心6家。", ["县医院"]),
    # a level word alone before a community or village type word names none of a district's many
    ("科学编制区社康中心设置规划。", []),
    ("县村卫生室全部完成标准化建设。", []),
    # a bare type word inside quotes belongs to a slogan or a model's name
    ("推动“疾控中心—医院—社康中心”协同模式。", []),
    # a department or discipline in a list is not a place sharing the hospital's type word
    ("市肿瘤医院乳腺外科、临床药学和中铁江南医院骨科获批市级重点专科。", ["中铁江南医院", "市肿瘤医院"]),
    # a count that measures the noun after it leaves the body alone
    ("县中医院3个专科入选市级重点专科。", ["县中医院"]),
]


@pytest.mark.parametrize("text,expected", GOLDEN)
def test_institution_golden(text, expected):
    assert names(text) == sorted(expected)


def test_kinds():
    ex = extract_text("县中医院、县妇幼保健院、县疾病预防控制中心、县卫生监督所、县中心血站、县急救中心和城关镇卫生院参加会议。")
    kinds = {m.name: m.kind for m in ex.mentions if m.type == "institution"}
    assert kinds["县中医院"] == "tcm_hospital"
    assert kinds["县妇幼保健院"] == "maternal_child"
    assert kinds["县疾病预防控制中心"] == "cdc"
    assert kinds["县卫生监督所"] == "supervision"
    assert kinds["县中心血站"] == "blood_station"
    assert kinds["县急救中心"] == "emergency_center"
    assert kinds["城关镇卫生院"] == "township_health_center"


def test_government_bodies_are_not_institutions():
    assert names("县委、县政府高度重视，县卫健局和医改办联合督导。") == []


def test_university_only_as_partner():
    # a doctor who studied there does not make the university an institution of the report
    assert names("该同志毕业于南江医科大学。") == []
    assert "南江医科大学" in names("县人民医院与南江医科大学签订合作共建协议。")
    # a partner of the report's own side, with no institution of ours named, is a partner too
    assert names("继续做好基地建设，与南江大学公共卫生学院合作开展课题申报。") == ["南江大学公共卫生学院"]
    assert names("县人民医院参与南江大学课题。") == ["县人民医院"]
    # taking part in a programme does not make an institute a partner
    assert names("南江岐黄学院启动“名医传承”工程建设。") == []


def test_items_before_deng_are_institutions_the_group_is_not():
    assert names("医疗队分别进驻石桥、成家沟、白沙等乡镇卫生院开展工作。") == sorted(["石桥卫生院", "成家沟卫生院", "白沙卫生院"])


def test_number_and_letters_are_not_a_name():
    assert names("县医院更新配置64排ct、青山医院新增床位。") == sorted(["县医院", "青山医院"])


def test_abbreviation_resolves_to_the_full_name():
    from kg.pipeline import assemble
    g = assemble([extract_text("南江大学医学院附属青禾医院开展义诊。南江大学附属青禾医院派出专家。")])
    inst = {d["name"]: d for _, d in g.nodes(data=True) if d["label"] == "Institution"}
    assert list(inst) == ["南江大学医学院附属青禾医院"]
    assert inst["南江大学医学院附属青禾医院"]["aliases"] == ["南江大学附属青禾医院"]


def test_a_body_renamed_or_upgraded_is_the_same_body():
    from kg.pipeline import assemble
    text = "田园社康中心升级改造为东头街道社区医院。东头街道社区医院开设床位20张。"
    g = assemble([extract_text(text)])
    insts = [d for _, d in g.nodes(data=True) if d["label"] == "Institution"]
    assert len(insts) == 1
    assert {insts[0]["name"], *insts[0]["aliases"]} == {"田园社康中心", "东头街道社区医院"}


@pytest.mark.parametrize("name", ["县卫生计生监督执法大队", "县卫生和计划生育监督所", "县卫生计生综合监督执法局"])
def test_supervision_bodies_under_their_2013_to_2018_names(name):
    # the 卫生计生 years named the county supervision body after the merged commission
    ms = [m for m in extract_text(f"{name}开展了公共场所双随机抽查。").mentions if m.type == "institution"]
    assert [(m.name, m.kind) for m in ms] == [(name, "supervision")]


@pytest.mark.parametrize("text,name,kind", [
    ("西坡农场卫生所完成了标准化改造。", "西坡农场卫生所", "other"),          # a farm's clinic
    ("县瑶医医院开设了药浴门诊。", "县瑶医医院", "tcm_hospital"),             # a hospital of 民族医药
    ("县苗医医院开设了药浴门诊。", "县苗医医院", "tcm_hospital"),
])
def test_farm_clinics_and_hospitals_of_minority_medicine(text, name, kind):
    ms = [m for m in extract_text(text).mentions if m.type == "institution"]
    assert [(m.name, m.kind) for m in ms] == [(name, kind)]


def test_the_lead_hospital_of_a_county_alliance_named_as_such_is_a_body():
    ms = [m for m in extract_text("西岭县人民医院（西岭县医共体总院）派出专家驻点。").mentions if m.type == "institution"]
    assert {m.name for m in ms} == {"西岭县人民医院"}            # the bracket is its second name
    assert "西岭县医共体总院" in {m.surface for m in ms}
    # without a place it is the role, not a body
    assert not [m for m in extract_text("医共体总院派出专家驻点。").mentions if m.type == "institution"]


@pytest.mark.parametrize("text,expected", [
    ("西坪镇卫生院及所属村卫生室推行基本药物制度。", ["西坪镇卫生院"]),      # its clinics: a group
    ("柳湾镇卫生院下属卫生室全部达标。", ["柳湾镇卫生院"]),
    ("县卫健局直属医院开展安全检查。", []),
])
def test_the_bodies_under_another_are_a_group(text, expected):
    assert sorted({m.name for m in extract_text(text).mentions if m.type == "institution"}) == expected
