from handbook.links import anchors_of, check_links, slugify_of
from handbook.sources import PageSource

SLUGIFY = slugify_of({})


def page(base, text, lang="en"):
    return PageSource(f"docs/{base}.{lang}.md", base, lang, text, {})


def test_anchors_are_heading_slugs_deduplicated_and_explicit_ids():
    anchors = anchors_of(page("a", "# Title\n## Title\n## Other {#custom}\n<span id=\"raw\"></span>\n"), SLUGIFY)
    assert anchors == {"title", "title_1", "custom", "raw"}


def test_links_to_missing_pages_and_anchors_are_problems():
    pages = [page("x/a", "See [b](b.md#intro), [c](c.md), [d](b.md#nope), `[e](e.md)`, [w](https://e.com)."),
             page("x/b", "# Intro\n")]
    problems = check_links(pages, SLUGIFY)
    assert [p.message for p in problems] == ["link to a page that does not exist: c.md (did you mean 'b.md'?)",
                                             "link to an anchor that does not exist: b.md#nope"]
    [problem] = check_links([page("x/a", "See [b](b.md#intr)."), page("x/b", "# Intro\n")], SLUGIFY)
    assert problem.message == "link to an anchor that does not exist: b.md#intr (did you mean 'intro'?)"
