"""Resolution (stage: Extractions → Entities with deterministic ids).

Within one document, the surface forms of one institution are linked (县医院 ↔ 县人民医院,
中医院 ↔ 县中医院 ↔ 中医医院, 疾控中心 ↔ 疾病预防控制中心, 同仁医院 ↔ 北京同仁医院) and each
group of linked forms (a union-find over the document's mentions) is one entity. Ids are hashes of
(label, scope, key): a local or generic name is scoped to the document's region (or to the
document itself when the region is unknown or masked: XX县 in two reports is two counties);
a named institution elsewhere (北京同仁医院, 中山大学第六附属医院) is global. Programs and
indicators are national vocabulary: global. Within one document a programme's short forms join
its full name: a short form that ends it or abbreviates it (慢病 for 慢性非传染性疾病, 防治 for 防控),
a field before a quoted local scheme (卫生支农“七个一”工程), a lexicon alias the report also runs as
its own scheme (医防整合试点) or as the core of one longer scheme (甲省三级医院对口支援乙省县级医院; a
publicity month about a programme stays an event of its own).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Document, Entity, Extraction
from .text import PROVINCES, normalise

_MASKED = re.compile(r"[xX×*＊某]")
_LEVELS = "省市县区旗州"
_QUOTES = re.compile(r"[“”\"'‘’「」『』《》]")
_PLACE_PREFIX = re.compile(r"^([^医院卫生中心社康所站\s]{2,4}?)[县市区旗州](?![级属直立])")
_GLOBAL_HINT = re.compile(r"大学|医学院|医科大|科学院|研究院|协和|同仁|301|解放军|武警|部队")
# Same-body variants: (pattern, replacement) applied to a name to get its in-document key.
_VARIANTS = [
    (re.compile(r"中医医院$"), "中医院"),
    (re.compile(r"疾病预防控制中心$"), "疾控中心"),
    (re.compile(r"妇幼保健计划生育服务中心$|妇幼保健和计划生育服务中心$|妇计中心$|妇幼计生中心$|妇保院$|^保健院$|妇幼保健所$|妇幼保健中心$"), "妇幼保健院"),
    (re.compile(r"精神卫生中心$"), "精卫中心"),
    (re.compile(r"卫生学校$"), "卫校"),
    (re.compile(r"(?<=[\u4e00-\u9fff]{2})[乡镇]?中心卫生院$|(?<=[\u4e00-\u9fff]{2})[乡镇]卫生院$"), "卫生院"),
    (re.compile(r"第([一二三四五六七八九十]{1,2})人民医院$"), r"\1院"),     # 市第一人民医院 ↔ 市一院
    (re.compile(r"(?<=[省市县区旗州])([一二三四五六七八九十]{1,2})医院$"), r"\1院"),  # 市三医院 ↔ 市三院
]


class _Groups:
    """Items 0..n-1 joined in groups (union-find): one document's institution mentions."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, k: int) -> int:
        parent = self.parent
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def add_edge(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        """The groups, each in ascending order, in the order of their first items."""
        out: dict[int, list[int]] = {}
        for k in range(len(self.parent)):
            out.setdefault(self.find(k), []).append(k)
        return list(out.values())


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def short_hash(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1 << 17)
def entity_id(label: str, scope: str, key: str) -> str:
    return {"Institution": "I-", "Program": "P-", "Region": "R-", "Indicator": "K-"}[label] + short_hash(label, scope, key)


def is_masked(region: str | None) -> bool:
    return bool(region) and bool(_MASKED.search(region))


def region_level(doc: Document) -> str | None:
    """县 / 区 / 市 … of the document's own region: from the region name, else from 全县/我区/本市 in the text."""
    if doc.region and doc.region[-1] in _LEVELS:
        return doc.region[-1]
    counts = {lv: len(re.findall(f"[全我本该]{lv}", doc.text)) for lv in "县区市旗"}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def region_scope(doc: Document) -> str:
    """The scope that local names of this document live in."""
    if doc.region and not is_masked(doc.region):
        return doc.region
    return "doc:" + doc.id


def region_id(doc: Document) -> str | None:
    if not doc.region:
        return None
    return entity_id("Region", region_scope(doc), doc.region)


@lru_cache(maxsize=1 << 16)
def program_key(name: str) -> str:
    """The identity of a programme's name: no quotes or list marks, and no round or batch (第五批, 首批,
    第四轮): the fifth batch of a national designation is that designation."""
    key = normalise(_QUOTES.sub("", name)).replace("、", "").replace("·", "")
    bare = _BATCH.sub("", key)
    return bare if len(bare) >= 4 else key


_BATCH = re.compile(r"第[一二三四五六七八九十0-9]+(?:批|轮)|首批")


_PROGRAM_TRAIL = re.compile(r"(创建|建设|工作|活动|评审|复审)$")
# A publicity month or week about a programme is an event of its own, not the programme.
_EVENT_NAME = re.compile(r"宣传|[月周日](?:活动)?$")
_SCHEME_WORD = re.compile(r"试点|工程|行动|项目|活动|创建|建设|专项行动|试点工作")
# Words reports shorten inside programme names (慢性非传染性疾病 → 慢病, 防控 ↔ 防治): compared short.
_SHORT_WORDS = [(re.compile(r"慢性非传染性疾病|慢性非传染病|慢性病"), "慢病"), (re.compile(r"防控"), "防治")]
_FIELD_OF_QUOTED = re.compile(r"([\u4e00-\u9fff]{4,8})[“\"「『][^”\"」』]+[”\"」』](?:工程|活动|行动)$")
_QUOTED_PART = re.compile(r"[“\"「『][^”\"」』]+[”\"」』]")
# What a report adds to a programme's name when it reports on it: its works, its assessment round.
_WORK_TRAIL = re.compile(r"(?:建设|工作|现场评审|评审|复审|验收|创建|认证|评估)$")
_ROUND = re.compile(r"第[一二三四五六七八九十0-9]+(?:轮|批|次)$")
# A place or a level that a report puts before a national programme's name: 某某区, 全省, 省级.
_PLACE_LEAD = re.compile(r"^(?:[^\W\d型性化级式]{2,4}?[省市区县旗州](?![级属直域委])|全[国省市县区]|[省市县区]级)")
_QUOTED_CORE = re.compile(r"[“\"「『][^”\"」』]+[”\"」』].*$")


@lru_cache(maxsize=1 << 16)
def _short_words(core: str) -> str:
    for rx, rep in _SHORT_WORDS:
        core = rx.sub(rep, core)
    return core


@lru_cache(maxsize=1 << 16)
def _program_short_forms(surface: str) -> tuple[str, ...]:
    """Shorter names a program goes by that the surface holds: the quoted campaign without its
    lead-in (社区“三个一百”工程 → “三个一百”工程), a designation without 创建 (创建国家卫生城市), a
    campaign without 活动."""
    out = []
    m = _QUOTED_CORE.search(surface)
    if m and m.start() > 0:
        out.append(m.group())
    if surface.startswith(("创建为", "创建成")) and len(surface) >= 7:
        out.append(surface[3:])             # 创建为社区医院 → 社区医院
    elif surface.startswith("创建") and len(surface) >= 6:
        out.append(surface[2:])
    if surface.endswith(("创建", "复审", "评审")) and len(surface) >= 6:
        out.append(surface[:-2])
    if surface.endswith("资助项目") and len(surface) >= 8:
        out.append(surface[:-4])            # 国家自然科学基金资助项目 → 国家自然科学基金
    if surface.endswith("活动") and (surface[-3:-2] in "”\"」』" or len(surface) >= 8):
        out.append(surface[:-2])            # “规范管理年”活动 → “规范管理年”
    quoted = _QUOTED_PART.findall(surface)
    if len(quoted) == 1 and len(quoted[0]) >= 4 and quoted[0] != surface:
        out.append(quoted[0])               # “某某行动”年度达标单位 → “某某行动”
        lead = surface[:surface.index(quoted[0])]
        if len(lead) >= 4:
            out.append(lead)                # 紧密型城市医疗集团“两个紧密型”建设 → 紧密型城市医疗集团
    core = _ROUND.sub("", _WORK_TRAIL.sub("", surface))
    if core != surface and len(core) >= 4:
        out.append(core)                    # 某某示范区现场评审 → 某某示范区, “健康某市”建设 → “健康某市”
    place = _PLACE_LEAD.match(core)
    if place and len(core) - place.end() >= 4:
        out.append(core[place.end():])      # 某某区基本公共卫生服务项目 → 基本公共卫生服务项目
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _institution_key(name: str, region: str | None, level: str | None) -> str:
    """An institution name's key within one document (region and level: the document's)."""
    n = normalise(name)
    if region and not is_masked(region) and n.startswith(normalise(region)) and len(n) > len(region):
        n = region[-1] + n[len(region):]       # 青禾市人民医院 → 市人民医院
    for rx, rep in _VARIANTS:
        n = rx.sub(rep, n)
    if level and n.startswith(level) and len(n) > 2 and n[1:2] not in "级属直":
        n = n[1:]                       # 县中医院 → 中医院 in a county's report
    n = re.sub(r"^([省市县区旗州]?)人民医院$", r"\1医院", n)  # 县人民医院 ↔ 县医院
    return n


@dataclass(slots=True)
class DocResolution:
    """Where each mention of one document went."""
    mention_entity: dict[int, str] = field(default_factory=dict)     # id(mention) → entity id


class Resolver:
    """Collects entities over many documents; call add() per extraction, then entities()."""

    def __init__(self, type_words: Iterable[str] = ()) -> None:
        self.type_words = set(type_words) | {"人民医院", "中心医院", "中医院", "卫生院", "医院"}
        self._entities: dict[str, Entity] = {}
        self._names: dict[str, dict[str, int]] = {}     # entity id → surface → count (for the display name)
        self._short: set[str] = set()                    # programs created from a short form so far
        self._added: set[str] = set()                    # ids of the documents added so far
        self._repeated: set[str] = set()                 # … and of those added more than once

    # -- institutions -----------------------------------------------------------------------
    def institution_key(self, name: str, doc: Document, level: str | None) -> str:
        return _institution_key(name, doc.region, level)

    def is_global(self, name: str, doc: Document) -> bool:
        if _GLOBAL_HINT.search(name):
            return True
        if doc.region and not is_masked(doc.region) and name.startswith(doc.region[:2]):
            return False
        # a name that starts with a province or big city, or names a university, is the same body
        # whichever report names it
        return name.startswith(PROVINCES) or bool(re.match(r"^[\u4e00-\u9fff]{2,3}[省市](?!立)", name))

    def is_external(self, name: str, doc: Document, level: str | None) -> bool:
        """Whether the institution lies outside the document's region (a partner elsewhere)."""
        core = doc.region[:-1] if doc.region and len(doc.region) > 2 and doc.region[-1] in _LEVELS else doc.region
        if core and core in name:
            return False                    # 浙大医学院附属义乌医院 in 义乌市's report, 南方医科大XX医院 in XX区's
        if name[:1] == "省" or name.endswith(("大学", "学院", "研究所", "研究院")):
            return True
        if name[:1] == "市" and level == "县":
            return True
        place = _PLACE_PREFIX.match(name)
        if place and core and not is_masked(place.group(1)):
            return True                     # 台江县人民医院 in another county's report
        return self.is_global(name, doc)

    def add(self, ex: Extraction) -> DocResolution:
        doc = ex.document
        (self._repeated if doc.id in self._added else self._added).add(doc.id)
        level = region_level(doc)
        res = DocResolution()
        insts = [m for m in ex.mentions if m.type == "institution"]
        keys = [self.institution_key(m.name, doc, level) for m in insts]
        by_key: dict[str, list[int]] = {}
        for k, key in enumerate(keys):
            by_key.setdefault(key, []).append(k)
        g = _Groups(len(insts))
        for ks in by_key.values():
            for k in ks[1:]:
                g.add_edge(ks[0], k)
        # a short form that ends a longer, more specific name of this document: 同仁医院 → 北京同仁医院
        distinct = sorted(by_key, key=len)
        # the longer keys by their ends of 4+ characters, and by their first and last two characters
        # (indexes, so that a long report's thousands of names are not compared each with each)
        ending: dict[str, list[str]] = {}
        same_ends: dict[tuple[str, str], list[str]] = {}
        for l in distinct:
            for n in range(4, len(l)):
                ending.setdefault(l[-n:], []).append(l)
            same_ends.setdefault((l[:2], l[-2:]), []).append(l)
        for short in distinct:
            if len(short) < 4 or short in self.type_words:
                continue                    # a bare type word (疾控中心) is the local body, not 省疾控中心
            longer = ending.get(short, [])
            if len(longer) == 1:
                g.add_edge(by_key[short][0], by_key[longer[0]][0])
                continue
            # an abbreviation that keeps the ends and drops middle characters: 浙大附属义乌医院 ↔ 浙大医学院附属义乌医院
            abbrev = [l for l in same_ends[(short[:2], short[-2:])] if len(short) >= 6 and len(l) > len(short)
                      and _subsequence(short, l)]
            if len(abbrev) == 1:
                g.add_edge(by_key[short][0], by_key[abbrev[0]][0])
        if not doc.region:
            # a report that never names its own county: 县人民医院 is the one 某县人民医院 it also names
            norm = {k: normalise(m.name) for k, m in enumerate(insts)}
            first: dict[str, int] = {}                  # a name → its first mention
            for k, x in norm.items():
                first.setdefault(x, k)
            ends: dict[str, set[str]] = {}              # a name less its first 1-4 characters → the names
            for x in first:
                if not _GLOBAL_HINT.search(x):
                    for d in range(1, min(5, len(x))):
                        ends.setdefault(x[d:], set()).add(x)
            for k, n in norm.items():
                if n[:1] in "县区市旗" and (n[1:] in self.type_words or n[1:] == "人民医院"):
                    longer = ends.get(n, ())
                    if len(longer) == 1:
                        g.add_edge(k, first[next(iter(longer))])
        for comp in g.groups():
            ms = [insts[k] for k in comp]
            names = [m.name for m in ms]
            counts = Counter(names)
            full = max(counts, key=lambda s: (len(s), counts[s], s))
            # a user-lexicon alias keeps its own surface (禾医二部 for 青禾县第二人民医院)
            names += [m.surface for m in ms if m.canonical and m.surface != m.name]
            names += [m.written for m in ms if m.written]      # 衛生院 as the report writes it
            if len(ms) == 1 and ms[0].kind == "maternal_child" and full == "保健院":
                continue                                    # 保健院 alone is not a name
            glob = self.is_global(full, doc)
            scope = "" if glob else region_scope(doc)
            key = normalise(full) if glob else min((keys[k] for k in comp), key=len)
            eid = entity_id("Institution", scope, key)
            kinds = Counter(m.kind for m in ms if m.kind)
            ent = self._entities.get(eid)
            if ent is None:
                # the most frequent kind; ties go to the kind of the fullest name, then alphabetically
                best = max(kinds.values(), default=0)
                tied = sorted(k for k, c in kinds.items() if c == best)
                kind = next((m.kind for m in ms if m.name == full and m.kind in tied), tied[0] if tied else "other")
                ent = self._entities[eid] = Entity(eid, "Institution", full, [], kind, None if glob else doc.region,
                                                   self.is_external(full, doc, level), [])
            self._observe(ent, names, doc.id)
            for m in ms:
                res.mention_entity[id(m)] = eid
        # programs: within a document a short form that ends a longer name is that program
        progs = [m for m in ex.mentions if m.type == "program"]
        pkeys = {program_key(m.canonical or m.name) for m in progs}
        cores = {k: _short_words(_PROGRAM_TRAIL.sub("", k)) for k in pkeys}
        # the only keys that can be longer forms of k (indexes, not every key against every key):
        # those whose core ends with k's core, and those whose core has its first and last two characters
        core_end: dict[str, set[str]] = {}
        core_ends: dict[tuple[str, str], set[str]] = {}
        for l in pkeys:
            for n in range(3, len(cores[l]) + 1):
                core_end.setdefault(cores[l][-n:], set()).add(l)
            core_ends.setdefault((cores[l][:1], cores[l][-2:]), set()).add(l)
        longer_of = {}
        for k in pkeys:
            near = core_end.get(cores[k], set()) | core_ends.get((cores[k][:1], cores[k][-2:]), set())
            longer_of[k] = [l for l in near if l != k and len(cores[k]) >= 3 and (cores[l].endswith(cores[k]) or (
                                # an abbreviation keeping both ends: 省健教示范区 ↔ 省级健教示范区,
                                # 医疗服务阳光工程 ↔ 医疗服务阳光用药工程
                                len(cores[k]) >= 5 and cores[l][:1] == cores[k][:1] and _subsequence(cores[k], cores[l])
                                and (cores[l][-3:] == cores[k][-3:]
                                     or cores[l][-2:] == cores[k][-2:] and 4 * len(cores[k]) >= 3 * len(cores[l]))))
                            and (len(cores[l]) > len(cores[k]) or len(l) > len(k))]
        # the field a quoted local scheme belongs to names that scheme: 卫生支农“七个一”工程 ↔ 卫生支农
        fields = {}
        for m in progs:
            f = _FIELD_OF_QUOTED.match(m.surface)
            if f:
                fields.setdefault(normalise(f.group(1)), set()).add(program_key(m.canonical or m.name))
        # a lexicon alias the report also runs under its own scheme name is that scheme: 医防整合 ↔ 医防整合试点
        named = {program_key(m.name) for m in progs if m.canonical is None}
        own_schemes: dict[str, list[str]] = {}          # per surface key, not per mention
        insides: dict[str, list[str]] = {}
        for m in progs:
            if m.canonical and m.surface != m.canonical:
                sk = program_key(m.surface)
                if sk not in own_schemes:
                    own_schemes[sk] = [n for n in named if n.startswith(sk) and _SCHEME_WORD.fullmatch(n[len(sk):])]
                own_scheme = own_schemes[sk]
                if len(own_scheme) == 1:
                    fields.setdefault(normalise(m.surface), set()).add(own_scheme[0])
            if m.canonical and len(m.surface) >= 4:
                # the lexicon programme named as the core of one longer scheme (甲省三级医院对口支援乙省县级医院)
                sk = program_key(m.surface)
                if sk not in insides:
                    insides[sk] = [n for n in named if sk in n[1:-1] and len(n) >= len(sk) + 4
                                   and not _EVENT_NAME.search(n)]
                inside = insides[sk]
                if len(inside) == 1 and normalise(m.surface) not in fields:
                    fields[normalise(m.surface)] = {inside[0]}
        target = {}
        for k in pkeys:
            longer = longer_of[k]
            # several longer forms that are themselves one program (省健教示范区创建 → 省级健教示范区创建)
            top = [l for l in longer if not any(x in longer for x in longer_of[l])]
            target[k] = top[0] if len(top) == 1 else k
        for m in progs:
            own = program_key(m.canonical or m.name)
            key = target[own]
            local = fields.get(normalise(m.surface), ())
            if len(local) == 1 and own not in local:
                key = next(iter(local))
            eid = entity_id("Program", "", key)
            ent = self._entities.get(eid)
            if ent is None:
                ent = self._entities[eid] = Entity(eid, "Program", m.canonical or m.name, [], None, None, False, [])
                self._short.add(eid)
            if own == key and eid in self._short:
                ent.name = m.canonical or m.name          # named by its full form, not by a short form
                self._short.discard(eid)
            self._observe(ent, [m.surface, *_program_short_forms(m.surface)], doc.id)
            res.mention_entity[id(m)] = eid
        return res

    def _observe(self, ent: Entity, names: list[str], doc_id: str) -> None:
        counts = self._names.setdefault(ent.id, {})
        for n in names:
            counts[n] = counts.get(n, 0) + 1
        docs = ent.documents
        # a document's observations come together (one add()), so a document seen for the first
        # time is in the list only as its last item: no scan of a list as long as the corpus
        if not (docs and docs[-1] == doc_id) and (doc_id not in self._repeated or doc_id not in docs):
            docs.append(doc_id)

    def is_external_entity(self, eid: str) -> bool:
        """Whether the institution `eid` (made by add()) lies outside its region: fixed when it was made."""
        ent = self._entities.get(eid)
        return bool(ent is not None and ent.external)

    def entities(self) -> list[Entity]:
        out = []
        for eid in sorted(self._entities):
            ent = self._entities[eid]
            surfaces = self._names.get(eid, {})
            if ent.label == "Institution":
                ent.name = max(surfaces, key=lambda s: (len(s), surfaces[s], s)) if surfaces else ent.name
            ent.aliases = sorted(s for s in surfaces if s != ent.name)
            ent.documents = sorted(ent.documents)
            out.append(ent)
        return out
