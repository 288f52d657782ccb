import json
from pathlib import Path

from handbook.datafiles import load_schema, parse_yaml, schema_problems, valid_items

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "docs/_data/schemas"


def schema(name):
    return load_schema(SCHEMAS / f"{name}.schema.json")


def test_mappings_remember_their_line_and_their_keys_lines():
    data, problems = parse_yaml("top:\n  - id: a\n    en: x\n", "f.yml")
    assert problems == []
    item = data["top"][0]
    assert item.line == 2 and item.key_lines == {"id": 2, "en": 3}


def test_malformed_yaml_is_a_problem_with_its_line():
    data, [problem] = parse_yaml("a: 1\nb: c: d\n", "f.yml")
    assert data is None and problem.line == 2 and "is not valid YAML" in problem.message


def test_duplicate_key_is_a_problem():
    _, [problem] = parse_yaml("a: 1\na: 2\n", "f.yml")
    assert "duplicate key 'a'" in problem.message and problem.line == 2


def test_schema_error_maps_to_the_line_of_the_key_and_names_the_entry():
    text = (Path(__file__).parent / "fixtures/phrases.yml").read_text(encoding="utf-8")
    text = text.replace('    en: "I understand', '    colour: red\n    en: "I understand')
    data, _ = parse_yaml(text, "p.yml")
    [problem] = schema_problems(data, schema("phrases"), "p.yml")
    assert problem.message == "phrase understand: unknown field 'colour'"
    assert problem.line == text.splitlines().index("    colour: red") + 1
    assert "remove it or use one of" in problem.fix


def test_missing_and_empty_fields_and_bad_ids():
    data, _ = parse_yaml('situations: {phone: {en: x, zh-TW: 電話}}\nphrases:\n  - id: Bad_Id\n'
                         '    situation: phone\n    topic: t\n    en: ""\n', "p.yml")
    messages = {p.message: p.line for p in schema_problems(data, schema("phrases"), "p.yml")}
    assert messages["phrase Bad_Id: missing 'zh-TW'"] == 3
    assert messages["phrase Bad_Id, en: is empty"] == 6
    assert messages["phrase Bad_Id, id: 'Bad_Id' is not lowercase letters, digits and single hyphens (stable: never reuse or rename one)"] == 3


def test_dont_say_needs_instead_and_note():
    data, _ = parse_yaml("situations: {s: {en: x, zh-TW: 情境}}\nphrases:\n  - {id: a, situation: s, topic: t,"
                         " kind: dont-say, en: Calm down., zh-TW: 冷靜。}\n", "p.yml")
    [problem] = schema_problems(data, schema("phrases"), "p.yml")
    assert problem.message == "phrase a: missing 'instead', 'note'"


def test_the_project_data_files_meet_their_schemas():
    for name in ("phrases", "glossary", "quizzes", "wording"):
        data, problems = parse_yaml((ROOT / f"docs/_data/{name}.yml").read_text(encoding="utf-8"), name)
        assert problems == [] and schema_problems(data, schema(name), name) == [], name


def test_valid_items_keeps_the_good_entries():
    data, _ = parse_yaml("terms:\n  - {id: a, zh-TW: 甲, en: a, definition: {zh-TW: 甲。, en: A.}}\n  - {id: b}\n", "g")
    assert [t["id"] for t in valid_items(data["terms"], schema("glossary"), "term")] == ["a"]
