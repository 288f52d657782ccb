"""Unit tests of hooks/handbook/ (a package, so that its conftest does not shadow tests/conftest.py)."""
