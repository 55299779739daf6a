"""Each YAML 1.1 trap that real bid data falls into, handled by the strict loader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import minimal

from generator.cli import main
from generator.model.staff import Person
from generator.reading.strict_yaml import MAX_ALIAS_EXPANSIONS, MAX_DEPTH, LDict, LoadError, load_mapping, load_text

F = Path("content/test.yaml")


def load(text: str) -> object:
    return load_text(text, F)


def error_of(text: str) -> tuple[int, int, str]:
    with pytest.raises(LoadError) as info:
        load(text)
    d = info.value.diagnostic
    assert d.location is not None
    return d.location.line, d.location.col, d.message


def test_clock_times_stay_text_not_sexagesimal() -> None:
    data = load("start: 8:30\nwindow: 8:30-17:30\n")
    assert data == {"start": "8:30", "window": "8:30-17:30"}


def test_leading_zero_numbers_stay_text_not_octal() -> None:
    data = load("area_code: 0571\nzip: 010020\n")
    assert data == {"area_code": "0571", "zip": "010020"}


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "Yes", "NO"])
def test_yes_no_on_off_are_text(word: str) -> None:
    assert load(f"name: {word}\n") == {"name": word}


def test_yes_becomes_boolean_only_where_the_schema_says_boolean() -> None:
    tree = load("id: p1\nname: no\nrole: engineer\ncontact_public: yes\ncan_train: off\n")
    person = Person.model_validate(tree)
    assert person.name == "no"
    assert person.contact_public is True
    assert person.can_train is False


def test_null_and_empty_values_are_none_but_quoted_null_is_text() -> None:
    assert load("a: null\nb: ~\nc:\nd: 'null'\n") == {"a": None, "b": None, "c": None, "d": "null"}


def test_numbers_and_dates_reach_the_schema_as_text() -> None:
    assert load("n: 12\nx: 1.5\nd: 2026-03-01\n") == {"n": "12", "x": "1.5", "d": "2026-03-01"}


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    line, col, msg = error_of("name: 甲\nphone: 1\nname: 乙\n")
    assert (line, col) == (3, 1)
    assert "重复的键“name”" in msg and "第 1 行" in msg


def test_duplicate_key_in_nested_mapping() -> None:
    line, _, msg = error_of("people:\n  - id: a\n    id: b\n")
    assert line == 3 and "重复的键“id”" in msg


def test_billion_laughs_fails_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    _, _, msg = error_of("\n".join(lines) + "\n")
    assert "别名炸弹" in msg and str(MAX_ALIAS_EXPANSIONS) in msg


def test_recursive_alias_is_an_error() -> None:
    _, _, msg = error_of("a: &x\n  b: *x\n")
    assert "循环引用" in msg


def test_small_aliases_and_merge_keys_still_work() -> None:
    data = load("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n")
    assert data == {"base": {"x": "1", "y": "2"}, "other": {"x": "1", "y": "3"}}


@pytest.mark.parametrize(
    "text",
    [
        "x: !!python/object/apply:os.system ['echo pwned']\n",
        "x: !!python/name:os.system\n",
        "x: !custom 1\n",
        "x: !!binary aGVsbG8=\n",
        "x: !!set {a, b}\n",
    ],
)
def test_python_and_unknown_tags_are_refused(text: str) -> None:
    line, _, msg = error_of(text)
    assert line == 1 and "不允许的 YAML 标签" in msg


def test_tab_indentation_is_an_error_with_its_line() -> None:
    line, col, msg = error_of("people:\n\t- id: a\n")
    assert (line, col) == (2, 1) and "制表符" in msg


def test_tab_inside_quoted_text_is_fine() -> None:
    assert load('note: "a\tb"\n') == {"note": "a\tb"}


def test_syntax_error_is_located() -> None:
    line, _, msg = error_of("a: [1, 2\nb: 3\n")
    assert line >= 1 and msg.startswith("YAML 语法错误")


def test_positions_are_recorded_for_keys_and_values() -> None:
    data = load("company:\n  name: 甲\n  regions:\n    - id: a\n")
    assert isinstance(data, LDict)
    company = data["company"]
    assert company.key_marks["name"].line == 2 and company.value_marks["name"].col == 9
    assert company["regions"].item_marks[0].line == 4
    assert company["regions"].item_marks[0].path == "company.regions[0]"


def test_non_utf8_file_is_an_error_that_names_gbk(tmp_path: Path) -> None:
    path = tmp_path / "company.yaml"
    path.write_bytes("name: 测试公司\n".encode("gbk"))
    with pytest.raises(LoadError) as info:
        load_mapping(path)
    assert "UTF-8" in info.value.diagnostic.message and "GBK" in info.value.diagnostic.message
    assert info.value.diagnostic.location is not None and info.value.diagnostic.location.line == 1


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "company.yaml"
    path.write_bytes("name: 甲\n".encode("utf-8-sig"))
    assert load_mapping(path) == {"name": "甲"}


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file_is_an_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_mapping(path)
    assert "文件为空" in info.value.diagnostic.message


@pytest.mark.parametrize(("text", "kind"), [("- a\n- b\n", "列表"), ("just text\n", "单个值")])
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str, kind: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_mapping(path)
    assert "顶层必须是映射" in info.value.diagnostic.message and kind in info.value.diagnostic.message


# --- alias bombs: aliases are counted, values are not (issue 13, item 6) -----------------


def test_many_values_without_aliases_load() -> None:
    # More values than a bomb may expand to: a large file of plain values is no bomb.
    count = MAX_ALIAS_EXPANSIONS * 3
    data = load("items:\n" + "- x\n" * count)
    assert isinstance(data, LDict) and len(data["items"]) == count


def test_values_reached_through_aliases_are_counted_at_every_level() -> None:
    # 50 aliases of a mapping of 3,000 values: few aliases, 150,000 values through them.
    text = "base: &b\n" + "".join(f"  k{i}: v\n" for i in range(3000)) + "copies:\n" + "- *b\n" * 50
    _, _, msg = error_of(text)
    assert "别名炸弹" in msg


def test_merge_keys_count_as_aliases() -> None:
    text = "base: &b\n" + "".join(f"  k{i}: v\n" for i in range(3000)) + "copies:\n" + "- <<: *b\n" * 50
    _, _, msg = error_of(text)
    assert "别名炸弹" in msg


def test_aliases_below_the_limit_load() -> None:
    text = "base: &b\n" + "".join(f"  k{i}: v\n" for i in range(100)) + "copies:\n" + "- *b\n" * 50
    data = load(text)
    assert isinstance(data, LDict) and len(data["copies"]) == 50 and data["copies"][49]["k99"] == "v"


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    depth = MAX_DEPTH + 5
    text = "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "end\n"
    line, _, msg = error_of(text)
    assert f"嵌套超过 {MAX_DEPTH} 层" in msg and line == MAX_DEPTH + 1


# --- control characters (issue 13, item 2) -------------------------------------------------


@pytest.mark.parametrize(
    ("char", "shown"),
    [("\x01", "\\x01"), ("\x1b", "\\x1b"), ("\x7f", "\\x7f"), ("\x9b", "\\x9b"), ("\u202e", "\\u202e")],
)
def test_control_characters_in_the_file_are_errors_at_their_place(char: str, shown: str) -> None:
    line, col, msg = error_of(f"name: 甲\nnote: 保修{char}三年\n")
    assert (line, col) == (2, 9)
    assert f"“{shown}”" in msg and char not in msg


def test_bidi_override_is_named() -> None:
    _, _, msg = error_of("note: abc\u202edef\n")
    assert "双向文本控制字符“\\u202e”（RIGHT-TO-LEFT OVERRIDE）" in msg


@pytest.mark.parametrize(("escape", "shown"), [("\\x01", "\\x01"), ("\\e", "\\x1b"), ("\\u202E", "\\u202e")])
def test_control_characters_written_as_escapes_are_errors_at_the_value(escape: str, shown: str) -> None:
    with pytest.raises(LoadError) as info:
        load(f'name: 甲\nclauses:\n  - text: "保修{escape}三年"\n')
    d = info.value.diagnostic
    assert d.location is not None and (d.location.line, d.location.col, d.location.path) == (3, 11, "clauses[0].text")
    assert "转义序列写出的文字含有" in d.message and f"“{shown}”" in d.message


def test_tab_newline_and_carriage_return_are_fine() -> None:
    assert load('a: "x\\ty"\r\nb: "x\\ny\\r"\r\n') == {"a": "x\ty", "b": "x\ny\r"}


def test_control_character_in_a_clause_fails_check_without_reaching_the_terminal(
    make_tree: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project = minimal("projects/demo.yaml") + 'requirements:\n  - clause: "1.1"\n    text: "售后\\x01服务\x1b[31m"\n'
    root = make_tree({"projects/demo.yaml": project})
    code = main(["check", "--content", str(root)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "projects/demo.yaml:" in err and "控制字符“\\x1b”" in err
    assert "\x1b" not in out + err and "\x01" not in out + err
