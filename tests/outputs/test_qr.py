"""QR codes as the manual prints them: well-formed SVG that a scanner reads back."""

from __future__ import annotations

import base64
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.model.values import tel_uri
from generator.outputs.qr import qr_code

SVG_NS = "http://www.w3.org/2000/svg"
URL = "https://service.example.cn/projects/x.html"

# pdftoppm (poppler-utils) rasterises, zbarimg (zbar-tools) decodes.
needs_scanner = pytest.mark.needs("pdftoppm", "zbarimg")


def test_svg_is_well_formed_with_namespace_and_viewbox() -> None:
    code = qr_code(URL)
    assert code.data == URL
    root = ET.fromstring(code.svg)
    assert root.tag == f"{{{SVG_NS}}}svg"
    x, y, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert (x, y) == (0, 0) and width == height > 0  # square, quiet zone included
    # omitsize: the template's CSS decides the printed size, not fixed width/height attributes.
    assert "width" not in root.attrib and "height" not in root.attrib
    assert list(root.iter(f"{{{SVG_NS}}}path")), "the modules are drawn as a path"


def test_data_uri_carries_the_svg() -> None:
    code = qr_code(URL)
    prefix = "data:image/svg+xml;base64,"
    assert code.data_uri.startswith(prefix)
    assert base64.b64decode(code.data_uri.removeprefix(prefix)) == code.svg


def test_same_data_same_svg() -> None:
    assert qr_code(URL).svg == qr_code(URL).svg
    assert qr_code(URL).svg != qr_code(URL + "?x").svg


@pytest.mark.parametrize(
    ("number", "uri"),
    [
        ("400-000-0000", "tel:4000000000"),
        ("0000-8000-0009", "tel:000080000009"),
        ("+86 138 0000 0001", "tel:+8613800000001"),
    ],
)
def test_tel_uri_keeps_digits_and_plus(number: str, uri: str) -> None:
    assert tel_uri(number) == uri


@needs_scanner
def test_scanner_reads_the_printed_codes(tmp_path: Path) -> None:
    """Through the same pipeline as the manual: HTML → WeasyPrint PDF → 200 dpi PNG → zbar."""
    from generator.outputs.pdf_render import write_pdf

    tel = tel_uri("400-000-0000")
    imgs = "".join(f'<p><img src="{qr_code(d).data_uri}" style="width: 30mm; height: 30mm"></p>' for d in (URL, tel))
    pdf = tmp_path / "qr.pdf"
    pdf.write_bytes(write_pdf(f"<!DOCTYPE html><html><body>{imgs}</body></html>", "manual.css"))
    subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")], check=True)
    (png,) = tmp_path.glob("p*.png")
    out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True).stdout
    assert set(out.split()) == {URL, tel}
