"""Conversation drills (docs/_data/drills.yml): checks a schema cannot express, and what a drill shows.

A drill is a short branching phone or video conversation: the other side says a line (English),
the trainee picks one of three or four replies, and each reply has feedback in both languages, a
grade (best, ok, wrong) and the next step (`end` ends the drill). A reply is a catalog phrase
(`phrase: id`, so the phrasebook, the pages and the drills say the same thing) or free English
(`say:`) where no phrase fits.

Checks (the validation phase, each naming the line to fix): duplicate drill and step ids; a
`next` that names no step; a step no path from the first step reaches; a path that never ends
(a loop); a step without a best reply; a reply with both or neither of `phrase` and `say`; an
unknown phrase id (with the nearest ids); a don't-say phrase graded best or ok; a `say` that is a
catalog phrase word for word (use its id); feedback whose Chinese has no Chinese or whose English
has Chinese; a best path outside 5-8 steps; an unknown drill id in a page; a drill placed on no
page or twice on one. The two languages' pages place the same drills (pages.check_pairs compares
every marker of a page pair).

Rendering (overrides/handbook/drill.html): a drill is first a script in the reader's language:
each line, the best reply and why. That is what readers without JavaScript and the PDFs get.
The element carries `data-drill="<id>"` and the whole drill (this language's feedback only) as
JSON in `data-drill-steps`; docs/assets/javascripts/drills.js, loaded by a script tag of the
drill's own markup (so only pages with a drill load it), turns the script into the game.
"""

from __future__ import annotations

import hashlib
import json

from .phrases import Catalog, is_dont_say
from .problems import Problem, did_you_mean, duplicate_ids
from .languages import HAN
from .templates import render

END = "end"  # `next: end` ends the drill
GRADES = ("best", "ok", "wrong")
STEPS = (5, 8)  # the best path's length, in steps

# Interface words of the static script and the results list (drills.js has the game's own words).
TEXT = {
    "zh-TW": {"kicker": "對話練習", "steps": "{n} 步", "caller": "對方", "you": "你", "best": "最佳回答",
              "why": "為什麼", "script": "對話腳本（最佳回答）", "label": "對話練習：{title}",
              "list_drill": "練習", "list_situation": "情境", "list_steps": "步數", "list_result": "你的成績",
              "not_yet": "還沒練習", "list_caption": "所有對話練習與你在這個瀏覽器裡的成績"},
    "en": {"kicker": "Conversation drill", "steps": "{n} steps", "caller": "Caller", "you": "You",
           "best": "Best reply", "why": "Why", "script": "Script (best replies)", "label": "Conversation drill: {title}",
           "list_drill": "Drill", "list_situation": "Situation", "list_steps": "Steps", "list_result": "Your result",
           "not_yet": "Not yet played", "list_caption": "Every conversation drill, with your result in this browser"},
}
PHRASEBOOK = {"zh-TW": "phrasebook/", "en": "en/phrasebook/"}  # from the site root


# --------------------------------------------------------------------------- checks


def _reply(option: dict, catalog: Catalog | None) -> str | None:
    if "phrase" in option:
        phrase = catalog.by_id.get(option["phrase"]) if catalog else None
        return phrase["en"] if phrase else None
    return option.get("say")


def best_path(drill: dict) -> list[dict]:
    """The steps met by choosing the (first) best reply each time, from the first step."""
    steps = {s["id"]: s for s in drill["steps"]}
    path, step = [], drill["steps"][0]
    while step is not None and step not in path:
        path.append(step)
        best = next((o for o in step["options"] if o["grade"] == "best"), None)
        step = steps.get(best["next"]) if best else None
    return path


def _graph_problems(drill: dict, path: str) -> list[Problem]:
    """Unknown next steps, steps nothing reaches, loops (a path that never ends)."""
    problems = []
    steps = {}
    for step in drill["steps"]:
        where = f"drill {drill['id']}, step {step['id']}"
        if step["id"] == END:
            problems.append(Problem(path, step.key_lines["id"], f"{where}: 'end' is not a step id (next: end ends the"
                                    " drill)", "give the step another id"))
        elif step["id"] in steps:
            problems.append(Problem(path, step.key_lines["id"], f"{where}: duplicate step id (first used on line"
                                    f" {steps[step['id']].line})", "give one of them a new, unique id"))
        else:
            steps[step["id"]] = step
    for step in drill["steps"]:
        for option in step["options"]:
            if option["next"] != END and option["next"] not in steps:
                problems.append(Problem(path, option.key_lines["next"],
                                        f"drill {drill['id']}, step {step['id']}: next {option['next']!r} is no step"
                                        f"{did_you_mean(option['next'], steps)}",
                                        f"use a step id of this drill ({', '.join(steps)}) or end"))
    first = drill["steps"][0]["id"]
    reached, todo = {first}, ([first] if first in steps else [])
    while todo:
        for option in steps[todo.pop()]["options"]:
            if option["next"] in steps and option["next"] not in reached:
                reached.add(option["next"])
                todo.append(option["next"])
    for sid, step in steps.items():
        if sid not in reached:
            problems.append(Problem(path, step.line, f"drill {drill['id']}, step {sid}: no path from the first step"
                                    f" ({first}) reaches it", "point a reply's next at it, or remove the step"))
    # A loop: a path that comes back to a step it has passed never ends. Depth-first, three colours.
    state: dict[str, int] = {}

    def visit(sid: str, trail: list[str]) -> None:
        state[sid] = 1
        for option in steps[sid]["options"]:
            nxt = option["next"]
            if nxt not in steps:
                continue
            if state.get(nxt) == 1:
                loop = " -> ".join(trail[trail.index(nxt):] + [sid, nxt]) if nxt in trail else f"{sid} -> {nxt}"
                problems.append(Problem(path, option.key_lines["next"], f"drill {drill['id']}, step {sid}: a path never"
                                        f" ends (loop {loop})", "point next at a later step or at end"))
            elif nxt not in state:
                visit(nxt, trail + [sid])
        state[sid] = 2

    if first in steps:
        visit(first, [])
    return problems


def _option_problems(drill: dict, step: dict, option: dict, catalog: Catalog | None, path: str) -> list[Problem]:
    where = f"drill {drill['id']}, step {step['id']}"
    problems = []
    if ("phrase" in option) == ("say" in option):
        problems.append(Problem(path, option.line, f"{where}: a reply needs exactly one of 'phrase' or 'say'",
                                "write phrase: <catalog id> for a catalog phrase, or say: <English> otherwise"))
    if "phrase" in option and catalog is not None:
        pid = option["phrase"]
        phrase = catalog.by_id.get(pid)
        if phrase is None:
            problems.append(Problem(path, option.key_lines["phrase"], f"{where}: unknown phrase id {pid!r}"
                                    f"{did_you_mean(pid, catalog.by_id)}",
                                    "use an id of docs/_data/phrases.yml, or add the phrase there"))
        elif is_dont_say(phrase) and option["grade"] != "wrong":
            problems.append(Problem(path, option.key_lines["grade"], f"{where}: {pid!r} is a don't-say phrase graded"
                                    f" {option['grade']!r}", f"grade it wrong and say why in the feedback, or use the"
                                    f" phrase to say instead ({phrase['instead']!r})"))
    if "say" in option and catalog is not None:
        same = [p for p in catalog.phrases if p["en"].strip() == option["say"].strip()]
        if same:
            problems.append(Problem(path, option.key_lines["say"], f"{where}: this reply is catalog phrase"
                                    f" {same[0]['id']!r} word for word", f"write phrase: {same[0]['id']} instead of say"))
    feedback = option["feedback"]
    if not HAN.search(feedback["zh-TW"]):
        problems.append(Problem(path, feedback.key_lines["zh-TW"], f"{where}: the Chinese feedback has no Chinese",
                                "write the feedback in Chinese for zh-TW readers"))
    if HAN.search(feedback["en"]):
        problems.append(Problem(path, feedback.key_lines["en"], f"{where}: the English feedback has Chinese",
                                "write the feedback in English for English readers"))
    return problems


def check_drills(drills: list[dict], catalog: Catalog | None, path: str) -> list[Problem]:
    """Every check of the drills a schema cannot express. `catalog` None: the catalog is broken
    (its own problems are reported), so phrase ids are not checked."""
    problems = duplicate_ids(drills, path, "drill")
    for drill in drills:
        problems += _graph_problems(drill, path)
        for step in drill["steps"]:
            if not any(o["grade"] == "best" for o in step["options"]):
                problems.append(Problem(path, step.key_lines["options"], f"drill {drill['id']}, step {step['id']}:"
                                        " no best reply", "grade the reply a good salesperson would give best"))
            for option in step["options"]:
                problems += _option_problems(drill, step, option, catalog, path)
        length = len(best_path(drill))
        if not STEPS[0] <= length <= STEPS[1] and not any(p.message.startswith(f"drill {drill['id']},") for p in problems):
            problems.append(Problem(path, drill.key_lines["steps"], f"drill {drill['id']}: the best path has {length}"
                                    f" steps", f"write {STEPS[0]} to {STEPS[1]} steps from the first line to the end"
                                    " along the best replies"))
    return problems


def check_marker(marker, drills: dict | None) -> list[tuple[str, str]]:
    if marker.name == "drill-list":
        return [] if not marker.args else [(f"drill-list marker takes no arguments: {marker.raw!r}",
                                            "write '<!-- drill-list -->'")]
    if len(marker.args) != 1:
        return [(f"malformed drill marker {marker.raw!r}", "write '<!-- drill ID -->' on a line of its own")]
    if drills is not None and marker.args[0] not in drills:
        return [(f"unknown drill {marker.args[0]!r} in {marker.raw}{did_you_mean(marker.args[0], drills)}",
                 f"use a drill id of docs/_data/drills.yml ({', '.join(sorted(drills)) or 'none yet'})")]
    return []


def phrase_ids(drill: dict) -> set[str]:
    """The catalog phrases a drill says (a placed drill places them: phrases.unused)."""
    return {o["phrase"] for s in drill["steps"] for o in s["options"] if "phrase" in o}


def unused(drills: dict, placed: set[str], path: str) -> list[Problem]:
    return [Problem(path, drill.line, f"drill {did}: placed on no page",
                    f"add <!-- drill {did} --> under a heading of the practice page (both languages)")
            for did, drill in drills.items() if did not in placed]


# --------------------------------------------------------------------------- what readers see


def _text(option: dict, catalog: Catalog) -> str:
    return catalog.by_id[option["phrase"]]["en"] if "phrase" in option else option["say"]


def game_data(drill: dict, catalog: Catalog, lang: str, root: str) -> dict:
    """What drills.js needs, in this page's language only: steps in order, the first one first."""
    index = {s["id"]: n for n, s in enumerate(drill["steps"])}
    steps = []
    for step in drill["steps"]:
        options = []
        for option in step["options"]:
            item = {"t": _text(option, catalog), "g": option["grade"], "f": option["feedback"][lang],
                    "n": index.get(option["next"], -1)}
            if "phrase" in option:
                item["p"] = option["phrase"]
                if lang != "en":
                    item["z"] = catalog.by_id[option["phrase"]][lang]
            options.append(item)
        # A fixed order that does not follow the file (where the best reply is often written first).
        options.sort(key=lambda o: hashlib.sha1(f"{drill['id']}/{step['id']}/{o['t']}".encode()).hexdigest())
        steps.append({"s": step["says"], "o": options})
    return {"id": drill["id"], "title": drill["title"][lang], "who": drill["caller"], "steps": steps,
            "len": len(best_path(drill)), "book": root + PHRASEBOOK[lang]}


def render_drill(drill: dict, catalog: Catalog, lang: str, root: str) -> str:
    script = []
    for step in best_path(drill):
        best = next(o for o in step["options"] if o["grade"] == "best")
        script.append({"says": step["says"], "reply": _text(best, catalog), "why": best["feedback"][lang],
                       "own": catalog.by_id[best["phrase"]][lang] if "phrase" in best and lang != "en" else ""})
    data = json.dumps(game_data(drill, catalog, lang, root), ensure_ascii=False, separators=(",", ":"))
    words = TEXT[lang]
    return render("drill.html", id=drill["id"], title=drill["title"][lang], situation=drill["situation"][lang],
                  caller=drill["caller"], script=script, data=data, words=words, lang=lang,
                  steps=words["steps"].format(n=len(script)), label=words["label"].format(title=drill["title"][lang]),
                  src=root + "assets/javascripts/drills.js")


def render_list(drills: dict, lang: str, root: str) -> str:
    rows = [{"id": d["id"], "title": d["title"][lang], "situation": d["situation"][lang],
             "steps": len(best_path(d))} for d in drills.values()]
    return render("drill_list.html", rows=rows, words=TEXT[lang], lang=lang, src=root + "assets/javascripts/drills.js")
