"""What a build keeps on disk for the next one: one JSON file per key in a folder of the build's
cache, outside the source tree (a build from a read-only checkout changes nothing in it) and shared
by every checkout of the user: <the cache setting>/<kind> (extra.handbook.cache or HANDBOOK_CACHE),
else $XDG_CACHE_HOME/handbook/<kind>, else ~/.cache/handbook/<kind>. Deleting it is always safe.

Used for the drawn diagrams (diagrams.py, kind "diagrams") and the Chinese glossary's zhuyin
readings (glossary.py, kind "zhuyin"). Each user keys its results by everything they depend on.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.handbook")


def cache_dir(cache: str | None, kind: str, environ=os.environ) -> Path:
    """The folder of one kind of result (`cache`: the build's setting)."""
    if cache:
        return Path(cache) / kind
    base = Path(environ["XDG_CACHE_HOME"]) if environ.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "handbook" / kind


class JsonCache:
    """JSON values on disk, one file per key, with an in-memory layer for `mkdocs serve`. A file
    that cannot be read is a miss; one that cannot be written costs only the time."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.memory: dict[str, object] = {}

    def get(self, key: str):
        if key not in self.memory:
            try:
                self.memory[key] = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
        return self.memory[key]

    def put(self, key: str, value) -> None:
        self.memory[key] = value
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.{os.getpid()}.tmp"
            temporary.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.folder / f"{key}.json")  # atomic: parallel builds never read half a file
        except OSError as exc:  # a read-only home still builds, it just works the value out again next time
            log.warning("cannot write the cache in %s (%s); the next build works it out again", self.folder, exc)
