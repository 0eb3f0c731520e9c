"""The Sarabun faces of overrides/assets/css/fonts.css and the files they name (issue 14).

A page downloads a font file when it shows a character of the file's unicode-range. These tests
hold what keeps that cheap and right: each character of a weight belongs to exactly one face, the
file of that face has it, no face claims the control characters (newlines in the HTML would make
every page download that file), and the files cut by scripts/font_subsets.py are current.
"""
from __future__ import annotations

import re
from pathlib import Path

import font_fallback
import font_subsets
import pytest
from fontTools.ttLib import TTFont

from conftest import ROOT

CSS = ROOT / "overrides" / "assets" / "css" / "fonts.css"
HEAD = ROOT / "overrides" / "partials" / "psea-head.html"
FONTS = ROOT / "overrides" / "assets" / "fonts"
CONTROLS = set(range(0x00, 0x20)) | set(range(0x7F, 0xA0))


def parse_range(text: str) -> set[int]:
    points: set[int] = set()
    for part in text.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def font_faces() -> list[tuple[str, int, str]]:
    """Each @font-face of fonts.css: its family, weight and the text of its block."""
    return [(re.search(r'font-family:\s*"([^"]+)"', block).group(1),
             int(re.search(r"font-weight:\s*(\d+)", block).group(1)), block)
            for block in re.findall(r"@font-face\s*\{(.*?)\}", CSS.read_text(encoding="utf-8"), re.S)]


def sarabun_faces() -> list[dict]:
    return [{"weight": weight,
             "file": FONTS / re.search(r'url\("\.\./fonts/([^"]+)"\)', block).group(1),
             "range": parse_range(re.search(r"unicode-range:\s*([^;]+);", block).group(1))}
            for family, weight, block in font_faces() if family == "Sarabun"]


def cmap(path) -> set[int]:
    return set(TTFont(path).getBestCmap())


FACES = sarabun_faces()
WEIGHTS = sorted({face["weight"] for face in FACES})


def test_the_css_has_faces_for_both_weights():
    assert WEIGHTS == [400, 700]
    assert len(FACES) == 8, [face["file"].name for face in FACES]


@pytest.mark.parametrize("weight", WEIGHTS)
def test_each_character_belongs_to_one_face_whose_file_has_it(weight):
    faces = [face for face in FACES if face["weight"] == weight]
    drawn = set().union(*(cmap(face["file"]) for face in faces)) - CONTROLS
    owners: dict[int, list[str]] = {}
    for face in faces:
        for point in face["range"] & drawn:
            owners.setdefault(point, []).append(face["file"].name)
    shared = {f"U+{p:04X}": names for p, names in owners.items() if len(names) > 1}
    assert not shared, f"characters claimed by two faces of weight {weight}: {shared}"
    missing = [f"U+{p:04X} ({names[0]})" for p, names in owners.items() if p not in cmap(FONTS / names[0])]
    assert not missing, f"faces claim characters their file cannot draw: {missing}"
    unclaimed = sorted(f"U+{p:04X}" for p in drawn - owners.keys())
    assert not unclaimed, f"characters Sarabun has that no face of weight {weight} claims: {unclaimed}"


def test_no_face_claims_control_characters():
    claimed = {face["file"].name: sorted(f"U+{p:04X}" for p in face["range"] & CONTROLS) for face in FACES}
    assert not {name: points for name, points in claimed.items() if points}


def test_a_line_of_thai_words_needs_only_the_basic_thai_file():
    text = "ผลงานที่ได้รับรางวัลเลิศรัฐ ประจำปี พ.ศ. ๒๕๖๗ ของจังหวัดอำนาจเจริญ ฤดูฝน ฯลฯ"
    words = {ord(c) for c in text if not "\u0e50" <= c <= "\u0e59"}  # Thai digits are the rest's
    for weight in WEIGHTS:
        basic = next(f for f in FACES if f["weight"] == weight and f["file"] == font_subsets.target("thai", weight))
        assert words - {ord(".")} <= basic["range"]
        assert ord("๒") not in basic["range"]


@pytest.mark.parametrize("script", sorted(font_subsets.BASIC))
@pytest.mark.parametrize("weight", font_subsets.WEIGHTS)
def test_the_basic_files_are_what_the_script_cuts(script, weight):
    path = font_subsets.target(script, weight)
    assert path.read_bytes() == font_subsets.basic_subset(script, weight), (
        f"{path.name} is not current: run python scripts/font_subsets.py")
    wanted = set(font_subsets.BASIC[script]) & cmap(font_subsets.source(script, weight))
    assert cmap(path) - {0, 0xD} == wanted


def test_preloaded_fonts_are_the_first_screen_files():
    preloaded = re.findall(r"assets/fonts/([^']+\.woff2)' \| url \}\}\" as=\"font\"", HEAD.read_text(encoding="utf-8"))
    assert preloaded == ["sarabun-thai-basic-400-normal.woff2", "sarabun-latin-basic-400-normal.woff2",
                         "sarabun-thai-basic-700-normal.woff2"]
    assert all((FONTS / name).is_file() for name in preloaded)


# The size-adjusted local fallback faces (scripts/font_fallback.py computes their numbers). The
# local fonts of a Linux desktop and of the test machine are checked here; Noto Sans Thai (Android)
# is not on Debian's default fonts. A tolerance, not equality: the weights of the letters come from
# sources/*.txt, and a new source document moves the second decimal.
LOCAL_FONTS = {
    ("Sarabun Fallback Loma", 400): ("/usr/share/fonts/truetype/tlwg/Loma.ttf", "thai"),
    ("Sarabun Fallback Loma", 700): ("/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf", "thai"),
    ("Sarabun Fallback Arial", 400): ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "latin"),
    ("Sarabun Fallback Arial", 700): ("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", "latin"),
}


def fallback_faces() -> dict[tuple[str, int], dict[str, float]]:
    return {(family, weight): {name: float(value) for name, value in
                               re.findall(r"([a-z-]+(?:adjust|override)):\s*([\d.]+)%", block)}
            for family, weight, block in font_faces() if family.startswith("Sarabun Fallback")}


@pytest.mark.parametrize("face", sorted(LOCAL_FONTS), ids=lambda face: f"{face[0]} {face[1]}")
def test_fallback_faces_take_the_room_sarabun_takes(face):
    local, script = LOCAL_FONTS[face]
    if not Path(local).is_file():
        pytest.fail(f"{local} is missing: install Debian's fonts-thai-tlwg and fonts-liberation")
    sarabun = FONTS / f"sarabun-{script}-{face[1]}-normal.woff2"
    descriptors = font_fallback.descriptors(sarabun, Path(local), script)
    measured = {name: float(value.rstrip("%")) for name, value in descriptors.items()}
    written = fallback_faces()[face]
    assert written.keys() == measured.keys()
    off = {name: (written[name], measured[name]) for name in measured
           if abs(written[name] - measured[name]) > max(0.01 * measured[name], 0.05)}
    assert not off, f"fonts.css {face}: written vs measured (python scripts/font_fallback.py): {off}"
