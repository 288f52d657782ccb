"""Search relevance benchmark: do readers' questions find the page that answers them?

tests/search_questions.yml lists questions in both languages, written the way a reader types them,
each with the page(s) that answer it. This script types every question into the site's own search
worker (the built `assets/javascripts/search-worker.js`, which loads Material's
`assets/javascripts/workers/search.*.min.js`: the files the reader's browser runs) fed with the built per-language index (`search/search_index.json`,
`en/search/search_index.json`), exactly as Material's page script does: one setup message with the
index, then one query message per question, the raw text of the search box. It runs in Node.js
(no browser needed: the worker is plain JavaScript with no DOM), so the same code path answers,
deterministically, in about a second.

A hit: an expected page is among the first three distinct result pages (the worker groups
sections under their page, in the order the search dialog shows them).

    .venv/bin/python tests/search_relevance.py [SITE_DIR]     # builds into a temp dir if omitted
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


from conftest import ROOT, load_yaml, mkdocs_build

QUESTIONS = ROOT / "tests" / "search_questions.yml"
PREFIX = {"zh-TW": "", "en": "en/"}
TOP = 3

# Runs the built worker in a bare global scope, as a browser starts it from Material's config
# (overrides/main.html: the handbook's worker, with Material's as ?material=): it needs self,
# location, addEventListener, postMessage and importScripts (for Material's worker; a lunr
# language pack, which this site never loads, fails the run).
_RUNNER = r"""
const fs = require("fs"), vm = require("vm"), url = require("url");
const job = JSON.parse(fs.readFileSync(0, "utf8"));
const listeners = [];
let reply = null;
const material = url.pathToFileURL(job.material).href;
const context = {
  console, setTimeout, clearTimeout, TextDecoder, TextEncoder, URL,
  location: { href: url.pathToFileURL(job.worker).href + "?material=" + encodeURIComponent(material) },
  addEventListener: (type, fn) => { if (type === "message") listeners.push(fn); },
  postMessage: message => { reply = message; },
  importScripts: (...urls) => {
    for (const u of urls) {
      if (u !== material) throw new Error("the worker asked for " + u);
      vm.runInContext(fs.readFileSync(job.material, "utf8"), context, { filename: job.material });
    }
  },
};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(job.worker, "utf8"), context, { filename: job.worker });
async function send(message) {
  reply = null;
  for (const fn of listeners) await fn({ data: message });
  for (let i = 0; i < 100 && reply === null; i++) await new Promise(r => setTimeout(r, 0));
  return reply;
}
(async () => {
  const index = JSON.parse(fs.readFileSync(job.index, "utf8"));
  await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  const out = [];
  for (const query of job.queries) {
    const result = await send({ type: 2, data: query });
    out.push(result.data.items.map(group => group[0].location.split("#")[0]));
  }
  process.stdout.write(JSON.stringify(out));
})().catch(err => { console.error(err); process.exit(1); });
"""


def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if not found:
        raise RuntimeError("Node.js is needed to run the search worker (bash .ci/setup installs it)")
    return found


def worker_of(site: Path) -> Path:
    """The handbook's search worker of a built site (it loads Material's, material_worker_of)."""
    worker = site / "assets" / "javascripts" / "search-worker.js"
    if not worker.is_file():
        raise RuntimeError(f"the handbook's search worker {worker} is missing")
    return worker


def material_worker_of(site: Path) -> Path:
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise RuntimeError(f"expected one Material search worker in {site}, found {workers}")
    return workers[0]


def search(site: Path, queries: dict[str, list[str]]) -> dict[str, list[list[str]]]:
    """{lang: every query's result pages (paths like 'phone/incoming-calls/'), best first}, as the
    reader's search dialog lists them on each language's site; one Node.js per language, side by side."""
    running = {}
    for lang, asked in queries.items():
        job = {"worker": str(worker_of(site)), "material": str(material_worker_of(site)),
               "index": str(site / PREFIX[lang] / "search" / "search_index.json"), "queries": asked}
        with tempfile.TemporaryFile("w+", encoding="utf-8") as stdin:  # read at once: both run side by side
            stdin.write(json.dumps(job))
            stdin.seek(0)
            running[lang] = subprocess.Popen([node(), "-e", _RUNNER], stdin=stdin, stdout=subprocess.PIPE,
                                             stderr=subprocess.PIPE, text=True)
    results = {}
    for lang, process in running.items():
        out, err = process.communicate(timeout=300)
        if process.returncode != 0:
            raise RuntimeError(f"the search worker failed in Node.js ({lang}):\n{err[-3000:]}")
        results[lang] = json.loads(out)
    return results


def load_questions(path: Path = QUESTIONS) -> dict[str, list[dict]]:
    """{lang: [{q, pages: ['phone/incoming-calls', ...]}, ...]} from tests/search_questions.yml."""
    data = load_yaml(path.read_text(encoding="utf-8"))
    return {lang: [{"q": str(item["q"]), "pages": list(item["pages"])} for item in data[lang]] for lang in PREFIX}


def _page_url(page: str) -> str:
    """'phone/incoming-calls' -> 'phone/incoming-calls/'; 'customers/index' -> 'customers/'; 'index' -> ''."""
    page = page.strip("/")
    if page == "index":
        return ""
    if page.endswith("/index"):
        page = page[: -len("index")]
        return page
    return page + "/"


def evaluate(site: Path, questions: dict[str, list[dict]] | None = None) -> dict[str, dict]:
    """{lang: {"rate": hits/total, "hits": n, "total": n, "misses": [(question, expected, top3)]}}."""
    questions = questions or load_questions()
    answers = search(site, {lang: [item["q"] for item in items] for lang, items in questions.items()})
    report = {}
    for lang, items in questions.items():
        results = answers[lang]
        misses = []
        for item, pages in zip(items, results):
            top = []
            for page in pages:
                if page not in top:
                    top.append(page)
            top = top[:TOP]
            expected = [_page_url(p) for p in item["pages"]]
            if not set(expected) & set(top):
                misses.append((item["q"], expected, top))
        total = len(items)
        report[lang] = {"rate": (total - len(misses)) / total if total else 0.0, "hits": total - len(misses),
                        "total": total, "misses": misses}
    return report


def format_report(report: dict[str, dict]) -> str:
    lines = []
    for lang, r in report.items():
        lines.append(f"search top-{TOP} hit rate {lang}: {r['rate']:.1%} ({r['hits']}/{r['total']})")
        for question, expected, top in r["misses"]:
            lines.append(f"  miss {question!r}: expected {expected}, got {top}")
    return "\n".join(lines)


def build(site_dir: Path) -> None:
    done = mkdocs_build(ROOT, site_dir, env={"HANDBOOK_PDF": "0"})
    if done.returncode != 0:
        raise RuntimeError(f"the build failed:\n{done.stderr[-3000:]}")


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        print(format_report(evaluate(Path(argv[1]))))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp))
        print(format_report(evaluate(Path(tmp))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
