"""One legend for every page kg writes: the graph page (viz/page.py, page.js reads it from the
page's data) and the marked report (kg/show.py, displaCy's colours).

TYPES: node label → (vis shape, legend glyph, colour, Chinese name).
KINDS: institution kind → (Chinese name, colour); an institution is drawn in its kind's colour.
RELS: relation type → (Chinese name, line colour).
"""
from __future__ import annotations

TYPES: dict[str, dict[str, str]] = {
    "Institution": {"shape": "dot", "glyph": "\u25CF", "color": "#4e79a7", "zh": "机构"},
    "Program": {"shape": "diamond", "glyph": "\u2666", "color": "#e15759", "zh": "项目"},
    "Region": {"shape": "triangle", "glyph": "\u25B2", "color": "#76b7b2", "zh": "地区"},
    "Indicator": {"shape": "square", "glyph": "\u25A0", "color": "#b07aa1", "zh": "指标"},
    "Document": {"shape": "hexagon", "glyph": "\u2B22", "color": "#a39e99", "zh": "文档"},
}

KINDS: dict[str, tuple[str, str]] = {
    "general_hospital": ("综合医院", "#4e79a7"), "tcm_hospital": ("中医医院", "#59a14f"),
    "maternal_child": ("妇幼保健院", "#f07fa0"), "specialty_hospital": ("专科医院", "#9c755f"),
    "township_health_center": ("乡镇卫生院", "#f28e2b"),
    "community_health_center": ("社区卫生服务中心", "#d4b21f"),
    "village_clinic": ("村卫生室", "#a0a830"), "cdc": ("疾控中心", "#17becf"),
    "supervision": ("卫生监督", "#7f7f7f"), "blood_station": ("血站", "#c0282d"),
    "emergency_center": ("急救中心", "#ff7f0e"), "university": ("高等院校", "#3b3f8f"),
    "research_institute": ("科研院所", "#8c6d31"), "other": ("其他机构", "#9a9a9a"),
}

RELS: dict[str, tuple[str, str]] = {
    "PARTICIPATES_IN": ("参与项目", "#e8898a"), "PARTNERS_WITH": ("机构合作", "#3a6ea5"),
    "LOCATED_IN": ("位于", "#c4c4c4"), "MEASURED": ("指标数值", "#c19ac0"),
    "MENTIONS": ("文档提及", "#d8d8d8"), "ABOUT": ("文档所属地区", "#d8d8d8"),
}

# the spaCy labels of kg.spacy_component and the node types they stand for
ENTITY_LABELS = {"INSTITUTION": "Institution", "PROGRAM": "Program", "INDICATOR": "Indicator"}


def node_color(label: str, kind: str | None = None) -> str:
    if label == "Institution" and kind in KINDS:
        return KINDS[kind][1]
    return TYPES.get(label, TYPES["Institution"])["color"]


def entity_colors() -> dict[str, str]:
    """displaCy `options={"colors": …}` for the INSTITUTION/PROGRAM/INDICATOR marks: the graph's colours,
    lightened so that the marked text stays readable."""
    return {ent: _tint(TYPES[t]["color"]) for ent, t in ENTITY_LABELS.items()}


def _tint(hex_color: str, amount: float = 0.55) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    r, g, b = (round(c + (255 - c) * amount) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def legend() -> dict:
    """The legend as the page's script reads it (DATA.style)."""
    return {"types": TYPES, "kinds": {k: list(v) for k, v in KINDS.items()},
            "rels": {k: list(v) for k, v in RELS.items()}}
