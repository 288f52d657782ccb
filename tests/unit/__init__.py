"""Unit tests of the build's shared code (a package, so its conftest does not shadow tests/conftest.py)."""
