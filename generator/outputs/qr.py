"""QR codes as SVG, drawn by segno (pure Python, no image library needed).

Error correction level M survives a smudged or slightly folded printout; the
four-module quiet zone is what phone scanners need around the code.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import segno


@dataclass(frozen=True)
class QrCode:
    data: str  # what a scanner reads: a URL or a tel: URI
    svg: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


def qr_code(data: str) -> QrCode:
    code = segno.make(data, error="m", micro=False)
    buf = io.BytesIO()
    code.save(buf, kind="svg", xmldecl=False, svgns=True, omitsize=True, border=4, dark="#000", light="#fff")
    return QrCode(data, buf.getvalue())
