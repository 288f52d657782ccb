from handbook.sources import parse_page


def test_page_name_needs_a_known_language_suffix():
    page, [problem] = parse_page("docs/a.md", "a.md", "# A\n")
    assert page is None and "has no language suffix" in problem.message and "a.zh-TW.md" in problem.fix
    page, problems = parse_page("docs/x/a.en.md", "x/a.en.md", "# A\n")
    assert problems == () and (page.base, page.lang) == ("x/a", "en")


def test_front_matter_is_read_and_bad_yaml_names_its_line():
    page, problems = parse_page("d/a.en.md", "a.en.md", "---\ndescription: x\ntags: [a]\n---\n# A\n")
    assert problems == () and page.meta == {"description": "x", "tags": ["a"]} and page.body_start == 5
    _, [problem] = parse_page("d/a.en.md", "a.en.md", "---\ndescription: a: b\n---\n# A\n")
    assert problem.line == 2 and "front matter is not valid YAML" in problem.message


def test_prose_lines_skip_front_matter_and_fenced_code():
    page, _ = parse_page("d/a.en.md", "a.en.md", "---\nd: x\n---\ntext\n````\ncode\n```\nstill code\n````\nafter")
    assert [line for _, line in page.prose_lines()] == ["text", "after"]


def test_an_unchanged_text_is_the_same_page_and_keeps_what_was_derived_from_it():
    page, _ = parse_page("d/a.en.md", "a.en.md", "# A\n\nOne.\n")
    calls = []
    assert page.derive("count", lambda: calls.append(1) or len(calls)) == 1
    again, _ = parse_page("d/a.en.md", "a.en.md", "# A\n\nOne.\n")
    assert again is page and again.derive("count", lambda: calls.append(1) or len(calls)) == 1
    edited, _ = parse_page("d/a.en.md", "a.en.md", "# A\n\nTwo.\n")
    assert edited is not page and edited.derive("count", lambda: calls.append(1) or len(calls)) == 2
