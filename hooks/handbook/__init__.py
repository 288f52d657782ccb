"""The handbook's shared build code: one package that every hook module imports.

Hook modules (hooks/*.py, listed under `hooks:` in mkdocs.yml) are thin: they connect MkDocs
events to the functions here. No hook module imports another hook module; whatever two hooks
share lives in this package. Most modules here are pure functions over plain data (a page's
text, a parsed data file), so they are unit-tested in milliseconds without a build
(tests/unit/).
"""
