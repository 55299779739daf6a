"""Which files of a content folder are read: regular files inside it, of bounded size,
named .yaml. Anything else is a located error and exit 1, read never (issue 13, item 9)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest

from generator.cli import main
from generator.reading import strict_yaml
from generator.reading.strict_yaml import MAX_FILE_BYTES, LoadError, load_mapping

MakeTree = Callable[..., Path]


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: a FIFO opened for reading blocks until a writer comes."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still running after {seconds} s: the file is being read")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, str]:
    with deadline(30):
        code = main(["check", "--content", str(root)])
    out, err = capsys.readouterr()
    return code, out + err


def test_symlink_to_a_file_outside_is_refused_unread(
    make_tree: MakeTree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "shadow"
    secret.write_text("root:TOPSECRET-HASH:19000:0:99999:7:::\n", encoding="utf-8")
    root = make_tree({"fees.yaml": None})
    os.symlink(secret, root / "fees.yaml")
    code, text = check(capsys, root)
    assert code == 1
    assert "content/fees.yaml: error: 这是指向内容目录之外的符号链接" in text and str(secret) in text
    assert "TOPSECRET" not in text


def test_symlink_to_dev_zero_is_refused_without_reading(
    make_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"partners.yaml": None})
    os.symlink("/dev/zero", root / "partners.yaml")
    code, text = check(capsys, root)
    assert code == 1 and "content/partners.yaml: error: 这是指向内容目录之外的符号链接（→ /dev/zero）" in text


def test_fifo_is_refused_without_opening_it(make_tree: MakeTree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"training.yaml": None})
    os.mkfifo(root / "training.yaml")
    code, text = check(capsys, root)
    assert code == 1 and "content/training.yaml: error: 不是普通文件，而是命名管道（FIFO）" in text


def test_symlink_inside_the_folder_to_a_fifo_is_refused(
    make_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"projects/demo.yaml": None})
    (root / "projects").mkdir()
    os.mkfifo(root / "pipe")
    os.symlink(root / "pipe", root / "projects" / "demo.yaml")
    code, text = check(capsys, root)
    assert code == 1 and "projects/demo.yaml: error: 不是普通文件，而是命名管道（FIFO）" in text


def test_symlink_inside_the_folder_is_read(make_tree: MakeTree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree()
    (root / "shared").mkdir()
    (root / "fees.yaml").rename(root / "shared" / "fees.yaml")
    os.symlink(Path("shared") / "fees.yaml", root / "fees.yaml")
    code, text = check(capsys, root)
    assert code == 0, text


def test_directory_where_a_file_is_expected(make_tree: MakeTree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"partners.yaml": None})
    (root / "partners.yaml").mkdir()
    (root / "projects" / "other.yaml").mkdir()
    code, text = check(capsys, root)
    assert code == 1
    assert "content/partners.yaml: error: 不是普通文件，而是目录" in text
    assert "projects/other.yaml: error: 不是普通文件，而是目录" in text


def test_projects_folder_linked_from_outside_is_refused(
    make_tree: MakeTree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree()
    (root / "projects").rename(tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", root / "projects")
    code, text = check(capsys, root)
    assert code == 1 and "content/projects: error: 这是指向内容目录之外的符号链接" in text


def test_a_file_over_the_size_limit_is_refused_unread(make_tree: MakeTree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree()
    with (root / "partners.yaml").open("r+b") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used, and nothing to read but zeros
    code, text = check(capsys, root)
    assert code == 1 and "content/partners.yaml: error: 文件过大（50.0 MB，上限 50 MB）" in text


def test_the_size_limit_leaves_room_for_a_large_network() -> None:
    assert MAX_FILE_BYTES >= 40 * 1024 * 1024  # 40,000 partners take 13 MB


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fees.yaml"
    path.write_text("in_warranty: 不收费\n" * 10, encoding="utf-8")
    st = os.stat(path)
    small = os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 10, 0, 0, 0))
    monkeypatch.setattr(os, "stat", lambda *args, **kwargs: small)  # 10 bytes when looked at, more when read
    monkeypatch.setattr(strict_yaml, "MAX_FILE_BYTES", 100)
    with pytest.raises(LoadError) as info:
        load_mapping(path)
    assert "文件过大" in info.value.diagnostic.message


def test_a_device_is_refused_without_reading() -> None:
    with deadline(10), pytest.raises(LoadError) as info:
        load_mapping(Path("/dev/zero"))
    assert "不是普通文件，而是字符设备" in info.value.diagnostic.message


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("partners.YAML", "未知的内容文件 partners.YAML：请把 partners.YAML 改名为 partners.yaml"),
        ("training.yml", "未知的内容文件 training.yml：请把 training.yml 改名为 training.yaml"),
        ("Prose.Yml", "未知的内容文件 Prose.Yml：请把 Prose.Yml 改名为 prose.yaml"),
        ("projects/qs.YAML", "项目文件请使用 .yaml 扩展名：请把 qs.YAML 改名为 qs.yaml"),
        ("projects/qs.yml", "项目文件请使用 .yaml 扩展名：请把 qs.yml 改名为 qs.yaml"),
    ],
)
def test_other_yaml_extensions_are_reported_never_ignored(
    name: str, fragment: str, make_tree: MakeTree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({name: "x: 1\n"})
    code, text = check(capsys, root)
    assert code == 1
    assert f"{name}: error: {fragment}" in text and "该文件未读取" in text
