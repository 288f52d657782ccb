from handbook import quizzes
from handbook.datafiles import parse_yaml

QUIZ = """quizzes:
  - id: q
    questions:
      - prompt: {zh-TW: 哪一句合適？, en: Which fits?}
        options:
          - {zh-TW: "Calm down.", en: "Calm down."}
          - {zh-TW: 說 I understand your concern 比較好, en: "I <really> understand."}
        correct: 2
        explanation: {zh-TW: "第二句\\n比較好。", en: Because.}
"""


def quiz_list(text=QUIZ):
    data, _ = parse_yaml(text, "q.yml")
    return data["quizzes"]


def test_correct_must_be_one_of_the_options():
    [problem] = quizzes.check_quizzes(quiz_list(QUIZ.replace("correct: 2", "correct: 3")), "q.yml")
    assert problem.line == 8 and "correct is 3, but there are only 2 options" in problem.message
    assert quizzes.check_quizzes(quiz_list(), "q.yml") == []


def test_quiz_markup_is_accessible_escaped_and_language_tagged():
    html = quizzes.render_quiz(quiz_list()[0], "zh-TW")
    assert '<form class="hb-quiz-question" id="quiz-q-1" data-correct="2" novalidate>' in html
    assert '<button type="submit" class="hb-quiz-check" hidden>看答案</button>' in html
    assert 'data-text-choose="請先選一個答案，再按「看答案」。"' in html
    assert '<span class="hb-quiz-text" lang="en">Calm down.</span>' in html  # an English answer on a Chinese page
    assert '說 <span lang="en">I understand your concern</span> 比較好' in html
    assert "第二句<br>比較好。" in html
    english = quizzes.render_quiz(quiz_list()[0], "en")
    assert "I &lt;really&gt; understand." in english and "<really>" not in english


def test_unknown_quiz_marker():
    from handbook.markers import find_markers
    [marker] = find_markers("<!-- quiz nope -->")
    assert "unknown quiz 'nope'" in quizzes.check_marker(marker, {"q": {}})[0][0]
    assert quizzes.check_marker(marker, None) == []  # bad quiz data is reported on its own
