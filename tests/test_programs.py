"""Golden table for program mentions (lexicon, quoted campaigns, named schemes)."""
from __future__ import annotations

import pytest

from conftest import extract_text


def resolved_programs(text: str) -> list[dict]:
    """The Program nodes of the graph built from the text (after in-report resolution)."""
    from kg.pipeline import assemble
    g = assemble([extract_text(text)])
    return [d for _, d in g.nodes(data=True) if d["label"] == "Program"]


def programs(text: str) -> list[str]:
    return sorted({m.name for m in extract_text(text).mentions if m.type == "program"})


GOLDEN = [
    ("全面推进紧密型县域医共体建设。", ["紧密型县域医共体"]),
    ("新农合参合率稳步提高。", ["新型农村合作医疗"]),            # alias → canonical
    ("深入开展“三好一满意”活动。", ["三好一满意活动"]),            # quoted form of a lexicon name → canonical
    ("扎实开展家庭医生签约服务。", ["家庭医生签约服务"]),
    ("启动健康乡村示范县创建。", ["健康乡村示范县创建"]),
    ("全县开展饮用水安全专项整治行动。", ["饮用水安全专项整治行动"]),
    # a campaign is named by what it does: the verb phrase before 专项… is the name, the manner is not
    ("对餐馆进行了查处违规使用“工业盐”专项整治。", ["查处违规使用“工业盐”专项整治"]),
    ("严厉打击非法采集和倒卖血液专项行动取得成效。", ["打击非法采集和倒卖血液专项行动"]),
    ("扎实开展了医务人员收受“回扣”专项治理活动。", ["医务人员收受“回扣”专项治理活动"]),
    ("严格规范医疗机构收费行为专项整治行动。", ["规范医疗机构收费行为专项整治行动"]),
    ("开展某市打击非法行医专项行动。", ["打击非法行医"]),            # where it ran is not the name
    ("以单项工作示范创建活动为载体。", ["单项工作示范创建活动"]),
    ("镇卫生院成功创建为二级甲等医院。", ["创建二级甲等医院"]),
    ("县妇幼保健院成功创建二级甲等妇幼保健院。", ["创建二级甲等妇幼保健院"]),
    ("县人民医院顺利通过等级医院复审。", ["等级医院复审"]),
    ("验收市级食品安全示范街。", ["市级食品安全示范街"]),
    ("开展规范免疫接种。", []),
    # generic work phrases and routine activities are not programs
    ("开展城乡灭鼠活动和多种形式健康教育活动。", []),
    ("开展医德医风建设活动。", []),
    ("开展医德医风“三无”科室活动。", []),
    ("全县十大为民工程进展顺利。", []),
    # a campaign name that runs past what a name can hold is not read by halves
    ("召开了打击城乡结合部农贸市场食品摊贩非法添加食品添加剂专项工作会。", []),
    ("进一步加强医疗质量管理。", []),
    # a title in 《》 is a document or a study, not a programme
    ("县疾控中心《家庭医生签约服务质量评价研究》获市级立项。", []),
    ("开展职工文体活动和读书活动。", []),
    ("完成门诊楼改扩建工程。", []),
    ("完成中心卫生院建设项目验收。", []),
    # free-of-charge schemes for a group or a disease
    ("三、农村妇女免费体检进展顺利", ["农村妇女免费体检"]),
    ("落实艾滋病免费治疗政策。", ["艾滋病免费治疗政策"]),
    ("对确诊病人全部予以免费治疗。", []),
    # payment reform and the numbered clinical centres; 重点 stays where the rest is too short a name
    ("深化住院付费制改革。", ["住院付费制改革"]),
    ("推进临床三大中心建设。", ["临床三大中心建设"]),
    ("开展重点癌症筛查。", ["重点癌症筛查"]),
    ("开展重点人群健康体检。", ["重点人群健康体检"]),
    ("推进各项惠民工程。", []),
    # quoted items listed before their class, a quoted scheme of health education, a slogan assessed in
    ("“智慧健康一体化建设”和“软件三期”等项目稳步推进。", ["“智慧健康一体化建设”"]),
    ("深入开展“百村千户”健康教育工作。", ["“百村千户”健康教育"]),
    ("加强对“三基三严”的考核。", ["“三基三严”"]),
    ("落实对“五个一”的要求。", []),
    # a campaign named after another one joined by 和 starts after it
    ("开展“护苗”活动和打击非法医疗美容专项整治行动。", ["“护苗”活动", "打击非法医疗美容专项整治行动"]),                          # a body's building works
    ("争取到农村无害化卫生厕所建设项目。", ["农村无害化卫生厕所建设项目"]),
    # a counted activity is a measure, a path or a theme is not a scheme, a plan drawn up is a document
    ("开展先天性心脏病筛查860名。", []),
    ("举办“爱眼护眼”义诊活动12场。", []),
    ("按照“一核两翼”建设路径推进改革。", []),
    ("以“幸福医院”建设为主线。", []),
    ("制订了基层护理人员轮训计划。", []),
    ("借助“5.31”计划免疫宣传日开展宣传。", []),
    ("成功申报国际贸易综合改革试点。", []),
    # a known programme counted is still that programme
    ("完成两癌筛查3200人。", ["两癌筛查"]),
    # a Latin acronym names a project; 100% and a national 的-title belong to the name
    ("继续实施ABC项目和HPV项目。", ["ABC项目", "HPV项目"]),
    ("全面推广100%避孕套使用项目。", ["100%避孕套使用项目"]),
    ("完成了国家碘缺乏病高发地区的居民尿碘监测项目。", ["国家碘缺乏病高发地区的居民尿碘监测项目"]),
    ("落实本县的慢病随访项目。", ["慢病随访项目"]),
    # the group-to-group form of the national support programme
    ("做好江苏省三级医院对口支援青海省县级医院工作。", ["江苏省三级医院对口支援青海省县级医院"]),
]


@pytest.mark.parametrize("text,expected", GOLDEN)
def test_program_golden(text, expected):
    assert programs(text) == sorted(expected)


def test_alias_kept_as_surface():
    ex = extract_text("新农合运行平稳。")
    (m,) = [m for m in ex.mentions if m.type == "program"]
    assert (m.name, m.surface) == ("新型农村合作医疗", "新农合")


def test_short_form_of_a_longer_program_in_the_same_report():
    progs = resolved_programs("全面推进省级健教示范区创建。健教示范区创建工作顺利。")
    assert [p["name"] for p in progs] == ["省级健教示范区创建"]
    assert "健教示范区创建" in progs[0]["aliases"]


def test_age_band_stays_in_the_name():
    assert programs("完成45-64岁重点人群健康体检。") == ["45-64岁重点人群健康体检"]


def test_creation_of_a_designation_keeps_the_verb():
    assert programs("积极创建国家卫生城市。") == ["国家卫生城市"]            # the lexicon's canonical name
    assert programs("全力创建省级中医药特色示范县。") == ["创建省级中医药特色示范县"]


def test_quoted_slogan_joined_to_a_campaign():
    assert programs("开展“两查一改”、便民惠民行动。") == ["“两查一改”、便民惠民行动"]


def test_quoted_designation():
    progs = resolved_programs("市肿瘤医院入选“市管县建”重点专科。")
    assert [p["name"] for p in progs] == ["“市管县建”重点专科"] and "重点专科" in progs[0]["aliases"]


def test_verb_next_to_the_program_word_belongs_to_the_name():
    assert programs("实施新生儿复苏项目。") == ["新生儿复苏项目"]
    # but a verb alone before a designation is no name
    assert programs("推动重点专科发展。") == ["重点专科"]


def test_quoted_campaign_with_a_short_lead_to_its_program_word():
    assert programs("启动“青苗护航”筛查计划。") == ["“青苗护航”筛查计划"]


def test_lexicon_word_inside_a_measure_is_not_a_program():
    assert programs("新生儿疾病筛查率达到98%。") == []


def test_short_alias_must_start_a_word():
    assert programs("深化医改取得成效。") == ["医药卫生体制改革"]
    assert programs("推进县域医改。") == []


def test_grade_creation_is_a_program():
    assert programs("县中医院启动二级甲等中医医院创建。") == ["二级甲等中医医院创建"]


def test_numbered_quoted_campaign_with_its_program_word():
    assert programs("实施“525”卫生下乡工程。") == ["“525”卫生下乡工程"]
    assert programs("完成“2023”。") == []


def test_abbreviated_program_in_the_same_report():
    progs = resolved_programs("推进省级中医药特色示范区创建。省中医药特色示范区创建进展顺利。")
    assert len(progs) == 1 and "省中医药特色示范区创建" in progs[0]["aliases"]


def test_grade_creation_and_assessment_schemes():
    assert programs("县第二医院全力创建二级甲等综合医院。") == ["创建二级甲等综合医院"]
    assert programs("县中医院迎接三级中医医院评审。") == ["三级中医医院评审"]
    assert programs("三个乡镇卫生院启动创建社区医院。") == ["创建社区医院"]


def test_batch_ordinals_are_not_part_of_a_name():
    assert programs("入选第一批医疗卫生强县创建。") == ["医疗卫生强县创建"]


def test_lexicon_program_ending_a_longer_one_is_its_alias():
    progs = resolved_programs("开展低收入家庭两癌筛查。")
    assert [p["name"] for p in progs] == ["低收入家庭两癌筛查"] and "两癌筛查" in progs[0]["aliases"]


def test_a_campaign_is_known_by_its_quoted_name_without_activity():
    (p,) = resolved_programs("开展“妇幼安康年”活动。")
    assert p["name"] == "“妇幼安康年”活动" and "“妇幼安康年”" in p["aliases"]


def test_creation_as_a_grade_keeps_the_grade_as_alias():
    (p,) = resolved_programs("县中医院创建为三级乙等中医医院。")
    assert p["name"] == "创建三级乙等中医医院" and "三级乙等中医医院" in p["aliases"]


def test_a_scheme_named_again_by_its_core_is_the_same_program():
    text = "全面启动基层中医馆服务能力提升工程。\n（二）抓基层中医馆服务能力提升\n东山乡卫生院完成中医馆改造。\n"
    ex = extract_text(text)
    progs = [(m.name, m.surface) for m in ex.mentions if m.type == "program"]
    assert ("基层中医馆服务能力提升工程", "基层中医馆服务能力提升") in progs
    # so the section about it credits the institutions it names
    parts = {(r.head.name, r.tail.name) for r in ex.relations if r.type == "participation"}
    assert ("东山乡卫生院", "基层中医馆服务能力提升工程") in parts


def test_a_lexicon_program_followed_by_activity_is_that_program():
    ex = extract_text("开展城乡医院对口支援活动。")
    (m,) = [m for m in ex.mentions if m.type == "program"]
    assert (m.name, m.surface) == ("对口支援", "城乡医院对口支援活动")


@pytest.mark.parametrize("text,expected_programs,expected_institutions", [
    ("县中医院创建全国基层中医药示范医院，申报省级区域医疗中心。",
     ["全国基层中医药示范医院", "省级区域医疗中心"], ["县中医院"]),
    ("县医院积极开展2024年度省级卒中防治中心创建工作。", ["省级卒中防治中心"], ["县医院"]),
    ("东山镇卫生院获省示范乡镇卫生院称号。", ["省示范乡镇卫生院"], ["东山镇卫生院"]),
    # being named, listed or selected as one is a designation too; a 建设单位 is the title's, a 试点单位 the pilot's
    ("县人民医院被确定为省级区域医疗中心建设单位。", ["省级区域医疗中心"], ["县人民医院"]),
    ("县中医院被列为全省中医药传承创新试点单位。", ["全省中医药传承创新试点"], ["县中医院"]),
    ("县妇幼保健院获评省级示范妇幼保健院。", ["省级示范妇幼保健院"], ["县妇幼保健院"]),
    # a county-wide (县域) title is a level too, whoever names it (被省里确定为…)
    ("北沟县中医院被市卫健局确定为县域中医医疗中心建设单位。", ["县域中医医疗中心"], ["北沟县中医院"]),
    # building a body is not a title: a title carries a level, region or grade word
    ("街道创建社区卫生服务中心，方便群众就医。", [], []),
    # honours are not schemes, unless bodies are awarded them for a field of work (an award scheme);
    # support from a body is not a title
    ("县妇幼保健院获省级文明单位称号。", [], ["县妇幼保健院"]),
    ("县妇幼保健院被评为全省出生缺陷防治工作先进单位。", ["全省出生缺陷防治工作先进单位"], ["县妇幼保健院"]),
    # …but not a roll of honour with no field, or only a sector
    ("县妇幼保健院被评为全市先进单位。", [], ["县妇幼保健院"]),
    ("县妇幼保健院被评为全省卫生健康系统先进单位。", [], ["县妇幼保健院"]),
    # one cue before a list of titles; 获 and 保持 with the word title (称号, 桂冠) at the list's end
    ("县疾控中心荣获全省疫苗接种工作优秀单位、全市地方病防治模范单位桂冠。",
     ["全省疫苗接种工作优秀单位", "全市地方病防治模范单位"], ["县疾控中心"]),
    ("县中医院继续保持全省中医护理工作先进单位和全国示范中医医院称号。",
     ["全省中医护理工作先进单位", "全国示范中医医院"], ["县中医院"]),
    ("县中医院继续保持全省中医护理工作的领先水平。", [], ["县中医院"]),
    # an award for a programme named inside it: the programme is taken part in too
    ("县妇幼保健院荣获全省免费孕前优生健康检查项目先进单位。",
     ["全省免费孕前优生健康检查项目先进单位", "孕前优生健康检查"], ["县妇幼保健院"]),
    ("县人民医院获得省人民医院专家支持。", [], ["县人民医院", "省人民医院"]),
])
def test_a_title_named_like_a_body_is_a_designation(text, expected_programs, expected_institutions):
    ex = extract_text(text)
    assert sorted(m.name for m in ex.mentions if m.type == "program") == sorted(expected_programs)
    assert sorted(m.name for m in ex.mentions if m.type == "institution") == sorted(expected_institutions)
    if expected_programs and expected_institutions:
        parts = {(r.head.name, r.tail.name) for r in ex.relations if r.type == "participation"}
        assert {(expected_institutions[0], p) for p in expected_programs} <= parts


def test_the_group_a_program_serves_is_part_of_its_surface():
    ex = extract_text("完成农村妇女宫颈癌和乳腺癌筛查。")
    (m,) = [m for m in ex.mentions if m.type == "program"]
    assert (m.name, m.surface) == ("两癌筛查", "农村妇女宫颈癌和乳腺癌筛查")


def test_a_funded_project_is_known_by_its_fund():
    from kg.resolve import _program_short_forms
    assert "省自然科学基金" in _program_short_forms("省自然科学基金资助项目")


def test_a_field_named_before_a_quoted_local_scheme_is_that_scheme():
    # 卫生支农 alone is the national programme; here it names the local “三个一” scheme of the field
    names = {d["name"]: d["aliases"] for d in resolved_programs("加强了卫生支农工作。卫生支农“三个一”工程落实到位。")}
    assert list(names) == ["卫生支农“三个一”工程"]
    assert "卫生支农" in names["卫生支农“三个一”工程"]
    assert [d["name"] for d in resolved_programs("加强了卫生支农工作。")] == ["城市卫生支援农村卫生"]


def test_an_abbreviated_disease_word_in_a_programme_name_is_the_same_programme():
    text = "申报全国慢性非传染性疾病综合防控示范区。年内力争建成慢病综合防治示范区。"
    (p,) = resolved_programs(text)
    assert {"全国慢性非传染性疾病综合防控示范区", "慢病综合防治示范区"} <= {p["name"], *p["aliases"]}


def test_a_lexicon_alias_the_report_runs_as_its_own_scheme_is_that_scheme():
    names = {d["name"]: d["aliases"] for d in resolved_programs("持续加强医防整合。县疾控中心承担医防整合试点。")}
    assert list(names) == ["医防整合试点"]
    assert "医防整合" in names["医防整合试点"]
    # on its own the alias is the national programme
    assert [d["name"] for d in resolved_programs("持续加强医防整合。")] == ["医防融合"]


def test_a_lexicon_programme_named_as_the_core_of_one_longer_scheme_is_that_scheme():
    text = "做好江苏省三级医院对口支援青海省县级医院工作，制订对口支援工作规划。"
    names = {d["name"]: d["aliases"] for d in resolved_programs(text)}
    assert list(names) == ["江苏省三级医院对口支援青海省县级医院"]
    assert "对口支援" in names["江苏省三级医院对口支援青海省县级医院"]
    # a publicity month about a programme is an event of its own
    names = [d["name"] for d in resolved_programs("举办国家基本药物制度宣传月活动。全面实施国家基本药物制度。")]
    assert len(names) == 2 and "国家基本药物制度" in names


def test_schemes_run_as_party_work_are_not_health_programmes():
    text = ("加强党员队伍建设，深入开展“双争双优”活动。\n"
            "年内继续开展“双争双优”活动。\n"
            "加强医德医风建设，开展“两心一满意”活动。\n")
    assert programs(text) == ["“两心一满意”活动"]
    # the same scheme written with list marks elsewhere is still party work
    text = "开展“双争、双优”活动和党员先锋岗评比。\n加强作风建设，深入开展“双争双优”活动。\n"
    assert programs(text) == []
    # a lexicon programme in a party sentence stays
    assert programs("以党建引领紧密型县域医共体建设。") == ["紧密型县域医共体"]


def test_a_lexicon_programme_written_with_quotes_is_that_programme():
    (p,) = resolved_programs("开展“两癌”筛查。完成农村妇女两癌筛查3000人。")
    assert p["name"] == "两癌筛查" and "“两癌”筛查" in p["aliases"]


@pytest.mark.parametrize("text,expected", [
    # how long a scheme runs belongs to its name, with the verb of the work before it
    ("全面实施乡村医生能力提升三年行动。", ["乡村医生能力提升三年行动"]),
    ("推进全民健康信息化建设五年行动计划。", ["全民健康信息化建设五年行动计划"]),
    # a duration with nothing named before it is no name; a plan drawn up is a document
    ("启动三年行动。", []),
    ("印发全民健康信息化建设五年行动计划。", []),
])
def test_a_schemes_duration_is_part_of_its_name(text, expected):
    assert sorted(m.name for m in extract_text(text).mentions if m.type == "program") == expected
