"""Shared helpers and fixtures for the store/query tests (imported by each test module).

The graphs are built with networkx directly, following schema/graph.json, with
made-up reports written for these tests.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from kg.store import StoreConfig, open_store

SHARED_NEO4J = Path(__file__).resolve().parents[2] / "shared" / "tools" / "neo4j"


def _h(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def inst_id(name: str, scope: str = "") -> str:
    return _h("I-", "Institution", scope, name)


def prog_id(name: str) -> str:
    return _h("P-", "Program", name)


def region_id(name: str) -> str:
    return _h("R-", "Region", name)


def ind_id(name: str) -> str:
    return _h("K-", "Indicator", name)


class GraphBuilder:
    """A tiny builder of schema-shaped graphs: one call per fact."""

    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()

    def doc(self, doc_id: str, region: str | None, year: int | None = 2023, text: str = "") -> str:
        sha = hashlib.sha256((doc_id + "|" + text).encode("utf-8")).hexdigest()
        self.g.add_node(doc_id, id=doc_id, label="Document", title=f"{region or ''}{year or ''}年卫生健康工作总结",
                        region=region, year=year, source=f"{doc_id}.txt", sha256=sha)
        if region:
            rid = self.region(region)
            self._edge(doc_id, rid, "ABOUT", doc_id)
        return doc_id

    def region(self, name: str) -> str:
        rid = region_id(name)
        self.g.add_node(rid, id=rid, label="Region", name=name)
        return rid

    def inst(self, doc: str, name: str, kind: str, region: str | None = None,
             aliases: list[str] | None = None, external: bool = False) -> str:
        iid = inst_id(name, region or "")
        if iid in self.g:
            a = self.g.nodes[iid]
            a["aliases"] = sorted(set(a["aliases"]) | set(aliases or []))
            if doc not in a["documents"]:
                a["documents"] = sorted([*a["documents"], doc])
        else:
            self.g.add_node(iid, id=iid, label="Institution", name=name, aliases=sorted(aliases or []),
                            kind=kind, region=region, external=external, documents=[doc])
        self._edge(doc, iid, "MENTIONS", doc)
        if region:
            self._edge(iid, self.region(region), "LOCATED_IN", doc)
        return iid

    def prog(self, doc: str, name: str, aliases: list[str] | None = None) -> str:
        pid = prog_id(name)
        if pid in self.g:
            a = self.g.nodes[pid]
            a["aliases"] = sorted(set(a["aliases"]) | set(aliases or []))
            if doc not in a["documents"]:
                a["documents"] = sorted([*a["documents"], doc])
        else:
            self.g.add_node(pid, id=pid, label="Program", name=name, aliases=sorted(aliases or []), documents=[doc])
        self._edge(doc, pid, "MENTIONS", doc)
        return pid

    def participates(self, doc: str, iid: str, pid: str, evidence: str, start: int) -> None:
        self._edge(iid, pid, "PARTICIPATES_IN", doc, evidence=evidence, start=start)

    def partners(self, doc: str, a: str, b: str, kind: str, evidence: str, start: int) -> None:
        self._edge(a, b, "PARTNERS_WITH", doc, kind=kind, evidence=evidence, start=start)

    def measured(self, doc: str, subj: str, indicator: str, value: float | None, unit: str,
                 period: str | None, raw: str, evidence: str, start: int, **extra: object) -> None:
        kid = ind_id(indicator)
        self.g.add_node(kid, id=kid, label="Indicator", name=indicator)
        self._edge(subj, kid, "MEASURED", doc, value=value, unit=unit, period=period, raw=raw,
                   evidence=evidence, start=start, **extra)

    def _edge(self, u: str, v: str, typ: str, doc: str, **props: object) -> None:
        start = props.get("start")
        key = f"{typ}|{doc}|{'' if start is None else start}"
        if typ == "MEASURED":
            key += f"|{props.get('value')}|{props.get('unit')}|{v}"
        self.g.add_edge(u, v, key=key, type=typ, document=doc, **props)


def sample_graph(version: int = 1) -> nx.MultiDiGraph:
    """Two made-up county reports and one city report. version=2 changes report A."""
    b = GraphBuilder()
    a = b.doc("甲县2023", "甲县", 2023, text=f"v{version}")
    h = b.inst(a, "甲县人民医院", "general_hospital", "甲县", aliases=["甲县医院", "县医院", "县人民医院"])
    t = b.inst(a, "甲县城关镇卫生院", "township_health_center", "甲县", aliases=["城关镇卫生院"])
    u = b.inst(a, "乙市第一人民医院", "general_hospital", "乙市", aliases=["乙市一院"])
    fam = b.prog(a, "家庭医生签约服务", aliases=["家庭医生签约", "家医签约"])
    chronic = b.prog(a, "慢性病管理")
    b.participates(a, h, fam, "县人民医院牵头开展家庭医生签约服务。", 10)
    b.participates(a, t, fam, "城关镇卫生院组建家庭医生团队三支。", 40)
    b.partners(a, u, h, "对口支援", "乙市第一人民医院对口支援县人民医院。", 70)
    b.measured(a, b.region("甲县"), "家庭医生签约率", 65.5, "%", "2023", "65.5%",
               "全县家庭医生签约率达到65.5%。", 100)
    b.measured(a, h, "门诊人次", 120000.0, "人次", "2023", "12万人次", "县人民医院门诊12万人次。", 130,
               subject="县人民医院")
    # two values from one raw span: both are facts
    sent = "村医补助标准由每人3万元提高到4万元。"
    b.measured(a, b.region("甲县"), "村医补助标准", 3.0, "万元", "2022", "3万元提高到4万元", sent, 250)
    b.measured(a, b.region("甲县"), "村医补助标准", 4.0, "万元", "2023", "3万元提高到4万元", sent, 250)
    if version == 1:
        b.participates(a, h, chronic, "县人民医院开展慢性病管理。", 160)
        c = b.inst(a, "甲县中医院", "tcm_hospital", "甲县", aliases=["县中医院"])
        b.participates(a, c, chronic, "县中医院参与慢性病管理。", 190)
    else:
        b.participates(a, t, chronic, "城关镇卫生院开展慢性病随访。", 160)
        b.measured(a, t, "门诊人次", None, "人次", "2023", "XX人次", "城关镇卫生院门诊XX人次。", 220)

    d = b.doc("丙县2022", "丙县", 2022, text="c")
    h2 = b.inst(d, "丙县人民医院", "general_hospital", "丙县", aliases=["县人民医院", "丙县县医院"])
    fam2 = b.prog(d, "家庭医生签约服务", aliases=["家庭医生签约服务工作"])
    b.participates(d, h2, fam2, "丙县人民医院推进家庭医生签约服务。", 5)
    u2 = b.inst(d, "乙市第一人民医院", "general_hospital", "乙市", aliases=["乙市一院"])
    b.partners(d, u2, h2, "医联体", "与乙市第一人民医院组建医联体。", 30)
    b.measured(d, h2, "门诊人次", 80000.0, "人次", "2022", "8万人次", "丙县人民医院门诊8万人次。", 60)

    e = b.doc("乙市2023", "乙市", 2023, text="e")
    u3 = b.inst(e, "乙市第一人民医院", "general_hospital", "乙市", aliases=["乙市一院"])
    fam3 = b.prog(e, "家庭医生签约服务")
    b.participates(e, u3, fam3, "乙市第一人民医院参与家庭医生签约服务技术指导。", 12)
    b.measured(e, "乙市2023", "床位数", 900.0, "张", None, "900张", "全市新增床位900张。", 50)
    return b.g


def neo4j_available() -> bool:
    return bool(os.environ.get("NEO4J_URI"))


def store_params() -> list[object]:
    """The targets the store tests run against: always the embedded store, and a Neo4j
    server when NEO4J_URI is set."""
    params: list[object] = ["embedded"]
    params.append(pytest.param("neo4j", marks=pytest.mark.skipif(
        not neo4j_available(),
        reason="NEO4J_URI not set (start one with: eval \"$(../shared/tools/neo4j/start)\")")))
    return params


def wipe(store) -> None:
    """Empty a store (tests only, never in kg itself)."""
    store.run("MATCH (n) DETACH DELETE n", write=True)


# Each test module imports these fixtures, which makes one copy of each per module;
# the stores themselves are shared through this dict and closed at the end of the session.
_SHARED: dict[str, object] = {}


def _shared(name: str, opener) -> Iterator[object]:
    if name not in _SHARED:
        _SHARED[name] = opener()
    yield _SHARED[name]
    store = _SHARED.pop(name, None)
    if store is not None:
        store.close()


@pytest.fixture(scope="session")
def embedded_store(tmp_path_factory) -> Iterator[object]:
    yield from _shared("embedded", lambda: open_store(
        StoreConfig(db_dir=tmp_path_factory.mktemp("kgstore") / "db")))


@pytest.fixture(scope="session", params=store_params())
def any_store(request, tmp_path_factory) -> Iterator[object]:
    """A session-wide store per target; each test wipes it first."""
    if request.param == "embedded":
        yield request.getfixturevalue("embedded_store")
    else:
        yield from _shared("neo4j", lambda: open_store(StoreConfig(uri=os.environ["NEO4J_URI"])))
