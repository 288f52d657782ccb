from handbook.datafiles import parse_yaml
from handbook.problems import Problem, duplicate_ids, format_report


def test_report_groups_by_file_sorts_by_line_and_drops_repeats():
    problems = [Problem("b.yml", 9, "late", "fix b9"), Problem("a.md", None, "whole", "fix a"),
                Problem("b.yml", 2, "early", "fix b2"), Problem("b.yml", 2, "early", "fix b2")]
    report = format_report(problems)
    assert report.splitlines()[0] == "3 problem(s) in the handbook's sources:"
    assert report.index("a.md") < report.index("b.yml")
    assert report.index("line 2: early") < report.index("line 9: late")
    assert "  file: whole\n      fix: fix a" in report


def test_duplicate_ids_name_the_first_line():
    data, _ = parse_yaml("- id: a\n- id: b\n- id: a\n", "x.yml")
    [problem] = duplicate_ids(data, "x.yml", "phrase")
    assert (problem.line, problem.message) == (3, "duplicate phrase id 'a' (first used on line 1)")


def test_did_you_mean_and_likely_typos():
    from handbook.problems import did_you_mean, likely_typos

    assert did_you_mean("payment-remind", ["payment-reminder", "order-confirmation"]) == " (did you mean 'payment-reminder'?)"
    assert did_you_mean("xyz", ["payment-reminder"]) == ""
    assert did_you_mean("nmae", ["name"], show=lambda c: f"[{c}]") == " (did you mean [name]?)"
    assert likely_typos({"Checklist": 12, "Checklists": 1, "Trade fairs": 1}) == {"Checklists": "Checklist"}
