"""Downloads: the phrasebook as CSV and as an Anki deck, and the links to the PDF handbooks.

Why: salespeople keep phrases in spreadsheets and practise them with flashcards; both files are
generated from the catalog at build time, so they can never disagree with the site.

- site/downloads/phrasebook.csv: UTF-8 with BOM (so Excel opens Chinese correctly), a header row,
  one row per phrase: id, situation (both languages), English, Chinese, notes.
- site/downloads/phrasebook-anki.txt: Anki's plain-text import format with its header lines
  (tab separator, no HTML, note type Basic, a tags column): front English, back Chinese + note.
- `<!-- phrasebook-downloads -->` and `<!-- handbook-downloads -->` markers in a page render the
  download links, relative to the page so they work under any sub-path.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from mkdocs.plugins import event_priority

import _handbook as hb
import phrase_catalog

CSV_NAME = "downloads/phrasebook.csv"
ANKI_NAME = "downloads/phrasebook-anki.txt"
PDF_NAME = "handbook-{lang}.pdf"
CSV_COLUMNS = ["id", "situation_en", "situation_zh-TW", "en", "zh-TW", "note_en", "note_zh-TW"]

TEXT = {
    "zh-TW": {
        "pdf": "下載 PDF 手冊", "pdf_own": "繁體中文版", "pdf_other": "英文版",
        "csv": "句型庫 CSV（Excel、Google 試算表）", "anki": "Anki 字卡（純文字匯入檔）",
    },
    "en": {
        "pdf": "Download the PDF handbook", "pdf_own": "English edition", "pdf_other": "Traditional Chinese edition",
        "csv": "Phrasebook CSV (Excel, Google Sheets)", "anki": "Anki flashcards (plain-text import file)",
    },
}
MARKER = re.compile(r"(?:<p>)?<!--\s*(?P<what>phrasebook|handbook)-downloads\s*-->(?:</p>)?")


def csv_rows(catalog) -> list[list[str]]:
    rows = []
    for p in catalog.select("all", ()):
        situation = catalog.situations[p["situation"]]
        note = p.get("note") or {}
        rows.append([p["id"], situation["en"], situation["zh-TW"], p["en"], p["zh-TW"],
                     note.get("en", ""), note.get("zh-TW", "")])
    return rows


def write_csv(catalog, path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(catalog))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")


def _anki_field(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def write_anki(catalog, path: Path) -> None:
    lines = ["#separator:tab", "#html:false", "#notetype:Basic", "#deck:Sales Communication Handbook",
             "#tags column:3"]
    for p in catalog.select("all", ()):
        back = p["zh-TW"] + (f" — {p['note']['zh-TW']}" if p.get("note") else "")
        lines.append("\t".join([_anki_field(p["en"]), _anki_field(back), f"handbook::{p['situation']}"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _to_root(page) -> str:
    depth = (page.url or "").count("/")
    return "../" * depth


def on_page_content(html_text, page, config, files):
    if "-downloads" not in html_text:  # no marker on this page: skip the regex scan
        return html_text
    lang = hb.page_language(page)
    text = TEXT[lang]
    root = _to_root(page)

    def replace(match):
        if match.group("what") == "handbook":
            other = [l for l in hb.LANGUAGES if l != lang][0]
            return (
                f'<p class="hb-downloads"><strong>{text["pdf"]}</strong>：' if lang == "zh-TW" else
                f'<p class="hb-downloads"><strong>{text["pdf"]}</strong>: '
            ) + (
                f'<a class="md-button md-button--primary" href="{root}{PDF_NAME.format(lang=lang)}" download>'
                f'{text["pdf_own"]} (PDF)</a> '
                f'<a class="md-button" href="{root}{PDF_NAME.format(lang=other)}" hreflang="{other}" download>'
                f'{text["pdf_other"]} (PDF)</a></p>'
            )
        return (
            f'<p class="hb-downloads"><a class="md-button" href="{root}{CSV_NAME}" download>{text["csv"]}</a> '
            f'<a class="md-button" href="{root}{ANKI_NAME}" download>{text["anki"]}</a></p>'
        )

    return MARKER.sub(replace, html_text)


@event_priority(-200)
def on_post_build(config):
    if hb.is_outer_build(config):
        catalog = phrase_catalog.load(config)
        site = Path(config.site_dir)
        write_csv(catalog, site / CSV_NAME)
        write_anki(catalog, site / ANKI_NAME)
