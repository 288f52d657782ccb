"""How full a printed book's pages are, read from the pages as they print (used by tests/test_pdf.py
and runnable by hand: `.venv/bin/python tests/pdf_layout.py site/handbook-en.pdf`).

Each page is rendered small and grey with poppler (pdftoppm); the type area is the page minus the
margins of the print document (20 mm top and bottom, where the running header and the footer
sit). A page's fill is how far down the type area its last dark pixel is (0 = nothing printed,
1 = printed to the bottom): a page that ends a chapter with three lines is 0.1 full however wide
those lines are, which is what a reader sees as a wasted page.

A page with nothing in its type area is `blank`: the left-hand page left empty so that the next
chapter opens on a right-hand page (double-sided printing). Those are counted apart: they are the
price of right-hand openings, not text that failed to fill a page.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

DPI = 24
MARGIN_MM = 20.0  # the @page top and bottom margins of overrides/handbook/print-book.html
DARK = 200        # a grey level (0-255) below this is ink


@dataclass
class PageFill:
    number: int
    fill: float  # 0..1 of the type area's height

    @property
    def blank(self) -> bool:
        return self.fill == 0.0


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    return int(header.group(1)), int(header.group(2)), data[header.end():]


def page_fills(pdf: Path, first: int = 1, last: int | None = None) -> list[PageFill]:
    """The fill of every page from `first` to `last` (default: the end)."""
    with tempfile.TemporaryDirectory(prefix="pagefill-") as tmp:
        command = ["pdftoppm", "-r", str(DPI), "-gray", "-f", str(first)]
        if last:
            command += ["-l", str(last)]
        subprocess.run(command + [str(pdf), f"{tmp}/p"], check=True, capture_output=True, timeout=300)
        result = []
        for image in sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1])):
            width, height, pixels = _pgm(image.read_bytes())
            margin = round(MARGIN_MM / 25.4 * DPI)
            top, bottom = margin, height - margin
            last_ink = None
            for row in range(bottom - 1, top - 1, -1):
                line = pixels[row * width:(row + 1) * width]
                if min(line) < DARK:
                    last_ink = row
                    break
            fill = 0.0 if last_ink is None else (last_ink - top + 1) / (bottom - top)
            result.append(PageFill(int(image.stem.split("-")[-1]), round(fill, 3)))
        return result


def under_half(fills: list[PageFill], skip_front: int = 0) -> list[PageFill]:
    """Pages printed less than half full, blank pages left aside, after the first `skip_front`
    pages (the cover)."""
    return [p for p in fills if p.number > skip_front and not p.blank and p.fill < 0.5]


if __name__ == "__main__":
    total = short = blank = 0
    for name in sys.argv[1:]:
        fills = page_fills(Path(name))
        low = under_half(fills, skip_front=1)
        total += len(fills)
        short += len(low)
        blank += sum(p.blank for p in fills)
        print(f"{name}: {len(fills)} pages, {sum(p.blank for p in fills)} blank, {len(low)} under half full: "
              + ", ".join(f"{p.number} ({p.fill:.0%})" for p in low))
    if total:
        print(f"all: {total} pages, {blank} blank, {short} under half full = {short / total:.1%}")
