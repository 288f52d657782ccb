"""Email templates: fill-in-and-copy emails from docs/_data/emails.yml.

Why: a new sales hire writes the same few emails again and again (the first reply to an inquiry,
a payment reminder, the confirmation after a phone call). A template they can fill in, check in a
preview and copy (or open in their email program) saves time and keeps the wording sound. The
email itself is always in English; when to send it, what to watch for and the field labels are
in the reader's language.

A page places a template with `<!-- email ID -->` on a line of its own. `render_email` turns it
into Markdown: an H2 heading (so the table of contents, the anchor `#ID` and search see it) and an
HTML block from overrides/handbook/email.html. Without JavaScript, and in print, the block reads as
plain text with the placeholders visible; docs/assets/javascripts/emails.js adds the form's
behaviour (live preview, copy, "open in email").

Pure functions only (text and parsed data in, problems or text out): the build wires them in.
The format of the data file is docs/_data/schemas/emails.schema.json; `check_templates` checks
what a JSON Schema cannot say.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from .problems import Problem, did_you_mean
from .languages import HAN, LANGUAGES
from .templates import PLACEHOLDER, render

BRACKETED = re.compile(r"\[[^\]\n]*\]")  # anything in square brackets: must be a placeholder
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Interface words, per language. emails.js reads the ones it needs from data attributes, so the
# script holds no language strings for the templates.
TEXT = {
    "zh-TW": {
        "when": "何時使用",
        "watch": "注意事項",
        "form": "填寫內容",
        "form_hint": "填入的內容只留在這個頁面上，不會送到任何地方。",
        "preview": "郵件內容（英文）",
        "subject": "主旨：",
        "copy_email": "複製郵件",
        "open": "用郵件程式開啟",
        "copied": "已複製郵件，可以貼到郵件程式裡。",
        "copy_failed": "無法自動複製：請選取預覽的文字，再按 Ctrl+C（Mac 按 ⌘C）。",
        "missing_one": "還有 1 個欄位沒填，郵件裡以方括號標出。",
        "missing": "還有 {n} 個欄位沒填，郵件裡以方括號標出。",
        "sep": "",
        "colon": "：",
    },
    "en": {
        "when": "When to use it",
        "watch": "What to watch for",
        "form": "Fill in",
        "form_hint": "What you type stays on this page; nothing is sent anywhere.",
        "preview": "The email",
        "subject": "Subject: ",
        "copy_email": "Copy email",
        "open": "Open in email",
        "copied": "Email copied. You can paste it into your email program.",
        "copy_failed": "Couldn't copy automatically: select the preview text and press Ctrl+C (⌘C on a Mac).",
        "missing_one": "One field is still empty; it shows in square brackets.",
        "missing": "{n} fields are still empty; they show in square brackets.",
        "sep": " ",
        "colon": ": ",
    },
}


def placeholders(text: str) -> list[str]:
    """The [lowercase-words] placeholders of a text, each once, in order of first use."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text or "")))


# --------------------------------------------------------------------------- checks


def _line(node, default: int | None) -> int | None:
    return getattr(node, "line", None) or default


def check_templates(data, path: str) -> list[Problem]:
    """What the JSON Schema cannot say about a parsed emails.yml (its mappings carry `.line`).

    Safe on data that failed the schema: whatever has the wrong shape is skipped here.
    """
    problems: list[Problem] = []
    templates = data.get("templates") if isinstance(data, dict) else None
    if not isinstance(templates, list):
        return problems
    seen: dict[str, int | None] = {}
    for number, template in enumerate(templates, start=1):
        if not isinstance(template, dict):
            continue
        line = _line(template, None)
        tid = template.get("id")
        name = f"template {tid}" if isinstance(tid, str) and tid else f"template #{number}"

        def add(message: str, fix: str, at: int | None = line) -> None:
            problems.append(Problem(path, at, f"{name}: {message}", fix))

        if isinstance(tid, str) and tid:
            if tid in seen:
                add(f"duplicate id {tid!r} (first used on line {seen[tid]})",
                    "give one of them a new id (ids are anchors on the templates page: never reuse one)")
            else:
                seen[tid] = line

        # Reader-facing texts: every language present, not empty; the Chinese is Chinese.
        fields = template.get("fields")
        fields = fields if isinstance(fields, dict) else {}
        fields_line = _line(fields, line)
        # (what, value, node with a line): the node whose line a problem names
        texts = [(key, template.get(key), template.get(key)) for key in ("title", "when", "watch")]
        texts += [(f"the label of field {field!r}", label, label if isinstance(label, dict) else fields)
                  for field, label in fields.items()]
        for what, value, node in texts:
            at = _line(node, line)
            if not isinstance(value, dict):
                add(f"{what} needs a text in every language ({', '.join(LANGUAGES)})",
                    f"write {what.split()[-1].strip(chr(39))}: {{zh-TW: …, en: …}}", at)
                continue
            for lang in LANGUAGES:
                entries = value.get(lang)
                items = entries if isinstance(entries, list) else [entries]
                if not items or any(not isinstance(t, str) or not t.strip() for t in items):
                    add(f"{what} has no {lang} text" + (" (or an empty point)" if isinstance(entries, list) else ""),
                        f"add the {lang} text of {what}", at)
                    continue
                for text in items:
                    if "..." in text:
                        add(f"{what} ({lang}) writes '...'", "write the ellipsis as one character: …", at)
                    if lang == "zh-TW" and not HAN.search(text):
                        add(f"{what} (zh-TW) has no Chinese: {text!r}",
                            "write the zh-TW text in Traditional Chinese", at)

        # The email: English; placeholders declared, every field used.
        used: set[str] = set()
        for key in ("subject", "body"):
            text = template.get(key)
            if not isinstance(text, str):
                continue
            if "..." in text:
                add(f"the {key} writes '...'", "write the ellipsis as one character: …")
            if HAN.search(text):
                add(f"the {key} contains Chinese", "the email is always sent in English: write it in English")
            for bracket in BRACKETED.findall(text):
                if not PLACEHOLDER.fullmatch(bracket):
                    add(f"the {key} has {bracket!r}, which is not a placeholder",
                        "write placeholders as [lowercase-words], e.g. [invoice-number], and declare them in fields")
            for placeholder in placeholders(text):
                if placeholder not in fields:
                    add(f"the {key} uses [{placeholder}], which is not declared in fields"
                        f"{did_you_mean(placeholder, fields, show=lambda c: f'[{c}]')}",
                        f"add '{placeholder}: {{zh-TW: …, en: …}}' under fields, or correct the placeholder",
                        fields_line)
                used.add(placeholder)
        for field in fields:
            if field not in used:
                add(f"field {field!r} is used in neither the subject nor the body",
                    f"use [{field}] in the subject or body, or remove the field", fields_line)
    return problems


TEMPLATES_PAGE = "emails/index"  # the one page that places email templates (others link to it)


def check_marker(marker, templates) -> list[tuple[str, str]]:
    """(message, fix) for what is wrong with the arguments of `<!-- email ARGS -->`, checked
    against the template ids (None: emails.yml has problems, reported once on their own rather
    than at every marker)."""
    if templates is None:
        return []
    known = sorted(templates)
    listed = ", ".join(known) or "none yet"
    if not marker.args:
        return [("email marker without a template id",
                 f"write <!-- email ID --> with ID one of: {listed}")]
    if len(marker.args) > 1:
        return [(f"email marker has more than one argument: {' '.join(marker.args)!r}",
                 "place one template per marker: <!-- email ID -->, each on a line of its own")]
    tid = marker.args[0]
    if not ID.match(tid):
        return [(f"email template id {tid!r} is not lowercase letters, digits and single hyphens",
                 f"use a template id of docs/_data/emails.yml: {listed}")]
    if tid not in known:
        return [(f"unknown email template {tid!r}{did_you_mean(tid, known)}",
                 f"use a template id of docs/_data/emails.yml ({listed}) or add a template with that id")]
    return []


# --------------------------------------------------------------------------- rendering


def mailto(subject: str, body: str) -> str:
    """A mailto: URL with no recipient, the subject and body percent-encoded, CRLF line breaks."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def _pieces(text: str) -> list[tuple[str, str]]:
    """A text as ("text", …) and ("slot", name) pieces, for marking placeholders up."""
    # split() with the pattern's one group alternates text (even places) and placeholder names.
    parts = PLACEHOLDER.split(text)
    return [("slot" if i % 2 else "text", part) for i, part in enumerate(parts) if i % 2 or part]


def _paragraphs(body: str) -> list[list[list[tuple[str, str]]]]:
    """The body as paragraphs (split at blank lines) of lines of pieces."""
    paragraphs = re.split(r"\n\s*\n", body.strip("\n"))
    return [[_pieces(line) for line in paragraph.split("\n")] for paragraph in paragraphs if paragraph.strip()]


def render_email(template: dict, lang: str) -> str:
    """Markdown for one template on a page in `lang`: an H2 heading with the id as anchor, then
    the HTML block (no blank lines inside, so Markdown leaves it alone)."""
    tid = template["id"]
    subject = template["subject"].strip()
    body = template["body"].strip("\n").rstrip()
    fields = template.get("fields") or {}
    words = TEXT[lang]
    data = {"subject": subject, "body": body, "fields": list(fields)}
    block = render(
        "email.html",
        id=tid,
        lang=lang,
        words=words,
        title=template["title"][lang],
        when=template["when"][lang],
        watch=template["watch"][lang],
        fields=[{"name": name, "label": label[lang], "id": f"email-{tid}-{name}"} for name, label in fields.items()],
        subject=_pieces(subject),
        paragraphs=_paragraphs(body),
        mailto=mailto(subject, body),
        data=json.dumps(data, ensure_ascii=False),
    )
    block = "\n".join(line for line in block.split("\n") if line.strip())
    title = template["title"][lang].replace("{", "").replace("}", "").strip()
    return f"## {title} {{#{tid}}}\n\n{block}\n"
