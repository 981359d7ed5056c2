"""Golden table for program mentions (lexicon, quoted campaigns, named schemes)."""
from __future__ import annotations

import pytest

from conftest import extract_text


def programs(text: str) -> list[str]:
    return sorted({m.name for m in extract_text(text).mentions if m.type == "program"})


GOLDEN = [
    ("全面推进紧密型县域医共体建设。", ["紧密型县域医共体"]),
    ("新农合参合率稳步提高。", ["新型农村合作医疗"]),            # alias → canonical
    ("深入开展“三好一满意”活动。", ["“三好一满意”活动"]),
    ("扎实开展家庭医生签约服务。", ["家庭医生签约服务"]),
    ("启动健康乡村示范县创建。", ["健康乡村示范县创建"]),
    ("全县开展饮用水安全专项整治行动。", ["饮用水安全专项整治行动"]),
    # generic work phrases are not programs
    ("进一步加强医疗质量管理。", []),
    ("开展职工文体活动和读书活动。", []),
    ("完成门诊楼改扩建工程。", []),
]


@pytest.mark.parametrize("text,expected", GOLDEN)
def test_program_golden(text, expected):
    assert programs(text) == sorted(expected)


def test_alias_kept_as_surface():
    ex = extract_text("新农合运行平稳。")
    (m,) = [m for m in ex.mentions if m.type == "program"]
    assert (m.name, m.surface) == ("新型农村合作医疗", "新农合")
