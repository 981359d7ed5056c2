"""Extraction stages: one module each (institutions, programs, indicators, relations).

`Extractor` composes them for one document: sentences → mentions → measurements → relations.
"""
from __future__ import annotations

from ..lexicon import Lexicon
from ..model import Document, Extraction
from ..text import split_sentences
from .indicators import extract_measurements
from .institutions import InstitutionExtractor
from .programs import ProgramExtractor
from .relations import extract_relations

_PARTNER_ONLY_KINDS = {"university", "research_institute"}


class Extractor:
    def __init__(self, lexicon: Lexicon) -> None:
        self.institutions = InstitutionExtractor(lexicon)
        self.programs = ProgramExtractor(lexicon)

    def __call__(self, doc: Document) -> Extraction:
        sentences = split_sentences(doc)
        insts = self.institutions(doc, sentences)
        progs = self.programs(doc, sentences, insts)
        mentions = insts + progs
        relations = extract_relations(sentences, mentions)
        # universities and institutes count as institutions only when they act as partners
        related = {id(r.head) for r in relations} | {id(r.tail) for r in relations}
        keep = [m for m in mentions if not (m.type == "institution" and m.kind in _PARTNER_ONLY_KINDS and id(m) not in related)]
        relations = [r for r in relations if id(r.head) in {id(m) for m in keep} and id(r.tail) in {id(m) for m in keep}]
        insts = [m for m in keep if m.type == "institution"]
        measurements = extract_measurements(doc, sentences, insts)
        keep.sort(key=lambda m: (m.start, m.end, m.type))
        return Extraction(doc, sentences, keep, measurements, relations)
