"""Unit tests import the handbook's shared package (hooks/handbook) directly: no build, no browser.
(tests/unit is a package, so this conftest does not shadow tests/conftest.py when both run.)"""

import sys
from pathlib import Path

HOOKS = str(Path(__file__).resolve().parents[2] / "hooks")
if HOOKS not in sys.path:
    sys.path.insert(0, HOOKS)
