"""Word segmentation and part-of-speech tags: the one place kg talks to jieba.

Every stage that needs words asks here, so the dictionary is loaded once per process and a
run of text is cut once (cached), whichever stage asks first.
"""
from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def jieba_module():
    """jieba, initialised quietly (its start-up log goes nowhere)."""
    import logging

    import jieba
    jieba.setLogLevel(logging.ERROR)
    jieba.initialize()
    return jieba


@functools.lru_cache(maxsize=1)
def _tagtab() -> dict:
    jieba_module()
    import jieba.posseg as pseg
    return pseg.dt.word_tag_tab


def tag(word: str) -> str | None:
    """The dictionary part-of-speech tag of a word (None for a word jieba does not know)."""
    return _tagtab().get(word)


@functools.lru_cache(maxsize=131072)
def tokens(run: str) -> tuple[str, ...]:
    """The words of a run of text (dictionary segmentation, no HMM guesses), cached."""
    return tuple(jieba_module().cut(run, HMM=False))
