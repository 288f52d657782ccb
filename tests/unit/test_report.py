import datetime as dt

from handbook import report
from handbook.languages import date_text
from handbook.sources import PageSource


def test_report_counts_and_outdated_pages():
    pages = [PageSource("docs/a.zh-TW.md", "a", "zh-TW", "中文字", {}), PageSource("docs/a.en.md", "a", "en", "two words", {})]
    days = {"docs/a.zh-TW.md": dt.date(2026, 1, 30), "docs/a.en.md": dt.date(2026, 1, 1)}
    result = report.collect(pages, [{"zh-TW": "甲", "en": "a"}], [], [{"text": "台", "reason": "r"}], days.get)
    assert result["counts"]["zh-TW"]["size"] == 3 and result["counts"]["en"]["size"] == 2
    assert result["outdated"] == [{"page": "a", "newer": "zh-TW", "older": "en", "days": 29}]
    markdown = report.render(result, "en")
    assert "## Counts per language {#counts}" in markdown and "<code>a</code>" in markdown
    assert "1 wording exception(s); 1 possibly outdated page(s)" in report.summary(result)


def test_dates_are_written_as_each_language_writes_them():
    day = dt.date(2026, 12, 2)
    assert date_text(day, "zh-TW") == "2026年12月2日"
    assert date_text(day, "en") == "2 December 2026"


def test_the_file_edited_and_not_committed_counts_as_the_most_recent(tmp_path):
    from handbook.report import changed_order

    key = changed_order(tmp_path, {"docs/a.md": 5, "docs/b.md": 9})  # not a git checkout: no edits known
    assert key("docs/b.md") > key("docs/a.md") and key("docs/c.md") == (False, 0)
