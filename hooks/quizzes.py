"""Quizzes: short self-check questions at the end of key pages, answered in the browser.

Why: a new hire learns a taboo or a phone phrase better by choosing between wordings than by
reading another paragraph, and checks their own understanding without a trainer or a server.
The questions live in one data file (docs/_data/quizzes.yml) with every text in both languages,
so the Chinese and English quizzes can never drift apart; a page only places a quiz.

A page places a quiz with `<!-- quiz ID -->` on a line of its own (hooks/page_pairs.py checks
that both language versions place the same quizzes in the same order). This hook renders it as
plain, accessible HTML in the page's language: each question a <form> with a <fieldset> whose
<legend> is the question, radio buttons wrapped in their <label>s, a "check answer" button and
a feedback region (role=status, aria-live) that docs/assets/javascripts/quizzes.js fills with
right/wrong and the explanation. Without JavaScript (and in the PDF) the button stays hidden
and the answer and explanation are in a <details> block under each question. The hook also
writes the localized feedback words into data attributes, so the script holds no language
strings.

Checks (once per build, in on_pre_build, before MkDocs cleans site/), each failure naming the
file, the line or quiz id and the fix:
- malformed YAML, unknown top-level keys, unknown fields in a quiz, a question or a text;
- a missing, duplicate or malformed quiz id; a quiz without questions;
- a text (prompt, example, option, explanation) missing a language or empty;
- fewer than two options; `correct` not a whole number from 1 to the number of options;
- a page marker that is malformed, not on a line of its own, names an unknown quiz, or places
  the same quiz twice on one page;
- a quiz that no page places (a warning, which fails the strict build).
"""

from __future__ import annotations

import html
import re

import _handbook as hb

DATA = "quizzes.yml"
TOP_LEVEL_KEYS = {"quizzes"}
QUIZ_FIELDS = {"id", "questions"}
QUESTION_REQUIRED = ("prompt", "options", "correct", "explanation")
QUESTION_OPTIONAL = ("example",)

# Any HTML comment that starts with "quiz" is ours; anything we cannot parse is an error.
MARKER_BODY = re.compile(r"^quiz (?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)$")
HTML_MARKER = re.compile(r"(?:<p>)?<!--\s*quiz\s+(?P<id>[a-z0-9-]+)\s*-->(?:</p>)?")

LETTERS = "ABCDEFGHIJ"

# Interface words, per language. quizzes.js reads the feedback words from data attributes.
TEXT = {
    "zh-TW": {
        "question": "第 {n} 題",
        "check": "看答案",
        "answer": "答案與解說",
        "correct_is": "正確答案 ",
        "right": "答對了！",
        "wrong": "再想想。正確答案是",
        "choose": "請先選一個答案，再按「看答案」。",
        "colon": "：",
    },
    "en": {
        "question": "Question {n}",
        "check": "Check answer",
        "answer": "Answer and explanation",
        "correct_is": "Answer ",
        "right": "Correct!",
        "wrong": "Not quite. The answer is",
        "choose": "Choose an answer first, then press “Check answer”.",
        "colon": ": ",
    },
}


# --------------------------------------------------------------------------- validation


def _check_text(value, where: str, what: str, add) -> bool:
    """A text is a mapping with a non-empty string for every language, and nothing else."""
    if not isinstance(value, dict):
        add(where, f"{what} must give the text in every language",
            f"write {what}: {{{', '.join(lang + ': …' for lang in hb.LANGUAGES)}}} (or one 'lang: text' line per language)")
        return False
    ok = True
    for lang in hb.LANGUAGES:
        text = value.get(lang)
        if text is not None and not isinstance(text, str):
            add(where, f"{what}: the {lang} text must be text, got {type(text).__name__}",
                f"put the {lang} text of {what} in quotes")
            ok = False
        elif text is None or not text.strip():
            add(where, f"{what} has no {lang} text", f"add '{lang}: …' to {what}")
            ok = False
    for extra in sorted(set(value) - set(hb.LANGUAGES), key=str):
        add(where, f"unknown language {extra!r} in {what}", f"use only {', '.join(hb.LANGUAGES)}")
        ok = False
    return ok


def validate(data, rel: str) -> tuple[dict[str, dict], list[hb.Problem]]:
    """The quizzes of a parsed quizzes.yml by id, and the problems found (pure: no MkDocs needed)."""
    problems: list[hb.Problem] = []

    def add(where, problem, fix):
        problems.append(hb.Problem(rel, where, problem, fix))

    if not isinstance(data, dict):
        add("line 1", "must be a mapping with the key 'quizzes'", "see the file header for the format")
        return {}, problems
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            add(f"line {getattr(data, 'line', 1)}", f"unknown top-level key {key!r}",
                f"remove it; allowed keys: {', '.join(sorted(TOP_LEVEL_KEYS))}")
    entries = data.get("quizzes")
    if not isinstance(entries, list):
        add("quizzes", "'quizzes' must be a list", "write each quiz as '- id: …' under 'quizzes:'")
        return {}, problems

    quizzes: dict[str, dict] = {}
    seen: dict[str, int] = {}
    for index, quiz in enumerate(entries, start=1):
        if not isinstance(quiz, dict):
            add(f"quiz #{index}", "is not a mapping", "write the quiz as 'id: …' and 'questions: …'")
            continue
        qid = quiz.get("id")
        where = f"line {quiz.line}, quiz {qid if qid else '#' + str(index)}"
        for fld in quiz:
            if fld not in QUIZ_FIELDS:
                add(where, f"unknown field {fld!r}", f"remove it or rename it to one of: {', '.join(sorted(QUIZ_FIELDS))}")
        if not isinstance(qid, str) or not qid.strip():
            add(where, "quiz without an id", "add 'id: …' (lowercase letters, digits, hyphens), e.g. 'id: five-taboos'")
        else:
            wrong = hb.id_problem("quiz id", qid, quiz.line, seen, "five-taboos")
            if wrong:
                add(where, *wrong)
        questions = quiz.get("questions")
        if not isinstance(questions, list) or not questions:
            add(where, "quiz has no questions", "add 'questions:' with at least one '- prompt: …' entry")
            continue
        before = len(problems)
        for number, question in enumerate(questions, start=1):
            qwhere = f"{where}, question {number}"
            if not isinstance(question, dict):
                add(qwhere, "is not a mapping", "write 'prompt:', 'options:', 'correct:' and 'explanation:'")
                continue
            qwhere = f"line {question.line}, quiz {qid}, question {number}"
            for fld in question:
                if fld not in QUESTION_REQUIRED + QUESTION_OPTIONAL:
                    add(qwhere, f"unknown field {fld!r}",
                        f"remove it or rename it to one of: {', '.join(QUESTION_REQUIRED + QUESTION_OPTIONAL)}")
            for fld in QUESTION_REQUIRED:
                if fld not in question:
                    add(qwhere, f"missing field {fld!r}", f"add '{fld}: …' to the question")
            for fld in ("prompt", "explanation", "example"):
                if question.get(fld) is not None:
                    _check_text(question[fld], qwhere, fld, add)
            options = question.get("options")
            if "options" in question:
                if not isinstance(options, list) or len(options) < 2:
                    add(qwhere, "a question needs a list of at least two options",
                        "write 'options:' with one '- {zh-TW: …, en: …}' per option")
                    options = None
                elif len(options) > len(LETTERS):
                    add(qwhere, f"too many options ({len(options)})", f"keep at most {len(LETTERS)}")
                else:
                    for k, option in enumerate(options, start=1):
                        _check_text(option, f"line {getattr(option, 'line', question.line)}, quiz {qid}, question {number}",
                                    f"option {k}", add)
            correct = question.get("correct")
            if "correct" in question and options:
                if isinstance(correct, bool) or not isinstance(correct, int):
                    add(qwhere, f"correct must be the number of the right option, got {correct!r}",
                        f"write 'correct: N' with N from 1 to {len(options)} (options count from 1)")
                elif not 1 <= correct <= len(options):
                    add(qwhere, f"correct is {correct}, but there are only {len(options)} options (counted from 1)",
                        f"write a number from 1 to {len(options)}")
        if len(problems) == before and isinstance(qid, str) and qid in seen and seen[qid] == quiz.line:
            quizzes[qid] = quiz
    return quizzes, problems


def scan_markers(pages) -> tuple[list[tuple[hb.PageSource, int, str]], list[hb.Problem]]:
    """(page, line, quiz id) of every quiz marker, and the malformed ones as problems."""
    markers, problems = [], []
    for found in hb.source_markers(pages, "quiz"):
        body = MARKER_BODY.match(found.body)
        if body and found.alone:
            markers.append((found.page, found.line, body.group("id")))
        else:
            problems.append(hb.Problem(
                found.page.rel, f"line {found.line}", f"malformed quiz marker {found.raw!r}",
                "write '<!-- quiz ID -->' on a line of its own, with blank lines around it,"
                " where ID is a quiz id of docs/_data/quizzes.yml"))
    return markers, problems


def check_markers(markers, quizzes: dict, data_rel: str) -> tuple[list[hb.Problem], list[hb.Problem]]:
    """(errors, warnings) for the markers against the quizzes."""
    errors, placed = [], set()
    on_page: dict[tuple[str, str], int] = {}
    for page, line, qid in markers:
        if qid not in quizzes:
            known = ", ".join(sorted(quizzes)) or "none yet"
            errors.append(hb.Problem(page.rel, f"line {line}", f"unknown quiz {qid!r} in <!-- quiz {qid} -->",
                                     f"use a quiz id of {data_rel} ({known}) or add a quiz with that id"))
            continue
        placed.add(qid)
        key = (page.rel, qid)
        if key in on_page:
            errors.append(hb.Problem(page.rel, f"line {line}", f"quiz {qid!r} is placed twice (also line {on_page[key]})",
                                     "place each quiz at most once per page"))
        on_page.setdefault(key, line)
    warnings = [
        hb.Problem(data_rel, f"line {quiz.line}, quiz {qid}", "quiz is placed on no page",
                   f"add <!-- quiz {qid} --> on a line of its own to the page it belongs to (both languages),"
                   " or remove the quiz")
        for qid, quiz in quizzes.items() if qid not in placed
    ]
    return errors, warnings


def load(config) -> dict[str, dict]:
    """The validated quizzes of this build, by id (validated once per build; raises if bad)."""
    src = hb.sources(config)

    def compute():
        path = src.docs_dir / "_data" / DATA
        rel = hb.relpath(path, src.root)
        markers, problems = scan_markers(src.pages)
        if not path.is_file():
            if markers:
                problems.append(hb.Problem(rel, "file", "pages place quizzes but the quiz file is missing",
                                           f"create docs/_data/{DATA} (see hooks/quizzes.py) or remove the markers"))
            hb.raise_problems("quizzes", problems)
            return {}
        data = src.data(DATA)
        quizzes, data_problems = validate(data, rel)
        problems = data_problems + problems
        hb.raise_problems("quizzes", problems)
        errors, warnings = check_markers(markers, quizzes, rel)
        hb.raise_problems("quiz markers", errors)
        hb.warn_problems("quizzes", warnings, config)
        return quizzes

    return src.memo("quizzes", compute)


def on_pre_build(config):
    if hb.is_outer_build(config):
        load(config)


# --------------------------------------------------------------------------- rendering


def _lang_attr(text: str, lang: str) -> str:
    """A zh-TW text that is an English phrase (no Chinese in it) is marked as English."""
    return ' lang="en"' if lang != "en" and not hb.HAN.search(text) else ""


def _inline(text: str) -> str:
    return "<br>".join(html.escape(part.strip(), quote=True) for part in text.strip().split("\n"))


def render(quiz: dict, lang: str) -> str:
    words = TEXT[lang]
    qid = quiz["id"]
    data_attrs = " ".join(
        f'data-text-{key}="{html.escape(words[key], quote=True)}"' for key in ("right", "wrong", "choose", "colon")
    )
    parts = [f'<div class="hb-quiz" data-quiz-id="{qid}" {data_attrs}>']
    for n, question in enumerate(quiz["questions"], start=1):
        base = f"quiz-{qid}-{n}"
        prompt = question["prompt"][lang]
        correct = question["correct"]
        correct_text = question["options"][correct - 1][lang]
        example = question.get("example")
        described = f' aria-describedby="{base}-example"' if example else ""
        parts.append(
            f'<form class="hb-quiz-question" id="{base}" data-correct="{correct}" novalidate>'
            f"<fieldset{described}>"
            f'<legend><span class="hb-quiz-number">{words["question"].format(n=n)}</span> '
            f'<span class="hb-quiz-prompt"{_lang_attr(prompt, lang)}>{_inline(prompt)}</span></legend>'
        )
        if example:
            text = example[lang]
            parts.append(f'<blockquote class="hb-quiz-example" id="{base}-example"{_lang_attr(text, lang)}>'
                         f"<p>{_inline(text)}</p></blockquote>")
        parts.append('<div class="hb-quiz-options">')
        for k, option in enumerate(question["options"], start=1):
            text = option[lang]
            parts.append(
                f'<label class="hb-quiz-option" for="{base}-{k}">'
                f'<input type="radio" name="{base}" id="{base}-{k}" value="{k}">'
                f'<span class="hb-quiz-letter" aria-hidden="true">{LETTERS[k - 1]}</span>'
                f'<span class="hb-quiz-text"{_lang_attr(text, lang)}>{_inline(text)}</span></label>'
            )
        parts.append("</div>")
        parts.append(
            # Hidden until quizzes.js runs: without the script (and in the PDF) the button would do
            # nothing, and the <details> block gives the answer instead.
            f'<button type="submit" class="hb-quiz-check" hidden>{words["check"]}</button>'
            f'<div class="hb-quiz-feedback" role="status" aria-live="polite"></div>'
            f'<details class="hb-quiz-answer"><summary>{words["answer"]}</summary>'
            f'<p><strong>{words["correct_is"]}{LETTERS[correct - 1]}</strong>'
            f'{words["colon"]}<span class="hb-quiz-correct-text"{_lang_attr(correct_text, lang)}>{_inline(correct_text)}</span></p>'
            f'<p class="hb-quiz-explanation">{_inline(question["explanation"][lang])}</p></details>'
            "</fieldset></form>"
        )
    parts.append("</div>")
    return "".join(parts)


def on_page_content(html_text, page, config, files):
    if "<!--" not in html_text:
        return html_text
    quizzes = load(config)
    lang = hb.page_language(page)

    def replace(match):
        qid = match.group("id")
        if qid not in quizzes:  # cannot happen after load(); kept so a bad marker never passes silently
            raise hb.HandbookError(f"{page.file.src_uri}: unknown quiz {qid!r}")
        return render(quizzes[qid], lang)

    return HTML_MARKER.sub(replace, html_text)
