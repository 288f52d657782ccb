"""Self-check quizzes (docs/_data/quizzes.yml): checks a schema cannot express, and what a quiz
shows. The schema checks the fields; here: duplicate ids, `correct` within the options, markers
that name no quiz or place one twice on a page, quizzes no page places.

A quiz renders as plain, accessible HTML (overrides/handbook/quiz.html): each question a <form>
with a <fieldset> whose <legend> is the question, radio buttons inside their <label>s, a "check
answer" button and a feedback region that docs/assets/javascripts/quizzes.js fills in. Without
the script (and in the PDF) the button stays hidden and a <details> block gives the answer.
"""

from __future__ import annotations

from .problems import Problem, duplicate_ids, did_you_mean
from .languages import HAN
from .templates import render

LETTERS = "ABCDEFGHIJ"

# Interface words, per language. quizzes.js reads the feedback words from data attributes.
TEXT = {
    "zh-TW": {"question": "第 {n} 題", "check": "看答案", "answer": "答案與解說", "correct_is": "正確答案 ",
              "right": "答對了！", "wrong": "再想想。正確答案是", "choose": "請先選一個答案，再按「看答案」。", "colon": "："},
    "en": {"question": "Question {n}", "check": "Check answer", "answer": "Answer and explanation",
           "correct_is": "Answer ", "right": "Correct!", "wrong": "Not quite. The answer is",
           "choose": "Choose an answer first, then press “Check answer”.", "colon": ": "},
}


def check_quizzes(quizzes: list[dict], path: str) -> list[Problem]:
    """What the schema cannot express: unique ids, and each question's `correct` names one of
    its options (counted from 1)."""
    problems = duplicate_ids(quizzes, path, "quiz")
    for quiz in quizzes:
        for number, question in enumerate(quiz["questions"], start=1):
            if question["correct"] > len(question["options"]):
                problems.append(Problem(path, question.key_lines["correct"],
                                        f"quiz {quiz['id']}, question {number}: correct is {question['correct']}, but there"
                                        f" are only {len(question['options'])} options (counted from 1)",
                                        f"write a number from 1 to {len(question['options'])}"))
    return problems


def check_marker(marker, quizzes: dict) -> list[tuple[str, str]]:
    """(message, fix) for a `quiz` marker that is malformed or names no quiz (`quizzes` None:
    not checked)."""
    if len(marker.args) != 1:
        return [(f"malformed quiz marker {marker.raw!r}", "write '<!-- quiz ID -->' on a line of its own")]
    if quizzes is not None and marker.args[0] not in quizzes:
        return [(f"unknown quiz {marker.args[0]!r} in {marker.raw}{did_you_mean(marker.args[0], quizzes)}",
                 f"use a quiz id of docs/_data/quizzes.yml ({', '.join(sorted(quizzes)) or 'none yet'}) or add a quiz")]
    return []


def unused(quizzes: dict, placed: set[str], path: str) -> list[Problem]:
    """A quiz no page places (a warning; a strict build fails on it)."""
    return [Problem(path, quiz.line, f"quiz {qid}: placed on no page",
                    f"add <!-- quiz {qid} --> on a line of its own to the page it belongs to (both languages),"
                    " or remove the quiz") for qid, quiz in quizzes.items() if qid not in placed]


def _text(text: str, lang: str) -> dict:
    """A text with its lines, and lang="en" when a zh-TW text is an English phrase (no Chinese)."""
    return {"lines": [part.strip() for part in text.strip().split("\n")],
            "lang": "en" if lang != "en" and not HAN.search(text) else None}


def render_quiz(quiz: dict, lang: str) -> str:
    """A quiz in the reader's language: each question with its options, the answer and the
    explanation (shown after an answer in the browser, printed with the answers)."""
    questions = []
    for n, q in enumerate(quiz["questions"], start=1):
        questions.append({
            "n": n, "base": f"quiz-{quiz['id']}-{n}", "correct": q["correct"], "letter": LETTERS[q["correct"] - 1],
            "prompt": _text(q["prompt"][lang], lang), "example": _text(q["example"][lang], lang) if "example" in q else None,
            "options": [_text(o[lang], lang) for o in q["options"]], "explanation": _text(q["explanation"][lang], lang),
            "correct_text": _text(q["options"][q["correct"] - 1][lang], lang)})
    return render("quiz.html", id=quiz["id"], questions=questions, words=TEXT[lang], letters=LETTERS, lang=lang)
