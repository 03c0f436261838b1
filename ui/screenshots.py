"""Screenshots of the main window on a fresh demo database, for the documentation and for review.

    QT_QPA_PLATFORM=offscreen python -m ui.screenshots docs/screenshots [--all-areas] [--area N] [--size 1366x768]
        [--scale 2] [--palette light|dark|high-contrast] [--languages nb,nn,sv]

Writes ``main-<lang>.png`` for each of ``--languages`` (default nb,en: ``main-nb.png`` and ``main-en.png``;
``--languages nb,nn,sv`` for the README's Nordic shots) at 1366 × 768, an office laptop's screen, showing area ``N``
(default 2: Cohorts & participants); with ``--all-areas`` also ``area-<n>-<lang>.png`` for every area.
With ``--scale 2`` the app is drawn at 200 % (``QT_SCALE_FACTOR``) in a 960 × 540 window (a 1920 × 1080 screen)
and every file name gets ``-200`` (``main-200-nb.png``). ``--palette`` shows the app in one of ``ui.palettes``'
palettes; a palette other than light adds ``-<palette>`` to the file names (``area-2-dark-nb.png``). Scaled or in
another palette, ``area-register…``, ``area-board…`` and ``area-template…`` are written as well.
Settings are kept in a temporary folder, so the user's own window state and language are not touched.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize

from tillitsleder.i18n import LANGUAGES
from ui.screenshot_support import PLACES, demo_window, settle, show_place

DEFAULT_LANGUAGES = tuple("nb,en".split(","))


def language_list(text: str) -> tuple[str, ...]:
    """``--languages nb,nn,sv``: codes of ``i18n.LANGUAGES``, in the order given."""
    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    unknown = [code for code in codes if code not in LANGUAGES]
    if not codes or unknown:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(LANGUAGES)} (not {', '.join(unknown) or text!r})")
    return codes


def take(
    output: Path,
    *,
    area: int,
    all_areas: bool,
    size: QSize = QSize(1366, 768),  # noqa: B008
    scale: float = 1.0,
    palette: str = "light",
    languages: Sequence[str] = DEFAULT_LANGUAGES,
) -> list[Path]:
    app, switcher, window = demo_window(languages[0], size)
    if palette != "light":
        from ui.palettes import apply

        apply(palette)
        settle(app, 150)
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    tag = f"-{round(scale * 100)}" if scale != 1 else ""  # area-2-200-nb.png at 200 %
    tag += f"-{palette}" if palette != "light" else ""  # area-2-dark-nb.png
    for language in languages:
        switcher.switch(language)
        settle(app, 150)
        rows = range(len(window.areas)) if all_areas else []
        for row in rows:
            window.nav.setCurrentRow(row)
            settle(app, 150)
            path = output / f"area-{row + 1}{tag}-{language}.png"
            window.grab().save(str(path))
            written.append(path)
        for place in PLACES if tag else []:
            show_place(app, window, place)
            path = output / f"area-{place}{tag}-{language}.png"
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
    parser.add_argument("--size", help="window size, WIDTHxHEIGHT (default 1366x768; a 1920x1080 screen when scaled)")
    parser.add_argument("--scale", type=float, default=1.0, help="scale factor, e.g. 2 for 200 %% (QT_SCALE_FACTOR)")
    parser.add_argument("--palette", default="light", choices=("light", "dark", "high-contrast"))
    parser.add_argument(
        "--languages",
        type=language_list,
        default=DEFAULT_LANGUAGES,
        help="comma-separated, e.g. nb,nn,sv (default nb,en)",
    )
    args = parser.parse_args(argv)
    if args.scale != 1:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"  # before the application is created
    size = args.size or ("1366x768" if args.scale == 1 else f"{round(1920 / args.scale)}x{round(1080 / args.scale)}")
    width, height = (int(part) for part in size.lower().split("x"))
    shots = take(
        args.output,
        area=args.area,
        all_areas=args.all_areas,
        size=QSize(width, height),
        scale=args.scale,
        palette=args.palette,
        languages=args.languages,
    )
    for path in shots:
        print(path, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
