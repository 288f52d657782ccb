import json

import pytest

from handbook import pages
from handbook.sources import PageSource, parse_page


def page(lang, text):
    return PageSource(f"docs/p.{lang}.md", "p", lang, text, {"description": "d", "tags": ["t"]})


def test_structure_differences_name_the_first_one_with_lines():
    zh = page("zh-TW", "- [ ] 甲 {#a}\n\n!!! tip\n    x\n\n<!-- quiz q -->\n")
    en = page("en", "- [ ] A {#a}\n\n!!! warning\n    x\n")
    messages = {p.message.split(" differ")[0]: p for p in pages.check_pairs([zh, en])}
    assert set(messages) == {"admonitions", "markers"}
    assert messages["admonitions"].line == 3 and "zh-TW line 3: !!! tip / en line 3: !!! warning" in messages["admonitions"].message
    assert messages["markers"].line is None
    assert messages["markers"].message.endswith("first difference: zh-TW line 6: <!-- quiz q -->, which this file lacks")


def test_an_extra_item_names_the_file_that_lacks_it():
    zh = page("zh-TW", "# 甲\n")
    en = page("en", "# A\n\n<!-- quiz q -->\n")
    [problem] = pages.check_pairs([zh, en])
    assert problem.line == 3
    assert problem.message.endswith("first difference: en line 3: <!-- quiz q -->, which docs/p.zh-TW.md lacks")


def test_a_missing_language_version_is_a_problem():
    [problem] = pages.check_pairs([page("zh-TW", "x")])
    assert problem.message == "has no en version" and "create docs/p.en.md" in problem.fix


def test_checklist_ids():
    found = pages.check_checklists(page("en", "- [ ] A\n- [ ] B {#Bad_1}\n- [ ] C {#c}\n- [x] D {#c}\n"))
    assert [(p.line, p.message.split(":")[0].split(" (")[0]) for p in found] == [
        (1, "checklist item without an id"), (2, "checklist id 'Bad_1' is not lowercase letters, digits and single hyphens"),
        (4, "duplicate checklist id 'c'")]


def test_front_matter():
    bad = PageSource("docs/p.en.md", "p", "en", "", {"tags": "x"})
    messages = [p.message for p in pages.check_front_matter([bad])]
    assert messages == ["front matter: no description", "front matter: tags must be a list of words"]


def test_questions_pair_across_languages():
    def versions(zh_questions, en_questions):  # parsed as a build reads them: `questions:` on line 3
        return [parse_page(f"docs/p.{lang}.md", f"p.{lang}.md",
                           f"---\ndescription: d\nquestions: {json.dumps(questions, ensure_ascii=False)}\ntags: [t]\n---\n")[0]
                for lang, questions in (("zh-TW", zh_questions), ("en", en_questions))]
    assert pages.check_question_pairs(versions(["甲？", "乙？"], ["a", "b"])) == []
    assert pages.check_question_pairs(versions(None, None)) == []
    [problem] = pages.check_question_pairs(versions(["甲？", "乙？"], ["a"]))
    assert (problem.path, problem.line) == ("docs/p.en.md", 3)
    assert problem.message == "front matter: 1 question here, 2 in docs/p.zh-TW.md" and "same questions" in problem.fix
    [problem] = pages.check_question_pairs(versions(["甲？"], None))  # a version without any
    assert problem.path == "docs/p.en.md" and problem.message.startswith("front matter: 0 questions here")
    assert [p.message for p in pages.check_front_matter(versions(["甲？"], ["a", "b"]))] == [
        "front matter: 2 questions here, 1 in docs/p.zh-TW.md"]


# --------------------------------------------------------------------------- questions


def pq(base, lang, questions, path=None):
    return pages.PageQuestions(path or f"docs/{base}.{lang}.md", base, lang, questions, 3)


def test_good_questions_have_no_problems():
    found = [pq("a", "zh-TW", ["怎麼報價？", "報價要多快？", "報價單寫什麼？"]),
             pq("a", "en", ["How do I quote?", "How fast?", "What goes on a quotation?"]),
             pq("b", "zh-TW", None), pq("b", "en", None)]
    assert pages.question_problems(found) == []


def test_questions_on_one_language_file_only():
    problems = pages.question_problems([pq("a", "zh-TW", ["一？", "二？", "三？"]), pq("a", "en", None)])
    assert [(p.path, p.message) for p in problems] == [("docs/a.en.md", "has no questions, but docs/a.zh-TW.md has")]


def test_duplicate_question_across_pages():
    problems = pages.question_problems([pq("a", "en", ["How do I quote?", "B?", "C?"]),
                                         pq("b", "en", ["how do I  quote", "D?", "E?"])])
    assert len(problems) == 1 and "also on a" in problems[0].message and problems[0].path == "docs/b.en.md"


@pytest.mark.parametrize("questions,message", [
    (["only one?"], "has 1 questions"),
    ([f"q{i}?" for i in range(7)], "has 7 questions"),
    ("not a list", "must be a list"),
    (["ok?", "", "fine?"], "must be a list"),
    (["怎麼報價？", "How?", "Why?"], "is not in the file's language"),
])
def test_bad_questions(questions, message):
    problems = pages.question_problems([pq("a", "en", questions)])
    assert any(message in p.message for p in problems), problems
    assert all(p.line == 3 for p in problems)


def test_a_changed_checklist_id_names_the_changed_file_and_keeps_the_published_id():
    zh = page("zh-TW", "- [ ] 甲 {#pen-and-paper}\n")
    en = page("en", "- [ ] A {#pen}\n")
    changed = {"docs/p.en.md": 2, "docs/p.zh-TW.md": 1}.get
    [problem] = pages.check_pairs([zh, en], changed)
    assert problem.path == "docs/p.en.md" and problem.line == 1
    assert "{#pen}" in problem.message and "docs/p.zh-TW.md line 1: {#pen-and-paper}" in problem.message
    assert "keep the id already published, {#pen-and-paper}" in problem.fix
    [problem] = pages.check_pairs([zh, en], {"docs/p.en.md": 1, "docs/p.zh-TW.md": 2}.get)
    assert problem.path == "docs/p.zh-TW.md" and "keep the id already published, {#pen}" in problem.fix


def test_a_missing_checklist_id_is_one_problem_not_two():
    zh, en = page("zh-TW", "- [ ] 甲 {#a}\n"), page("en", "- [ ] A\n")
    assert pages.check_pairs([zh, en]) == []  # check_checklists reports it
    assert len(pages.check_checklists(en)) == 1


def test_a_tag_on_one_page_close_to_a_common_tag_is_a_typo():
    def tagged(base, tags):
        return PageSource(f"docs/{base}.en.md", base, "en", "", {"description": "d", "tags": tags})

    found = pages.check_front_matter([tagged("a", ["Checklist"]), tagged("b", ["Checklist"]), tagged("c", ["Checklists"]),
                                      tagged("d", ["Trade fairs"])])
    assert [(p.path, p.message) for p in found] == [
        ("docs/c.en.md", "front matter: tag 'Checklists' is on no other page (did you mean 'Checklist'?)")]
