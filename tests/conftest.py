"""Shared test helpers: where the repo, the bundled sample and ../shared/eval are."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample"
EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture(scope="session", autouse=True)
def _no_background_store_server():
    """Every kg command and open_store of the suite starts and stops its own ArcadeDB child
    (KG_STORE_IDLE=0): a background server left by each of the many temporary stores would pile
    up JVMs. A test that wants one sets KG_STORE_IDLE itself and stops the server it started
    (tests/test_store_background.py)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("KG_STORE_IDLE", "0")
    yield
    mp.undo()


@pytest.fixture(scope="session")
def lexicon():
    from kg.lexicon import load_lexicon
    return load_lexicon()


@functools.lru_cache(maxsize=1)
def _extractor():
    from kg.extract import Extractor
    from kg.lexicon import load_lexicon
    return Extractor(load_lexicon())


def extract_text(text: str, region: str | None = "青禾县", year: int | None = 2023, doc_id: str = "t"):
    """Run the extraction stages on one text of our own."""
    from kg.model import Document
    return _extractor()(Document(doc_id, text, doc_id + ".txt", "0" * 64, None, region, year))


def requires_eval():
    return pytest.mark.skipif(not (EVAL / "gold").is_dir(), reason="../shared/eval is not beside the checkout")
