"""One headless Chromium per process (build.HANDBOOK.browser), shared by the diagram drawing and the PDF books.

Why one: starting Chromium costs about a second; the diagrams (hooks/diagram_drawing.py) and the books
(hooks/pdf_handbook.py) both need it, so they share one instance, driven by Python Playwright on
an asyncio event loop in a background thread. `start()` returns at once, so the launch overlaps
with MkDocs building the site; `run(work)` waits for the launch and runs a coroutine function on
the loop. Debian's Chromium is used (`/usr/bin/chromium`, or the `chromium` setting); the build never
downloads a browser (`playwright install` is not used).
"""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

from .problems import HandbookError

CHROMIUM = "/usr/bin/chromium"  # Debian's package
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL_FIX = "install Chromium and the fonts: bash .ci/setup (it runs apt-get install chromium fonts-noto-cjk)"

log = logging.getLogger("mkdocs.hooks.handbook")


class BackgroundChromium:
    """A headless Chromium launched in the background and used from the build's thread."""

    def __init__(self):
        self.loop = self.thread = self.launched = self.playwright = None
        self.executable: str | None = None  # the build's `chromium` setting (settings.py)

    def start(self) -> None:
        """Launch Chromium on a thread of its own and return at once; the build waits only when it
        first needs the browser (a build that never needs it never waits)."""
        if self.thread is not None:
            return
        import asyncio  # here: a build that needs no browser never loads it

        # the setting (extra.handbook.chromium, HANDBOOK_CHROMIUM), else the one on PATH, else Debian's
        chromium = self.executable or shutil.which("chromium") or CHROMIUM
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="handbook-chromium", daemon=True)
        self.thread.start()
        self.launched = asyncio.run_coroutine_threadsafe(self._launch(chromium), self.loop)

    async def _launch(self, chromium: str):
        if not Path(chromium).is_file():
            raise HandbookError(f"Chromium is not installed ({chromium} is missing)")
        try:
            from playwright.async_api import Error as PlaywrightError
            from playwright.async_api import async_playwright
        except ImportError as exc:
            raise HandbookError(f"Python Playwright is not installed ({exc})") from exc
        self.playwright = await async_playwright().start()
        try:
            return await self.playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        except PlaywrightError as exc:
            raise HandbookError(f"Chromium ({chromium}) did not start: {str(exc).splitlines()[0]}") from exc

    def run(self, work, *, purpose: str, extra_fix: str = ""):
        """Run `work(browser)` (a coroutine function) on the browser's loop and return its result.
        A failure to launch or to render stops the build with the cause and the fix: `purpose`
        words the failure for the step that needed Chromium ("diagrams", "PDF handbook");
        `extra_fix` adds that step's own way out (e.g. "or build with HANDBOOK_PDF=0")."""
        return self.result(self.submit(work, purpose=purpose, extra_fix=extra_fix), purpose=purpose, extra_fix=extra_fix)

    def submit(self, work, *, purpose: str, extra_fix: str = ""):
        """Start `work(browser)` on the browser's loop and return at once (a concurrent future):
        the build goes on meanwhile; `result()` waits for it."""
        import asyncio

        self.start()
        try:
            chromium = self.launched.result()
        except HandbookError as exc:
            raise HandbookError(f"{purpose}: {exc}\n    Fix: {INSTALL_FIX}{', ' + extra_fix if extra_fix else ''}") from exc
        return asyncio.run_coroutine_threadsafe(work(chromium), self.loop)

    def result(self, future, *, purpose: str, extra_fix: str = ""):
        """The result of submitted work, its failure worded as run() words it."""
        fix = INSTALL_FIX + (f", {extra_fix}" if extra_fix else "")
        try:
            return future.result()
        except HandbookError:
            raise
        except Exception as exc:  # noqa: BLE001 - Playwright's errors, reported with the cause
            if type(exc).__module__.startswith("playwright"):
                raise HandbookError(f"{purpose}: rendering failed: {str(exc).splitlines()[0]}\n    Fix: {fix}") from exc
            raise

    def stop(self) -> None:
        """Close Chromium and the loop; safe to call when nothing was started."""
        if self.thread is None:
            return
        import asyncio

        async def close():
            if self.launched.done() and not self.launched.cancelled() and not self.launched.exception():
                await self.launched.result().close()
            if self.playwright is not None:
                await self.playwright.stop()

        try:
            self.launched.cancel()
            asyncio.run_coroutine_threadsafe(close(), self.loop).result(timeout=60)
        except Exception as exc:  # noqa: BLE001 - closing after a failure must not hide that failure
            log.debug("closing Chromium: %s", exc)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)
            self.loop.close()
            self.loop = self.thread = self.launched = self.playwright = None

