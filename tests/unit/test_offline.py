import json
import struct
from pathlib import Path

from handbook import offline
from handbook.datafiles import load_schema, parse_yaml, schema_problems

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs/_data/schemas/changes.schema.json"


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    for lang in ("zh-TW", "en"):
        (docs / "phone").mkdir(parents=True, exist_ok=True)
        (docs / f"phone/calls.{lang}.md").write_text(f"# Calls {lang}\n", encoding="utf-8")
    return docs


GOOD = """changes:
  - date: 2026-12-06
    kind: new-page
    pages: [phone/calls.md]
    zh-TW: 新頁面。
    en: New page.
  - date: "2026-12-07"
    kind: advice
    pages:
      - phone/calls.md#x
    zh-TW: 建議更新。
    en: Changed advice.
"""


def _entries(text: str):
    data, problems = parse_yaml(text, "docs/_data/changes.yml")
    assert not problems
    return data, data["changes"]


def test_good_changes_render_newest_first_with_links_in_each_language(tmp_path):
    docs = _docs(tmp_path)
    data, entries = _entries(GOOD)
    assert schema_problems(data, load_schema(SCHEMA), "docs/_data/changes.yml") == []
    assert offline.check_change_pages(entries, docs, GOOD) == []
    en = offline.whats_new_markdown(entries, docs, "en")
    assert en.index("## 2026-12-07 {#changes-2026-12-07}") < en.index("## 2026-12-06")
    assert "- **New page**: New page. ([Calls en](phone/calls.md))" in en
    zh = offline.whats_new_markdown(entries, docs, "zh-TW", "sub/")
    assert "- **新頁面**：新頁面。（[Calls zh-TW](../phone/calls.md)）" in zh


def test_an_unknown_page_names_its_line_and_the_fix(tmp_path):
    text = GOOD.replace("phone/calls.md#x", "phone/nowhere.md")
    problems = offline.check_change_pages(_entries(text)[1], _docs(tmp_path), text)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == "docs/_data/changes.yml" and problem.line == 10
    assert "phone/nowhere.md" in problem.message and "docs/phone/nowhere.zh-TW.md" in problem.message
    assert "nav of mkdocs.yml" in problem.fix


def test_an_inline_page_list_names_the_entry_line(tmp_path):
    text = GOOD.replace("pages: [phone/calls.md]", "pages: [phone/gone.md]")
    assert [p.line for p in offline.check_change_pages(_entries(text)[1], _docs(tmp_path), text)] == [4]


def test_the_schema_rejects_an_unknown_kind_and_a_bad_date():
    data, _ = _entries(GOOD.replace("kind: advice", "kind: rumour").replace('"2026-12-07"', '"7 Dec"'))
    problems = schema_problems(data, load_schema(SCHEMA), "docs/_data/changes.yml")
    assert {p.line for p in problems} == {7, 8}


def test_precache_lists_pages_as_folders_and_leaves_out_pdfs_maps_and_lunr(tmp_path):
    site = tmp_path / "site"
    for rel in ("index.html", "en/phone/index.html", "assets/app.js", "assets/app.js.map", "handbook-en.pdf",
                "sitemap.xml", "sitemap.xml.gz", "assets/javascripts/lunr/min/lunr.de.min.js", "sw.js", ".build-log.txt"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")
    entries = offline.precache_entries(site)
    assert sorted(url for url, _ in entries) == ["./", "assets/app.js", "en/phone/", "sitemap.xml"]
    assert all(len(digest) == 16 for _, digest in entries)
    source = offline.worker_source(entries)
    assert offline.version_of(entries) in source and '["en/phone/", ' in source
    done = offline.write_worker(site)
    assert done["files"] == 4 and (site / "sw.js").read_text(encoding="utf-8") == source
    offline.write_worker(site, serve=True)
    assert "unregister" in (site / "sw.js").read_text(encoding="utf-8")


def test_same_files_same_version_and_a_changed_file_a_new_one(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("a", encoding="utf-8")
    first = offline.version_of(offline.precache_entries(site))
    assert offline.version_of(offline.precache_entries(site)) == first
    (site / "index.html").write_text("b", encoding="utf-8")
    assert offline.version_of(offline.precache_entries(site)) != first


def test_manifests_are_relative_so_any_sub_path_works():
    zh = offline.manifest("zh-TW", "國外業務溝通手冊", True)
    en = offline.manifest("en", "Sales Communication Handbook", False)
    assert zh["start_url"] == zh["scope"] == "./" and en["start_url"] == "./" and en["scope"] == "../"
    assert {i["sizes"] for i in en["icons"]} == {"any", "192x192", "512x512"}
    assert all(i["src"].startswith("../assets/images/") for i in en["icons"])
    assert all(not i["src"].startswith("/") for i in zh["icons"]) and zh["theme_color"] == "#3f51b5"
    assert json.dumps(zh, ensure_ascii=False)


def test_the_committed_icons_have_their_sizes():
    for size in (192, 512):
        data = (ROOT / f"docs/assets/images/icon-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (size, size)


class _Entry:
    def __init__(self, id, title, level, children=()):
        self.id, self.title, self.level, self.children = id, title, level, list(children)


def test_template_list_groups_templates_under_their_sections():
    page = ('<h1 id="t">Email templates</h1><p>Intro.</p><p>More.</p><h2 id="before">Before</h2>'
            '<div class="hb-email" id="email-a-block" data-email-id="a"></div>'
            '<div class="hb-email" id="email-b-block" data-email-id="b"></div>')
    toc = [_Entry("t", "Email templates", 1, [_Entry("before", "Before", 2), _Entry("a", "A", 2), _Entry("b", "B", 2)])]
    out = offline.template_list(page, toc, "en")
    assert out.index("<p>Intro.</p>") < out.index("hb-template-list") < out.index("<p>More.</p>")
    assert "The 2 templates on this page" in out
    assert '<li class="hb-template-list__group">Before</li><li><a href="#a">A</a></li><li><a href="#b">B</a></li>' in out
    assert offline.template_list("<h1>x</h1><p>no templates</p>", [], "en") == "<h1>x</h1><p>no templates</p>"
