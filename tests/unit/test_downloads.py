from handbook import downloads
from .test_phrases import catalog


def test_pdf_links_only_when_the_pdfs_are_built():
    assert downloads.pdf_links("en", "../", pdf=False) == ""
    html = downloads.pdf_links("en", "../", pdf=True)
    assert 'href="../handbook-en.pdf"' in html and 'href="../handbook-zh-TW.pdf" hreflang="zh-TW"' in html


def test_csv_has_a_bom_a_header_and_the_kind():
    text = downloads.csv_text(catalog())
    assert text.startswith("\ufeffid,kind,situation_en") and "calm-down,dont-say," in text


def test_anki_file_has_anki_headers_and_one_line_per_card():
    lines = downloads.anki_text(catalog()).splitlines()
    assert lines[:2] == ["#separator:tab", "#html:false"] and "#guid column:4" in lines and len(lines) == 6 + 3
    assert lines[6].startswith("Don't say: Calm down. -> Say instead:")
    assert [line.split("\t")[3] for line in lines[6:]] == ["handbook-phrase-calm-down", "handbook-phrase-understand",
                                                           "handbook-phrase-send-samples"]
