"""Offline after one visit, updates without a stale mix, installable (issue 24), in real Chromium.

Quick checks of the quick build (no browser): the worker's precache list covers every page of both
languages, the search indexes, sitemaps and downloads with the right hashes, and leaves out the
PDFs; the worker and its registration stay under 10 KB gzipped; each language has its manifest; What's
new in both languages (a bad entry: tests/test_bad_inputs.py, "whats-new-*").

Slow checks (`-m slow`), Chromium with service workers allowed (every other browser test blocks
them, so what they test is a fresh network fetch): a first visit online, then with the network cut:
every page of both languages, search, a template filled and copied, a quiz answered, a PDF opened
once before; a rebuild with a changed page, back online: the quiet notice in the page's language,
the new text after Reload, the old cache gone; the same under /handbook/ behind nginx with
tests/nginx/handbook.conf; no request leaves the origin. Plain HTTP on a non-local address (no
service worker) is covered by the other browser tests, which run with workers blocked.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import copy_project, email_template, mkdocs_build, serve

PAGES_ONLY = True
NO_PDF = {"HANDBOOK_PDF": "0"}


def _worker_files(site: Path) -> list[list[str]]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"var FILES = (\[.*?\n\]);", text, re.S).group(1))


def _pages(site: Path) -> list[str]:
    return sorted("./" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


# --------------------------------------------------------------------------- quick: the build


def test_precache_lists_every_page_index_and_download_with_its_hash(site):
    files = dict(map(tuple, _worker_files(site)))
    pages = _pages(site)
    assert len(pages) > 60 and not set(pages) - set(files), set(pages) - set(files)
    for needed in ("search/search_index.json", "en/search/search_index.json", "sitemap.xml", "en/sitemap.xml",
                   "downloads/phrasebook.csv", "downloads/phrasebook-anki.txt", "404.html",
                   "manifest.webmanifest", "en/manifest.webmanifest", "assets/javascripts/offline.js",
                   "assets/images/icon-192.png"):
        assert needed in files, needed
    assert not [u for u in files if u.endswith((".pdf", ".map", ".gz"))]
    for url, digest in list(files.items())[::7]:
        path = site / (url + "index.html" if url.endswith("/") else url)
        path = site / "index.html" if url == "./" else path
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:16] == digest, url


def test_worker_and_registration_are_small_and_the_precache_no_bigger_than_the_site(site):
    worker = gzip.compress((site / "sw.js").read_bytes(), 9)
    registration = gzip.compress((site / "assets/javascripts/offline.js").read_bytes(), 9)
    assert len(worker) + len(registration) <= 10 * 1024, (len(worker), len(registration))
    cached = sum((site / ("index.html" if u == "./" else u + "index.html" if u.endswith("/") else u)).stat().st_size
                 for u, _ in _worker_files(site))
    whole = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.suffix != ".pdf")
    assert cached <= whole


def test_each_language_has_a_relative_manifest_and_every_page_links_it(site):
    for prefix, lang in (("", "zh-TW"), ("en/", "en")):
        manifest = json.loads((site / prefix / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["lang"] == lang and manifest["start_url"] == "./" and not manifest["scope"].startswith("/")
        assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
        for icon in manifest["icons"]:
            assert (site / prefix / icon["src"]).resolve().is_file()
        page = (site / prefix / "phone/incoming-calls/index.html").read_text(encoding="utf-8")
        link = re.search(r'<link rel="manifest" href="([^"]+)"', page).group(1)
        assert (site / prefix / "phone/incoming-calls" / link).resolve() == (site / prefix / "manifest.webmanifest").resolve()
        assert "assets/javascripts/offline.js" in page


def test_whats_new_lists_the_changes_in_both_languages_and_the_home_page_links_it(site):
    zh = (site / "whats-new/index.html").read_text(encoding="utf-8")
    en = (site / "en/whats-new/index.html").read_text(encoding="utf-8")
    assert "更新紀錄" in zh and re.search(r"What(&#39;|&rsquo;|'|’)s new", en)
    assert 'href="../quoting/price-building/"' in en and "calculator" in en
    assert 'href="../quoting/price-building/"' in zh
    for prefix in ("", "en/"):
        assert 'href="whats-new/"' in (site / prefix / "index.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- slow: Chromium


def _context(browser, origin: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="zh-TW", service_workers="allow")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    outside: list[str] = []
    context.on("request", lambda request: outside.append(request.url)
               if not request.url.startswith((origin + "/", "data:", "blob:")) else None)
    context.outside = outside
    return context


def _ready(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_selector("html[data-hb-offline=ready]", state="attached", timeout=180_000)


def _search(page, query: str) -> list[str]:
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=20_000)
    return page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")


def _offline_round(browser, base: str, site: Path, rebuild) -> None:
    """Visit once, read offline, rebuild with a changed page, come back online: the notice, the
    new text after Reload, the old cache gone. `rebuild(marker)` rebuilds the served site."""
    origin = base.split("/", 3)
    origin = "/".join(origin[:3])
    (site / "handbook-test.pdf").write_bytes(b"%PDF-1.4\n% a stand-in for a handbook PDF\n")
    context = _context(browser, origin)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        _ready(page, base + "phone/incoming-calls/")
        fetch_pdf = "fetch('handbook-test.pdf', {cache: 'no-store'}).then(r => r.ok && r.text()).catch(() => false)"
        page.goto(base)
        assert page.evaluate(fetch_pdf), "a PDF opened once, online"
        version = page.evaluate("caches.keys()")
        assert len([name for name in version if not name.endswith(":opened")]) == 1, version

        context.set_offline(True)
        pages = [p for p in _pages(site)]
        for url in pages:
            response = page.goto(base + ("" if url == "./" else url))
            assert response is not None and response.ok, f"offline: {url}"
        assert page.goto(base + "en").url.endswith("/en/")  # the server's redirect, offline too
        page.goto(base)
        assert "stand-in" in page.evaluate(fetch_pdf), "the PDF opened before, offline"

        page.goto(base + "en/phone/incoming-calls/")
        results = _search(page, "payment reminder")
        # Material heads each result group with its page; the template must be the first section
        # shown under it, not folded away behind "N more on this page".
        assert results and "/en/emails/" in results[0], results[:3]
        first = page.locator(".md-search-result__item").first.locator("a[href*='#']").first
        assert first.get_attribute("href").endswith("#payment-reminder") and first.is_visible()
        page.goto(base + "phone/incoming-calls/")
        assert _search(page, "催款")

        page.goto(base + "en/emails/")
        block = email_template(page, "payment-reminder")
        for index in range(block.locator("input").count()):
            block.locator("input").nth(index).fill(f"value {index}")
        block.locator(".hb-email__copy").click()
        page.wait_for_function("() => document.querySelector('#email-payment-reminder-block .hb-email__status').textContent.trim()")
        assert "value 0" in page.evaluate("navigator.clipboard.readText()")

        page.goto(base + "talking/five-taboos/")
        question = page.locator(".hb-quiz-question").first
        question.locator(".hb-quiz-option").first.click()
        question.locator(".hb-quiz-check").click()
        assert question.locator(".hb-quiz-verdict").inner_text().strip()

        # A new build with a changed page, then back online.
        marker = "Offline check: this sentence came with the new build."
        rebuild(marker)
        context.set_offline(False)
        page.goto(base + "en/phone/incoming-calls/")
        assert marker not in page.content(), "the old version serves until the reader reloads"
        notice = page.locator(".hb-update")
        notice.wait_for(timeout=180_000)
        assert "The handbook has been updated." in notice.inner_text()
        assert notice.locator("a").get_attribute("href") == base + "en/whats-new/"
        with page.expect_navigation():
            notice.locator("button").click()
        page.wait_for_load_state("load")
        assert marker in page.content()
        names = page.evaluate("caches.keys()")
        assert names and not set(version) & set(names), (version, names)
        page.goto(base + "phone/incoming-calls/")
        assert not page.locator(".hb-update").count()
    finally:
        outside = list(context.outside)
        context.close()
    assert not errors, errors
    assert not outside, f"requests that left {origin}: {outside[:5]}"


def _rebuilder(project: Path, site: Path, env: dict):
    """A function that adds a line (its argument) to a page of `project` and builds it into `site`
    again: a new release of the handbook, for the worker to pick up."""
    def rebuild(marker):
        page = project / "docs/phone/incoming-calls.en.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        result = mkdocs_build(project, site, env=env)
        assert result.returncode == 0, result.stderr[-3000:]

    return rebuild


@pytest.mark.slow
def test_offline_after_one_visit_and_updates_at_the_root(browser, tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site, env=NO_PDF).returncode == 0
    base, server = serve(site)
    try:
        _offline_round(browser, base, site, _rebuilder(project, site, NO_PDF))
    finally:
        server.shutdown()


@pytest.mark.slow
def test_offline_under_a_sub_path_behind_nginx(browser, tmp_path_factory):
    from test_quality import NGINX, _free_port, start_nginx, stop_nginx  # the sub-path test's nginx harness

    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed (run bash .ci/setup)")
    base_dir = tmp_path_factory.mktemp("offline-nginx")
    project = copy_project(base_dir / "project")
    www, prefix = base_dir / "www", base_dir / "prefix"
    prefix.mkdir()
    site = www / "handbook"
    port = _free_port()
    url = f"http://127.0.0.1:{port}/handbook/"
    env = {**NO_PDF, "HANDBOOK_SITE_URL": url}
    assert mkdocs_build(project, site, env=env).returncode == 0
    command = start_nginx(prefix, www, port)
    try:
        import urllib.request
        with urllib.request.urlopen(url + "sw.js") as response:
            assert response.headers["Cache-Control"] == "no-cache"
        with urllib.request.urlopen(url + "en/manifest.webmanifest") as response:
            assert response.headers["Content-Type"].startswith("application/manifest+json")
            assert response.headers["Cache-Control"] == "no-cache"
        _offline_round(browser, url, site, _rebuilder(project, site, env))
    finally:
        stop_nginx(command, prefix)


@pytest.mark.slow
def test_chromium_reports_both_languages_installable(browser, quick_url, tmp_path):
    """Installability as Chromium itself reports it (DevTools Page.getInstallabilityErrors): the
    manifest, its icons, the start URL and a worker that controls the page. A persistent profile,
    because an incognito context is never installable."""
    from conftest import CHROMIUM, CHROMIUM_ARGS

    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
        viewport={"width": 390, "height": 844}, service_workers="allow")
    try:
        for prefix in ("", "en/"):
            page = context.new_page()
            _ready(page, quick_url + prefix)
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
            session = context.new_cdp_session(page)
            errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
            manifest = session.send("Page.getAppManifest")
            assert errors == [], f"{prefix or 'zh-TW'}: Chromium says the handbook cannot be installed: {errors}"
            assert manifest["url"] == quick_url + prefix + "manifest.webmanifest"
            page.close()
    finally:
        context.close()
