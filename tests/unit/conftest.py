"""Unit tests of the pure functions in hooks/handbook/: no build, no browser, milliseconds.

Puts hooks/ on sys.path so tests import `handbook.<module>` the way the hooks do.
"""

import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))
