"""Copied Material partials must be re-synced when Material changes them.

overrides/partials/*.html replace some of Material's own partials. Each was copied from one
version of Material and changed a little; when Material ships a different original, the copy
silently keeps the old markup. tests/material_partials.json records the sha256 of the original
each copy was made from; this test compares it with the installed Material's file and names the
override to re-sync. Pure file reads: milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "overrides"
MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"
RECORD = Path(__file__).resolve().parent / "material_partials.json"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def replaced_templates(overrides: Path, material_templates: Path) -> list[str]:
    """Files under overrides/ that take the place of a Material template of the same path and do
    not simply extend it (an override that uses {% extends %} copies nothing)."""
    replaced = []
    for path in sorted(overrides.rglob("*.html")):
        rel = path.relative_to(overrides).as_posix()
        if (material_templates / rel).is_file() and "{% extends" not in path.read_text(encoding="utf-8"):
            replaced.append(rel)
    return replaced


def drift_problems(overrides: Path, material_templates: Path, record: dict) -> list[str]:
    """Every copied partial whose Material original changed, vanished or was never recorded."""
    recorded = record["partials"]
    problems = [
        f"overrides/{rel} replaces Material's {rel}, but tests/material_partials.json does not record it:"
        f" add it with the sha256 of the original it was copied from ({_sha256(material_templates / rel)}"
        " if it was copied from the installed Material)"
        for rel in replaced_templates(overrides, material_templates) if rel not in recorded
    ]
    for rel, digest in sorted(recorded.items()):
        original = material_templates / rel
        if not (overrides / rel).is_file():
            problems.append(f"tests/material_partials.json records overrides/{rel}, which no longer exists: remove the entry")
        elif not original.is_file():
            problems.append(f"Material has no {rel} any more, so overrides/{rel} overrides nothing: move the"
                            " handbook's change to where Material moved that markup")
        elif _sha256(original) != digest:
            problems.append(f"Material's {rel} changed since overrides/{rel} was copied (from Material"
                            f" {record['material_version']}): re-sync overrides/{rel} - copy the new original,"
                            " re-apply the handbook's change described in its first comment - then record"
                            f" sha256 {_sha256(original)} in tests/material_partials.json")
    return problems


def test_copied_partials_match_the_installed_material():
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    problems = drift_problems(OVERRIDES, MATERIAL_TEMPLATES, record)
    assert not problems, f"installed Material {material.__version__}:\n" + "\n".join(problems)


def test_a_changed_original_names_the_file_to_resync(tmp_path):
    material_copy = tmp_path / "material"
    shutil.copytree(MATERIAL_TEMPLATES / "partials", material_copy / "partials")
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    assert drift_problems(OVERRIDES, material_copy, record) == []
    with (material_copy / "partials" / "search.html").open("a") as original:
        original.write("<!-- a new Material release -->\n")
    problems = drift_problems(OVERRIDES, material_copy, record)
    assert len(problems) == 1 and "re-sync overrides/partials/search.html" in problems[0]


def test_an_unrecorded_copy_is_reported(tmp_path):
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "partials" / "footer.html").write_text("<footer>copied</footer>", encoding="utf-8")
    problems = drift_problems(overrides, MATERIAL_TEMPLATES, {"material_version": "x", "partials": {}})
    assert len(problems) == 1 and "overrides/partials/footer.html" in problems[0]


def test_every_palette_is_one_overrides_palette_handles():
    """overrides/partials/palette.html applies a palette option by its own media query; Material's
    automatic option ("(prefers-color-scheme)") needs its component, which the override leaves off."""
    from conftest import i18n_settings, mkdocs_settings

    settings = mkdocs_settings()
    languages = i18n_settings(settings)["languages"]
    palettes = [settings["theme"]["palette"]] + [l["theme"]["palette"] for l in languages if "palette" in l.get("theme", {})]
    assert len(palettes) == 1 + len(languages), "the theme's palette and each language's"
    for palette in palettes:
        medias = [option.get("media") for option in palette]
        assert all(media and media != "(prefers-color-scheme)" for media in medias), (
            f"mkdocs.yml palette options {medias}: overrides/partials/palette.html needs each option's own"
            " media query, e.g. (prefers-color-scheme: light)")
