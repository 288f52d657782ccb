"""hooks/handbook/segmenter.py: jieba reads its dictionary cache in one piece (the build's slowest step
otherwise). A real jieba tokenizer over a tiny dictionary, in milliseconds."""

from __future__ import annotations

import os
import types

import jieba

from handbook import segmenter
from handbook.build import Handbook


def test_jieba_reads_its_dictionary_cache_whole_and_cuts_the_same(tmp_path, monkeypatch):
    loads = []
    whole = segmenter.WHOLE_FILE_MARSHAL
    spy = types.SimpleNamespace(load=lambda file: loads.append(file.name) or whole.load(file), dump=whole.dump)
    monkeypatch.setattr(jieba, "marshal", spy)
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("報價 50 n\n報價單 30 n\n交期 40 n\n確認 40 v\n", encoding="utf-8")
    os.utime(dictionary, (1, 1))  # older than the cache, so that jieba trusts the cache

    first = jieba.Tokenizer(str(dictionary))
    first.tmp_dir = str(tmp_path)
    first.initialize()  # no cache yet: reads the dictionary and writes the cache with spy.dump
    assert loads == [] and len(list(tmp_path.glob("jieba.u*.cache"))) == 1

    second = jieba.Tokenizer(str(dictionary))
    second.tmp_dir = str(tmp_path)
    second.initialize()  # from the cache, through the whole-file load
    assert len(loads) == 1 and loads[0].endswith(".cache")
    assert (second.FREQ, second.total) == (first.FREQ, first.total)
    assert list(second.cut("確認報價單交期", HMM=False)) == list(first.cut("確認報價單交期", HMM=False)) == ["確認", "報價單", "交期"]


def test_set_up_sets_the_traditional_dictionary_and_the_whole_file_load_at_start_up(monkeypatch):
    import marshal

    chosen = []
    monkeypatch.setattr(jieba, "marshal", marshal)
    monkeypatch.setattr(jieba, "set_dictionary", chosen.append)
    monkeypatch.setattr(jieba, "cut", jieba.cut)
    segmenter.set_up(Handbook())
    assert chosen == [str(segmenter.TRADITIONAL_DICTIONARY)]
    assert jieba.marshal is segmenter.WHOLE_FILE_MARSHAL
