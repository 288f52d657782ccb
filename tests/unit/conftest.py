"""Unit tests of hooks/handbook/: plain functions, no MkDocs build, no browser."""

import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))
