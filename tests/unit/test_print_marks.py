"""hooks/handbook/print_marks.py: screen-only blocks need their print version; the site drops
print-only text."""

from handbook import print_marks
from handbook.sources import PageSource


def page(text):
    return PageSource("docs/p.en.md", "p", "en", text, {})


SCREEN = '<div class="hb-screen-only" markdown>\n\nType in the search box.\n\n</div>\n'
PRINT = '<div class="hb-print-only" markdown>\n\nLook in the contents.\n\n</div>\n'


def test_a_screen_only_block_followed_by_its_print_version_passes():
    assert print_marks.check_page(page("# T\n\n" + SCREEN + PRINT)) == []
    assert print_marks.check_page(page("# T\n\n" + SCREEN + "\n" + PRINT)) == []  # blank lines between are fine


def test_a_screen_only_block_without_print_version_is_a_problem_with_its_line_and_fix():
    problem, stray = print_marks.check_page(page("# T\n\n" + SCREEN + "\nOther text.\n\n" + PRINT))
    assert stray.line == 11 and stray.message == "a print-only block does not follow a screen-only block"
    assert problem.line == 3 and problem.message == "a screen-only block has no print version after it"
    assert 'data-print="none"' in problem.fix and "hb-print-only" in problem.fix
    [problem] = print_marks.check_page(page("# T\n\n" + SCREEN))
    assert problem.line == 3


def test_screen_only_marked_print_none_needs_no_print_version():
    text = '# T\n\n<div class="hb-screen-only" data-print="none" markdown>\n\nPress Play.\n\n</div>\n'
    assert print_marks.check_page(page(text)) == []


def test_a_print_only_block_on_its_own_and_an_unclosed_block_are_problems():
    found = print_marks.check_page(page("# T\n\n" + PRINT + '\n<div class="hb-screen-only" markdown>\n\nx\n'))
    assert [(p.line, p.message) for p in found] == [
        (3, "a print-only block does not follow a screen-only block"),
        (9, 'a <div class="hb-screen-only"> block is never closed')]


def test_blocks_inside_code_fences_are_examples_not_blocks():
    assert print_marks.check_page(page("# T\n\n```html\n" + SCREEN + "```\n")) == []


def test_the_site_drops_print_only_text():
    html = '<p>a</p><div class="hb-print-only"><p>paper</p></div><span data-print-only="">p2</span><p>b</p>'
    assert print_marks.strip_print_only(html) == "<p>a</p><p>b</p>"
    assert print_marks.strip_print_only("<p>plain</p>") == "<p>plain</p>"
