"""hooks/handbook/disk_cache.py: where the build keeps results between builds, and the JSON files
it keeps them in. No build."""

from __future__ import annotations

from pathlib import Path

from handbook.disk_cache import JsonCache, cache_dir


def test_cache_lives_outside_the_source_tree():
    assert cache_dir("/c", "diagrams", {}) == Path("/c/diagrams")
    assert cache_dir(None, "diagrams", {"XDG_CACHE_HOME": "/x"}) == Path("/x/handbook/diagrams")
    assert cache_dir(None, "diagrams", {}) == Path.home() / ".cache" / "handbook" / "diagrams"
    assert cache_dir("/c", "zhuyin", {}) == Path("/c/zhuyin")


def test_cache_round_trip_and_unwritable_folder(tmp_path):
    cache = JsonCache(tmp_path / "d")
    assert cache.get("k") is None
    cache.put("k", {"svg": "<svg/>"})
    assert JsonCache(tmp_path / "d").get("k") == {"svg": "<svg/>"}  # from disk
    assert not list((tmp_path / "d").glob(".*.tmp"))  # written through a temporary file, then renamed
    (tmp_path / "d" / "broken.json").write_text("not json", encoding="utf-8")
    assert JsonCache(tmp_path / "d").get("broken") is None  # a file that cannot be read is a miss
    blocked = tmp_path / "file"
    blocked.write_text("")
    cache = JsonCache(blocked / "d")  # cannot be created: the build still goes on
    cache.put("k", {"svg": "<svg/>"})
    assert cache.get("k") == {"svg": "<svg/>"}
