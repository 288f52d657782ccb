"""The phrasebook's Anki file imported by the real Anki library (`anki` on PyPI, the code of Anki's
desktop app): a reader who imports a newer file after a phrase was corrected gets that note
updated, not a second card beside the old one, because each note's guid is its phrase's id
(`#guid column:4`, hooks/handbook/downloads.py). No build: the unit fixture's catalog, in a
throwaway collection, and the project's own catalog."""

from __future__ import annotations

from pathlib import Path

import pytest


from handbook import downloads, phrases  # noqa: E402
from handbook.datafiles import parse_yaml  # noqa: E402

from anki import collection as anki_collection  # noqa: E402  (tests/requirements.txt pins anki)
from anki.import_export_pb2 import ImportCsvRequest  # noqa: E402

FIXTURE = (Path(__file__).parent / "unit/fixtures/phrases.yml").read_text(encoding="utf-8")
CATALOG = Path(__file__).resolve().parent.parent / "docs/_data/phrases.yml"


def deck(fixture: str) -> str:
    data, _ = parse_yaml(fixture, "phrases.yml")
    catalog, problems = phrases.check_catalog(data, "phrases.yml")
    assert problems == []
    return downloads.anki_text(catalog)


def import_file(collection, path: Path, text: str):
    """Import as Anki's File > Import does: the file's own # headers decide the columns."""
    path.write_text(text, encoding="utf-8")
    metadata = collection.get_csv_metadata(path=str(path), delimiter=None)
    return collection.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def notes(collection) -> dict[str, list[str]]:
    return {note.guid: note.fields for note in map(collection.get_note, collection.find_notes(""))}


@pytest.fixture
def collection(tmp_path):
    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def test_the_deck_imports_one_note_per_phrase_into_its_deck_with_its_tag(collection, tmp_path):
    log = import_file(collection, tmp_path / "phrasebook-anki.txt", deck(FIXTURE))
    assert len(log.new) == 3 and not log.updated
    imported = notes(collection)
    assert set(imported) == {"handbook-phrase-calm-down", "handbook-phrase-understand", "handbook-phrase-send-samples"}
    assert imported["handbook-phrase-understand"] == ["I understand, [name]. Let me check.", "[name]，我了解，讓我確認一下。"]
    assert collection.decks.by_name("Sales Communication Handbook")
    assert collection.find_notes("tag:handbook::phone") and len(collection.find_notes("deck:Sales*")) == 3


def test_a_new_import_after_a_phrase_is_corrected_updates_its_note(collection, tmp_path):
    import_file(collection, tmp_path / "old.txt", deck(FIXTURE))
    corrected = FIXTURE.replace('en: "I understand, [name]. Let me check."', 'en: "I see, [name]. Let me check for you."')
    assert corrected != FIXTURE
    log = import_file(collection, tmp_path / "new.txt", deck(corrected))
    assert len(log.updated) == 2 and not log.new  # the phrase and the don't-say card that names it
    imported = notes(collection)
    assert len(imported) == 3, "a re-import added notes beside the old ones"
    assert imported["handbook-phrase-understand"][0] == "I see, [name]. Let me check for you."
    assert imported["handbook-phrase-calm-down"][0].endswith("Say instead: I see, [name]. Let me check for you.")


def test_without_the_guid_column_the_same_re_import_would_add_a_card(collection, tmp_path):
    """The control: Anki matches a file without guids on the first field, so a corrected phrase
    becomes a new note and the old card stays (what readers got before the guid column)."""
    def without_guid(text):
        return "".join(line.rsplit("\t", 1)[0] + "\n" if not line.startswith("#") else line + "\n"
                       for line in text.splitlines() if line != "#guid column:4")
    import_file(collection, tmp_path / "old.txt", without_guid(deck(FIXTURE)))
    corrected = FIXTURE.replace('en: "I understand, [name]. Let me check."', 'en: "I see, [name]. Let me check for you."')
    import_file(collection, tmp_path / "new.txt", without_guid(deck(corrected)))
    assert len(notes(collection)) == 5


def test_the_projects_deck_imports_every_phrase_once_and_again_without_change(collection, tmp_path):
    text = deck(CATALOG.read_text(encoding="utf-8"))
    cards = [line for line in text.splitlines() if not line.startswith("#")]
    first = import_file(collection, tmp_path / "phrasebook-anki.txt", text)
    assert len(first.new) == len(cards) == len(notes(collection)), "a guid is shared by two phrases"
    again = import_file(collection, tmp_path / "phrasebook-anki.txt", text)
    assert not again.new and not again.updated and len(notes(collection)) == len(cards)
