"""hooks/handbook/search.py: the search index's extra fields, stop words, question checks, the
index split and the worker patch. Plain inputs, milliseconds."""

from __future__ import annotations

import pytest

from handbook import search

TERMS = [
    {"id": "price-room", "zh-TW": "議價空間", "en": "price room", "aliases": {"zh-TW": ["降價空間"], "en": ["room to negotiate"]},
     "synonyms": {"zh-TW": ["殺價", "砍價"], "en": ["haggle", "bargain"]}},
    {"id": "quotation", "zh-TW": "報價單", "en": "quotation", "aliases": {"zh-TW": ["報價"], "en": ["quote"]},
     "synonyms": {"zh-TW": ["估價單"], "en": ["offer"]}},
    {"id": "sample", "zh-TW": "樣品", "en": "sample"},
]


def cut(text):
    """A stand-in for jieba.cut: two characters at a time."""
    return [text[i:i + 2] for i in range(0, len(text), 2)]


# --------------------------------------------------------------------------- synonyms


def test_synonyms_of_the_terms_a_text_uses_by_headword_or_alias():
    assert search.synonyms_for("保留\u200b議價空間", TERMS, "zh-TW") == ["降價空間", "殺價", "砍價"]
    assert search.synonyms_for("Keep <b>room to negotiate</b>.", TERMS, "en") == ["_price_room", "haggle", "bargain"]
    assert search.synonyms_for("寄樣品", TERMS, "zh-TW") == []  # a term without synonyms
    assert search.synonyms_for("nothing here", TERMS, "en") == []


def test_synonyms_skip_words_the_text_says_and_english_needs_whole_words():
    assert search.synonyms_for("議價空間不大，別殺價", TERMS, "zh-TW") == ["降價空間", "砍價"]
    assert search.synonyms_for("a quotes file", TERMS, "en") == []  # "quote" only inside "quotes"
    assert search.synonyms_for("Quote first.", TERMS, "en") == ["quotation", "offer"]  # and the headword


def test_synonyms_repeat_with_the_use_of_the_term_up_to_a_limit():
    assert search.synonyms_for("報價 報價", TERMS, "zh-TW") == ["報價單", "報價單", "估價單", "估價單"]
    assert search.synonyms_for("報價" * 10, TERMS, "zh-TW") == ["報價單"] * search.SYNONYM_REPEAT + ["估價單"] * search.SYNONYM_REPEAT


def test_question_synonyms_come_from_any_word_of_a_term():
    assert search.question_synonyms("客戶一直\u200b殺價", TERMS, "zh-TW") == ["議價空間", "降價空間", "砍價"]
    assert search.question_synonyms("how to haggle", TERMS, "en") == ["_price_room", "_room_to_negotiate", "bargain"]
    assert search.question_synonyms("how to ship", TERMS, "en") == []


PHRASE_TERMS = [
    {"id": "compromise", "zh-TW": "妥協", "en": "compromise", "synonyms": {"en": ["meet halfway"]}},
    {"id": "bec", "zh-TW": "商業電子郵件詐騙", "en": "business email compromise", "aliases": {"en": ["BEC"]}},
    {"id": "pricing", "zh-TW": "議價", "en": "discount", "synonyms": {"en": ["price too high", "Pro-forma"]}},
]


def test_glossary_phrases_are_one_token_never_their_everyday_words():
    assert search.phrase_token("meet halfway") == "_meet_halfway"
    assert search.phrase_token("pro-forma") == "_pro_forma"
    assert search.phrase_token("haggle") == "haggle"
    assert not search.phrase_token("quality problem").startswith("quality")  # out of "quality*"
    assert search.synonyms_for("Offer a compromise.", PHRASE_TERMS, "en") == ["_meet_halfway"]
    assert search.question_synonyms("is a discount ok", PHRASE_TERMS, "en") == ["_price_too_high", "_pro_forma"]
    assert search.phrases(PHRASE_TERMS, "en") == ["meet halfway", "business email compromise", "price too high", "pro-forma"]
    assert search.phrases(PHRASE_TERMS, "zh-TW") == []


def test_a_word_inside_a_longer_glossary_word_counts_for_the_longer_one_only():
    # "compromise" inside "business email compromise" is the scam, not the negotiator's compromise
    assert search.synonyms_for("Spot a business email compromise.", PHRASE_TERMS, "en") == ["BEC"]
    assert search.synonyms_for("A compromise, not a business email compromise.", PHRASE_TERMS, "en") == ["_meet_halfway", "BEC"]
    assert search.question_synonyms("how to spot a business email compromise", PHRASE_TERMS, "en") == ["BEC"]
    assert search.Lexicon(TERMS, "zh-TW").uses("報價單 報價") == {1: 2}


def test_dictionary_words_are_every_chinese_term_alias_and_synonym_once():
    assert search.dictionary_words(TERMS) == ["議價空間", "降價空間", "殺價", "砍價", "報價單", "報價", "估價單", "樣品"]


def test_segment_chinese_joins_words_with_zero_width_spaces():
    assert search.segment_chinese("打電話前 prepare", cut) == "打電\u200b話前\u200b prepare"


# --------------------------------------------------------------------------- the index


def test_split_index_by_language_with_locations_relative_to_each_root():
    docs = [{"location": "", "title": "首頁"}, {"location": "en/", "title": "Home"},
            {"location": "en/phone/calls/#x", "title": "X"}, {"location": "english/", "title": "中文"}]
    split = search.split_index(docs, ("zh-TW", "en"), "zh-TW")
    assert [d["location"] for d in split["zh-TW"]] == ["", "english/"]
    assert [d["location"] for d in split["en"]] == ["", "phone/calls/#x"]


@pytest.mark.parametrize("location,overview", [
    ("", True), ("customers/", True), ("tags/", True), ("glossary/#x", True), ("phrasebook/", True),
    ("maintainers/translation-status/", True), ("negotiation/practice/", False),
    ("emails/", False), ("emails/#payment-reminder", False), ("emailsx/", True),
    ("phone/incoming-calls/", False), ("customers/quiet-customers/#step", False),
])
def test_overview_pages(location, overview):
    assert search.is_overview(location) is overview


def test_enrich_adds_hidden_fields_and_lowers_overview_pages():
    docs = [{"location": "quoting/room/", "title": "空間", "text": "保留議價空間"},
            {"location": "quoting/room/#a", "title": "A", "text": "報價單"},
            {"location": "quoting/", "title": "報價", "text": "總覽"}]
    out = search.enrich(docs, "zh-TW", {"quoting/room/": "怎麼\u200b殺價"}, TERMS)
    page, section, overview = out
    assert page["questions"].startswith("怎麼\u200b殺價") and "砍價" in page["questions"]
    assert page["keywords"].split() == ["降價空間", "殺價", "砍價", "估價單"]  # the whole page's terms
    assert section["keywords"] == "估價單" and "questions" not in section
    assert overview["title_keywords"] == "報價單 估價單"  # its title says 報價: the term's other words, once
    assert "title_keywords" not in page and "title_keywords" not in section  # titles without a term
    assert overview["boost"] == search.OVERVIEW_BOOST and "boost" not in page
    assert page["text"] == "保留議價空間"  # the visible text is untouched
    assert docs[0] == {"location": "quoting/room/", "title": "空間", "text": "保留議價空間"}  # inputs unchanged


def test_stop_words_are_question_words_and_words_on_nearly_every_page():
    docs = [{"location": f"p{i}/", "title": "T", "text": f"客戶 報價 word{i}"} for i in range(10)]
    stop = search.stop_words(docs, "zh-TW", protected=["報價"])
    assert "客戶" in stop and "怎麼" in stop
    assert "報價" not in stop  # a glossary term never is
    assert "word1" not in stop
    assert "t" in stop  # the title "T" is on every page too
    english = search.stop_words(docs, "en", protected=[])
    assert "mean" in english and "怎麼" not in english


def test_index_data_declares_every_field_the_entries_carry():
    # lunr indexes only declared fields: a search-only field missing from the config would be dead
    docs = [{"location": "quoting/room/", "title": "空間", "text": "保留議價空間", "tags": ["報價"]},
            {"location": "quoting/", "title": "報價", "text": "總覽"}]
    enriched = search.enrich(docs, "zh-TW", {"quoting/room/": "怎麼\u200b殺價"}, TERMS)
    zh = search.index_data(enriched, ["的"])
    en = search.index_data([{"location": ""}], [])
    assert zh["config"]["pipeline"] == en["config"]["pipeline"] == ["stemmer"]  # stop words: at query time
    carried = {key for doc in zh["docs"] for key in doc} - {"location", "boost"}
    assert {"questions", "keywords", "title_keywords"} <= carried
    assert carried <= set(zh["config"]["fields"]), carried - set(zh["config"]["fields"])
    assert zh["config"]["hb_stop_words"] == ["的"] and zh["docs"] == enriched


def test_guessed_words_are_non_words_across_a_function_word():
    docs = [{"location": "a/", "title": "會前\u200b前要\u200b準備", "text": "什麼\u200b哪些\u200b條的\u200b報價單\u200bok"}]
    dictionary = {"準備", "報價單", "會前"}
    assert search.guessed_words(docs, dictionary.__contains__) == ["前要", "條的"]


def test_sections_with_a_title_on_several_pages_get_the_lower_boost():
    docs = [{"location": f"s/p{i}/#quiz", "title": "自我檢測", "text": "題目"} for i in range(search.REPEATED_TITLE_PAGES)]
    docs += [{"location": "s/p0/#intro", "title": "自我介紹", "text": ""}, {"location": "s/p1/#quiz2", "title": "自我檢測", "text": ""}]
    assert search.repeated_titles(docs) == {"自我檢測"}
    enriched = search.enrich(docs, "zh-TW", {}, [])
    assert [d.get("boost") for d in enriched[:search.REPEATED_TITLE_PAGES]] == [search.OVERVIEW_BOOST] * search.REPEATED_TITLE_PAGES
    assert "boost" not in enriched[search.REPEATED_TITLE_PAGES]  # 自我介紹: one page
    # the same title twice on one page is not repeated across pages
    assert search.repeated_titles(docs[-2:] + docs[:1]) == set()


# --------------------------------------------------------------------------- the query (worker, in Node.js)

import json
import shutil
import subprocess
from pathlib import Path

import material

MATERIAL_WORKER = sorted((Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
SEARCH_WORKER_JS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "javascripts" / "search-worker.js"
# One Node.js process for the module's queries (starting Node for each cost about a second of the
# unit layer): the first line it reads is Material's worker (for its lunr) and the handbook's
# without ?material= (its functions only); then each line is a job, answered on one line.
_SERVE = r"""
const vm = require("vm"), readline = require("readline");
let context = null;
readline.createInterface({input: process.stdin}).on("line", line => {
  const job = JSON.parse(line);
  if (!context) {
    context = {console, URL, addEventListener() {}, postMessage() {}, importScripts() {}};
    context.self = context;
    vm.createContext(context);
    vm.runInContext(job.material, context);
    vm.runInContext(job.code, context);
    return;
  }
  const vocabulary = new Set(job.vocabulary);
  process.stdout.write(JSON.stringify(job.queries.map(q => job.lunr ? context.hbLunrQuery(q)
                                                      : context.hbPrepareQuery(q, vocabulary, job.config))) + "\n");
});
"""


def _node() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    if not node or len(MATERIAL_WORKER) != 1:
        pytest.fail("needs Node.js and Material's search worker (bash .ci/setup installs Node.js)")
    return node


@pytest.fixture(scope="module")
def prepare():
    """What the site's worker (docs/assets/javascripts/search-worker.js, with Material's real
    lunr) makes of each query: prepare(queries, stop, vocabulary, phrase_list) is hbPrepareQuery,
    prepare(queries, lunr=True) is hbLunrQuery."""
    node = subprocess.Popen([_node(), "-e", _SERVE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")

    def send(job: dict) -> None:
        node.stdin.write(json.dumps(job) + "\n")
        node.stdin.flush()

    send({"material": MATERIAL_WORKER[0].read_text(encoding="utf-8"), "code": SEARCH_WORKER_JS.read_text(encoding="utf-8")})

    def run(queries: list[str], stop: list[str] = (), vocabulary: list[str] = (), phrase_list: list[str] = (),
            lunr: bool = False) -> list[str]:
        config = {"separator": search.SEPARATOR, "hb_stop_words": list(stop), "hb_not_words": [],
                  "hb_phrases": list(phrase_list)}
        send({"config": config, "vocabulary": list(vocabulary), "queries": queries, "lunr": lunr})
        answer = node.stdout.readline()
        if not answer:
            raise RuntimeError(f"the worker's functions stopped in Node.js:\n{node.stderr.read()[-3000:]}")
        return json.loads(answer)

    yield run
    node.stdin.close()
    node.wait(timeout=30)


def test_each_plain_word_goes_to_material_as_typed_and_as_a_prefix_and_chinese_words_escaped(prepare):
    assert prepare(["ship title:how^1 l^1", "報價單^3 報價單*^3 前^1"], lunr=True) == [
        "ship^1 ship*^1 title:how^1 l^1", "報\\價\\單^3 報\\價\\單*^3 前^1"]


def test_the_english_index_keeps_stop_words_for_titles():
    # lunr's stop-word filter in the index would drop "How to say no" from its own title
    assert search.index_data([{"location": ""}], [])["config"]["pipeline"] == ["stemmer"]


def test_a_stop_word_typed_as_a_word_is_searched_in_titles_only(prepare):
    assert prepare(["how to say no politely"], stop=["say"]) == ["polit title:how^1 title:to^1 title:say^1 title:no^1"]
    assert prepare(["say no"]) == ["title:say^1 title:no^1"]  # only stop words: still in titles, not everywhere
    assert prepare(["didn't reply"], stop=search.ENGLISH_STOP_WORDS) == ["reply"]  # fragments of a word ("t") are not title words


def test_a_word_is_searched_as_its_stem_when_the_stem_starts_it(prepare):
    assert prepare(["goods shipped"]) == ["good ship"]  # ship ship*: shipping, shipment too
    assert prepare(["quality using cheap"]) == ["quality using cheap"]  # qualiti, us (too short): as typed


def test_a_single_letter_is_searched_exactly_not_as_a_prefix(prepare):
    # "L/C" splits into l and c; as prefixes they would match nearly every word of the site
    assert prepare(["L/C"]) == ["l^1 c^1"]
    assert prepare(["T/T"], stop=search.ENGLISH_STOP_WORDS) == ["t^1 t^1"]  # "t" is a stop word elsewhere ("didn't")
    assert prepare(["what is L/C"], stop=["what", "is"]) == ["l^1 c^1 title:what^1 title:is^1"]


def test_a_typed_glossary_phrase_adds_its_token(prepare):
    assert prepare(["prices are too high"], phrase_list=["price too high"]) == ["price high _price_too_high title:are^1 title:too^1"]


_WORKER_RUN = r"""
const fs = require("fs"), vm = require("vm");
const job = JSON.parse(fs.readFileSync(0, "utf8"));
const listeners = [], replies = [];
const context = {
  console, URL, setTimeout,
  location: { href: "https://intranet.example/assets/javascripts/search-worker.js?material=" +
                    encodeURIComponent("https://intranet.example/assets/javascripts/workers/search.js") },
  addEventListener: (type, fn) => listeners.push(fn),
  postMessage: message => replies.push(message),
  importScripts: () => vm.runInContext(job.material, context),
};
context.self = context;
vm.createContext(context);
vm.runInContext(job.code, context);
(async () => {
  for (const message of job.messages) {
    const event = { data: message };
    for (const fn of listeners) await fn(event);
    for (let i = 0; i < 50; i++) await new Promise(r => setTimeout(r, 0));
  }
  process.stdout.write(JSON.stringify(replies));
})();
"""


def test_the_worker_wraps_materials_and_hides_search_only_tokens():
    """The handbook's worker loads Material's (importScripts), prepares each query for it and
    drops the search-only tokens from the matched words a result lists (never "Missing")."""
    docs = [{"location": "a/", "title": "Quotation", "text": "a quotation for the late payment", "keywords": "_late_payment"},
            {"location": "b/", "title": "報價單", "text": "報價單\u200b交期"}]
    config = {**search.MATERIAL_OPTIONS, "hb_stop_words": [], "hb_not_words": [], "hb_phrases": ["late payment"]}
    messages = [{"type": 0, "data": {"config": config, "docs": docs, "options": {"suggest": False}}},
                {"type": 2, "data": "quotations"}, {"type": 2, "data": "late payments quotation"},
                {"type": 2, "data": "報價單交期"}]
    job = {"material": MATERIAL_WORKER[0].read_text(encoding="utf-8"), "code": SEARCH_WORKER_JS.read_text(encoding="utf-8"),
           "messages": messages}
    done = subprocess.run([_node(), "-e", _WORKER_RUN], input=json.dumps(job), capture_output=True, text=True, timeout=60, check=True)
    ready, stemmed, phrase, chinese = json.loads(done.stdout)
    assert ready["type"] == 1
    assert [group[0]["location"] for group in stemmed["data"]["items"]] == ["a/"]  # "quotations" finds "quotation"
    terms = phrase["data"]["items"][0][0]["terms"]
    assert terms and not [t for t in terms if t.startswith("_")]
    assert [group[0]["location"] for group in chinese["data"]["items"]] == ["b/"]
