"""Unit tests of hooks/handbook/: pure functions, no build, no browser. hooks/ goes on sys.path so
that `from handbook import …` works as it does inside the build."""

import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))
