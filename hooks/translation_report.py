"""Translation status: a maintainers' page and a one-line build summary.

Why: a reviewer should see the state of both languages at a glance: how much there is in each,
which wording exceptions are allowed, and which translations are likely outdated. A page whose
other-language version was last changed in git well before the page itself probably missed an
update. That is reported, not failed, so a change can land one language at a time.

`<!-- translation-status -->` on a line of its own renders the report in the page's language.
"""

from __future__ import annotations

import html
import logging
import re

import _handbook as hb
import chinese_wording
import glossary
import page_meta
import phrase_catalog

# A translation last changed this many days before its partner counts as possibly outdated.
OUTDATED_AFTER_DAYS = 14
MARKER = re.compile(r"(?:<p>)?<!--\s*translation-status\s*-->(?:</p>)?")
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
log = logging.getLogger("mkdocs.hooks.translation_report")

TEXT = {
    "zh-TW": {
        "counts": "各語言數量", "language": "語言", "pages": "頁面", "phrases": "句型", "terms": "詞彙",
        "size": "篇幅", "chars": "{n:,} 個中文字", "words": "{n:,} 個英文單字",
        "allowed": "用詞檢查的例外（已審核）", "text": "文字", "reason": "理由", "none": "無",
        "outdated": "可能過時的翻譯", "page": "頁面", "newer": "較新", "older": "較舊", "days": "相差天數",
        "outdated_none": "沒有：每一頁的各語言版本都在 {d} 天內更新過。",
        "outdated_intro": "下列頁面的一個語言版本比另一個早了超過 {d} 天更新，請確認是否需要同步。",
    },
    "en": {
        "counts": "Counts per language", "language": "Language", "pages": "Pages", "phrases": "Phrases",
        "terms": "Glossary terms", "size": "Length", "chars": "{n:,} Chinese characters", "words": "{n:,} English words",
        "allowed": "Reviewed exceptions to the wording check", "text": "Text", "reason": "Reason", "none": "None",
        "outdated": "Possibly outdated translations", "page": "Page", "newer": "Newer", "older": "Older",
        "days": "Days apart",
        "outdated_none": "None: every page's language versions were changed within {d} days of each other.",
        "outdated_intro": "One language version of these pages was last changed more than {d} days before the other. Check whether it needs the same update.",
    },
}


def collect(config) -> dict:
    """The report, computed once per build (for the build summary and the status page)."""
    src = hb.sources(config)
    return src.memo("translation-report", lambda: _collect(config, src))


def _collect(config, src: hb.Sources) -> dict:
    catalog = phrase_catalog.load(config)
    terms = glossary.load(config)
    counts = {}
    for lang in hb.LANGUAGES:
        pages = [p for p in src.pages if p.lang == lang]
        body = "\n".join(p.text for p in pages)
        counts[lang] = {
            "pages": len(pages), "phrases": sum(1 for p in catalog.phrases if p[lang].strip()),
            "terms": sum(1 for t in terms if str(t[lang]).strip()),
            "size": len(hb.HAN.findall(body)) if lang.startswith("zh") else len(WORD.findall(body)),
        }
    allowed = (src.data(chinese_wording.ALLOW_FILE) or {}).get("allow") or [] if (
        src.docs_dir / "_data" / chinese_wording.ALLOW_FILE).is_file() else []
    outdated = []
    for base, versions in sorted(src.pages_by_base().items()):
        dates = {lang: page_meta.updated(config, p.rel) for lang, p in versions.items()}
        newest, oldest = max(dates, key=dates.get), min(dates, key=dates.get)
        gap = (dates[newest] - dates[oldest]).days
        if gap > OUTDATED_AFTER_DAYS:
            outdated.append({"page": base, "newer": newest, "older": oldest, "days": gap})
    return {"counts": counts, "allowed": allowed, "outdated": outdated}


def render(report: dict, lang: str) -> str:
    t = TEXT[lang]
    rows = "".join(
        f"<tr><td>{l}</td><td>{c['pages']}</td><td>{c['phrases']}</td><td>{c['terms']}</td>"
        f"<td>{(t['chars'] if l.startswith('zh') else t['words']).format(n=c['size'])}</td></tr>"
        for l, c in report["counts"].items()
    )
    parts = [f'<h2 id="counts">{t["counts"]}</h2><div class="md-typeset__table"><table><thead><tr>'
             f'<th>{t["language"]}</th><th>{t["pages"]}</th><th>{t["phrases"]}</th><th>{t["terms"]}</th>'
             f'<th>{t["size"]}</th></tr></thead><tbody>{rows}</tbody></table></div>']
    allowed = "".join(f'<tr><td lang="zh-TW">{html.escape(str(a["text"]))}</td><td lang="zh-TW">{html.escape(str(a["reason"]))}</td></tr>'
                      for a in report["allowed"])
    parts.append(f'<h2 id="allowed">{t["allowed"]}</h2>' + (
        f'<div class="md-typeset__table"><table><thead><tr><th>{t["text"]}</th><th>{t["reason"]}</th></tr></thead>'
        f"<tbody>{allowed}</tbody></table></div>" if allowed else f"<p>{t['none']}</p>"))
    parts.append(f'<h2 id="outdated">{t["outdated"]}</h2>')
    if report["outdated"]:
        rows = "".join(f"<tr><td><code>{o['page']}</code></td><td>{o['newer']}</td><td>{o['older']}</td><td>{o['days']}</td></tr>"
                       for o in report["outdated"])
        parts.append(f"<p>{t['outdated_intro'].format(d=OUTDATED_AFTER_DAYS)}</p><div class=\"md-typeset__table\"><table><thead><tr>"
                     f"<th>{t['page']}</th><th>{t['newer']}</th><th>{t['older']}</th><th>{t['days']}</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table></div>")
    else:
        parts.append(f"<p>{t['outdated_none'].format(d=OUTDATED_AFTER_DAYS)}</p>")
    return "\n".join(parts)


def on_pre_build(config):
    if hb.starting_build(config):
        report = collect(config)
        summary = ", ".join(f"{l}: {c['pages']} pages, {c['phrases']} phrases" for l, c in report["counts"].items())
        log.info("Translation status: %s; %d wording exception(s); %d possibly outdated page(s)",
                 summary, len(report["allowed"]), len(report["outdated"]))


def on_page_content(html_text, page, config, files):
    if "translation-status" not in html_text:
        return html_text
    report = collect(config)
    return MARKER.sub(lambda m: render(report, hb.page_language(page)), html_text)
