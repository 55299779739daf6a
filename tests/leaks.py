"""Internal values of the example content (content/), written out by hand, and how to search
an output's text for them in every form it could print them."""

from __future__ import annotations

import re
from collections.abc import Iterable

# staff.yaml: everyone's phone but p02, p07 and p11 (contact_public) is internal.
PRIVATE_PHONES = (
    *("138-0000-0001", "138-0000-0003", "138-0000-0004", "138-0000-0005", "138-0000-0006"),
    *("138-0000-0008", "138-0000-0009", "138-0000-0010", "138-0000-0012"),
)
# The documents handed to a project's customer (proposal, manual) also print the phones of the
# project's own staff (manager, contact, engineers, callback), nobody else's non-public phone.
PROJECT_PRIVATE_PHONES: dict[str, tuple[str, ...]] = {
    # own staff p02, p07, p06, p11; p03 and p05 (三线) are only named
    "qingshi-classroom": (
        *("138-0000-0001", "138-0000-0003", "138-0000-0004", "138-0000-0005"),
        *("138-0000-0008", "138-0000-0009", "138-0000-0010", "138-0000-0012"),
    ),
    # own staff p01, p12, p05, p10, p11
    "linchuan-gov-dc": ("138-0000-0003", "138-0000-0004", "138-0000-0006", "138-0000-0008", "138-0000-0009"),
    # own staff p02, p04, p03, p06, p11
    "yunxi-cdc-network": (
        *("138-0000-0001", "138-0000-0005", "138-0000-0008", "138-0000-0009", "138-0000-0010", "138-0000-0012"),
    ),
}
# Non-public phones the manual must print: the project's own people the customer works with.
OWN_STAFF_PHONES: dict[str, tuple[str, ...]] = {
    "qingshi-classroom": ("138-0000-0006",),  # 何嘉禾, engineer
    "linchuan-gov-dc": ("138-0000-0001", "138-0000-0005", "138-0000-0010", "138-0000-0012"),
    "yunxi-cdc-network": ("138-0000-0003", "138-0000-0004", "138-0000-0006"),
}
PUBLIC_PHONES = ("138-0000-0002", "138-0000-0007", "138-0000-0011")
# fees.yaml's internal_note and p12's, as written.
INTERNAL_NOTES = ("内部备注示例：配件平均毛利率目标 25%，勿对外。", "内部备注示例：2027 年轮岗计划待定")
INTERNAL_FRAGMENTS = ("内部备注", "毛利率", "勿对外", "轮岗计划")
# fees.yaml's item costs 210, 96 and 1420. Sums print as money_zh does (thousands separator,
# two decimals, 元: "1,420.00元"); also searched as a template could write them otherwise.
COST_FORMS = (
    *("210.00元", "210.00", "210元", "¥210.00", "¥210", "210"),
    *("96.00元", "96.00", "96元", "¥96.00", "¥96", "96"),
    *("1,420.00元", "1,420.00", "1420.00", "1,420元", "1420元", "¥1,420.00", "¥1,420", "¥1420", "1,420", "1420"),
)
# The same price lists' prices, printed: proof that money is searched the way it is printed.
PRICES = ("300.00元", "1,800.00元", "1,350.00元")


def squeeze(text: str) -> str:
    """Without whitespace: a phone, note or sum wrapped inside a narrow cell is joined again."""
    return "".join(text.split())


def standalone(text: str, forms: Iterable[str]) -> list[str]:
    """Each form found as a whole number (not inside 11,420.00 or 2100; not "210 号" of an
    address or "96小时" of a time limit), with some context."""
    hits = []
    for form in forms:
        pattern = rf"(?<![0-9A-Za-z.,]){re.escape(form)}(?![0-9A-Za-z]|[.,]\d|\s*(?:号|小时))"
        hits += [text[max(0, m.start() - 20) : m.end() + 20] for m in re.finditer(pattern, text)]
    return hits


def leaks(
    text: str,
    phones: Iterable[str] = PRIVATE_PHONES,
    notes: Iterable[str] = INTERNAL_NOTES,
    costs: Iterable[str] = COST_FORMS,
) -> list[str]:
    """Every internal value the text prints: phones and notes also when wrapped, costs as
    whole numbers, and as money (with a separator or 元) also when wrapped."""
    flat = squeeze(text)
    costs = tuple(costs)
    found = [p for p in phones if p in flat]
    found += [n for n in notes if squeeze(n) in flat]
    found += [f for f in INTERNAL_FRAGMENTS if f in flat]
    found += standalone(text, costs)
    found += standalone(flat, [f for f in costs if not f.isdigit()])
    return found
