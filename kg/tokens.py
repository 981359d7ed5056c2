"""Word segmentation and part-of-speech tags: the one place kg talks to jieba.

Every stage that needs words asks here, so the dictionary is loaded once per process and a
run of text is cut once (cached), whichever stage asks first.
"""
from __future__ import annotations

import functools
import marshal


@functools.lru_cache(maxsize=1)
def jieba_module():
    """jieba, initialised quietly (its start-up log goes nowhere)."""
    import logging

    import jieba
    jieba.setLogLevel(logging.ERROR)
    if getattr(jieba, "marshal", None) is marshal:
        # jieba reads its dictionary cache with marshal.load(file), three times slower than
        # marshal.loads of the file's bytes (0.9 s against 0.3 s, in every worker)
        jieba.marshal = _WholeFileMarshal
        try:
            jieba.initialize()
        finally:
            jieba.marshal = marshal
    else:
        jieba.initialize()
    return jieba


class _WholeFileMarshal:
    """The marshal module, but load reads the whole file first."""

    dump, dumps, loads = staticmethod(marshal.dump), staticmethod(marshal.dumps), staticmethod(marshal.loads)

    @staticmethod
    def load(f):
        return marshal.loads(f.read())


@functools.lru_cache(maxsize=1)
def tags() -> dict:
    """jieba's part-of-speech dictionary: word → tag, from the lines (word, frequency, tag) of the
    dictionary jieba segments with. Read at once rather than by importing jieba.posseg, which parses
    it a line at a time (0.7 s per process) and loads its HMM tables, which kg does not use; the
    segmenter's own dictionary (jieba_module) is not needed for it."""
    import jieba
    try:
        with jieba.dt.get_dict_file() as f:
            words = f.read().decode("utf-8").split()
    except (OSError, UnicodeDecodeError, AttributeError):
        words = []
    if words and len(words) % 3 == 0 and all(w.isdigit() for w in words[1:300:3]):
        return dict(zip(words[0::3], words[2::3]))
    jieba_module()                      # (quietly set up)
    import jieba.posseg as pseg         # a dictionary of another shape: jieba's own reading of it
    return pseg.dt.word_tag_tab


def tag(word: str) -> str | None:
    """The dictionary part-of-speech tag of a word (None for a word jieba does not know)."""
    return tags().get(word)


@functools.lru_cache(maxsize=131072)
def tokens(run: str) -> tuple[str, ...]:
    """The words of a run of text (dictionary segmentation, no HMM guesses), cached."""
    return tuple(jieba_module().cut(run, HMM=False))
