"""Typed records that flow between the pipeline stages. Records only, no logic.

Document → Sentence → Mention / Measurement / RelationMention → Entity → graph.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Institution kinds (GUIDELINES.md of the evaluation set uses the same vocabulary).
INSTITUTION_KINDS = (
    "general_hospital", "tcm_hospital", "maternal_child", "specialty_hospital",
    "township_health_center", "community_health_center", "village_clinic", "cdc",
    "supervision", "blood_station", "emergency_center", "university",
    "research_institute", "other",
)
# Partnership kinds.
PARTNERSHIP_KINDS = ("对口支援", "合作共建", "协作", "医联体", "进修", "其他")


@dataclass(slots=True)
class Document:
    """One report: clean text plus metadata. A compilation file yields several."""
    id: str                      # file stem, or "<stem>#<n>" for the n-th report of a compilation
    text: str                    # cleaned text
    source: str                  # file name the text came from
    sha256: str                  # sha256 of the source file's bytes (plus "#n" for compilation parts)
    title: str | None = None     # the report's own title, as written
    region: str | None = None    # region as written (XX县, 义乌市); None when not said
    year: int | None = None      # year covered; None when unknown or masked (xx年)
    original: str | None = None  # the text as written when `text` differs from it only character for
                                 # character (traditional → simplified); evidence is quoted from it


@dataclass(slots=True, frozen=True)
class Sentence:
    doc_id: str
    index: int                   # 0-based position in the document
    start: int                   # character offset of the sentence in Document.text
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """A surface form of an institution or program in one sentence."""
    type: str                    # "institution" | "program"
    name: str                    # normalised full name (甲卫生院 for the list item 甲 of 甲、乙卫生院)
    surface: str                 # the exact text span
    start: int                   # offset in Document.text
    end: int
    sentence: int                # Sentence.index
    kind: str | None = None      # institution kind; None for programs
    canonical: str | None = None # lexicon canonical name (程序 alias → canonical), if any
    external: bool = False       # institution outside the document's region (named partner elsewhere)
    scoped: bool = True          # True: identity depends on the document's region (县医院, 城关镇卫生院)
    rule: str | None = None      # the extraction rule that produced it (kg.extract.registry)
    written: str | None = None   # the name as the report writes it, when that differs (traditional characters)


@dataclass(slots=True)
class Measurement:
    """An indicator value: name + number + unit, in one sentence."""
    name: str
    value: float | None          # None for a placeholder (x%, xx人, **)
    unit: str
    raw: str                     # exact substring carrying name and number
    sentence: int
    start: int                   # offset of raw in Document.text
    subject: str | None = None   # surface of the institution or region it is about (全县, 县人民医院)
    period: str | None = None    # "2023", or None
    rule: str | None = None      # the extraction rule that produced it (kg.extract.registry)


@dataclass(slots=True)
class RelationMention:
    """Participation (institution → program) or partnership (institution → institution)."""
    type: str                    # "participation" | "partnership"
    head: Mention                # institution (the supporting/leading side for partnerships)
    tail: Mention                # program, or the other institution
    sentence: int
    evidence: str                # the sentence text
    start: int                   # offset of the evidence sentence in Document.text
    kind: str | None = None      # partnership kind (PARTNERSHIP_KINDS)
    rule: str | None = None      # the extraction rule that produced it (kg.extract.registry)


@dataclass(slots=True)
class Extraction:
    """Everything the extraction stages found in one document."""
    document: Document
    sentences: list[Sentence]
    mentions: list[Mention] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    relations: list[RelationMention] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    """A resolved node: one institution, program, region or indicator."""
    id: str
    label: str                   # Institution | Program | Region | Indicator
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    region: str | None = None    # scope: the region of a local/generic name; None = global
    external: bool = False
    documents: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Skipped:
    """A file (or part of one) that could not be read, with its coded reason."""
    path: str
    code: str
    message: str
