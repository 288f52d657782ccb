"""The phrasebook as CSV and as an Anki deck, and the download links pages show.

Salespeople keep phrases in spreadsheets and practise them with flashcards; both files are
generated from the catalog at build time, so they never disagree with the site.
- downloads/phrasebook.csv: UTF-8 with BOM (Excel then opens Chinese correctly), one row per
  phrase, with its kind (say / dont-say);
- downloads/phrasebook-anki.txt: Anki's plain-text import format (tab separated, no HTML), each
  note with a guid made from its phrase's id (`#guid column:4`): importing a newer file updates
  the reader's notes instead of adding a second card beside each corrected one.
Links are relative to the page, so they work under any sub-path. The PDF links appear only in a
build that writes the PDFs (settings.py: not with `pdf: false`, HANDBOOK_PDF=0 or `mkdocs serve`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .phrases import CSV_COLUMNS, Catalog, anki_cards, csv_rows
from .languages import PDF_NAME, other_languages
from .templates import render

CSV_NAME = "downloads/phrasebook.csv"
ANKI_NAME = "downloads/phrasebook-anki.txt"

TEXT = {
    "zh-TW": {"pdf": "下載 PDF 手冊", "colon": "：", "pdf_own": "繁體中文版", "pdf_other": "英文版",
              "csv": "句型庫 CSV（Excel、Google 試算表）", "anki": "Anki 字卡（純文字匯入檔）"},
    "en": {"pdf": "Download the PDF handbook", "colon": ": ", "pdf_own": "English edition",
           "pdf_other": "Traditional Chinese edition", "csv": "Phrasebook CSV (Excel, Google Sheets)",
           "anki": "Anki flashcards (plain-text import file)"},
}


def pdf_links(lang: str, root: str, pdf: bool) -> str:
    """Links to both PDF handbooks, the page's language first; nothing when this build writes no
    PDFs (a quick build must not link to files it does not write)."""
    if not pdf:
        return ""
    other = other_languages(lang)[0]
    return render("pdf_links.html", words=TEXT[lang], own=root + PDF_NAME.format(lang=lang),
                  other_href=root + PDF_NAME.format(lang=other), other=other)


def phrasebook_links(lang: str, root: str) -> str:
    """Links to the phrasebook's CSV and Anki files (written once per build by write())."""
    return render("phrasebook_links.html", words=TEXT[lang], csv=root + CSV_NAME, anki=root + ANKI_NAME)


def csv_text(catalog: Catalog) -> str:
    """The phrasebook as CSV, with a byte order mark so that Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(catalog))
    return "\ufeff" + buffer.getvalue()


def anki_text(catalog: Catalog) -> str:
    """The phrasebook as an Anki plain-text import file: one line per card, tabs and line breaks
    flattened, the header lines telling Anki the note type, deck, tags and guid columns."""
    def field(text):
        return " ".join(text.replace("\t", " ").split())

    # The guid column names each note after its phrase's id, so a new import updates the notes.
    lines = ["#separator:tab", "#html:false", "#notetype:Basic", "#deck:Sales Communication Handbook", "#tags column:3",
             "#guid column:4"]
    lines += ["\t".join([field(front), field(back), tag, guid]) for front, back, tag, guid in anki_cards(catalog)]
    return "\n".join(lines) + "\n"


def write(catalog: Catalog, site_dir: Path) -> None:
    """Write the CSV and Anki files into the site (the default language's build, at its end)."""
    for name, text in ((CSV_NAME, csv_text(catalog)), (ANKI_NAME, anki_text(catalog))):
        (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / name).write_text(text, encoding="utf-8")
