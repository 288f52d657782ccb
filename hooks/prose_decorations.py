"""Prose decorations: glossary tooltips and inline language tags, in one walk over each page.

Why one hook for two concerns: both rewrite the text between the tags of every rendered page,
and walking a page's HTML is what costs time (it was a fifth of what all the hooks added to a
build). The rules themselves live with their concerns, hooks/glossary.py (tooltips) and
hooks/inline_language.py (`lang` on English in Chinese pages and Chinese in English pages);
this hook only applies them, tooltips first, so a term's <abbr> is never split by a language tag.

It runs after every hook that renders page content from data (phrase tables, checklists,
quizzes): its place in mkdocs.yml's `hooks:` list matters.
"""

from __future__ import annotations

import _handbook as hb
import glossary
import inline_language


def on_page_content(html_text, page, config, files):
    rules = [rule for rule in (glossary.tooltip_rule(page, config), inline_language.language_rule(page, config)) if rule]
    return hb.transform_text(html_text, rules)
