"""hooks/handbook/diagrams.py: finding Mermaid blocks, cache keys and place, the figure that
replaces a block (accessible name and text alternative). No browser, no build."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import diagrams

PAGE = """<h2 id="glance">The routine at a glance<a class="headerlink" href="#glance" title="Link">&para;</a></h2>
<p>Before &amp; after</p>
<pre class="mermaid"><code>flowchart TD
    A[Phone rings] --&gt; B{&quot;Do you understand?&quot;}
</code></pre>
<h3>Next</h3>
<pre class="mermaid"><code>flowchart LR
    X --&gt; Y
</code></pre>
<p>end</p>"""

SVG = ('<svg id="hb-diagram-drawing" width="100%" xmlns="http://www.w3.org/2000/svg" role="graphics-document document" '
       'aria-roledescription="flowchart-v2" viewBox="0 0 10 10"><style>#hb-diagram-drawing .node{}</style>'
       '<g><text>Phone rings</text></g><marker id="hb-diagram-drawing_arrow"/></svg>')
DRAWING = {"svg": SVG, "title": "", "description": "",
           "steps": [["Phone rings", "", "Do you understand?"], ["Do you understand?", "Yes", "Handle it"]]}


def test_find_diagrams_gives_text_heading_and_exact_span():
    found = diagrams.find_diagrams(PAGE)
    assert [d.text for d in found] == ['flowchart TD\n    A[Phone rings] --> B{"Do you understand?"}\n', "flowchart LR\n    X --> Y\n"]
    assert [d.heading for d in found] == ["The routine at a glance", "Next"]  # the permalink sign is not part of it
    for d in found:
        assert PAGE[d.start:d.end].startswith('<pre class="mermaid">') and PAGE[d.start:d.end].endswith("</pre>")


def test_find_diagrams_ignores_pages_and_code_without_mermaid():
    assert diagrams.find_diagrams("<pre><code>flowchart TD</code></pre>") == []
    assert diagrams.find_diagrams('<pre class="highlight"><code>class="mermaid"</code></pre>') == []


def test_find_diagrams_reads_up_to_the_last_end_tag_of_a_pre_as_a_whole_parse_does():
    def whole(page):  # the parse without the early stop
        finder = diagrams._DiagramFinder(page)
        finder.feed(page)
        finder.close()
        return finder.found

    tail = ('<h2>After</h2><pre class="mermaid">flowchart LR\n  P --> Q\n</PRE >'
            '<script>var s = "</pre>";</script><p>text</p><pre><code>x</code></pre><p>end')
    for page in (PAGE, PAGE + tail, tail, PAGE + '<pre class="mermaid">never closed'):
        assert diagrams.find_diagrams(page) == whole(page)
    assert [d.heading for d in diagrams.find_diagrams(PAGE + tail)][-1] == "After"


def test_cache_key_changes_with_text_version_and_settings_only():
    key = diagrams.cache_key("flowchart TD\n A-->B", "11.17.2", "f1")
    assert key == diagrams.cache_key("flowchart TD\n A-->B", "11.17.2", "f1")
    assert len({key, diagrams.cache_key("flowchart TD\n A-->C", "11.17.2", "f1"),
                diagrams.cache_key("flowchart TD\n A-->B", "11.18.0", "f1"),
                diagrams.cache_key("flowchart TD\n A-->B", "11.17.2", "f2")}) == 4


def test_settings_fingerprint_follows_the_settings_and_the_draw_script():
    base = diagrams.settings_fingerprint(diagrams.SETTINGS, "script")
    assert base == diagrams.settings_fingerprint(dict(diagrams.SETTINGS), "script")
    assert base != diagrams.settings_fingerprint({**diagrams.SETTINGS, "theme": "dark"}, "script")
    assert base != diagrams.settings_fingerprint(diagrams.SETTINGS, "script v2")


def test_mermaid_version_from_the_vendored_name():
    assert diagrams.mermaid_version(Path("mermaid-11.17.2.min.js")) == "11.17.2"
    with pytest.raises(ValueError):
        diagrams.mermaid_version(Path("mermaid.min.js"))


def test_figure_is_one_named_image_with_a_text_alternative():
    html = diagrams.figure(DRAWING, "hb-diagram-abc", "en", "The routine at a glance")
    assert html.startswith('<figure class="hb-diagram"')
    assert 'role="img" aria-labelledby="hb-diagram-abc-title" aria-describedby="hb-diagram-abc-desc"' in html
    assert "graphics-document" not in html and "aria-roledescription" not in html
    assert '<title id="hb-diagram-abc-title">Flowchart: The routine at a glance</title>' in html
    assert ("<desc id=\"hb-diagram-abc-desc\">Phone rings → Do you understand?; "
            "Do you understand? → (Yes) Handle it.</desc>") in html
    assert "hb-diagram-drawing" not in html and "#hb-diagram-abc .node" in html and 'id="hb-diagram-abc_arrow"' in html


def test_figure_in_chinese_and_with_the_authors_own_title():
    zh = diagrams.figure(DRAWING, "d1", "zh-TW", "流程一覽")
    assert "<title id=\"d1-title\">流程圖：流程一覽</title>" in zh
    assert "Do you understand? →（Yes）Handle it。" in zh
    own = diagrams.figure({**DRAWING, "title": "Call routine", "description": "Eight steps."}, "d1", "en", "x")
    assert ">Call routine</title>" in own and ">Eight steps.</desc>" in own


def test_text_alternative_without_steps_uses_the_drawings_labels():
    assert diagrams.text_alternative({"svg": SVG, "steps": []}, "en") == "Phone rings"


def test_replace_diagrams_splices_and_gives_unique_ids():
    found = diagrams.find_diagrams(PAGE)
    out = diagrams.replace_diagrams(PAGE, found, [DRAWING, DRAWING], ["a" * 64, "a" * 64], "en")
    assert "mermaid" not in out
    assert out.count('<figure class="hb-diagram"') == 2
    assert 'id="hb-diagram-aaaaaaaaaa"' in out and 'id="hb-diagram-aaaaaaaaaa-2"' in out
    # Everything around the diagrams is untouched, byte for byte.
    assert out.startswith(PAGE[:found[0].start]) and out.endswith(PAGE[found[1].end:])


def test_drawing_needs_the_font_the_labels_are_measured_with():
    import subprocess
    from types import SimpleNamespace

    asked = []

    def fc_list(found):
        def run(command, **kwargs):
            asked.append(command)
            return SimpleNamespace(stdout=found)
        return run

    def no_fontconfig(command, **kwargs):
        raise FileNotFoundError(command[0])

    assert diagrams.font_installed("Liberation Sans", run=fc_list("Liberation Sans\n"))
    assert asked[-1] == ["fc-list", ":family=Liberation Sans", "family"]
    assert not diagrams.font_installed("Liberation Sans", run=fc_list(""))
    assert not diagrams.font_installed("Liberation Sans", run=no_fontconfig)
    assert diagrams.MEASURING_FONT in diagrams.FONT.split(",")[0]
    assert diagrams.font_installed("No Such Font Family Anywhere", run=subprocess.run) is False
