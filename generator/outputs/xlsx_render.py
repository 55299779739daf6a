"""The compliance table (偏离表) as an Excel workbook, for bid teams who track clauses in Excel.

One sheet, one row per clause, the same columns as the proposal's table plus
the marker in a column of its own (to filter ★ clauses) and whether the
response was checked against the data or written by hand. Prints landscape on
A4 with the header row repeated.

Every text is written as a string, never a formula: clause text and responses
come from the content, and one starting with =, +, -, @ must not compute.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from generator.checks.compliance import ClauseResult
from generator.model.project import Deviation
from generator.model.resolved import ResolvedProject

COLUMNS = (
    ("序号", 6),
    ("招标文件条目号", 14),
    ("标注", 6),
    ("招标文件要求", 40),
    ("投标文件响应", 44),
    ("偏离情况", 10),
    ("说明", 30),
    ("核对方式", 10),
)
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_FONT = "宋体"
_CENTRED = Alignment(horizontal="center", vertical="top", wrap_text=True)
_CENTRED_COLUMNS = {1, 3, 6, 8}
_MARK = {
    Deviation.NEGATIVE: PatternFill("solid", fgColor="F4CCCC"),
    Deviation.POSITIVE: PatternFill("solid", fgColor="D9EAD3"),
}


# What Excel, WPS and LibreOffice read as the start of a formula when a cell is typed or edited
# (and a tab or carriage return ahead of one, as in CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cells: tuple[Cell | MergedCell, ...]) -> None:
    """Each string cell of the row stays a string: openpyxl would store text starting with "="
    as a formula and "#N/A" as an error value. Text a spreadsheet would take for a formula once
    the cell is edited also gets the quote prefix (Excel's leading apostrophe, not printed)."""
    for cell in cells:
        if isinstance(cell, Cell) and isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value.startswith(_FORMULA_START):
                cell.quotePrefix = True


def _lines(text: str, width: int) -> int:
    """Lines a wrapped cell needs: a CJK character is about two column-width units."""
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return max(1, -(-units // max(1, width - 1)))


def render(rp: ResolvedProject, results: tuple[ClauseResult, ...], company: str, stamp: dt.datetime) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "商务条款偏离表"
    p = rp.project
    ws.append([f"{p.name}（招标编号：{p.tender_number}）商务条款偏离表"])
    _as_text(ws[1])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws["A1"].font = Font(name=_FONT, bold=True, size=14)
    ws.row_dimensions[1].height = 24
    ws.append([name for name, _ in COLUMNS])
    for cell in ws[2]:
        cell.font = Font(name=_FONT, bold=True)
        cell.fill = PatternFill("solid", fgColor="E6E6E6")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    for r in results:
        req = r.requirement
        values = [
            r.number,
            req.clause,
            req.marker.value if req.marker else "",
            req.text,
            r.response,
            r.deviation.value if r.deviation else "待填写",
            r.note,
            "自动核对" if r.automatic else "人工填写",
        ]
        ws.append(values)
        row = ws.max_row
        _as_text(ws[row])
        for cell in ws[row]:
            cell.font = Font(name=_FONT, bold=cell.column == 6 and r.deviation is Deviation.NEGATIVE)
            cell.alignment = _CENTRED if cell.column in _CENTRED_COLUMNS else _WRAP
            cell.border = _BORDER
        # Neither openpyxl nor every spreadsheet sizes wrapped rows: give each row its lines.
        lines = max(_lines(str(value or ""), width) for value, (_, width) in zip(values, COLUMNS, strict=True))
        ws.row_dimensions[row].height = 14.5 * lines + 3
        if r.deviation in _MARK:
            ws.cell(row, 6).fill = _MARK[r.deviation]
    statement = rp.commitments.deviation_statements.unlisted_clauses
    if statement:  # only what the bid writer declared in the content
        ws.append([])
        ws.append([statement])
        _as_text(ws[ws.max_row])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(COLUMNS))
    for i, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    last = 2 + len(results)
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{last}"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.title = f"{p.name} 商务条款偏离表"
    wb.properties.creator = company
    naive = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    wb.properties.created = naive
    wb.properties.modified = naive
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
