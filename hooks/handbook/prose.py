"""Decorations of a page's prose: glossary tooltips and `lang` on text in the other language.

Why `lang`: screen readers switch voice on it, and browsers pick glyphs by it: Chinese on an
English page without lang="zh-TW" may be drawn with Japanese glyph shapes and read with an
English voice. So on non-Chinese pages every run of Chinese characters gets <span lang="zh-TW">,
and on zh-TW pages every English run of three or more words gets <span lang="en">.

Both rules run on the ElementTree of the parsed page (a Python-Markdown treeprocessor in
markdown_ext.py), after inline parsing: no HTML is parsed or searched with a regex, and
whatever the markers produced (phrase tables, quizzes, inline phrases) or an author wrote as raw
HTML is stashed by Python-Markdown at that point, so it is never decorated.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup, escape

from .languages import HAN_CHARS, english_run

CHINESE_RUN = re.compile(f"[「『（]?[{HAN_CHARS}](?:[{HAN_CHARS}\\u3000-\\u303f\\uff01-\\uff0f"
                         f"\\uff1a-\\uff20…—]*[{HAN_CHARS}」』）。！？])?")
ENGLISH_RUN = english_run(3)

# Links, headings and code keep their text; a tooltip inside a question or a button would
# give away or hide something.
TOOLTIP_SKIP = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "svg", "button",
                "textarea", "select", "title", "var", "q", "label", "summary", "kbd"}
LANGUAGE_SKIP = {"code", "pre", "script", "style", "svg", "abbr", "kbd", "title", "textarea"}


@dataclass(frozen=True)
class Rule:
    """Wrap every match of `pattern` in the element `wrap(text)` returns (None: leave it), except
    inside elements for which `skip(element)` is true."""

    pattern: re.Pattern
    wrap: Callable[[str], etree.Element | None]
    skip: Callable[[etree.Element], bool]


def _element(tag: str, text: str, **attrib) -> etree.Element:
    element = etree.Element(tag, attrib)
    element.text = text
    return element


def tooltip(pattern, title_of) -> Rule:
    """The glossary tooltips' rule: each term `pattern` finds becomes <abbr title="…"> (title from
    `title_of`), never inside code, links, headings, form controls or an existing <abbr> (TOOLTIP_SKIP)."""
    def wrap(word):
        title = title_of(word)
        return None if title is None else _element("abbr", word, title=title)

    return Rule(pattern, wrap, lambda element: element.tag in TOOLTIP_SKIP)


def _other_language(page_lang: str) -> tuple[str, re.Pattern]:
    """The language whose runs get `lang` on a page of `page_lang`, and the pattern of a run."""
    return ("en", ENGLISH_RUN) if page_lang.startswith("zh") else ("zh-TW", CHINESE_RUN)


def language_tags(page_lang: str) -> Rule:
    """The rule that puts `lang` on each run of text in the other language (screen readers switch
    voice, browsers pick the right font), never in code or where an element already says its language."""
    other, pattern = _other_language(page_lang)
    return Rule(pattern, lambda text: _element("span", text, lang=other),
                lambda element: element.tag in LANGUAGE_SKIP or "lang" in element.attrib)


def _split(text: str | None, rule: Rule) -> tuple[str | None, list[etree.Element]]:
    """The text before the first match, and the new elements (each carrying the text after it)."""
    lead, made, last = text, [], 0
    for match in rule.pattern.finditer(text or ""):
        element = rule.wrap(match.group(0))
        if element is None:
            continue
        before = text[last:match.start()]
        if made:
            made[-1].tail = before
        else:
            lead = before
        made.append(element)
        last = match.end()
    if made:
        made[-1].tail = text[last:]
    return lead, made


def apply(parent: etree.Element, rule: Rule) -> None:
    """Apply a rule to the text of `parent` and everything in it, skipping what the rule skips."""
    if rule.skip(parent):
        return
    parent.text, children = _split(parent.text, rule)
    for child in list(parent):
        apply(child, rule)
        child.tail, made = _split(child.tail, rule)
        children += [child, *made]
    if len(children) != len(parent):
        parent[:] = children


def mark_runs(text: str, page_lang: str) -> Markup:
    """Escaped text with `lang` on its runs in the other language: for text that markers render
    (quizzes), which the treeprocessor does not see."""
    other, pattern = _other_language(page_lang)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last:match.start()]), Markup(f'<span lang="{other}">'), escape(match.group(0)),
                  Markup("</span>")]
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
