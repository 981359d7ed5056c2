"""kg.tokens loads jieba's dictionary and its part-of-speech tags its own (faster) way: the same data."""
from __future__ import annotations

import subprocess
import sys

from kg import tokens


def test_the_tag_dictionary_is_jiebas_own():
    import jieba.posseg as pseg

    ours = tokens.tags()
    assert len(ours) > 100_000
    assert ours == pseg.dt.word_tag_tab
    assert tokens.tag("医院") == pseg.dt.word_tag_tab["医院"]


def test_jieba_set_up_here_segments_as_jieba_set_up_by_itself():
    run = "县人民医院与南江大学附属医院签订帮扶协议"
    ours = tokens.jieba_module()
    assert ours.marshal.load is __import__("marshal").load          # jieba's module left as it was
    own = subprocess.run([sys.executable, "-c", "import jieba, logging; jieba.setLogLevel(logging.ERROR); "
                          "jieba.initialize(); print(len(jieba.dt.FREQ), jieba.dt.total); "
                          f"print('/'.join(jieba.cut({run!r}, HMM=False)))"],
                         capture_output=True, text=True, check=True).stdout.split("\n")
    assert own[0] == f"{len(ours.dt.FREQ)} {ours.dt.total}"
    assert own[1] == "/".join(tokens.tokens(run))
