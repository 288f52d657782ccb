"""Taiwan wording: no Simplified characters or mainland vocabulary in the Traditional Chinese,
and no English sentence left untranslated on a zh-TW page.

Every line that contains Chinese (pages, data files, mkdocs.yml) goes through two OpenCC
conversions: s2twp (Simplified to Taiwan, with Taiwan phrases) changes Simplified characters
(這么 → 這麼) and mainland vocabulary (信息 → 資訊); a round trip tw2s then s2tw changes
Traditional-looking slips that a careless conversion left behind (聯系 → 聯繫, 沖突 → 衝突).
Where either changes a Chinese character, that is a problem with the suggested form. No
character table is kept here: OpenCC's dictionaries decide. Reviewed exceptions (Taiwan uses
both forms) are listed with their reason in docs/_data/wording.yml.

Speed: loading OpenCC's dictionaries takes about 0.08 s and holds the interpreter lock, so
OpenCC runs in a helper process started with the build; the validation phase sends it the lines
first and reads the answer last, so the conversion overlaps the other checks.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import subprocess
import sys
import threading

from .problems import HandbookError, Problem
from .languages import HAN, HAN_CHARS, english_run
from .sources import reader_view

ENGLISH_SENTENCE = english_run(4)
FOLLOWED_BY_CHINESE = re.compile(f"^[\\s\"”’」』*_]*（[^）]*[{HAN_CHARS}]")

# The helper: reads one JSON list of lines per request and answers, for every line, its two
# conversions. Whole text at once (three OpenCC calls, not three per line); line by line only if
# a conversion changed the number of line breaks.
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
    """OpenCC in a helper process: `send(lines)`, later `receive()` -> (direct, round trip).
    Each line's conversions are remembered for the life of the process, and only lines not seen
    before are sent: a rebuild (mkdocs serve, the tests' cases) converts only what was edited."""

    KEEP = 50_000  # lines remembered at most; past that the memory starts afresh

    def __init__(self):
        self.process = None
        self.writer = None  # the thread writing the request whose answer is not read yet
        self.known: dict[str, tuple[str, str]] = {}  # line -> (direct, round trip)
        self.asked: list[str] = []  # the lines of the last send()
        self.sent: list[str] = []  # of those, the ones the helper was asked to convert

    def start(self):
        """Start the helper if it is not running (on_startup: OpenCC loads while MkDocs starts)."""
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-c", CONVERTER_PROGRAM], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True, encoding="utf-8")
            self.writer = None

    def send(self, lines: list[str]) -> None:
        """Ask for the conversions of `lines`; the answer is read later by receive()."""
        self.start()
        if self.writer is not None:  # a build failed between send and receive: drop its answer
            self.receive()
        if len(self.known) > self.KEEP:
            self.known = {}
        self.asked = list(lines)
        self.sent = [line for line in dict.fromkeys(lines) if line not in self.known]
        if not self.sent:
            return
        request = json.dumps(self.sent, ensure_ascii=False) + "\n"
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
        """The answer to the last send(): each line converted to Taiwan usage directly, and through
        Simplified and back. A helper that died fails the build with its error output."""
        if self.sent:
            self._read_answer()
        self.sent = []
        direct = [self.known[line][0] for line in self.asked]
        return direct, [self.known[line][1] for line in self.asked]

    def _read_answer(self) -> None:
        self.writer.join()
        self.writer = None
        answer = self.process.stdout.readline()
        if not answer:
            error = self.process.stderr.read()
            self.stop()
            raise HandbookError("Taiwan wording: the OpenCC helper process stopped without answering:\n"
                                f"{error.strip() or '(no error output)'}\n"
                                "Fix: install the pinned packages (pip install -r requirements.txt); OpenCC must import.")
        direct, round_trip = json.loads(answer)
        self.known.update(zip(self.sent, zip(direct, round_trip)))

    def stop(self):
        """Stop the helper (on_shutdown)."""
        if self.process is not None:
            self.process.stdin.close()
            self.process.kill()  # it holds no state; waiting for its exit would cost 0.1 s
            self.process.wait()
            self.process = None


def chinese_lines(files: list[tuple[str, str]]) -> list[tuple[str, int, str]]:
    """(file, line number, line) for every line with a Chinese character in (file, text) pairs."""
    return [(rel, number, line) for rel, text in files
            for number, line in enumerate(text.split("\n"), start=1) if HAN.search(line)]


def _hunks(line: str, converted: str, skip) -> list[tuple[int, int, int, int]]:
    """The changed spans of `line` in `converted` as (a1, a2, b1, b2), changes at most one
    character apart merged into one: 打開 → 開啟 is one change (delete 打, insert 啟), never two
    fragments that are no words (開型, 打開啟). Changes `skip(a1, a2, b1, b2)` rejects (a reviewed
    exception, punctuation) are left out before merging."""
    hunks: list[list[int]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=line, b=converted, autojunk=False).get_opcodes():
        if op == "equal" or skip(a1, a2, b1, b2):
            continue
        if hunks and a1 - hunks[-1][1] <= 1:
            hunks[-1][1], hunks[-1][3] = a2, b2
        else:
            hunks.append([a1, a2, b1, b2])
    return [tuple(h) for h in hunks]


@functools.lru_cache(maxsize=4096)  # the same line, conversions and exceptions: the same answer
def _suggestions(line: str, allowed: tuple[str, ...], conversions: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple(suggest(line, allowed, conversions))


def suggest(line: str, allowed: list[str], conversions: list[str]) -> list[tuple[str, str]]:
    """(written, suggested) pairs for the Chinese words either conversion of `line` changes,
    outside the allowed words; a place both conversions change is reported once."""
    covered = set()
    for word in allowed:
        for m in re.finditer(re.escape(word), line):
            covered.update(range(m.start(), m.end()))
    found, reported = [], set()
    for converted in conversions:
        if converted == line:
            continue
        def skip(a1, a2, b1, b2):  # punctuation, Latin text or a reviewed exception
            return not HAN.search(line[a1:a2] + converted[b1:b2]) or set(range(a1, max(a2, a1 + 1))) <= covered

        for a1, a2, b1, b2 in _hunks(line, converted, skip):
            written, suggested = line[a1:a2], converted[b1:b2]
            span = set(range(a1, max(a2, a1 + 1)))
            if span & reported:
                continue  # both conversions change this place: reported once
            reported |= span
            start, end = max(0, a1 - 2), min(len(line), a2 + 2)  # a little context to find the word
            found.append((line[start:end].strip(), (line[start:a1] + suggested + line[a2:end]).strip()))
    return found


def wording_problems(lines, conversions, allowed: list[str]) -> list[Problem]:
    """A problem for each change OpenCC's answer (`conversions`, for `lines`) suggests that no
    `allow:` text of wording.yml covers: one suggestion per change, with its neighbouring
    characters."""
    problems, allowed = [], tuple(allowed)
    for (rel, number, line), *candidates in zip(lines, *conversions):
        if all(c == line for c in candidates):
            continue
        for written, suggested in _suggestions(line, allowed, tuple(candidates)):
            problems.append(Problem(rel, number, f"「{written}」 is Simplified, a conversion slip or mainland wording",
                                    f"write 「{suggested}」 (Taiwan usage), or, if it is correct in Taiwan, add it with a"
                                    " reason under `allow:` in docs/_data/wording.yml"))
    return problems


def english_sentence_problems(page, catalog_en: set[str]) -> list[Problem]:
    """On a zh-TW page, an English sentence must be a catalog phrase or be followed by its Chinese."""
    problems = []
    for number, line in page.prose_lines():
        scrubbed = reader_view(line)
        for m in ENGLISH_SENTENCE.finditer(scrubbed):
            sentence = m.group(0).strip()
            if sentence in catalog_en or sentence.rstrip(".?!") in catalog_en or FOLLOWED_BY_CHINESE.match(scrubbed[m.end():]):
                continue
            problems.append(Problem(page.rel, number, f"English sentence without its Chinese: {sentence!r}",
                                    "place it with a phrase marker (<!-- phrase ID -->) if it is a catalog phrase, or"
                                    " follow it by its Chinese in full-width parentheses: \"…\"（中文）"))
    return problems
