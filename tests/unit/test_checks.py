"""hooks/handbook/checks.py: the checks of the validation phase that look across the sources."""

from handbook.checks import nav_problems
from handbook.sources import PageSource


def page(base, lang="zh-TW"):
    return PageSource(f"docs/{base}.{lang}.md", base, lang, "", {})


def test_every_page_is_in_the_nav_and_every_nav_entry_is_a_page():
    nav = [{"首頁": "index.md"}, {"電話": ["phone/calls.md", "phone/voicemial.md"]}]
    found = nav_problems([page("index"), page("phone/calls"), page("phone/voicemail"), page("phone/voicemail", "en")],
                         nav, "docs")
    assert [(p.path, p.message) for p in found] == [
        ("docs/phone/voicemail.zh-TW.md", "is not in the nav of mkdocs.yml"),
        ("mkdocs.yml", "nav lists 'phone/voicemial.md', which is not a page (did you mean 'phone/voicemail.md'?)")]
    assert nav_problems([page("index")], None, "docs") == []  # no nav given: not checked
