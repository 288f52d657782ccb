from handbook import pages
from handbook.sources import PageSource


def page(lang, text):
    return PageSource(f"docs/p.{lang}.md", "p", lang, text, {"description": "d", "tags": ["t"]})


def test_structure_differences_name_the_first_one_with_lines():
    zh = page("zh-TW", "- [ ] 甲 {#a}\n\n!!! tip\n    x\n\n<!-- quiz q -->\n")
    en = page("en", "- [ ] A {#a}\n\n!!! warning\n    x\n")
    messages = {p.message.split(" differ")[0]: p for p in pages.check_pairs([zh, en])}
    assert set(messages) == {"admonitions", "markers"}
    assert messages["admonitions"].line == 3 and "zh-TW line 3: !!! tip / en line 3: !!! warning" in messages["admonitions"].message
    assert messages["markers"].line is None and "zh-TW line 6: <!-- quiz q -->" in messages["markers"].message


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
    def versions(zh_questions, en_questions):
        return [PageSource(f"docs/p.{lang}.md", "p", lang, "---\ndescription: d\nquestions:\n---\n",
                           {"description": "d", "tags": ["t"], "questions": questions})
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
