"""hooks/handbook/settings.py: mkdocs.yml's extra.handbook, typed, with HANDBOOK_* overrides."""

import pytest

from handbook.problems import HandbookError
from handbook.settings import Settings


def test_mkdocs_yml_settings_and_their_environment_overrides():
    extra = {"handbook": {"pdf": True, "site_url": None, "cache": "/c"}}
    assert Settings.read(extra, {}) == Settings(pdf=True, cache="/c")
    both = Settings.read(extra, {"HANDBOOK_PDF": "0", "HANDBOOK_SITE_URL": "http://intranet/handbook/"})
    assert not both.pdf and both.site_url == "http://intranet/handbook/" and both.cache == "/c"
    assert Settings.read({}, {"HANDBOOK_PDF": "off"}).pdf is False
    assert Settings.read({}, {"HANDBOOK_PDF": ""}).pdf is True  # an empty variable changes nothing


def test_one_pdf_switch_and_serve_never_writes_books():
    assert Settings(pdf=True).books
    assert not Settings(pdf=False).books
    assert not Settings(pdf=True, command="serve").books


@pytest.mark.parametrize("extra, environ, named", [
    ({"handbook": {"pfd": False}}, {}, "pfd"),
    ({"handbook": {"pdf": "no"}}, {}, "extra.handbook.pdf"),
    ({"handbook": {"cache": 3}}, {}, "extra.handbook.cache"),
    ({}, {"HANDBOOK_PDF": "maybe"}, "HANDBOOK_PDF"),
])
def test_a_wrong_setting_names_itself_and_the_fix(extra, environ, named):
    with pytest.raises(HandbookError) as failure:
        Settings.read(extra, environ)
    assert named in str(failure.value) and "Fix:" in str(failure.value)
