"""Lenses (SPEC §10): loading, the bundled PPN 002 lens, and view()."""

from __future__ import annotations

import json
import math
import pickle
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest

import transition
from transition import lens as lens_module

ROOT = Path(__file__).resolve().parents[2]
RUBRIC = transition.load_rubric()


def _result(answers: dict[str, Any], rubric: transition.Rubric = RUBRIC) -> transition.Readiness:
    return transition.score(
        rubric, transition.load_assessment({"rubric": rubric.id, "answers": answers}, rubric)
    )


def _lens(*themes: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"lens": "mine", "title": "Mine", **top, "themes": list(themes)}


# -- the bundled lens ------------------------------------------------------------------


def test_the_bundled_lens_loads_against_the_bundled_rubric_and_every_theme_maps() -> None:
    assert transition.bundled_lenses() == ("ppn-002",)
    lens = transition.load_lens("ppn-002", RUBRIC)
    assert lens.rubric == RUBRIC.id
    assert lens.licence == "Open Government Licence v3.0"
    assert lens.source is not None
    assert lens.source.url is not None
    assert lens.source.url.startswith("https://www.gov.uk/")
    assert lens.themes
    for theme in lens.themes:
        mapped = theme.maps(RUBRIC)
        assert len(mapped) >= 1, theme.id
        assert all(mid in RUBRIC.milestones for mid in theme.milestones)
        assert theme.description


def test_the_bundled_lens_file_attributes_crown_copyright_under_the_ogl() -> None:
    text = (ROOT / "lenses" / "ppn-002.yaml").read_text(encoding="utf-8")
    assert "Open Government Licence v3.0" in text
    assert "Crown copyright" in text
    assert "National TOMs" not in text  # their licence forbids bundling them


def test_the_bundled_lens_is_read_once_and_shared() -> None:
    assert transition.load_lens("ppn-002") is transition.load_lens("ppn-002")


def test_a_source_tree_finds_the_lenses_beside_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = resources.files

    def files(package: str) -> Any:
        if package == "transition.lenses":
            raise ModuleNotFoundError("No module named 'transition.lenses'")
        return real(package)

    monkeypatch.setattr(resources, "files", files)
    lens_module._bundled.cache_clear()
    try:
        assert transition.bundled_lenses() == ("ppn-002",)
        assert transition.load_lens("ppn-002").id == "ppn-002"
    finally:
        lens_module._bundled.cache_clear()


def test_an_unknown_bundled_id_suggests_the_closest() -> None:
    with pytest.raises(transition.LensError) as caught:
        transition.load_lens("ppn-02")
    assert str(caught.value) == (
        "no bundled lens 'ppn-02' and no such file (did you mean 'ppn-002'?)"
    )
    with pytest.raises(transition.LensError, match=r"\(bundled: ppn-002\)"):
        transition.load_lens("zzz")


def test_setup_cfg_ships_the_lenses_as_package_data() -> None:
    text = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "transition.lenses = lenses" in text
    assert "transition.lenses = *.yaml" in text


# -- loading ---------------------------------------------------------------------------


def test_errors_are_transition_errors_and_value_errors() -> None:
    assert issubclass(transition.LensError, transition.TransitionError)
    assert issubclass(transition.LensError, ValueError)
    error = transition.LensError([transition.ErrorRecord("x", "themes")])
    assert pickle.loads(pickle.dumps(error)).errors == error.errors


def test_bad_arguments_are_type_errors() -> None:
    with pytest.raises(TypeError, match="load_lens\\(\\) takes an id, a path or a mapping"):
        transition.load_lens(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="load_lens\\(\\)'s rubric must be a Rubric"):
        transition.load_lens("ppn-002", "public-service-spinout")  # type: ignore[arg-type]
    with pytest.raises(transition.LensError, match="empty name"):
        transition.load_lens("")
    with pytest.raises(TypeError, match="view\\(\\)'s result must be a Readiness"):
        transition.view(RUBRIC, "ppn-002")  # type: ignore[arg-type]


def test_a_lens_from_json_and_from_yaml_are_equal(tmp_path: Path) -> None:
    mapping = _lens(
        {"id": "staff", "title": "Staff", "milestones": ["named_leader"], "tags": ["pensions"]},
        rubric=RUBRIC.id,
        source={"title": "Somewhere", "url": "https://example.org/"},
        licence="OGL",
    )
    (tmp_path / "a.json").write_text(json.dumps(mapping), encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "lens: mine\ntitle: Mine\nrubric: public-service-spinout\n"
        "source: {title: Somewhere, url: 'https://example.org/'}\nlicence: OGL\n"
        "themes:\n  - {id: staff, title: Staff, milestones: [named_leader], tags: [pensions]}\n",
        encoding="utf-8",
    )
    from_json = transition.load_lens(tmp_path / "a.json")
    from_yaml = transition.load_lens(str(tmp_path / "a.yaml"))
    assert from_json == from_yaml == transition.load_lens(mapping)
    assert from_json.file == str(tmp_path / "a.json")


def test_text_stays_text() -> None:
    lens = transition.load_lens(
        {"lens": "mine", "title": "No", "themes": [{"id": "a", "title": "Yes", "tags": ["on"]}]}
    )
    assert lens.title == "No"
    assert lens.themes[0].title == "Yes"
    assert lens.themes[0].tags == ("on",)


def test_a_source_may_be_plain_text_and_extension_keys_are_kept() -> None:
    lens = transition.load_lens(
        _lens(
            {"id": "a", "title": "A", "tags": ["people"], "x-code": "A1"},
            source="Our own framework",
            **{"x-owner": {"team": "Procurement"}},
        )
    )
    assert lens.source == transition.Reference("Our own framework")
    assert lens.extra == {"x-owner": {"team": "Procurement"}}
    assert lens.themes[0].extra == {"x-code": "A1"}


def test_to_dict_round_trips() -> None:
    lens = transition.load_lens("ppn-002")
    again = transition.load_lens(lens.to_dict())
    assert again == lens
    assert json.loads(json.dumps(lens.to_dict())) == lens.to_dict()


def test_repeated_ids_and_tags_in_a_theme_count_once() -> None:
    lens = transition.load_lens(
        _lens({"id": "a", "title": "A", "milestones": ["named_leader", "named_leader"]})
    )
    assert lens.themes[0].milestones == ("named_leader",)


def test_a_lens_naming_no_rubric_loads_without_one_and_is_checked_at_view() -> None:
    lens = transition.load_lens(_lens({"id": "a", "title": "A", "milestones": ["nope"]}))
    assert lens.rubric is None
    with pytest.raises(transition.LensError, match=r"themes\[0\] \(a\)\.milestones\[0\]"):
        transition.view(_result({}), lens)


def test_a_lens_for_another_rubric_is_refused_at_view() -> None:
    other = transition.load_rubric(
        {
            "rubric": "tiny",
            "title": "Tiny",
            "version": "1",
            "characteristics": [{"id": "c", "title": "C"}],
            "milestones": [{"id": "named_leader", "characteristic": "c", "title": "M"}],
            "bands": [{"id": "all", "label": "All", "min": 0}],
        }
    )
    with pytest.raises(transition.LensError) as caught:
        transition.view(_result({}, other), "ppn-002")
    (error,) = caught.value.errors
    assert error.field == "rubric"
    assert error.code == "rubric-mismatch"
    assert error.path == "<bundled>/ppn-002.yaml"
    assert error.line is not None
    assert "this lens is for rubric 'public-service-spinout', not 'tiny'" in error.message


def test_a_lens_built_in_code_is_checked_too() -> None:
    lens = transition.Lens("mine", "Mine", (transition.Theme("a", "A", milestones=("nope",)),))
    with pytest.raises(transition.LensError) as caught:
        transition.view(_result({}), lens)
    assert str(caught.value) == "themes[0] (a).milestones[0]: unknown milestone 'nope'"


# -- view ------------------------------------------------------------------------------


def test_from_transition_import_view_is_the_function() -> None:
    from transition import view

    assert callable(view)
    assert view is lens_module.view
    import transition.report.view as report_view  # the report's module is still there

    assert report_view.__name__ == "transition.report.view"
    assert transition.view is view


def test_tags_expand_to_every_milestone_with_one_and_ids_come_in_rubric_order() -> None:
    lens = transition.load_lens(
        _lens({"id": "t", "title": "T", "milestones": ["board_formed"], "tags": ["pensions"]})
    )
    theme = transition.view(_result({}), lens).themes["t"]
    pensions = [mid for mid, m in RUBRIC.milestones.items() if "pensions" in m.tags]
    expected = [mid for mid in RUBRIC.milestones if mid in {*pensions, "board_formed"}]
    assert theme.milestones == tuple(expected)


def test_a_theme_scores_weighted_credit_over_its_applicable_milestones() -> None:
    lens = transition.load_lens(
        _lens(
            {
                "id": "t",
                "title": "T",
                "milestones": ["named_leader", "service_scope", "stakeholder_map"],
            }
        )
    )
    result = _result(
        {
            "named_leader": {"level": 3, "evidence": ["Email from the director", "Minutes"]},
            "service_scope": "n/a",
            "stakeholder_map": {"evidence": "A first map"},  # unassessed: credit 0
        }
    )
    theme = transition.view(result, lens).themes["t"]
    w_leader = RUBRIC.milestones["named_leader"].weight
    w_map = RUBRIC.milestones["stakeholder_map"].weight
    assert theme.score == math.fsum([w_leader * 0.75, 0.0]) / math.fsum([w_leader, w_map])
    assert theme.met == ("named_leader",)
    assert theme.open == ("stakeholder_map",)
    assert theme.coverage == pytest.approx(2 / 3)
    assert dict(theme.evidence) == {
        "named_leader": ("Email from the director", "Minutes"),
        "stakeholder_map": ("A first map",),
    }


def test_a_theme_with_nothing_applicable_has_no_score() -> None:
    lens = transition.load_lens(_lens({"id": "t", "title": "T", "milestones": ["service_scope"]}))
    theme = transition.view(_result({"service_scope": "n/a"}), lens).themes["t"]
    assert theme.score is None
    assert theme.met == theme.open == ()
    assert theme.coverage == 1.0


def test_a_blocked_milestone_is_open_and_counts_its_capped_credit() -> None:
    lens = transition.load_lens(_lens({"id": "t", "title": "T", "milestones": ["senior_sponsor"]}))
    result = _result({"senior_sponsor": 4, "named_leader": 1})
    theme = transition.view(result, lens).themes["t"]
    assert result.milestones["senior_sponsor"].status is transition.Status.BLOCKED
    assert theme.open == ("senior_sponsor",)
    assert theme.score == result.milestones["senior_sponsor"].credit == 0.25


def test_the_view_is_frozen_equal_picklable_and_json_ready() -> None:
    result = _result({"baseline_measures": {"level": 3, "evidence": "Baseline, May"}})
    seen = transition.view(result, "ppn-002")
    assert seen == transition.view(result, transition.load_lens("ppn-002"))
    assert pickle.loads(pickle.dumps(seen)) == seen
    assert hash(seen) == hash(pickle.loads(pickle.dumps(seen)))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        seen.themes = {}  # type: ignore[misc, assignment]
    with pytest.raises(TypeError):
        seen.themes["x"] = None  # type: ignore[index]
    document = seen.to_dict()
    assert json.loads(json.dumps(document)) == document
    assert document["lens"] == "ppn-002"
    assert document["rubric"]["id"] == RUBRIC.id
    assert list(document["themes"]) == [theme.id for theme in seen.lens.themes]
    assert document["themes"]["reporting_metrics"]["evidence"] == {
        "baseline_measures": ["Baseline, May"]
    }
    assert seen.id == "ppn-002"
    assert seen.title == seen.lens.title


def test_every_theme_result_holds_what_spec_10_names() -> None:
    seen = transition.view(_result({}), "ppn-002")
    for theme_id, theme in seen.themes.items():
        assert theme.id == theme_id
        for name in ("title", "milestones", "score", "coverage", "met", "open", "evidence"):
            assert hasattr(theme, name)
        assert set(theme.met) | set(theme.open) <= set(theme.milestones)


def test_a_lens_over_an_example_assessment() -> None:
    assessment = transition.load_assessment(ROOT / "examples" / "near-go-live.yaml", RUBRIC)
    seen = transition.view(transition.score(RUBRIC, assessment), "ppn-002")
    fair = seen.themes["fair_work"]
    assert fair.score is not None
    assert 0 < fair.score < 1
    assert "employee_voice_working" in fair.open
    assert fair.evidence  # the example records evidence for these milestones


def test_the_docs_table_of_the_bundled_lens_matches_the_lens() -> None:
    text = (ROOT / "docs" / "social-value.md").read_text(encoding="utf-8")
    section = text.split("## The bundled lens", 1)[1].split("\n## ", 1)[0]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| theme")
    ]
    lens = transition.load_lens("ppn-002")
    assert [row[0] for row in rows] == [theme.title for theme in lens.themes]
    for row, theme in zip(rows, lens.themes, strict=True):
        listed = tuple(cell.strip(" `") for cell in row[2].split(","))
        assert listed == theme.maps(RUBRIC), theme.id
