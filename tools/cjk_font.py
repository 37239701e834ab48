"""Cut the CJK font that figures fall back to: Noto Sans CJK SC, subset to what Chinese needs.

    python -m tools.cjk_font [SOURCE.ttc]

Keeps ASCII, CJK punctuation, GB 2312 level 1 (the 3,755 most common hanzi) and every character
the Chinese catalogs use, so a figure never meets a missing glyph; 1.8 MB instead of 20 MB.
Reads Debian's fonts-noto-cjk (`apt-get install fonts-noto-cjk`); the result is committed, so
learners need no install. Rerun after adding characters a figure shows (tests/test_translations.py
says which are missing).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

from helpers.figure_language import CJK_FAMILY, CJK_FONT
from helpers.messages import LOCALES

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def gb2312_level1() -> str:
    """The 3,755 hanzi of GB 2312 level 1 (rows 16-55)."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def wanted_characters() -> set[str]:
    """Every character a Chinese figure may show."""
    text = "".join(chr(c) for c in range(0x20, 0x7F)) + "，。：；、！？（）《》“”‘’—…·％＋－×÷"
    text += gb2312_level1()
    for po in LOCALES.glob("*/*.po"):
        if po.parent.name != "en":
            text += po.read_text(encoding="utf-8")
    return {c for c in text if c.isprintable()}


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else SOURCE
    collection = TTCollection(str(source))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == CJK_FAMILY)
    options = subset.Options()
    options.name_languages = ["*"]
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in wanted_characters()])
    subsetter.subset(font)
    font.save(str(CJK_FONT))
    print(f"{CJK_FONT}: {CJK_FONT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
