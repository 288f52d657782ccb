"""Readers' questions find the page that answers them: the search benchmark holds its floor.

tests/search_questions.yml has 40+ questions per language, written from the reader's side;
tests/search_relevance.py types each into the built site's own search worker (Node.js, the same
code the reader's browser runs) and counts a hit when an expected page is among the first three
result pages. Deterministic, so it gates CI.
"""

from __future__ import annotations

import pytest

import search_relevance as relevance

FLOOR = 0.95
MIN_QUESTIONS = 40


@pytest.fixture(scope="module")
def report(quick_site):
    return relevance.evaluate(quick_site)


def test_benchmark_has_enough_questions_on_real_pages():
    from test_site_build import NAV

    questions = relevance.load_questions()
    for lang, items in questions.items():
        assert len(items) >= MIN_QUESTIONS, f"{lang}: {len(items)} questions, want at least {MIN_QUESTIONS}"
        texts = [item["q"] for item in items]
        assert len(set(texts)) == len(texts), f"{lang}: a question is listed twice"
        unknown = [p for item in items for p in item["pages"] if relevance._page_url(p) not in NAV]
        assert not unknown, f"{lang}: expected pages that are not in the nav: {unknown}"


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_top3_hit_rate_holds_the_floor(report, lang):
    result = report[lang]
    assert result["rate"] >= FLOOR, relevance.format_report({lang: result})
