"""Shrink PNG images in place for the repository: python3 palette.py FILE.png ...

A screenshot of a web page or an image of a PDF page has a few hundred to two thousand colours
(text's anti-aliasing), and a 256-colour palette of them shows no visible difference (a mean
change of a few hundredths of a level out of 255) at less than half the size. Where the palette
would change the image visibly (a photo: mean change above MAX_MEAN_CHANGE per channel), the
image is only re-compressed. Needs Pillow (the `screenshots` nox session installs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

MAX_MEAN_CHANGE = 0.5  # of 255, per channel


def shrink(path: Path) -> None:
    with Image.open(path) as opened:
        image = opened.convert("RGB")
    # no dithering: it would speckle the flat backgrounds that make up most of a page
    palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    change = ImageStat.Stat(ImageChops.difference(image, palette.convert("RGB"))).mean
    (palette if max(change) <= MAX_MEAN_CHANGE else image).save(path, optimize=True)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        shrink(Path(name))
