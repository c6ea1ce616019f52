"""Safe YAML and JSON reading: what is refused, what stays text, where lines point."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest

from transition._yaml import MAX_DEPTH, DocumentError, load_bytes, load_document, load_text


@pytest.mark.parametrize("word", ["No", "no", "yes", "Yes", "on", "off", "ON", "y", "n"])
def test_yaml_11_booleans_stay_text(word: str) -> None:
    assert load_text(f"title: {word}").data == {"title": word}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("False", False),
        ("012", 12),
        ("0o17", 15),
        ("0x1f", 31),
        ("-3", -3),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("~", None),
        ("null", None),
        ("1:20", "1:20"),
        ("1_000", "1_000"),
        ("2026-11-02", datetime.date(2026, 11, 2)),
        ("'3'", "3"),
    ],
)
def test_scalars_follow_the_yaml_12_core_schema(text: str, value: object) -> None:
    assert load_text(f"v: {text}").data == {"v": value}


def test_special_floats() -> None:
    data = load_text("a: .inf\nb: -.inf\nc: .nan").data
    assert data["a"] == float("inf")
    assert data["b"] == float("-inf")
    assert data["c"] != data["c"]


def test_timestamps_with_time_and_zone() -> None:
    data = load_text("a: 2026-11-02T10:30:00Z\nb: 2026-11-02 10:30:00.5 +01:00").data
    assert data["a"] == datetime.datetime(2026, 11, 2, 10, 30, tzinfo=datetime.UTC)
    assert data["b"].utcoffset() == datetime.timedelta(hours=1)
    assert data["b"].microsecond == 500000


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo hacked']",
        "a: !!python/name:os.system",
        "a: !custom thing",
        "a: !!set {x, y}",
        "a: !!binary aGVsbG8=",
    ],
)
def test_tags_beyond_plain_data_are_refused(text: str) -> None:
    with pytest.raises(DocumentError, match="is not allowed: only plain data") as caught:
        load_text(text, name="evil.yaml")
    assert caught.value.record.path == "evil.yaml"
    assert caught.value.record.field == "a"
    assert caught.value.record.line == 1


def test_alias_bombs_are_bounded_quickly() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 12):
        name, previous = chr(97 + i), chr(96 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="aliases repeat more than"):
        load_text("\n".join(lines))
    # Not a timing assertion: a sanity bound that fails only if the budget is gone.
    assert time.perf_counter() - started < 30


def test_a_few_aliases_are_fine() -> None:
    data = load_text("base: &b {weight: 2}\nx: *b\ny: {<<: *b, title: Y}").data
    assert data == {"base": {"weight": 2}, "x": {"weight": 2}, "y": {"weight": 2, "title": "Y"}}


def test_recursive_alias_is_an_error() -> None:
    with pytest.raises(DocumentError, match="recursive"):
        load_text("a: &a [1, *a]")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(DocumentError, match=f"nested more than {MAX_DEPTH} levels"):
        load_text("[" * 200 + "]" * 200)


def test_very_deep_nesting_is_an_error_not_a_crash() -> None:
    # libyaml stops this itself ("exceeded maximum nesting depth"); the pure-Python
    # parser would hit the recursion limit, which we turn into the same kind of error.
    with pytest.raises(DocumentError, match="nest"):
        load_text("[" * 100_000 + "]" * 100_000)


def test_duplicate_keys_are_located() -> None:
    with pytest.raises(DocumentError) as caught:
        load_text("a: 1\nb: 2\na: 3", name="f.yaml")
    assert str(caught.value) == "f.yaml:3: duplicate key 'a' (first on line 1)"


def test_several_documents_are_an_error() -> None:
    with pytest.raises(DocumentError, match="expected a single document"):
        load_text("a: 1\n---\nb: 2\n")


def test_empty_document_is_an_error() -> None:
    with pytest.raises(DocumentError, match="the document is empty"):
        load_text("# only a comment\n")


def test_syntax_errors_are_located() -> None:
    with pytest.raises(DocumentError) as caught:
        load_text("a: 1\nb: [1, 2\n", name="f.yaml")
    assert caught.value.record.path == "f.yaml"
    assert caught.value.record.line == 3
    assert caught.value.record.message.startswith("invalid YAML: ")


def test_invalid_utf8_is_located() -> None:
    with pytest.raises(DocumentError) as caught:
        load_bytes(b"a: 1\nb: caf\xe9\n", name="f.yaml")
    assert str(caught.value) == (
        "f.yaml:2: not valid UTF-8 (byte 0xe9 in column 7); save the file as UTF-8"
    )


def test_a_byte_order_mark_is_accepted() -> None:
    assert load_bytes("\ufeffa: 1".encode()).data == {"a": 1}


def test_lines_point_at_keys_and_items() -> None:
    document = load_text("a:\n  b:\n    - x\n    - y\nc: 3\n")
    assert document.line(("a",)) == 1
    assert document.line(("a", "b")) == 2
    assert document.line(("a", "b", 1)) == 4
    assert document.line(("c",)) == 5
    assert document.line(("c", "missing", 3)) == 5


def test_json_files_keep_json_semantics_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{\n  "title": "No",\n  "n": 012.5,\n  "items": [\n    true\n  ]\n}')
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    assert caught.value.record.line == 3  # 012.5 is not JSON
    path.write_text('{\n  "title": "No",\n  "items": [\n    true\n  ]\n}')
    document = load_document(path)
    assert document.data == {"title": "No", "items": [True]}
    assert document.line(("items", 0)) == 4


def test_json_duplicate_keys_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"a": 1, "a": 2}')
    with pytest.raises(DocumentError, match="duplicate key 'a'"):
        load_document(path)
