"""Unit tests import the build's shared code directly: hooks/ goes on sys.path, as MkDocs puts it
when it loads the hooks (so `import handbook` and `import _handbook` work the same way here)."""

import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))
