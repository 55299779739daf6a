"""resolved.scoped: what a project of some product lines keeps of company-level content."""

from __future__ import annotations

from generator.model.commitments import Warranty
from generator.model.common import Tagged
from generator.model.fees import Fees, PriceItem, PriceList
from generator.model.resolved import applies, scoped
from generator.model.training import TrainingPlan


def test_applies() -> None:
    assert applies((), frozenset({"net"}))  # untagged: everywhere
    assert applies(("net", "dc"), frozenset({"dc"}))
    assert not applies(("classroom",), frozenset({"net"}))
    assert applies(("classroom",), None)  # no scope known: everything


def test_tagged_text_is_a_string_that_remembers_its_lines() -> None:
    t = Tagged("屏幕碎裂", ("classroom",))
    assert t == "屏幕碎裂" and t.rstrip("。") == "屏幕碎裂" and t.lines == ("classroom",)


def test_nested_lists_of_text_and_models_are_scoped() -> None:
    w = Warranty.model_validate(
        {
            "period": "3年",
            "excluded": ["进水", {"text": "屏幕碎裂", "lines": ["classroom"]}, {"text": "光模块", "lines": ["net"]}],
            "by_brand": [{"manufacturer": "qiming", "period": "3年"}, {"manufacturer": "huaheng", "period": "5年"}],
        }
    )
    kept = scoped(w, frozenset({"net", "huaheng"}))
    assert list(kept.excluded) == ["进水", "光模块"]
    assert [b.manufacturer for b in kept.by_brand] == ["huaheng"]  # a brand rule is tagged with its brand
    assert list(w.excluded) == ["进水", "屏幕碎裂", "光模块"]  # the company's own is untouched
    assert scoped(w, None) is w


def test_untouched_values_are_the_same_objects() -> None:
    fees = Fees.model_validate({"in_warranty": "质保期内按合同执行。"})
    assert scoped(fees, frozenset({"net"})) is fees


def test_price_items_and_training_modules() -> None:
    pl = PriceList(
        id="parts",
        title="配件",
        items=(
            PriceItem.model_validate({"name": "触控笔", "price": "300", "lines": ["classroom"]}),
            PriceItem.model_validate({"name": "网线", "price": "20"}),
        ),
    )
    assert [i.name for i in scoped(pl, frozenset({"net"})).items] == ["网线"]
    plan = TrainingPlan.model_validate(
        {
            "id": "std",
            "name": "培训",
            "objectives": ["会用"],
            "audiences": ["管理员"],
            "modules": [{"name": "白板书写", "lines": ["classroom"]}, {"name": "交换机配置", "lines": ["net"]}],
        }
    )
    assert [m.name for m in scoped(plan, frozenset({"classroom"})).modules] == ["白板书写"]
