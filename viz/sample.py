"""Graphs for tests, the docs screenshot and the page benchmark.

`sample_graph()` is a small, made-up county (青山县) written for kg: a few
hospitals and 卫生院, national programs and partnerships, each fact with an
evidence sentence and its report. `synthetic_graph()` is a big random graph of
the same shape for benchmarks. Both follow schema/graph.json.
"""
from __future__ import annotations

import hashlib
import random

import networkx as nx


def _h(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def institution_id(name: str, scope: str = "") -> str:
    return "I-" + _h("Institution", scope, name)


def program_id(name: str) -> str:
    return "P-" + _h("Program", name)


def region_id(name: str) -> str:
    return "R-" + _h("Region", name)


def indicator_id(name: str) -> str:
    return "K-" + _h("Indicator", name)


class _Builder:
    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()

    def document(self, doc_id: str, title: str, region: str | None, year: int | None) -> str:
        self.g.add_node(doc_id, label="Document", id=doc_id, title=title, region=region, year=year,
                        source=doc_id.split("#")[0] + ".txt", sha256=_h("doc", doc_id) * 4)
        return doc_id

    def region(self, name: str) -> str:
        rid = region_id(name)
        self.g.add_node(rid, label="Region", id=rid, name=name)
        return rid

    def institution(self, name: str, kind: str, region: str | None, aliases=(), external=False,
                    documents=()) -> str:
        iid = institution_id(name, "" if external else (region or ""))
        self.g.add_node(iid, label="Institution", id=iid, name=name, aliases=list(aliases), kind=kind,
                        region=region, external=external, documents=list(documents))
        return iid

    def program(self, name: str, aliases=(), documents=()) -> str:
        pid = program_id(name)
        self.g.add_node(pid, label="Program", id=pid, name=name, aliases=list(aliases),
                        documents=list(documents))
        return pid

    def indicator(self, name: str) -> str:
        kid = indicator_id(name)
        self.g.add_node(kid, label="Indicator", id=kid, name=name)
        return kid

    def edge(self, u: str, v: str, type_: str, document: str, start: int | None = None, **props) -> None:
        key = f"{type_}|{document}|{'' if start is None else start}"
        attrs = {"type": type_, "document": document, **props}
        if start is not None:
            attrs["start"] = start
        self.g.add_edge(u, v, key=key, **attrs)


def sample_graph() -> nx.MultiDiGraph:
    """A small made-up county: 2 reports, 11 institutions, 5 programs, partnerships and indicators."""
    b = _Builder()
    county = "青山县"
    d1 = b.document("qingshan-2022", "青山县卫生健康局2022年工作总结", county, 2022)
    d2 = b.document("qingshan-2023", "青山县卫生健康局2023年工作要点", county, 2023)
    rq = b.region(county)
    docs = [d1, d2]
    hosp = b.institution("青山县人民医院", "general_hospital", county, ["县人民医院", "县医院"], documents=docs)
    tcm = b.institution("青山县中医医院", "tcm_hospital", county, ["县中医院"], documents=docs)
    mch = b.institution("青山县妇幼保健院", "maternal_child", county, ["县妇幼保健院"], documents=[d1])
    cdc = b.institution("青山县疾病预防控制中心", "cdc", county, ["县疾控中心"], documents=[d2])
    chengguan = b.institution("城关镇卫生院", "township_health_center", county, documents=docs)
    shiqiao = b.institution("石桥镇卫生院", "township_health_center", county, documents=docs)
    liuxi = b.institution("柳溪乡卫生院", "township_health_center", county, documents=[d1])
    nanling = b.institution("南岭镇中心卫生院", "township_health_center", county, ["南岭中心卫生院"],
                            documents=[d2])
    dongmen = b.institution("东门社区卫生服务中心", "community_health_center", county, documents=[d2])
    clinic = b.institution("石桥镇石桥村卫生室", "village_clinic", county, documents=[d1])
    prov = b.institution("江北省人民医院", "general_hospital", None, ["省人民医院"], external=True,
                         documents=docs)
    univ = b.institution("江北医科大学附属第二医院", "general_hospital", None, ["江北医大附二院"],
                         external=True, documents=[d2])
    medcom = b.program("县域医共体建设", ["医共体", "紧密型县域医共体"], documents=docs)
    family = b.program("家庭医生签约服务", ["家庭医生签约", "家庭医生"], documents=docs)
    public = b.program("国家基本公共卫生服务项目", ["基本公卫"], documents=[d1])
    remote = b.program("远程会诊", ["远程医疗协作"], documents=[d2])
    chest = b.program("胸痛中心建设", ["胸痛中心"], documents=[d2])
    rate = b.indicator("家庭医生签约率")
    visits = b.indicator("门诊人次")

    for inst in (hosp, tcm, mch, cdc, chengguan, shiqiao, liuxi, nanling, dongmen, clinic):
        b.edge(inst, rq, "LOCATED_IN", d1 if inst not in (cdc, nanling, dongmen) else d2)
    for d in docs:
        b.edge(d, rq, "ABOUT", d)
    for n, data in list(b.g.nodes(data=True)):
        if data["label"] in ("Institution", "Program"):
            for d in data["documents"]:
                b.edge(d, n, "MENTIONS", d)

    def part(inst: str, prog: str, doc: str, start: int, sentence: str) -> None:
        b.edge(inst, prog, "PARTICIPATES_IN", doc, start, evidence=sentence)

    s1 = "以县人民医院为龙头，联合城关镇卫生院、石桥镇卫生院、柳溪乡卫生院组建县域医共体，实行人财物统一管理。"
    for i, inst in enumerate((hosp, chengguan, shiqiao, liuxi)):
        part(inst, medcom, d1, 120, s1)
    s2 = "县中医医院牵头组建第二医共体，南岭镇中心卫生院纳入统一管理。"
    part(tcm, medcom, d2, 88, s2)
    part(nanling, medcom, d2, 88, s2)
    s3 = "城关镇卫生院、石桥镇卫生院和东门社区卫生服务中心组建家庭医生团队46个，重点人群签约覆盖面继续扩大。"
    for inst in (chengguan, shiqiao, dongmen):
        part(inst, family, d2, 301, s3)
    s4 = "石桥村卫生室协助开展家庭医生签约，为辖区65岁以上老人建立健康档案。"
    part(clinic, family, d1, 410, s4)
    s5 = "县疾控中心与各卫生院共同落实国家基本公共卫生服务项目，项目资金按季度拨付。"
    part(cdc, public, d1, 520, s5)
    part(mch, public, d1, 560, "县妇幼保健院承担孕产妇和0-6岁儿童健康管理等基本公卫服务。")
    s6 = "县人民医院与江北省人民医院开通远程会诊平台，全年会诊疑难病例300余例。"
    part(hosp, remote, d2, 640, s6)
    part(prov, remote, d2, 640, s6)
    part(hosp, chest, d2, 700, "县人民医院胸痛中心通过国家标准版认证。")

    def partner(a: str, c: str, kind: str, doc: str, start: int, sentence: str) -> None:
        b.edge(a, c, "PARTNERS_WITH", doc, start, kind=kind, evidence=sentence)

    partner(prov, hosp, "对口支援", d1, 150, "江北省人民医院继续对口支援县人民医院，派驻专家12名常驻帮扶。")
    partner(prov, hosp, "对口支援", d2, 655, "省人民医院对口帮扶县人民医院进入第三周期，重点建设心内科和重症医学科。")
    partner(univ, tcm, "合作共建", d2, 720, "县中医医院与江北医大附二院签订合作共建协议，共建康复医学科。")
    partner(hosp, chengguan, "医联体", d1, 120, s1)
    partner(hosp, shiqiao, "医联体", d1, 120, s1)
    partner(hosp, liuxi, "医联体", d1, 120, s1)
    partner(tcm, nanling, "医联体", d2, 88, s2)
    partner(hosp, nanling, "进修", d2, 760, "南岭镇中心卫生院选派8名医生到县人民医院进修学习。")

    b.edge(rq, rate, "MEASURED", d2, 305, value=68.5, unit="%", period="2023",
           raw="家庭医生签约率达到68.5%", evidence="全县家庭医生签约率达到68.5%，较上年提高3个百分点。")
    b.edge(hosp, visits, "MEASURED", d1, 90, value=412000.0, unit="人次", period="2022",
           raw="门诊41.2万人次", evidence="县人民医院全年完成门诊41.2万人次，同比增长6%。")
    b.edge(d1, visits, "MEASURED", d1, 40, value=None, unit="人次", period=None,
           raw="门诊xx万人次", evidence="全县医疗机构完成门诊xx万人次。")
    return b.g


KINDS = ("general_hospital", "tcm_hospital", "maternal_child", "specialty_hospital",
         "township_health_center", "community_health_center", "village_clinic", "cdc")
_KIND_SUFFIX = {"general_hospital": "人民医院", "tcm_hospital": "中医医院", "maternal_child": "妇幼保健院",
                "specialty_hospital": "精神卫生中心", "township_health_center": "卫生院",
                "community_health_center": "社区卫生服务中心", "village_clinic": "卫生室",
                "cdc": "疾病预防控制中心"}


def synthetic_graph(n_nodes: int = 5000, n_edges: int = 15000, seed: int = 0) -> nx.MultiDiGraph:
    """A random graph of exactly `n_nodes` nodes and `n_edges` edges, none of them Documents,
    with distinct (start, type, end) triples so every edge is its own line on the page."""
    rnd = random.Random(seed)
    b = _Builder()
    n_regions = max(1, n_nodes // 100)
    n_programs = max(1, n_nodes // 80)
    n_indicators = max(1, n_nodes // 120)
    n_inst = n_nodes - n_regions - n_programs - n_indicators
    regions = [b.region(f"第{i}县") for i in range(n_regions)]
    programs = [b.program(f"项目{i}号", [f"项目{i}"]) for i in range(n_programs)]
    indicators = [b.indicator(f"指标{i}") for i in range(n_indicators)]
    insts = []
    for i in range(n_inst):
        kind = rnd.choice(KINDS)
        r = rnd.randrange(n_regions)
        insts.append((b.institution(f"第{r}县{i}号{_KIND_SUFFIX[kind]}", kind, f"第{r}县",
                                    documents=[f"doc-{r}"]), r))
    seen: set[tuple[str, str, str]] = set()
    count = 0

    def add(u: str, v: str, t: str, doc: str, **props) -> None:
        nonlocal count
        if count >= n_edges or (u, t, v) in seen or u == v:
            return
        seen.add((u, t, v))
        b.edge(u, v, t, doc, count if t != "LOCATED_IN" else None, **props)
        count += 1

    for iid, r in insts:
        add(iid, regions[r], "LOCATED_IN", f"doc-{r}")
    by_region: dict[int, list[str]] = {}
    for iid, r in insts:
        by_region.setdefault(r, []).append(iid)
    weights = [1.0 / (i + 1) for i in range(n_programs)]
    while count < n_edges:
        iid, r = rnd.choice(insts)
        roll = rnd.random()
        doc = f"doc-{r}"
        if roll < 0.55:
            p = rnd.choices(programs, weights)[0]
            add(iid, p, "PARTICIPATES_IN", doc, evidence=f"{iid}参与项目，落实各项任务。")
        elif roll < 0.85:
            other = rnd.choice(by_region[r]) if rnd.random() < 0.8 else rnd.choice(insts)[0]
            add(iid, other, "PARTNERS_WITH", doc, kind=rnd.choice(["对口支援", "医联体", "协作"]),
                evidence="两家机构建立协作关系。")
        else:
            add(iid, rnd.choice(indicators), "MEASURED", doc, value=float(rnd.randrange(100)), unit="%",
                period="2023", raw="某指标", evidence="某指标达到一定水平。")
    return b.g
