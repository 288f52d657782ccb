"""Unit tests (a package, so that tests/unit/test_X.py and tests/test_X.py can share a basename)."""
