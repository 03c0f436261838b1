"""Screenshots of the main window on a fresh demo database, for the documentation and for review.

    QT_QPA_PLATFORM=offscreen python -m ui.screenshots docs/screenshots [--all-areas] [--area N] [--size 1366x768]
        [--palette light|dark|high-contrast]

Writes ``main-nb.png`` and ``main-en.png`` (1366 × 768, an office laptop's screen) showing area ``N``
(default 2: Cohorts & participants); with ``--all-areas`` also ``area-<n>-<lang>.png`` for every area.
Settings are kept in a temporary folder, so the user's own window state and language are not touched.
``--palette`` shows the app in one of ``ui.palettes``' palettes; a palette other than light adds ``-<palette>`` to
the file names (``area-2-dark-nb.png``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QSize

from ui.screenshot_support import demo_window, settle


def take(
    output: Path,
    *,
    area: int,
    all_areas: bool,
    size: QSize = QSize(1366, 768),  # noqa: B008
    palette: str = "light",
) -> list[Path]:
    app, switcher, window = demo_window("nb", size)
    tag = "" if palette == "light" else f"-{palette}"
    if palette != "light":
        from ui.palettes import apply

        apply(palette)
        settle(app, 150)
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for language in ("nb", "en"):
        switcher.switch(language)
        settle(app, 150)
        rows = range(len(window.areas)) if all_areas else []
        for row in rows:
            window.nav.setCurrentRow(row)
            settle(app, 150)
            path = output / f"area-{row + 1}{tag}-{language}.png"
            window.grab().save(str(path))
            written.append(path)
        window.nav.setCurrentRow(area - 1)
        settle(app, 150)
        path = output / f"main{tag}-{language}.png"
        window.grab().save(str(path))
        written.append(path)
    window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--area", type=int, default=2, help="area shown in main-*.png (1–8)")
    parser.add_argument("--all-areas", action="store_true")
    parser.add_argument("--size", default="1366x768", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--palette", default="light", choices=("light", "dark", "high-contrast"))
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.lower().split("x"))
    size = QSize(width, height)
    for path in take(args.output, area=args.area, all_areas=args.all_areas, size=size, palette=args.palette):
        print(path, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
