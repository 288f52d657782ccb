"""Build benchmark: how long the handbook takes to build, what the hooks and the PDFs cost, how the
build scales with 10x the content, and how heavy each kind of page is for a reader.

    .venv/bin/python tests/benchmark.py            # 3 runs of every configuration (median counts)
    .venv/bin/python tests/benchmark.py --runs 5

Not a test: it prints tables and judges nothing, apart from marking the targets it was written
for (hooks overhead <= 1.10x against the same pages built without them, 10x content <= 10x the time, PDFs <= 2x the site build, Lighthouse
performance >= 95 on the phone preset). Timing scores live here, never in a test that gates CI:
they move with the machine's load.

Every configuration is built from its own copy of the project's sources in a temporary folder
(so the working tree is never touched), with `mkdocs build --strict`, timed from the command's
start to its end (Python start-up included: it is what a writer waits for). The runs go round
robin (1st run of every configuration, then the 2nd, ...) so that a slow minute on the machine
does not fall on one configuration only.

Configurations:
- full: the real build, site and both PDFs.
- no PDFs: HANDBOOK_PDF=0 (the 1x content build below).
- same pages, no hooks: the baseline of the hooks' overhead. Each page's Markdown as the hooks
  expand it (every marker replaced by the phrase table, quiz, email template or glossary it makes,
  recorded from one build with the hooks), built with mkdocs.yml's `hooks:` list removed: the same
  pages and text, nothing checked, no search fields added, no diagrams drawn. Material segments the
  Chinese with jieba's default dictionary, as it does without the hooks.
- no hooks, markers empty: mkdocs.yml without its `hooks:` list and nothing else changed: the
  markers stay HTML comments, so this site lacks every phrase table, quiz, email template and the
  glossary list (about half of the search text). Shown for reference; comparing with it measures
  the content the hooks make as well as their work.
- zh-TW alone, en alone: mkdocs-static-i18n's `build_only_locale` in a copy of mkdocs.yml (the
  plugin reads no environment variable for it), HANDBOOK_PDF=0.
- 10x content: every page except the phrasebook copied nine times under new names and added to
  the nav next to its original, the phrase catalog copied nine times with new ids and topics, and
  each page copy's markers pointing at its own catalog copy (the phrasebook lists the whole,
  10x catalog, so it is not copied). HANDBOOK_PDF=0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))
from conftest import copy_project  # noqa: E402

COPIES = 10
GZIP_LEVEL = 6  # tests/nginx/handbook.conf: gzip_comp_level 6


# --------------------------------------------------------------------------- project variants



def _nginx_serving(site: Path, work: Path, name: str):
    """nginx (the tests' harness: test_quality.start_nginx) serving a copy of `site` under
    /handbook/ on a free port; returns (port, a function that stops it)."""
    import test_quality as tq

    www, prefix = work / f"{name}-www", work / f"{name}-prefix"
    shutil.rmtree(www, ignore_errors=True)
    prefix.mkdir(parents=True, exist_ok=True)
    shutil.copytree(site, www / "handbook")
    port = tq._free_port()
    command = tq.start_nginx(prefix, www, port)
    return port, lambda: tq.stop_nginx(command, prefix)


def make_no_hooks(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^hooks:\n(?:[ \t]+-.*\n|[ \t]*#.*\n)+", "hooks:\n  - baseline_templates.py\n", text)
    if count != 1:
        raise SystemExit("benchmark: cannot find the `hooks:` list in mkdocs.yml")
    # Without the hooks, markers render nothing, so the headings they make (an email template's
    # anchor) do not exist: MkDocs' anchor check may only inform in this baseline.
    new = new.replace("  anchors: warn", "  anchors: info")
    config.write_text(new, encoding="utf-8")
    (project / "baseline_templates.py").write_text(BASELINE_TEMPLATES, encoding="utf-8")


# The one hook a baseline keeps: the project's templates use a filter and hb_* variables that its
# hooks provide; here the filter is a plain replace and the variables render empty.
BASELINE_TEMPLATES = '''"""Written by tests/benchmark.py into a baseline without the project's hooks: just what the
templates need to render (the hb_replace_exactly filter as a plain replace; hb_* variables empty)."""
import jinja2


def on_env(env, config, files):
    env.undefined = jinja2.ChainableUndefined
    env.filters["hb_replace_exactly"] = lambda text, old, new, *rest: text.replace(old, new)
    return env
'''


def make_same_pages(project: Path) -> None:
    """`project` without its hooks, each page file holding the Markdown the hooks expand it to."""
    expanded = project.parent / "expanded-pages.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--record-expanded-pages", str(expanded)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "0"}
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise SystemExit(f"benchmark: recording the expanded pages failed:\n{result.stderr[-3000:]}")
    for rel, markdown in json.loads(expanded.read_text(encoding="utf-8")).items():
        page = project / "docs" / rel
        front = FRONT_MATTER.match(page.read_text(encoding="utf-8"))
        page.write_text((front.group(0) if front else "") + markdown + "\n", encoding="utf-8")
    make_no_hooks(project)


FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def record_expanded_pages(target: Path) -> None:
    """Run in a project folder (a subprocess of make_same_pages): build it with its hooks and write
    {page file under docs/: its Markdown after the marker preprocessor} to `target` as JSON, each
    stashed HTML block (the markup a marker made) put back in place."""
    sys.path.insert(0, str(Path.cwd() / "hooks"))
    from handbook.markdown_ext import MarkerPreprocessor
    from markdown.util import HTML_PLACEHOLDER
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    current, expanded = {}, {}
    render, expand = Page.render, MarkerPreprocessor.run

    def render_page(page, config, files):
        current["page"] = page.file.src_uri
        return render(page, config, files)

    def expand_markers(preprocessor, lines):
        result = expand(preprocessor, lines)
        blocks = preprocessor.md.htmlStash.rawHtmlBlocks
        text = "\n".join(result)
        placeholder = re.escape(HTML_PLACEHOLDER).replace("%s", r"(\d+)")  # Python-Markdown's stash marker
        expanded[current["page"]] = re.sub(placeholder, lambda m: str(blocks[int(m.group(1))]), text)
        return result

    Page.render, MarkerPreprocessor.run = render_page, expand_markers
    site = Path(tempfile.mkdtemp(prefix="handbook-record-"))
    try:
        mkdocs_build(load_config("mkdocs.yml", site_dir=str(site)))
    finally:
        shutil.rmtree(site, ignore_errors=True)
    target.write_text(json.dumps(expanded, ensure_ascii=False), encoding="utf-8")


def make_single_locale(project: Path, locale: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^(  - i18n:\n)", rf"\g<1>      build_only_locale: {locale}\n", text)
    if count != 1:
        raise SystemExit("benchmark: cannot find the i18n plugin in mkdocs.yml")
    config.write_text(new, encoding="utf-8")


NAV_PAGE = re.compile(r"^(?P<indent>\s*)- (?:(?P<title>[^:\n]+): )?(?P<path>[\w./-]+)\.md\s*$")
BLOCK_MARKER = re.compile(r"<!--\s*phrases\s+(?P<key>topic|ids)=(?P<value>[a-z0-9,-]+)\s*-->")
INLINE_MARKER = re.compile(r"<!--\s*phrase\s+(?P<id>[a-z0-9-]+)\s*-->")
QUESTIONS = re.compile(r"(?m)^questions:\n(?:[ \t]+- .*\n)+")


# Pages whose content the build allows once: the full phrase listing, the email templates.
ONCE_ONLY = ("<!-- phrases all -->", "<!-- email ")


def make_content_x10(project: Path) -> dict:
    """Every page (but the phrasebook and the templates page, whose content may appear once) and
    the catalog, ten times. Returns counts."""
    docs = project / "docs"
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    nav_start = lines.index("nav:")
    out, titles, pages = lines[: nav_start + 1], [], 0
    for line in lines[nav_start + 1:]:
        out.append(line)
        match = NAV_PAGE.match(line)
        if not match:
            continue
        base = match.group("path")
        sources = sorted(docs.glob(base + ".*.md"))
        if not sources or any(once in p.read_text(encoding="utf-8") for p in sources for once in ONCE_ONLY):
            continue
        for n in range(2, COPIES + 1):
            for source in sources:
                lang = source.name[len(Path(base).name) + 1: -len(".md")]
                text = source.read_text(encoding="utf-8")
                text = BLOCK_MARKER.sub(lambda m: "<!-- phrases %s=%s -->" % (
                    m.group("key"), ",".join(f"{v}-c{n}" for v in m.group("value").split(","))), text)
                text = INLINE_MARKER.sub(lambda m: f"<!-- phrase {m.group('id')}-c{n} -->", text)
                text = QUESTIONS.sub("", text, count=1)  # a question leads to one page: copies have none
                (docs / f"{base}-c{n}.{lang}.md").write_text(text, encoding="utf-8")
                pages += 1
            title = match.group("title")
            if title:
                titles.append((title, n))
                out.append(f"{match.group('indent')}- {title} ({n}): {base}-c{n}.md")
            else:
                out.append(f"{match.group('indent')}- {base}-c{n}.md")
    text = "\n".join(out)
    for title, n in titles:  # English nav titles of the titled copies
        text = re.sub(rf"(?m)^(\s+){re.escape(title)}: (.+)$",
                      lambda m: f"{m.group(0)}\n{m.group(1)}{title} ({n}): {m.group(2)} ({n})", text, count=1)
    config.write_text(text, encoding="utf-8")

    catalog_path = docs / "_data" / "phrases.yml"
    catalog = yaml.safe_load(catalog_path.read_text(encoding="utf-8"))
    originals = catalog["phrases"]
    # A phrase only a drill uses (no page names its id or topic) is placed by the drill, which is
    # not copied: its copies would be on no page, so it is not copied.
    pages_text = "\n".join(p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))
    drills_text = (docs / "_data" / "drills.yml").read_text(encoding="utf-8")
    copied = [p for p in originals if p["id"] in pages_text or p["topic"] in pages_text or p["id"] not in drills_text]
    copies = [{**p, "id": f"{p['id']}-c{n}", "topic": f"{p['topic']}-c{n}",
               **({"instead": f"{p['instead']}-c{n}"} if "instead" in p else {})}
              for n in range(2, COPIES + 1) for p in copied]
    catalog["phrases"] = originals + copies
    catalog_path.write_text(yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return {"page files added": pages, "phrases": len(catalog["phrases"])}


# --------------------------------------------------------------------------- building


def build(project: Path, site: Path, env: dict) -> tuple[float, subprocess.CompletedProcess]:
    if site.exists():
        shutil.rmtree(site)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=full_env, capture_output=True, text=True, timeout=1800)
    return time.perf_counter() - start, result


def first_error(result: subprocess.CompletedProcess) -> str:
    for line in (result.stderr + result.stdout).splitlines():
        if "ERROR" in line or "Error" in line or "Aborted" in line:
            return line.strip()[:140]
    return (result.stderr.strip().splitlines() or ["?"])[-1][:140]


# --------------------------------------------------------------------------- page weight


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.css, self.js, self.images, self.inline_js = [], [], [], 0
        self._in_script = False
        self.config = ""
        self._config = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            self.css.append(a["href"])
        elif tag == "link" and "icon" in (a.get("rel") or "") and a.get("href"):
            self.images.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.images.append(a["src"])
        elif tag == "script":
            if a.get("src"):
                self.js.append(a["src"])
            else:
                self._in_script = True
                self._config = a.get("id") == "__config"

    def handle_data(self, data):
        if self._in_script:
            self.inline_js += len(data.encode("utf-8"))
            if self._config:
                self.config += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = self._config = False


def _sizes(paths: list[Path]) -> tuple[int, int]:
    raw = sum(p.stat().st_size for p in paths)
    zipped = sum(len(gzip.compress(p.read_bytes(), GZIP_LEVEL)) for p in paths)
    return raw, zipped


def page_weight(site: Path, rel: str) -> dict:
    """What a first visit to the page downloads: the HTML, its stylesheets, its scripts (with
    the search worker, and Mermaid on diagram pages, both loaded by script) and the search index
    of its language (Material fetches it at page load)."""
    html_path = site / rel / "index.html"
    text = html_path.read_text(encoding="utf-8")
    parser = _Assets()
    parser.feed(text)
    url = "http://x/" + rel

    def local(ref: str) -> Path:
        return site / urlsplit(urljoin(url, ref)).path.lstrip("/")

    css = [local(h) for h in parser.css]
    js = [local(s) for s in dict.fromkeys(parser.js)]  # a script named twice (one per drill) loads once
    config = json.loads(parser.config) if parser.config else {}
    if config.get("search"):  # Material's worker, and the handbook's, which overrides/main.html puts before it
        js += [local(config["search"]), site / "assets" / "javascripts" / "search-worker.js"]
    # Mermaid is loaded only for a diagram the build did not draw (full builds draw them all).
    predrawn = 'id="hb-predrawn-diagrams"' in text
    mermaid = [] if predrawn else [local(m) for m in re.findall(r'"([^"]*vendor/mermaid-[^"]+\.js)"', text)]
    index = site / ("en/" if rel.startswith("en/") else "") / "search" / "search_index.json"
    return {
        "html": _sizes([html_path]), "css": _sizes(css), "js": _sizes(js), "mermaid": _sizes(mermaid),
        "index": _sizes([index]), "images": _sizes([local(i) for i in set(parser.images)]),
        "has_diagram": 'class="mermaid"' in text,
    }


def kb(value: int) -> str:
    return f"{value / 1024:,.1f}"


# --------------------------------------------------------------------------- main


# Every kind of page a reader opens, in both languages: the page weight table and Lighthouse.
PAGE_KINDS = [("home", ""), ("section overview", "customers/"), ("content page, no diagram", "phone/calling-customers/"),
              ("diagram page, quiz", "phone/incoming-calls/"), ("phrasebook", "phrasebook/"),
              ("email templates", "emails/"), ("glossary", "glossary/"), ("tags", "tags/"),
              ("onboarding path", "onboarding/"), ("maintainers' report", "maintainers/translation-status/"),
              ("drill page (all drills)", "practice/")]


def lighthouse_performance(site: Path, work: Path, runs: int) -> None:
    """Lighthouse performance (phone preset) of every kind of page of a build, both languages,
    served by nginx with the project's configuration (gzip as on the intranet), median of `runs`
    runs, with what moves the score: total blocking time and the main thread's style and layout
    and script time (Lighthouse's simulated 4x slower phone CPU, from the run's own task times)."""

    import test_quality as tq  # the tests' nginx and Lighthouse helpers, not duplicated here

    if not (Path(tq.NGINX).exists() and tq.LIGHTHOUSE.exists()):
        print("\nLighthouse: not measured (run bash .ci/setup for nginx and the npm tools)")
        return
    port, stop = _nginx_serving(site, work, "lh")
    load = os.getloadavg()[0]
    try:
        print(f"\nLighthouse performance, phone preset, median of {runs} runs (target >= 95; moves with machine"
              f" load: load average {load:.1f} at the start). TBT: total blocking time; layout / script: the"
              f" main thread's style and layout / script evaluation, ms (medians)")
        for label, rel in PAGE_KINDS:
            for prefix_lang in ("", "en/"):
                url = f"http://127.0.0.1:{port}/handbook/{prefix_lang}{rel}"
                scores, tbt, layout, script = [], [], [], []
                for n in range(runs):
                    report = tq.run_lighthouse(url, work / "lh.json", categories=("performance",))
                    scores.append(tq.lighthouse_scores(report)["performance"])
                    tbt.append(report["audits"]["total-blocking-time"]["numericValue"])
                    breakdown = {item["group"]: item["duration"]
                                 for item in report["audits"]["mainthread-work-breakdown"]["details"]["items"]}
                    layout.append(breakdown.get("styleLayout", 0))
                    script.append(breakdown.get("scriptEvaluation", 0))
                median = statistics.median(scores)
                print(f"  {label:26} {prefix_lang or 'zh-TW/':6} {median:5.0f}  runs {scores}, TBT {[round(t) for t in tbt]}"
                      f" layout {statistics.median(layout):5.0f} script {statistics.median(script):5.0f}"
                      f"  {'ok' if median >= 95 else 'BELOW TARGET'}", flush=True)
    finally:
        stop()


def offline_readiness(site: Path, work: Path, runs: int) -> None:
    """The offline cache (issue 24): what the service worker precaches (raw and gzip, as nginx
    sends it) and the time from a first visit to "ready for offline" (html[data-hb-offline=ready]),
    phone preset: Chromium at Lighthouse's phone size with its 4x CPU slowdown, behind nginx. The
    worker's own downloads are not slowed by Chromium's network emulation (it applies to pages), so
    the time on Lighthouse's phone network (1.6 Mbit/s, 150 ms round trip) is also estimated from
    the bytes: gzip size / bandwidth + one round trip per file over the worker's 4 parallel fetches."""
    import re as _re

    import test_quality as tq

    text = (site / "sw.js").read_text(encoding="utf-8")
    files = json.loads(_re.search(r"var FILES = (\[.*?\n\]);", text, _re.S).group(1))
    paths = [site / ("index.html" if u == "./" else u + "index.html" if u.endswith("/") else u) for u, _ in files]
    raw, packed = _sizes(paths)
    whole = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.suffix != ".pdf")
    worker = len(gzip.compress((site / "sw.js").read_bytes(), GZIP_LEVEL))
    registration = len(gzip.compress((site / "assets/javascripts/offline.js").read_bytes(), GZIP_LEVEL))
    print(f"\nOffline cache: {len(files)} files, {kb(raw)} KiB raw / {kb(packed)} KiB gzip"
          f" (the site without PDFs: {kb(whole)} KiB raw); worker {kb(worker)} KiB + registration"
          f" {kb(registration)} KiB gzip (budget 10 KiB)")
    estimate = packed * 8 / 1.6e6 + 0.150 * len(files) / 4
    print(f"  estimated ready-for-offline on Lighthouse's phone network: {estimate:.1f} s")
    if not Path(tq.NGINX).exists():
        return
    port, stop = _nginx_serving(site, work, "off")
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang in ("", "en/"):
                times = []
                for _ in range(runs):
                    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True,
                                                  has_touch=True, device_scale_factor=1.75)
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                    start = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{port}/handbook/{lang}phone/incoming-calls/")
                    page.wait_for_selector("html[data-hb-offline=ready]", state="attached", timeout=300_000)
                    times.append(time.perf_counter() - start)
                    context.close()
                print(f"  ready for offline after a first visit ({lang or 'zh-TW/'}), phone size and CPU, local nginx:"
                      f" median {statistics.median(times):.1f} s, runs {[round(t, 1) for t in times]}", flush=True)
            browser.close()
    finally:
        stop()


PDF_TARGET = 2.0  # the PDFs alone at most twice the site build (issue 23)


def pdf_ratio(work: Path, base: Path, no_pdf: dict, runs: int) -> None:
    """The full build and the build without PDFs, round robin: the PDFs alone / the site build."""
    times: dict[str, list[float]] = {"full": [], "site": []}
    for run in range(runs):
        for name, env in (("full", {}), ("site", no_pdf)):
            seconds, result = build(base, work / f"site-{name}", env)
            if result.returncode != 0:
                raise SystemExit(f"benchmark: {name} failed on run {run + 1}:\n{result.stderr[-3000:]}")
            times[name].append(seconds)
            print(f"  run {run + 1}: {name}: {seconds:.1f} s", flush=True)
    full, site = statistics.median(times["full"]), statistics.median(times["site"])
    value = (full - site) / site
    print(f"\nfull build {full:.2f} s ({' / '.join(f'{t:.2f}' for t in times['full'])}), without PDFs {site:.2f} s"
          f" ({' / '.join(f'{t:.2f}' for t in times['site'])}), PDFs alone {full - site:.2f} s;"
          f" PDFs vs site build {value:.2f}x (target <= {PDF_TARGET:.2f}x: {'ok' if value <= PDF_TARGET else 'OVER TARGET'});"
          f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per configuration (median counts; default 3)")
    parser.add_argument("--keep", type=Path, help="keep the copies and sites in this folder")
    parser.add_argument("--pdf-only", action="store_true",
                        help="only the full build and the build without PDFs: the PDFs' ratio (about 2 minutes)")
    parser.add_argument("--builds-only", action="store_true",
                        help="the build timings, page weight and index sizes, without the browser measurements"
                             " (offline readiness, Lighthouse): about 5 minutes")
    parser.add_argument("--lighthouse", type=Path, metavar="SITE",
                        help="only Lighthouse performance of every kind of page of an existing build (a site/ folder)")
    parser.add_argument("--record-expanded-pages", type=Path, help=argparse.SUPPRESS)  # see make_same_pages
    args = parser.parse_args()
    if args.record_expanded_pages:
        record_expanded_pages(args.record_expanded_pages)
        return
    if args.lighthouse:
        with tempfile.TemporaryDirectory(prefix="handbook-lighthouse-") as folder:
            lighthouse_performance(args.lighthouse.resolve(), Path(folder), args.runs)
        return

    work = Path(tempfile.mkdtemp(prefix="handbook-bench-")) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    print(f"benchmark: {args.runs} run(s) per configuration, working in {work}", flush=True)

    base = copy_project(work / "base")
    no_pdf = {"HANDBOOK_PDF": "0"}
    if args.pdf_only:
        pdf_ratio(work, base, no_pdf, args.runs)
        return
    same_pages = copy_project(work / "same-pages")
    make_same_pages(same_pages)
    no_hooks = copy_project(work / "no-hooks")
    make_no_hooks(no_hooks)
    x10 = copy_project(work / "x10")
    x10_counts = make_content_x10(x10)
    singles = {}
    for locale in ("zh-TW", "en"):
        singles[locale] = copy_project(work / f"only-{locale}")
        make_single_locale(singles[locale], locale)

    configs = {
        "full build (site + PDFs)": (base, {}),
        "build without PDFs (1x content)": (base, no_pdf),
        "same pages without the hooks": (same_pages, no_pdf),
        "no hooks, markers empty (smaller site)": (no_hooks, no_pdf),
        "zh-TW alone (no PDFs)": (singles["zh-TW"], no_pdf),
        "en alone (no PDFs)": (singles["en"], no_pdf),
        f"{COPIES}x content (no PDFs)": (x10, no_pdf),
    }
    notes: dict[str, str] = {}
    # A configuration that fails is reported in the table and left out of the timings.
    for name, (project, env) in list(configs.items()):
        seconds, result = build(project, work / "site-check", env)
        if result.returncode != 0:
            notes[name] = "FAILS: " + first_error(result)
            del configs[name]
    times: dict[str, list[float]] = {name: [] for name in configs}
    for run in range(args.runs):
        for name, (project, env) in configs.items():
            site = work / ("site-" + re.sub(r"\W+", "-", name).strip("-"))
            seconds, result = build(project, site, env)
            if result.returncode != 0:
                raise SystemExit(f"benchmark: {name} failed on run {run + 1}:\n{result.stderr[-3000:]}")
            times[name].append(seconds)
            print(f"  run {run + 1}: {name}: {seconds:.1f} s", flush=True)
    med = {name: statistics.median(values) for name, values in times.items()}

    site_full = work / ("site-" + re.sub(r"\W+", "-", "full build (site + PDFs)").strip("-"))
    rows = []
    for name in ["full build (site + PDFs)", "build without PDFs (1x content)", "same pages without the hooks",
                 "no hooks, markers empty (smaller site)",
                 "zh-TW alone (no PDFs)", "en alone (no PDFs)", f"{COPIES}x content (no PDFs)"]:
        if name in med:
            rows.append((name, f"{med[name]:.2f} s", " / ".join(f"{t:.2f}" for t in times[name]), notes.get(name, "")))
        else:
            rows.append((name, "-", "-", notes.get(name, "")))
    full, site_only = med.get("full build (site + PDFs)"), med.get("build without PDFs (1x content)")
    if full and site_only:
        rows.append(("the PDFs alone (full - without PDFs)", f"{full - site_only:.2f} s", "", ""))
    index_bytes = {lang: (site_full / prefix / "search" / "search_index.json") for lang, prefix in (("zh-TW", ""), ("en", "en"))}
    index_docs = {lang: len(json.loads(p.read_text(encoding="utf-8"))["docs"]) for lang, p in index_bytes.items() if p.exists()}
    index_text = ", ".join(f"{lang} {kb(p.stat().st_size)} KiB" for lang, p in index_bytes.items() if p.exists())
    rows.append(("search index per language (raw)", index_text, "", "gzip and contents: below"))

    def ratio(label, a, b, target):
        if a in med and b in med:
            value = med[a] / med[b]
            verdict = "ok" if value <= target else "OVER TARGET"
            rows.append((label, f"{value:.2f}x", f"target <= {target:.2f}x", verdict))
        else:
            rows.append((label, "-", f"target <= {target:.2f}x", "not measured"))

    ratio("hooks overhead (without PDFs / same pages without hooks)", "build without PDFs (1x content)",
          "same pages without the hooks", 1.10)
    if "build without PDFs (1x content)" in med and "no hooks, markers empty (smaller site)" in med:
        value = med["build without PDFs (1x content)"] / med["no hooks, markers empty (smaller site)"]
        rows.append(("hooks and their content (without PDFs / markers empty)", f"{value:.2f}x", "reference", ""))
    ratio(f"{COPIES}x content time ratio ({COPIES}x / 1x)", f"{COPIES}x content (no PDFs)", "build without PDFs (1x content)", float(COPIES))
    if full and site_only:
        value = (full - site_only) / site_only
        rows.append(("PDFs vs site build (PDFs alone / without PDFs)", f"{value:.2f}x", f"target <= {PDF_TARGET:.2f}x",
                     "ok" if value <= PDF_TARGET else "OVER TARGET"))

    print(f"\nBuild times: median of {args.runs} runs, mkdocs build --strict, Python {sys.version.split()[0]},"
          f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"10x content: {x10_counts['page files added']} page files added, {x10_counts['phrases']} phrases\n")
    widths = [max(len(str(r[i])) for r in rows + [("configuration", "median", "runs (s)", "")]) for i in range(4)]
    header = ("configuration", "median", "runs (s) / target", "note")
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(row, widths)))

    # Page weight, from the full build.
    print("\nPage weight of a first visit, KiB raw / gzip (level 6, as nginx sends it), full build. JS"
          " includes the search worker; diagrams are drawn at build time and sit in the page's HTML, so"
          " no page of any build loads Mermaid;"
          " the search index is the page language's, fetched at page load.\n")
    head = ["page", "lang", "HTML", "CSS", "JS", "Mermaid", "search index", "images", "total"]
    table = []
    for label, rel in PAGE_KINDS:
        for lang, prefix in (("zh-TW", ""), ("en", "en/")):
            w = page_weight(site_full, prefix + rel)
            parts = [w[k] for k in ("html", "css", "js", "mermaid", "index", "images")]
            total = (sum(p[0] for p in parts), sum(p[1] for p in parts))
            table.append([label, lang] + [f"{kb(r)} / {kb(z)}" for r, z in parts + [total]])
    widths = [max(len(r[i]) for r in table + [head]) for i in range(len(head))]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths)))
    print("-+-".join("-" * w for w in widths))
    for row in table:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths)))

    print("\nSearch index contents:")
    for lang, path in index_bytes.items():
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            docs = data["docs"]
            pages = sum(1 for d in docs if "#" not in d["location"])
            text_bytes = sum(len(d.get("text", "").encode("utf-8")) for d in docs)
            print(f"  {lang}: {len(docs)} entries ({pages} pages, {len(docs) - pages} sections),"
                  f" {kb(path.stat().st_size)} KiB ({kb(len(gzip.compress(path.read_bytes(), GZIP_LEVEL)))} KiB gzip),"
                  f" of which text {kb(text_bytes)} KiB; lunr options {json.dumps(data.get('config', {}), ensure_ascii=False)[:160]}")
    print(f"  ({index_docs} entries per language)")
    if not args.builds_only:
        offline_readiness(site_full, work, args.runs)
        lighthouse_performance(site_full, work, args.runs)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
