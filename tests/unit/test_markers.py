from handbook.markers import MARKERS, Content, check_marker, find_markers


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
    assert check_marker(marker, Content()) == []


def test_unknown_and_misplaced_markers_are_reported():
    unknown, inline = find_markers("<!-- phrase-table x -->\nTake <!-- glossary --> now.")
    [(message, fix)] = check_marker(unknown, Content())
    assert message == "unknown marker '<!-- phrase-table x -->' (did you mean 'phrase'?)" and "phrases" in fix
    assert check_marker(inline, Content())[0][0] == "'<!-- glossary -->' must stand on a line of its own"


def test_markers_without_arguments_reject_them():
    [(message, fix)] = check_marker(next(find_markers("<!-- glossary all -->")), Content())
    assert "takes no arguments" in message and fix == "write '<!-- glossary -->'"


def test_the_dispatch_table_knows_every_marker_of_the_handbook():
    assert {"phrases", "phrase", "quiz", "glossary", "translation-status", "handbook-downloads",
            "phrasebook-downloads", "email"} <= set(MARKERS)
    assert not MARKERS["phrase"].block and MARKERS["quiz"].block
