"""Shared fixtures: one real build of the handbook per configuration and test session, a local
web server for it, Debian's Chromium driven by Python Playwright, and the validation phase run
in-process.

- `quick_site` / `quick_url`: `mkdocs build --strict` without PDFs, what most tests read;
- `site` / `base_url`: the full build with both PDFs (the README's build command), for the tests
  of the books and the whole-site quality checks.
A test module that reads pages but not the PDFs sets `PAGES_ONLY = True`: its `site` and
`base_url` are then the quick build, and the full build is made only when a test needs it. Builds go into
temporary folders; browser tests serve them on 127.0.0.1 and open real pages.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LANGUAGES = ("zh-TW", "en")
if str(ROOT / "hooks") not in sys.path:  # the tests import the build's own package: handbook.<module>
    sys.path.insert(0, str(ROOT / "hooks"))


def mkdocs_build(project: Path, site_dir: Path, *, env: dict | None = None, strict: bool = True,
                 timeout: int = 900, runner: str = "mkdocs") -> subprocess.CompletedProcess:
    """Run the real build of `project` into `site_dir` (never -q: warnings must be visible).
    `runner` "properdocs" builds with ProperDocs, the MkDocs 1.x fork with the same command line."""
    command = [sys.executable, "-m", runner, "build", "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    # PYTHONDONTWRITEBYTECODE: MkDocs imports the hooks; a build must write nothing into the sources.
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    return subprocess.run(command, cwd=project, env=full_env, capture_output=True, text=True, timeout=timeout)


def load_yaml(text: str):
    """YAML as the build reads it: its safe loader, libyaml's parser where available (the phrase
    catalog takes a third of a second with the pure-Python one, and many tests read it)."""
    import yaml
    from handbook.datafiles import FAST_SAFE_LOADER

    return yaml.load(text, Loader=FAST_SAFE_LOADER)  # noqa: S506 - a safe loader


def data_file(name: str):
    """docs/_data/<name>.yml, parsed (a fresh copy for each caller)."""
    return load_yaml((ROOT / "docs" / "_data" / f"{name}.yml").read_text(encoding="utf-8"))


@functools.cache
def _markdown_settings() -> dict:
    """mkdocs.yml's Markdown extension settings (the link check needs toc's slugify), read once."""
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml")).mdx_configs


def mkdocs_settings(mkdocs_yml: str | None = None) -> dict:
    """A mkdocs.yml text (the project's by default) as data, its tags (!ENV, !!python/...) read as
    nothing: for tests that read the nav, the languages or the palette, not for building."""
    return _parsed_mkdocs_yml((ROOT / "mkdocs.yml").read_text(encoding="utf-8") if mkdocs_yml is None else mkdocs_yml)


@functools.cache
def _parsed_mkdocs_yml(mkdocs_yml: str) -> dict:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load(mkdocs_yml, Loader=Loader) or {}  # noqa: S506 - a SafeLoader subclass


def i18n_settings(settings: dict) -> dict:
    """The i18n plugin's settings in a parsed mkdocs.yml (its `languages` list)."""
    return next(p["i18n"] for p in settings["plugins"] if isinstance(p, dict) and "i18n" in p)


def validation_report(project: Path, strict: bool = True) -> str:
    """Run the build's validation phase (hooks/handbook/checks.py) over `project` in this process:
    exactly what a build's on_pre_build runs, without starting MkDocs, so a bad input is checked in
    a fraction of the time of a build. Returns the report of a failing phase, or "" if it passes."""
    from handbook.build import HANDBOOK, Build
    from handbook.checks import finish_validation, start_validation
    from handbook.problems import HandbookError

    build = Build()
    try:
        start_validation(build, HANDBOOK.converter, project, project / "docs", _markdown_settings(), strict,
                         mkdocs_settings((project / "mkdocs.yml").read_text(encoding="utf-8")).get("nav"))
        finish_validation(build, HANDBOOK.converter)
    except HandbookError as exc:
        return str(exc)
    return ""


def copy_project(target: Path) -> Path:
    """A copy of the project's sources (what a build reads), for tests that change them."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "overrides", "hooks"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: needs the full build with PDFs, a browser on many pages, Lighthouse, nginx or a second"
        " runner; left out of the quick loop (pytest tests -m 'not slow'), always run by CI")
    config.addinivalue_line(
        "markers", "after_the_rest: reads what a background process computes while the other tests run; run last")


def pytest_collection_modifyitems(items):
    """Tests marked `after_the_rest` go last (in their order), so that the work they wait for
    (test_bad_inputs: every case in a second process) overlaps with everything else."""
    items.sort(key=lambda item: item.get_closest_marker("after_the_rest") is not None)


def _build_or_fail(site_dir: Path, env: dict | None = None) -> Path:
    result = mkdocs_build(ROOT, site_dir, env=env)
    return _site_or_fail(site_dir, result.returncode, result.stdout, result.stderr)


def _site_or_fail(site_dir: Path, returncode: int, stdout: str, stderr: str) -> Path:
    if returncode != 0:
        pytest.fail(f"the real build failed:\n{stdout[-3000:]}\n{stderr[-6000:]}")
    site_dir.joinpath(".build-log.txt").write_text(stderr, encoding="utf-8")
    return site_dir


QUICK_BUILD_USERS = {"quick_site", "quick_url"}


def _reads_quick_build(item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    pages_only = getattr(getattr(item, "module", None), "PAGES_ONLY", False)
    return bool(names & QUICK_BUILD_USERS) or (pages_only and bool(names & {"site", "base_url"}))


class BackgroundBuild:
    """The quick build, started as soon as the tests are collected (when any of them reads it), so
    that it runs while the unit tests and the bad-input cases do; `quick_site` waits for it."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="handbook-quick-site-"))
        self.site_dir = self.folder / "site"
        self.log = (self.folder / "stdout.txt").open("w+", encoding="utf-8"), (self.folder / "stderr.txt").open("w+", encoding="utf-8")
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(self.site_dir)]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "HANDBOOK_PDF": "0"}
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log[0], stderr=self.log[1], text=True)

    def site(self) -> Path:
        returncode = self.process.wait(timeout=900)
        stdout, stderr = (self._read(log) for log in self.log)
        return _site_or_fail(self.site_dir, returncode, stdout, stderr)

    @staticmethod
    def _read(log) -> str:
        log.flush()
        log.seek(0)
        return log.read()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for log in self.log:
            log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def pytest_collection_finish(session):
    if any(_reads_quick_build(item) for item in session.items):
        session.config.stash[QUICK_BUILD] = BackgroundBuild()


def pytest_unconfigure(config):
    build = config.stash.get(QUICK_BUILD, None)
    if build is not None:
        build.close()


QUICK_BUILD = pytest.StashKey[BackgroundBuild]()


@pytest.fixture(scope="session")
def quick_site(request) -> Path:
    """The handbook built once without PDFs (HANDBOOK_PDF=0): every page, search index and
    download as the full build makes them, minus the two books. Shared by every test that reads
    pages but not the PDFs; started in the background when the tests were collected."""
    build = request.config.stash.get(QUICK_BUILD, None)
    if build is None:  # asked for by name at run time (request.getfixturevalue), not at collection
        build = request.config.stash[QUICK_BUILD] = BackgroundBuild()
    return build.site()


@pytest.fixture(scope="session")
def full_site(tmp_path_factory) -> Path:
    """The handbook built once, with PDFs, exactly as the README's build command does."""
    return _build_or_fail(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def site(request) -> Path:
    """The build a test module reads: the full build, or the quick one when the module says it
    reads pages but not the PDFs (`PAGES_ONLY = True`), so the full build is made only if needed."""
    return request.getfixturevalue("quick_site" if getattr(request.module, "PAGES_ONLY", False) else "full_site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 on a free port; returns (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def quick_url(quick_site):
    """The quick build served at the root of a local web server."""
    url, server = serve(quick_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def full_url(full_site):
    """The full build served at the root of a local web server."""
    url, server = serve(full_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def base_url(request) -> str:
    """The URL of the module's build (see `site`)."""
    return request.getfixturevalue("quick_url" if getattr(request.module, "PAGES_ONLY", False) else "full_url")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (run bash .ci/setup)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        # Service workers are blocked unless a test asks for them (tests/test_offline.py): the other
        # browser tests check what the network serves, not the offline cache.
        new_context = instance.new_context
        instance.new_context = lambda **options: new_context(**{"service_workers": "block", **options})
        yield instance
        instance.close()


@pytest.fixture
def context(browser, quick_url):
    """A browser context on the quick build that may read and write the clipboard (the copy
    buttons of the email templates, the phrasebook and the calculator); script errors fail the test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=quick_url.rstrip("/"))
    errors: list[str] = []
    ctx.on("weberror", lambda e: errors.append(str(e.error)))
    yield ctx
    ctx.close()
    assert not errors, errors


AXE_JS = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_AXE_RUN = """async (context) => {
  const result = await axe.run(context || document, {
    runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                              summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300)}))}));
}""" % json.dumps(WCAG_TAGS)


def email_template(page, template_id: str):
    """The email template block `template_id` on the templates page, brought near the screen as
    a reader scrolls to it: emails.js sets a template up (shows its form and buttons) only when it
    comes near the viewport."""
    block = page.locator(f"#email-{template_id}-block")
    block.scroll_into_view_if_needed()
    block.locator(".hb-email__actions").wait_for(state="visible")
    return block


def phrase_row(page, phrase_id: str):
    """The phrase table row of `phrase_id` (a phrase to say, with placeholders), brought near the
    screen as a reader scrolls to it: emails.js gives a phrase its Fill in button only when it
    nears the viewport."""
    row = page.locator(f'tr[data-phrase-id="{phrase_id}"]:not(.hb-say-instead):not(.hb-dont-say)').first
    row.scroll_into_view_if_needed()
    row.locator(".hb-fill-toggle").wait_for()
    return row


def scroll_through(page) -> None:
    """Scroll the open page from top to bottom a screen at a time, as a reader reading it all
    would, so that everything set up near the screen (emails.js) has been set up."""
    page.evaluate("""async () => {
      const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      for (let y = 0; y <= document.documentElement.scrollHeight; y += window.innerHeight / 2) {
        window.scrollTo(0, y);
        await frame();
      }
      window.scrollTo(0, 0);
      await frame();
    }""")


def axe_violations(page, selector: str | None = None) -> list[dict]:
    """axe-core's WCAG 2.1 AA violations on the open page (or inside `selector`), each {id, impact,
    help, nodes: [{target, html, summary}]}; the one way every test runs axe (loaded into the page
    once; a missing tests/node_modules fails the test, never skips it)."""
    if not AXE_JS.is_file():
        pytest.fail("tests/node_modules/axe-core is missing (run bash .ci/setup)")
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
        # axe reads colours from what is painted; long pages skip painting what is far from the
        # screen (content-visibility: auto), so every part is rendered for the check.
        page.add_style_tag(content="* { content-visibility: visible !important; }")
    return page.evaluate(_AXE_RUN, selector)


@contextlib.contextmanager
def watched_page(browser, **context_options):
    """A page in a fresh browser context (empty localStorage); a script error on it fails the test
    when the page is done with (its list so far: `page.script_errors`)."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.script_errors = errors
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"


@pytest.fixture
def page(browser):
    """A fresh browser context and page at desktop size; script errors fail the test."""
    with watched_page(browser, locale="zh-TW", viewport={"width": 1280, "height": 900}) as page:
        yield page


def report_entries(output: str) -> list[tuple[str, int | None, str, str]]:
    """(file, line, message, fix) for every problem in a failed build's report (the format of
    hooks/handbook/problems.py: a file's path on its own line, then '  line N: message' and
    '      fix: …' for each of its problems)."""
    entries, current = [], None
    for line in output.splitlines():
        if line.startswith(("docs/", "mkdocs.yml")) and " " not in line.strip():
            current = line.strip()
        elif current and line.startswith("  line ") or current and line.startswith("  file: "):
            where, _, message = line.strip().partition(": ")
            entries.append([current, int(where[5:]) if where.startswith("line ") else None, message, ""])
        elif current and line.startswith("      fix: ") and entries:
            entries[-1][3] = line.strip()[len("fix: "):]
    return [tuple(entry) for entry in entries]
