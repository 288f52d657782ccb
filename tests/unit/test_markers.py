from handbook.markers import MARKERS, Content, check_markers, find_markers
from handbook.sources import PageSource


def markers(text):
    return [(m.name, m.args, m.line, m.alone) for m in find_markers(text)]


def test_grammar_name_and_args_block_and_inline():
    text = "<!-- phrases topic=a-b -->\nSay <!-- phrase h1 --> now.\n<!--  quiz   five  -->"
    assert markers(text) == [("phrases", ("topic=a-b",), 1, True), ("phrase", ("h1",), 2, False),
                             ("quiz", ("five",), 3, True)]


def test_code_and_ordinary_comments_are_not_markers():
    text = "`<!-- quiz x -->`\n```\n<!-- quiz y -->\n```\n<!-- TODO fix -->\n<!-- 說明 -->\n<!---->"
    assert markers(text) == []


def test_foreign_markers_pass_through():
    [marker] = find_markers("<!-- material/tags -->")
    assert marker.foreign and marker.name == "material/tags"
    page = PageSource("p.en.md", "p", "en", "<!-- material/tags -->", {})
    assert check_markers(page, Content()) == []


def test_unknown_and_misplaced_markers_are_reported():
    page = PageSource("p.en.md", "p", "en", "<!-- phrase-table x -->\nTake <!-- glossary --> now.", {})
    (line1, message1, fix1), (line2, message2, _) = check_markers(page, Content())
    assert (line1, message1) == (1, "unknown marker '<!-- phrase-table x -->'") and "phrases" in fix1
    assert (line2, message2) == (2, "'<!-- glossary -->' must stand on a line of its own")


def test_markers_without_arguments_reject_them():
    page = PageSource("p.en.md", "p", "en", "<!-- glossary all -->", {})
    [(_, message, fix)] = check_markers(page, Content())
    assert "takes no arguments" in message and fix == "write '<!-- glossary -->'"


def test_the_dispatch_table_knows_every_marker_of_the_handbook():
    assert {"phrases", "phrase", "quiz", "glossary", "translation-status", "handbook-downloads",
            "phrasebook-downloads"} <= set(MARKERS)
    assert not MARKERS["phrase"].block and MARKERS["quiz"].block
