"""Taiwan wording: no Simplified characters or mainland vocabulary in the Traditional Chinese.

Why: the source text was machine-converted from Simplified Chinese and is full of slips (這么,
聯系, 沖突) and mainland terms (信息, 軟件). Readers in Taiwan notice at once, and a slip copied
into a customer email looks careless.

How: every line that contains Chinese (zh-TW pages, Chinese quoted in English pages, the phrase
catalog, the glossary, the quizzes: every data file under docs/_data, and the Chinese in mkdocs.yml) goes through two OpenCC conversions:
- s2twp (Simplified to Taiwan, with Taiwan phrases) applied directly: it changes Simplified
  characters (這么 → 這麼) and mainland vocabulary (信息 → 資訊, 軟件 → 軟體);
- a round trip tw2s then s2tw: it changes Traditional-looking slips that a careless conversion
  left behind, where one Simplified character stands for several Traditional ones (聯系 → 聯繫,
  沖突 → 衝突, 准備 → 準備, 重復 → 重複).
Where either conversion changes a Chinese character, the build fails and shows the suggested
form. No character table is kept here: OpenCC's maintained dictionaries decide. The round trip
also flags a few variants that Taiwan uses as well (簽, 回覆, 瞭解, 週): those are reviewed
exceptions in docs/_data/wording.yml, each with its reason.

Also checked on zh-TW pages: an English sentence (four or more words) must be a catalog phrase
or be followed by its Chinese in full-width parentheses, because a reader must never meet an
untranslated sentence in the Chinese handbook.

Speed: loading OpenCC's dictionaries takes about 0.08 s and holds the interpreter lock, which was
a third of what all the hooks cost a build. So OpenCC runs in a small helper process, started
when the build starts and kept for `mkdocs serve`'s rebuilds: this hook sends it the Chinese lines
early in on_pre_build and collects the conversions at the end of on_pre_build (still before
MkDocs cleans site/), so the conversion overlaps with the search hook loading jieba's dictionary.
"""

from __future__ import annotations

import difflib
import json
import re
import subprocess
import sys
import threading

from mkdocs.plugins import CombinedEvent, event_priority

import _handbook as hb
import phrase_catalog

ALLOW_FILE = "wording.yml"
ENGLISH_SENTENCE = re.compile(r"[A-Za-z][A-Za-z’']*(?:[ ,;:\-]+[A-Za-z][A-Za-z’']*){3,}[.?!]?")
FOLLOWED_BY_CHINESE = re.compile(r"^[\s\"”’」』*_]*（[^）]*[\u3400-\u9fff]")
SKIP_IN_LINE = re.compile(r"`[^`]*`|<!--.*?-->|<[^>]+>|\]\([^)]*\)|\{#[^}]*\}|https?://\S+")

# The helper: reads one JSON list of lines per request, answers with, for every line, its two
# conversions (see the module docstring). Whole text at once: three OpenCC calls, not three per
# line; line by line only if a conversion ever changed the number of line breaks.
CONVERTER_PROGRAM = """
import io, json, sys
import opencc
sys.stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8")
sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8")
s2twp, tw2s, s2tw = (opencc.OpenCC(name) for name in ("s2twp", "tw2s", "s2tw"))
def both(text):
    return s2twp.convert(text), s2tw.convert(tw2s.convert(text))
for request in sys.stdin:
    lines = json.loads(request)
    direct, round_trip = (converted.split("\\n") for converted in both("\\n".join(lines)))
    if len(direct) != len(lines) or len(round_trip) != len(lines):
        direct, round_trip = zip(*(both(line) for line in lines)) if lines else ((), ())
    sys.stdout.write(json.dumps([list(direct), list(round_trip)]) + "\\n")
    sys.stdout.flush()
"""


class Converter:
    """OpenCC in a helper process (see the module docstring): `send(lines)`, later `receive()`."""

    def __init__(self):
        self.process = None
        self.writer = None  # the thread writing the request whose answer is not read yet

    def start(self):
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-c", CONVERTER_PROGRAM], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True, encoding="utf-8")
            self.writer = None

    def send(self, lines: list[str]) -> None:
        self.start()
        if self.writer is not None:  # a build failed between send and receive: drop its answer
            self.receive()
        request = json.dumps(lines, ensure_ascii=False) + "\n"
        # Larger than a pipe's buffer, and the helper may still be loading OpenCC: write from a
        # thread so the build does not wait for the helper to start reading.
        self.writer = threading.Thread(target=self._write, args=(request,), daemon=True)
        self.writer.start()

    def _write(self, request: str) -> None:
        try:
            self.process.stdin.write(request)
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass  # the helper died: receive() reports its error output

    def receive(self) -> tuple[list[str], list[str]]:
        self.writer.join()
        self.writer = None
        answer = self.process.stdout.readline()
        if not answer:
            error = self.process.stderr.read()
            self.stop()
            raise hb.HandbookError(
                "Taiwan wording: the OpenCC helper process stopped without answering:\n"
                f"{error.strip() or '(no error output)'}\n"
                "Fix: install the pinned packages (pip install -r requirements.txt); OpenCC must import.")
        direct, round_trip = json.loads(answer)  # two lists: one entry per line sent
        return direct, round_trip

    def stop(self):
        if self.process is not None:
            self.process.stdin.close()
            self.process.kill()  # it holds no state; waiting for its exit would cost 0.1 s
            self.process.wait()  # reaps it at once after the kill (a timeout would poll with sleeps)
            self.process = None


converter = Converter()


def _allow_list(src: hb.Sources) -> tuple[list[str], list[hb.Problem]]:
    path = src.docs_dir / "_data" / ALLOW_FILE
    rel = hb.relpath(path, src.root)
    if not path.is_file():
        return [], []
    data = src.data(ALLOW_FILE) or {}
    problems, words = [], []
    if set(data) - {"allow", "terms"}:
        problems.append(hb.Problem(rel, "top level", f"unknown keys {sorted(set(data) - {'allow', 'terms'})}",
                                   "keep only the 'allow:' and 'terms:' lists"))
    for entry in data.get("allow") or []:
        where = f"line {getattr(entry, 'line', '?')}"
        if not isinstance(entry, dict) or set(entry) != {"text", "reason"}:
            problems.append(hb.Problem(rel, where, "an allow-list entry needs exactly 'text' and 'reason'",
                                       "write '- text: 台灣' and 'reason: …' (why Taiwan usage keeps it)"))
            continue
        if not str(entry["reason"]).strip():
            problems.append(hb.Problem(rel, where, f"no reason given for {entry['text']!r}",
                                       "say why this wording is correct in Taiwan"))
        words.append(str(entry["text"]))
    return words, problems


def suggest(line: str, allowed: list[str], conversions: list[str]) -> list[tuple[str, str]]:
    """(written, suggested) pairs for the Chinese words either conversion of `line` changes."""
    covered = set()
    for word in allowed:
        for m in re.finditer(re.escape(word), line):
            covered.update(range(m.start(), m.end()))
    found, seen = [], set()
    for converted in conversions:
        if converted == line:
            continue
        matcher = difflib.SequenceMatcher(a=line, b=converted, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal" or (a1, a2) in seen:
                continue
            written, suggested = line[a1:a2], converted[b1:b2]
            if not hb.HAN.search(written + suggested):
                continue  # punctuation or Latin text: not this check's business
            if set(range(a1, max(a2, a1 + 1))) <= covered:
                continue
            seen.add((a1, a2))
            # Show a little context so the reader can find the word.
            start, end = max(0, a1 - 2), min(len(line), a2 + 2)
            found.append((line[start:end].strip(), (line[start:a1] + suggested + line[a2:end]).strip()))
    return found


def chinese_lines(src: hb.Sources) -> list[tuple[str, int, str]]:
    """(file, line number, line) for every line with a Chinese character in the checked files:
    every page, every data file but the allow-list, and mkdocs.yml."""
    files = [(page.rel, page.text) for page in src.pages]
    for path in sorted((src.docs_dir / "_data").glob("*.yml")):  # catalog, glossary, quizzes
        if path.name != ALLOW_FILE:
            files.append((hb.relpath(path, src.root), path.read_text(encoding="utf-8")))
    files.append(("mkdocs.yml", (src.root / "mkdocs.yml").read_text(encoding="utf-8")))
    return [(rel, number, line) for rel, text in files
            for number, line in enumerate(text.split("\n"), start=1) if hb.HAN.search(line)]


def wording_problems(lines, conversions, allowed) -> list[hb.Problem]:
    problems = []
    for (rel, number, line), *candidates in zip(lines, *conversions):
        if all(c == line for c in candidates):
            continue
        for written, suggested in suggest(line, allowed, candidates):
            problems.append(hb.Problem(
                rel, f"line {number}", f"「{written}」 is Simplified, a conversion slip or mainland wording",
                f"write 「{suggested}」 (Taiwan usage), or, if the original is correct in Taiwan,"
                f" add it with a reason to docs/_data/{ALLOW_FILE}"))
    return problems


def _english_sentences(page: hb.PageSource, catalog_en: set[str]) -> list[hb.Problem]:
    problems = []
    for number, line in page.prose_lines():
        scrubbed = SKIP_IN_LINE.sub(lambda m: " " * len(m.group(0)), line)
        for m in ENGLISH_SENTENCE.finditer(scrubbed):
            sentence = m.group(0).strip()
            if sentence.rstrip(".?!") in catalog_en or sentence in catalog_en:
                continue
            if FOLLOWED_BY_CHINESE.match(scrubbed[m.end():]):
                continue
            problems.append(hb.Problem(
                page.rel, f"line {number}", f"English sentence without its Chinese: {sentence!r}",
                "place it with a phrase marker (<!-- phrase ID -->) if it is a catalog phrase, or follow it"
                " by its Chinese in full-width parentheses: \"…\"（中文）"))
    return problems


_sent: dict = {}  # what this build sent to the helper, until the answer is read


@event_priority(100)  # first of all the pre-build checks, so the helper starts converting early
def _send_lines(config):
    if not hb.starting_build(config):
        return
    src = hb.sources(config)
    allowed, problems = _allow_list(src)
    hb.raise_problems("Taiwan wording", problems)
    lines = chinese_lines(src)
    converter.send([line for _, _, line in lines])
    _sent.update(lines=lines, allowed=allowed)
    catalog = phrase_catalog.load(config)
    catalog_en = {p["en"].strip() for p in catalog.phrases} | {p["en"].strip().rstrip(".?!") for p in catalog.phrases}
    _sent["problems"] = [problem for page in src.pages if page.lang == "zh-TW"
                         for problem in _english_sentences(page, catalog_en)]


@event_priority(-100)  # last of the pre-build events: the other hooks' work overlapped the conversion
def _check_answer(config):
    if not hb.is_outer_build(config) or "lines" not in _sent:
        return
    sent = dict(_sent)
    _sent.clear()
    conversions = converter.receive()
    problems = wording_problems(sent["lines"], conversions, sent["allowed"]) + sent["problems"]
    hb.raise_problems("Taiwan wording", problems)


on_pre_build = CombinedEvent(_send_lines, _check_answer)


def on_startup(command, dirty):
    converter.start()  # loads OpenCC while MkDocs loads the theme and plugins


def on_shutdown():
    converter.stop()
