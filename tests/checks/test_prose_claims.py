"""Reading the promises a prose block states (checks/prose_claims.py) with the words of
checks/vocabulary.py: every word ties a number to its measure, service hours are blanked,
and the scope a sentence names is found."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks import vocabulary as vocab
from generator.checks.prose_claims import ScopeWords, blank, claims
from generator.model.durations import Duration

WORDS = ScopeWords(
    levels={"一级故障": "l1", "一级": "l1", "二级故障": "l2", "二级": "l2"},
    areas={"市区": frozenset({"city"}), "甲市": frozenset({"alpha", "city"})},
    makers={"示例厂商": "acme"},
)


def keys(text: str) -> list[tuple[str, str]]:
    return [(c.key, c.literal) for c in claims(text, WORDS)]


@pytest.mark.parametrize(
    "phrase",
    [
        "7×24",
        "5×8",
        "7*24小时",
        "7x24h",
        "７×２４小时",
        "24/7",
        "4×24×7",
        "7 天 24 小时",
        "7 天、每天 24 小时",
        "七天二十四小时",
        "每天 24 小时",
        "全天二十四小时",
        "一年 365 天、每天 24 小时",
        "全年 365 天",
        "365天×24小时",
        "24 小时值班",
        "24小时服务热线",
        "7*24 时",
    ],
)
def test_service_hours_are_blanked(phrase: str) -> None:
    text = f"提供{phrase}上门服务，节假日无休。"
    blanked = blank(text)
    assert len(blanked) == len(text) and not any(ch.isdigit() for ch in blanked), blanked
    assert not claims(text, WORDS)


@pytest.mark.parametrize(
    "text",
    ["24 小时内到达现场", "7 天内免费退货", "3 个工作日内提交报告", "一级故障 2 小时到场"],
)
def test_time_limits_are_not_blanked(text: str) -> None:
    assert blank(text) == text


TIME_LIMITS = [key for key in vocab.DURATION_WORDS if key not in vocab.PERIODS]


@pytest.mark.parametrize(("key", "word"), [(k, w) for k in TIME_LIMITS for w in vocab.DURATION_WORDS[k]])
def test_each_word_names_its_measure(key: str, word: str) -> None:
    (claim,) = claims(f"接到报修后 2 小时内{word}。", WORDS)
    assert claim.key == key and claim.value == Duration.parse("2小时") and claim.within


@pytest.mark.parametrize("word", vocab.DURATION_WORDS["warranty"])
def test_each_warranty_word_names_the_warranty(word: str) -> None:
    assert keys(f"提供 3 年{word}服务。") == [("warranty", "3 年")]


def test_words_that_change_the_measure() -> None:
    assert keys("接到用户投诉后 2 小时内给予回复。") == [("complaint", "2 小时内")]
    assert keys("远程 30 分钟内响应。") == [("remote", "30 分钟内")]
    assert keys("对 24 小时不能解决的故障提供备机。") == [("spare", "24 小时")]
    assert keys("故障 24 小时内未能修复的，另行安排专家。") == []  # a condition, not a promise
    assert keys("提供三年质保和三年上门服务。") == [("warranty", "三年"), ("warranty", "三年")]
    assert keys("公司成立 10 年，一级故障 4小时内到达现场。") == [("arrival", "4小时内")]


def test_percentages_and_counts() -> None:
    text = "派讲师 3 名，\n培训人数不少于 12 人，总课时 16 学时，用户满意度 95% 以上；服务 300 人次。"
    assert keys(text) == [
        ("trainers", "3 名"),
        ("trainees", "12 人"),
        ("class_hours", "16 学时"),
        ("satisfaction", "95%"),
    ]
    assert [c.line for c in claims(text, WORDS)] == [1, 2, 2, 2]


def test_scope_named_in_the_clause_or_before_it_in_the_sentence() -> None:
    text = (
        "一级故障 10 分钟内响应，1 小时内到达甲市现场；二级故障 30 分钟内响应，市区 2 小时内到场。原厂 8 小时内上门。"
    )
    found = claims(text, WORDS)
    assert [(c.key, sorted(c.scope.levels), sorted(c.scope.areas), c.scope.subject) for c in found] == [
        ("phone", ["l1"], [], None),
        ("arrival", ["l1"], ["alpha", "city"], None),
        ("phone", ["l2"], [], None),
        ("arrival", ["l2"], ["city"], None),
        ("arrival", [], [], "厂商"),
    ]
    assert found[1].scope.label() == "一级故障、甲市"


def test_phases_and_general_words() -> None:
    (after, trial, level) = claims(
        "质保期满后，24 小时内到场。试运行期间半小时内赶到现场。A级故障 30 分钟内响应。", WORDS
    )
    assert after.scope.phase == "质保期外" and trial.scope.phase == "试运行"
    assert level.scope.levels == {"A级故障"} and level.scope.label() == "A级故障"


def test_paragraphs_and_list_items_are_units() -> None:
    text = "一级故障 10 分钟内响应，\n1 小时内到场。\n\n- 二级：30 分钟内响应\n- 二级：2 小时内到场"
    assert [(c.unit, c.line) for c in claims(text, WORDS)] == [(0, 1), (0, 2), (1, 4), (2, 5)]
    # A line break inside a paragraph does not end the clause: the level still applies.
    assert claims(text, WORDS)[1].scope.levels == {"l1"}


def test_jinja_is_not_read() -> None:
    text = "{{ response.levels[0].targets.arrival.zh() }}内到场，{{ '3 小时内到场' }}{# 3 小时内到场 #}"
    assert keys(text) == []
    # Text inside {% if %} is still the block's text.
    assert keys("{% if project %}一级故障 3 小时内到场{% endif %}") == [("arrival", "3 小时内")]


def test_the_readme_lists_every_word() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### Numbers in prose", 1)[1].split("\n#", 1)[0]
    groups = [*vocab.DURATION_WORDS.values(), *vocab.PERCENT_WORDS.values(), *vocab.COUNT_WORDS.values()]
    missing = [w for ws in groups for w in ws if w not in section]
    assert not missing, missing
