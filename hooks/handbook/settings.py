"""The build's settings, typed: read from mkdocs.yml (`extra.handbook`), overridden by HANDBOOK_*.

mkdocs.yml is where a maintainer looks for what a build does, so the settings live there:

    extra:
      handbook:
        pdf: true                  # write the two PDF handbooks (mkdocs serve never does)
        site_url: null             # the URL the site is served at (404 page, sitemaps, hreflang)
        cache: null                # where drawn diagrams and the glossary's readings are cached (<cache>/diagrams, /zhuyin)
        chromium: null             # the Chromium binary (default: chromium on PATH, or Debian's)
        pdf_html: null             # also keep the books' print documents in this folder

Each has an environment variable that overrides it for one build (CI, a deployment, a quick
local build): HANDBOOK_PDF=0, HANDBOOK_SITE_URL, HANDBOOK_CACHE, HANDBOOK_CHROMIUM,
HANDBOOK_PDF_HTML. An unknown key or a wrong type fails the build naming the key; nothing else
in the package reads the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Mapping

from .problems import HandbookError

# setting -> the environment variable that overrides it
ENVIRONMENT = {"pdf": "HANDBOOK_PDF", "site_url": "HANDBOOK_SITE_URL", "cache": "HANDBOOK_CACHE",
               "chromium": "HANDBOOK_CHROMIUM", "pdf_html": "HANDBOOK_PDF_HTML"}
OFF_VALUES = {"0", "false", "no", "off"}
ON_VALUES = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """One build's settings (see the module docstring). `command` is MkDocs' ("build", "serve")."""

    pdf: bool = True
    site_url: str | None = None
    cache: str | None = None
    chromium: str | None = None
    pdf_html: str | None = None
    command: str = "build"

    @property
    def books(self) -> bool:
        """Whether this build writes the PDF handbooks: the one switch (never during `mkdocs serve`)."""
        return self.pdf and self.command != "serve"

    @classmethod
    def read(cls, extra: Mapping | None, environ: Mapping[str, str] = os.environ, command: str = "build") -> Settings:
        """Settings from mkdocs.yml's `extra.handbook` mapping, then the HANDBOOK_* variables."""
        given = dict((extra or {}).get("handbook") or {})
        known = {f.name for f in fields(cls)} - {"command"}
        unknown = sorted(set(given) - known)
        if unknown:
            raise HandbookError(f"mkdocs.yml: extra.handbook has unknown setting(s) {', '.join(unknown)}\n"
                                f"    Fix: use only {', '.join(sorted(known))} (hooks/handbook/settings.py)")
        if not isinstance(given.get("pdf", True), bool):
            raise HandbookError(f"mkdocs.yml: extra.handbook.pdf must be true or false, not {given['pdf']!r}\n"
                                "    Fix: write pdf: true or pdf: false")
        for name in known - {"pdf"}:
            if given.get(name) is not None and not isinstance(given[name], str):
                raise HandbookError(f"mkdocs.yml: extra.handbook.{name} must be text, not {given[name]!r}\n"
                                    f"    Fix: write {name}: followed by a path or URL, or leave it out")
        for name, variable in ENVIRONMENT.items():
            value = environ.get(variable)
            if value is None or value == "":
                continue
            if name == "pdf":
                word = value.strip().lower()
                if word not in OFF_VALUES | ON_VALUES:
                    raise HandbookError(f"{variable}={value!r} is neither on nor off\n"
                                        f"    Fix: set {variable}=0 to skip the PDFs, or 1 to write them")
                given[name] = word in ON_VALUES
            else:
                given[name] = value
        return cls(command=command or "build", **given)
