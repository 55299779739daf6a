"""LibreOffice, as a reader of the DOCX would open it, for tests that check its rendering."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# 宋体/黑体 as the Simplified Chinese Noto faces (README: fonts on a Linux desktop).
ALIASES = REPO / "scripts" / "fonts" / "aftersales-cjk.conf"


def to_pdf(docx: Path, outdir: Path) -> Path:
    """The DOCX converted to PDF by LibreOffice (headless, a profile of its own in outdir)."""
    outdir.mkdir(parents=True, exist_ok=True)
    fonts = outdir / "fonts.conf"
    fonts.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<include>/etc/fonts/fonts.conf</include><include>{ALIASES}</include></fontconfig>",
        encoding="utf-8",
    )
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{outdir / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), str(docx)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "FONTCONFIG_FILE": str(fonts)},
    )  # fmt: skip
    pdf = outdir / (docx.stem + ".pdf")
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    return pdf
