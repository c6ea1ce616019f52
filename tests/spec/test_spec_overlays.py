"""SPEC §3.2 from the text alone: rubric overlays (``extends``, patches, ``remove``).

Written by a second engineer who did not see the implementation. Every overlay is
written by the test into ``tmp_path``. Milestones in the fixtures are written one per
line (flow style), so that every field of a milestone is on the line that the test looks
up with :func:`line_of`, whatever field an implementation locates an error at; each
overlay has ``extends:`` on line 2 for the same reason.

Readings that the text leaves open are marked ``# SPEC-AMBIGUOUS:``.
"""

from __future__ import annotations

import json
import pickle
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import attrs
import jsonschema
import pytest
import yaml

import transition
import transition.schemas
from tests.cli.test_smoke import program
from transition import ErrorRecord, Readiness, Rubric, RubricError
from transition.model import Prerequisite

BUNDLED = "public-service-spinout"
BASE = transition.load_rubric(BUNDLED)
BASE_IDS = list(BASE.milestones)
EXAMPLES = Path(__file__).parents[2] / "examples"

#: A small local base; each milestone on one line (see the module docstring).
LOCAL_BASE = """\
rubric: local-base
title: Local base
version: "0.1"
met_level: 3
characteristics:
  - {id: people, title: People, weight: 2}
  - {id: money, title: Money}
phases:
  - {id: early, title: Early}
  - {id: late, title: Late}
milestones:
  - {id: lead, characteristic: people, title: A leader, phase: early, critical: true}
  - {id: team, characteristic: people, title: A team, phase: early, requires: [lead]}
  - {id: budget, characteristic: money, title: Budget, weight: 2, requires: [{milestone: team, level: 2}]}
  - {id: audit, characteristic: money, title: An audit, phase: late, requires: [budget]}
bands:
  - {id: not_ready, label: Not ready, min: 0}
  - {id: ready, label: Ready, min: 0.75, requires_critical: true}
"""  # noqa: E501 (one milestone a line, see the module docstring)


def write(path: Path, text: str) -> Path:
    """Write ``text`` (dedented) to ``path``, making its directory; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def overlay(path: Path, extends: str, body: str = "", rubric_id: str = "acme-spinout") -> Path:
    """Write an overlay with ``rubric:`` on line 1, ``extends:`` on line 2, then ``body``."""
    return write(path, f"rubric: {rubric_id}\nextends: {extends}\n" + textwrap.dedent(body))


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the one line of ``path`` that contains ``needle``."""
    hits = [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    ]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def errors_of(source: Path | Mapping[str, Any]) -> list[ErrorRecord]:
    """The error records of loading ``source``, which must fail with a RubricError."""
    with pytest.raises(RubricError) as info:
        transition.load_rubric(source)
    assert info.value.errors
    return list(info.value.errors)


def where(errors: Iterable[ErrorRecord]) -> set[tuple[Path | None, int | None]]:
    """The (file, line) of each error; files resolved, so that ``a/../b`` equals ``b``."""
    return {
        (Path(error.path).resolve() if error.path is not None else None, error.line)
        for error in errors
    }


def at(path: Path, line: int) -> tuple[Path | None, int | None]:
    """The location ``path:line`` as :func:`where` gives it."""
    return (path.resolve(), line)


def chain(rub: Rubric) -> list[tuple[str, str]]:
    """``Rubric.base`` as ``[(id, version), ...]`` in the order the rubric gives it."""
    # SPEC-AMBIGUOUS: "holds the chain of base ids and versions" does not fix the type: a
    # sequence of records with id and version, of (id, version) pairs or of mappings, or a
    # mapping id -> version, are all accepted here.
    value: Any = cast(Any, rub).base
    if isinstance(value, Mapping):
        return [(str(key), str(version)) for key, version in value.items()]
    out: list[tuple[str, str]] = []
    item: Any
    for item in value:
        if isinstance(item, Mapping):
            out.append((item["id"], item["version"]))
        elif hasattr(item, "id"):
            out.append((item.id, item.version))
        else:
            base_id, version = item
            out.append((base_id, version))
    return out


def prerequisites(rub: Rubric, milestone: str) -> list[tuple[str, int]]:
    """The milestone's ``requires`` as ``[(id, level), ...]``."""
    return [(p.milestone, p.level) for p in rub.milestones[milestone].requires]


def last_index_of(characteristic: str) -> int:
    """The index, in the bundled rubric's order, of the characteristic's last milestone."""
    return max(
        index
        for index, milestone in enumerate(BASE.milestones.values())
        if milestone.characteristic == characteristic
    )


# --- extends --------------------------------------------------------------------------


def test_extends_a_bundled_id(tmp_path: Path) -> None:
    path = overlay(tmp_path / "acme.yaml", BUNDLED, "title: ACME's spin-out readiness\n")
    rub = transition.load_rubric(path)
    assert rub.id == "acme-spinout"
    assert rub.title == "ACME's spin-out readiness"
    assert list(rub.milestones) == BASE_IDS
    assert rub.characteristics == BASE.characteristics
    assert rub.milestones == BASE.milestones


def test_extends_a_bundled_id_from_a_mapping() -> None:
    rub = transition.load_rubric(
        {
            "rubric": "acme-spinout",
            "extends": BUNDLED,
            "milestones": [{"id": "board_formed", "weight": 3}],
        }
    )
    assert rub.id == "acme-spinout"
    assert rub.milestones["board_formed"].weight == 3.0
    assert chain(rub) == [(BUNDLED, "1.0.0")]


def test_extends_a_path_relative_to_the_overlay_file_not_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "bases" / "base.yaml", LOCAL_BASE)
    overlay(tmp_path / "overlays" / "acme.yaml", "../bases/base.yaml")
    # A decoy where the same relative path would lead from the current directory.
    cwd = tmp_path / "deep" / "er"
    cwd.mkdir(parents=True)
    write(cwd.parent / "bases" / "base.yaml", LOCAL_BASE.replace("Local base", "Decoy"))
    monkeypatch.chdir(cwd)
    rub = transition.load_rubric(Path("../../overlays/acme.yaml"))
    assert rub.id == "acme-spinout"
    assert rub.title == "Local base"
    assert list(rub.milestones) == ["lead", "team", "budget", "audit"]
    assert chain(rub) == [("local-base", "0.1")]


def test_extends_a_file_beside_the_overlay_from_another_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "project" / "base.yaml", LOCAL_BASE)
    path = overlay(tmp_path / "project" / "acme.yaml", "base.yaml", 'version: "0.2"\n')
    write(tmp_path / "elsewhere" / "base.yaml", LOCAL_BASE.replace("Local base", "Decoy"))
    monkeypatch.chdir(tmp_path / "elsewhere")
    rub = transition.load_rubric(path)
    assert (rub.title, rub.version) == ("Local base", "0.2")


def test_an_unknown_bundled_id_is_an_error_at_extends(tmp_path: Path) -> None:
    path = overlay(tmp_path / "acme.yaml", "no-such-rubric")
    errors = errors_of(path)
    assert where(errors) == {at(path, 2)}
    assert "no-such-rubric" in str(errors[0])


def test_a_missing_base_file_is_an_error_at_extends(tmp_path: Path) -> None:
    # SPEC-AMBIGUOUS: a missing base file could surface as an OSError; read as a
    # RubricError located at the `extends` value that names it (a value of the overlay).
    path = overlay(tmp_path / "acme.yaml", "missing.yaml")
    errors = errors_of(path)
    assert where(errors) == {at(path, 2)}
    assert "missing.yaml" in str(errors[0])


# --- keys that replace the base's -----------------------------------------------------


def test_scalar_keys_replace_the_base_values(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        title: No
        version: "2026.1"
        description: ACME's own model
        met_level: 2
        gating: strict
        """,
    )
    rub = transition.load_rubric(path)
    assert rub.id == "acme-spinout"
    assert rub.title == "No"  # a text field stays text (§3)
    assert rub.version == "2026.1"
    assert rub.description == "ACME's own model"
    assert rub.met_level == 2
    assert rub.gating == "strict"


def test_keys_not_given_keep_the_base_values(tmp_path: Path) -> None:
    rub = transition.load_rubric(overlay(tmp_path / "acme.yaml", BUNDLED))
    assert rub.id == "acme-spinout"
    assert (rub.title, rub.version, rub.description) == (BASE.title, BASE.version, BASE.description)
    assert (rub.scale, rub.met_level, rub.gating) == (BASE.scale, BASE.met_level, BASE.gating)
    assert rub.bands == BASE.bands
    assert rub.phases == BASE.phases


def test_bands_are_replaced_whole_not_patched_by_id(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        bands:
          - {id: not_ready, label: Not yet, min: 0}
          - {id: ready, label: Go, min: 0.9, requires_critical: true}
        """,
    )
    rub = transition.load_rubric(path)
    assert [(b.id, b.label, b.min, b.requires_critical) for b in rub.bands] == [
        ("not_ready", "Not yet", 0.0, False),
        ("ready", "Go", 0.9, True),
    ]


def test_scale_is_replaced_whole(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        scale:
          - {value: 0, label: Nothing}
          - {value: 1, label: Some}
          - {value: 2, label: Half}
          - {value: 3, label: Most}
          - {value: 4, label: All}
          - {value: 5, label: Beyond}
        """,
    )
    rub = transition.load_rubric(path)
    assert [(level.value, level.label) for level in rub.scale] == [
        (0, "Nothing"),
        (1, "Some"),
        (2, "Half"),
        (3, "Most"),
        (4, "All"),
        (5, "Beyond"),
    ]
    assert rub.top == 5
    assert rub.met_level == 3  # kept from the base


def test_extension_keys_of_the_overlay_are_kept(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        x-client: ACME
        milestones:
          - {id: named_leader, x-owner: ops}
        """,
    )
    rub = transition.load_rubric(path)
    assert dict(rub.extra) == {"x-client": "ACME"}
    assert dict(rub.milestones["named_leader"].extra) == {"x-owner": "ops"}
    assert rub.milestones["named_leader"].title == BASE.milestones["named_leader"].title


# --- patches ----------------------------------------------------------------------------


def test_a_patch_changes_only_the_fields_given(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml", BUNDLED, "milestones:\n  - {id: board_formed, weight: 5}\n"
    )
    rub = transition.load_rubric(path)
    patched = rub.milestones["board_formed"]
    assert patched == attrs.evolve(BASE.milestones["board_formed"], weight=5.0)
    assert patched.title == BASE.milestones["board_formed"].title
    assert prerequisites(rub, "board_formed") == [
        ("employee_voice_designed", 3),
        ("leadership_capability", 3),
        ("constitution_adopted", 2),
    ]
    others = {mid: m for mid, m in rub.milestones.items() if mid != "board_formed"}
    assert others == {mid: m for mid, m in BASE.milestones.items() if mid != "board_formed"}


def test_requires_given_replaces_the_base_requires(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        milestones:
          - {id: board_formed, requires: [named_leader, {milestone: vision_written, level: 2}]}
        """,
    )
    rub = transition.load_rubric(path)
    assert rub.milestones["board_formed"].requires == (
        Prerequisite("named_leader", 3),
        Prerequisite("vision_written", 2),
    )
    assert sorted(rub.graph.predecessors("board_formed")) == ["named_leader", "vision_written"]
    assert rub.graph.edges["vision_written", "board_formed"]["level"] == 2
    assert rub.milestones["board_formed"].weight == BASE.milestones["board_formed"].weight


def test_an_empty_requires_clears_the_prerequisites(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml", BUNDLED, "milestones:\n  - {id: board_formed, requires: []}\n"
    )
    rub = transition.load_rubric(path)
    assert rub.milestones["board_formed"].requires == ()
    assert list(rub.graph.predecessors("board_formed")) == []


def test_list_and_mapping_fields_given_replace_the_base_values(tmp_path: Path) -> None:
    # "a field given replaces the base's": tags, evidence and levels are not merged.
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        milestones:
          - {id: named_leader, tags: [core], evidence: [Minutes], levels: {3: Three}}
        """,
    )
    patched = transition.load_rubric(path).milestones["named_leader"]
    assert patched.tags == ("core",)
    assert tuple(patched.evidence) == ("Minutes",)
    assert dict(patched.levels) == {3: "Three"}
    assert patched.critical is True  # kept


def test_a_characteristic_patch_changes_only_the_fields_given(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml", BUNDLED, "characteristics:\n  - {id: leadership, weight: 30}\n"
    )
    rub = transition.load_rubric(path)
    assert rub.characteristics[0] == attrs.evolve(BASE.characteristics[0], weight=30.0)
    assert rub.characteristics[1:] == BASE.characteristics[1:]


def test_a_phase_patch_changes_only_the_fields_given(tmp_path: Path) -> None:
    path = overlay(tmp_path / "acme.yaml", BUNDLED, "phases:\n  - {id: explore, title: Discover}\n")
    rub = transition.load_rubric(path)
    assert rub.phases[0] == attrs.evolve(BASE.phases[0], title="Discover")
    assert rub.phases[0].description == BASE.phases[0].description
    assert rub.phases[1:] == BASE.phases[1:]


def test_areas_are_added_and_patched_through_a_chain(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", LOCAL_BASE)
    overlay(
        tmp_path / "middle.yaml",
        "base.yaml",
        """\
        areas:
          - {id: hiring, title: Hiring, characteristic: people}
        milestones:
          - {id: team, area: hiring}
        """,
        rubric_id="middle",
    )
    path = overlay(
        tmp_path / "acme.yaml", "middle.yaml", "areas:\n  - {id: hiring, title: Recruiting}\n"
    )
    rub = transition.load_rubric(path)
    assert [(a.id, a.title, a.characteristic) for a in rub.areas] == [
        ("hiring", "Recruiting", "people")
    ]
    assert rub.milestones["team"].area == "hiring"
    assert rub.milestones["team"].title == "A team"


# --- new ids ------------------------------------------------------------------------------


def test_a_new_milestone_goes_after_the_last_of_its_characteristic(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        milestones:
          - {id: chair_recruited, characteristic: leadership, title: A chair is recruited}
        """,
    )
    rub = transition.load_rubric(path)
    cut = last_index_of("leadership") + 1  # after leadership_succession, before service_scope
    assert BASE_IDS[cut - 1 : cut + 1] == ["leadership_succession", "service_scope"]
    assert list(rub.milestones) == [*BASE_IDS[:cut], "chair_recruited", *BASE_IDS[cut:]]
    added = rub.milestones["chair_recruited"]
    assert (added.characteristic, added.title) == (
        "leadership",
        "A chair is recruited",
    )
    # §3 defaults
    assert (added.weight, added.critical, added.duration_weeks, added.requires, added.phase) == (
        1.0,
        False,
        0.0,
        (),
        None,
    )


def test_new_milestones_keep_the_overlay_order_within_a_characteristic(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        milestones:
          - {id: vision_one, characteristic: vision, title: V1}
          - {id: lead_one, characteristic: leadership, title: L1}
          - {id: vision_two, characteristic: vision, title: V2}
          - {id: board_formed, weight: 4}
        """,
    )
    rub = transition.load_rubric(path)
    lead, vision = last_index_of("leadership") + 1, last_index_of("vision") + 1
    assert list(rub.milestones) == [
        *BASE_IDS[:lead],
        "lead_one",
        *BASE_IDS[lead:vision],
        "vision_one",
        "vision_two",
        *BASE_IDS[vision:],
    ]


def test_a_new_milestone_of_the_last_characteristic_goes_at_the_end(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        "milestones:\n  - {id: purpose_audited, characteristic: institutionalisation, title: P}\n",
    )
    rub = transition.load_rubric(path)
    assert BASE.milestones[BASE_IDS[-1]].characteristic == "institutionalisation"
    assert list(rub.milestones) == [*BASE_IDS, "purpose_audited"]


def test_new_characteristics_and_phases_are_appended(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        phases:
          - {id: aftercare, title: Aftercare}
          - {id: explore, title: Discover}
        characteristics:
          - {id: digital, title: Digital, weight: 5}
          - {id: vision, weight: 20}
        milestones:
          - {id: digital_ready, characteristic: digital, title: Systems ready, phase: aftercare}
        """,
    )
    rub = transition.load_rubric(path)
    assert [c.id for c in rub.characteristics] == [*(c.id for c in BASE.characteristics), "digital"]
    assert (rub.characteristics[-1].title, rub.characteristics[-1].weight) == ("Digital", 5.0)
    assert rub.characteristics[1].weight == 20.0
    assert [p.id for p in rub.phases] == [*(p.id for p in BASE.phases), "aftercare"]
    assert rub.phases[0].title == "Discover"
    assert rub.milestones["digital_ready"].phase == "aftercare"


def test_a_milestone_of_a_new_characteristic_goes_at_the_end(tmp_path: Path) -> None:
    # SPEC-AMBIGUOUS: "after the last one of their characteristic" when the characteristic
    # is new and has no milestone yet: read as the end (its characteristic is the last).
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        characteristics:
          - {id: digital, title: Digital}
        milestones:
          - {id: digital_ready, characteristic: digital, title: Systems ready}
          - {id: chair_recruited, characteristic: leadership, title: Chair}
        """,
    )
    rub = transition.load_rubric(path)
    cut = last_index_of("leadership") + 1
    assert list(rub.milestones) == [
        *BASE_IDS[:cut],
        "chair_recruited",
        *BASE_IDS[cut:],
        "digital_ready",
    ]


def test_patches_and_new_ids_together_as_in_the_spec_example(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        title: ACME's spin-out readiness
        version: "2026.1"
        milestones:
          - id: board_formed
            weight: 3
            requires: [named_leader, chair_recruited]
          - id: chair_recruited
            characteristic: leadership
            title: An independent chair is recruited
        remove: [leadership_succession]
        """,
    )
    rub = transition.load_rubric(path)
    expected = [mid for mid in BASE_IDS if mid != "leadership_succession"]
    cut = expected.index("leaders_appointed") + 1
    assert list(rub.milestones) == [*expected[:cut], "chair_recruited", *expected[cut:]]
    assert rub.milestones["board_formed"].weight == 3.0
    assert prerequisites(rub, "board_formed") == [("named_leader", 3), ("chair_recruited", 3)]
    assert rub.graph.has_edge("chair_recruited", "board_formed")
    assert "leadership_succession" not in rub.graph
    assert (rub.title, rub.version) == ("ACME's spin-out readiness", "2026.1")


# --- remove -------------------------------------------------------------------------------


def test_remove_drops_milestones(tmp_path: Path) -> None:
    # Nothing requires these three except each other.
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        "remove: [post_live_review, sustainability_plan, social_value_reported]\n",
    )
    rub = transition.load_rubric(path)
    gone = {"post_live_review", "sustainability_plan", "social_value_reported"}
    assert list(rub.milestones) == [mid for mid in BASE_IDS if mid not in gone]
    assert sorted(rub.graph.nodes) == sorted(set(BASE_IDS) - gone)


def test_removing_a_required_milestone_is_an_error_at_that_remove_entry(tmp_path: Path) -> None:
    # board_formed is required by leadership_succession and policies_adopted.
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        remove:
          - sustainability_plan
          - board_formed
        """,
    )
    errors = errors_of(path)
    # SPEC-AMBIGUOUS: read "an error at that remove entry" as the only place it is
    # reported (no extra "unknown milestone" errors at the base's requires entries).
    assert where(errors) == {at(path, line_of(path, "- board_formed"))}
    assert all("board_formed" in error.message for error in errors)


def test_removing_a_milestone_is_fine_when_the_overlay_patches_its_dependents(
    tmp_path: Path,
) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        milestones:
          - {id: leadership_succession, requires: [leaders_appointed]}
          - {id: policies_adopted, requires: [constitution_adopted]}
        remove:
          - board_formed
        """,
    )
    rub = transition.load_rubric(path)
    assert "board_formed" not in rub.milestones
    assert prerequisites(rub, "leadership_succession") == [("leaders_appointed", 3)]
    assert prerequisites(rub, "policies_adopted") == [("constitution_adopted", 3)]
    assert len(rub.milestones) == len(BASE_IDS) - 1


def test_patching_one_of_two_dependents_is_not_enough(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        milestones:
          - {id: leadership_succession, requires: [leaders_appointed]}
        remove:
          - board_formed
        """,
    )
    errors = errors_of(path)
    assert where(errors) == {at(path, line_of(path, "- board_formed"))}


def test_a_patch_that_keeps_requiring_the_removed_milestone_is_an_error(tmp_path: Path) -> None:
    # Patching the dependent's requires only helps if the new requires drops the milestone.
    write(tmp_path / "base.yaml", LOCAL_BASE)
    path = overlay(
        tmp_path / "acme.yaml",
        "base.yaml",
        """\
        milestones:
          - {id: audit, requires: [budget, team]}
        remove:
          - budget
        """,
    )
    # SPEC-AMBIGUOUS: "unless the overlay also patches that milestone's requires" read as
    # "patches it so that it no longer requires the removed one". Either reading gives an
    # error in the overlay: at the remove entry, or at the new requires entry naming a
    # milestone that no longer exists.
    errors = errors_of(path)
    assert where(errors) <= {
        at(path, line_of(path, "- budget")),
        at(path, line_of(path, "{id: audit")),
    }


# --- every §3 rule on the merged rubric -------------------------------------------------


def test_an_overlay_that_closes_a_cycle_is_an_error_that_prints_it(tmp_path: Path) -> None:
    # senior_sponsor already requires named_leader in the base.
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        "milestones:\n  - {id: named_leader, requires: [senior_sponsor]}\n",
    )
    messages = [error.message for error in errors_of(path)]
    cycles = (
        "named_leader -> senior_sponsor -> named_leader",
        "senior_sponsor -> named_leader -> senior_sponsor",
    )
    assert any(cycle in message for message in messages for cycle in cycles), messages


def test_a_cycle_among_new_milestones_is_located_in_the_overlay(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        milestones:
          - {id: chair_found, characteristic: leadership, title: Chair, requires: [chair_paid]}
          - {id: chair_paid, characteristic: leadership, title: Paid, requires: [chair_found]}
        """,
    )
    errors = [
        e
        for e in errors_of(path)
        if "chair_found -> chair_paid" in e.message or "chair_paid -> chair_found" in e.message
    ]
    assert errors
    assert where(errors) <= {
        at(path, line_of(path, "{id: chair_found")),
        at(path, line_of(path, "{id: chair_paid")),
    }


@pytest.mark.parametrize("weight", ["-2", "0", ".inf", ".nan"])
def test_a_patch_that_makes_a_weight_invalid_is_an_error_at_the_overlay(
    tmp_path: Path, weight: str
) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        f"milestones:\n  - {{id: board_formed, weight: {weight}}}\n",
    )
    errors = errors_of(path)
    assert len(errors) == 1
    assert where(errors) == {at(path, 4)}
    assert "(board_formed)" in errors[0].field
    assert errors[0].field.endswith(".weight")


def test_a_new_milestone_with_an_unknown_characteristic(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        "milestones:\n  - {id: chair_recruited, characteristic: leadersip, title: Chair}\n",
    )
    errors = errors_of(path)
    assert len(errors) == 1
    assert where(errors) == {at(path, 4)}
    assert errors[0].field.endswith(".characteristic")
    assert "(chair_recruited)" in errors[0].field
    assert "'leadersip'" in errors[0].message


def test_a_patched_prerequisite_that_names_no_milestone(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        "milestones:\n  - {id: board_formed, requires: [named_leadr]}\n",
    )
    errors = errors_of(path)
    assert len(errors) == 1
    assert where(errors) == {at(path, 4)}
    assert errors[0].field.endswith(".requires[0]")
    assert "'named_leadr'" in errors[0].message
    assert "'named_leader'" in errors[0].message  # did you mean (§3 example)


def test_a_patch_naming_an_undefined_phase(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml", BUNDLED, "milestones:\n  - {id: named_leader, phase: launch}\n"
    )
    errors = errors_of(path)
    assert where(errors) == {at(path, 4)}
    assert any(e.field.endswith(".phase") and "'launch'" in e.message for e in errors)


def test_two_problems_in_one_overlay_are_both_reported(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        milestones:
          - {id: board_formed, weight: -2}
          - {id: chair_recruited, characteristic: leadersip, title: Chair}
        """,
    )
    errors = errors_of(path)
    assert len(errors) == 2
    assert where(errors) == {
        at(path, line_of(path, "{id: board_formed")),
        at(path, line_of(path, "{id: chair_recruited")),
    }


def test_an_unknown_overlay_key_suggests_remove(tmp_path: Path) -> None:
    path = overlay(tmp_path / "acme.yaml", BUNDLED, "remvoe: [leadership_succession]\n")
    errors = errors_of(path)
    assert where(errors) == {at(path, 3)}
    assert "remvoe" in str(errors[0])
    assert "'remove'" in errors[0].message


# --- errors located in the file the value came from -----------------------------------


def test_an_invalid_local_base_names_the_base_file_and_line(tmp_path: Path) -> None:
    base = write(
        tmp_path / "base.yaml", LOCAL_BASE.replace("weight: 2, requires", "weight: -1, requires")
    )
    path = overlay(tmp_path / "acme.yaml", "base.yaml", "title: ACME\n")
    errors = errors_of(path)
    assert len(errors) == 1
    assert where(errors) == {at(base, line_of(base, "{id: budget"))}
    assert "(budget)" in errors[0].field
    assert errors[0].field.endswith(".weight")


def test_errors_in_the_base_and_in_the_overlay_are_reported_together(tmp_path: Path) -> None:
    # SPEC-AMBIGUOUS: read "reported all at once" across files: a broken base does not
    # hide the overlay's own problems.
    base = write(
        tmp_path / "base.yaml", LOCAL_BASE.replace("weight: 2, requires", "weight: -1, requires")
    )
    path = overlay(tmp_path / "acme.yaml", "base.yaml", "milestones:\n  - {id: team, weight: 0}\n")
    errors = errors_of(path)
    assert where(errors) == {at(base, line_of(base, "{id: budget")), at(path, 4)}


def test_a_patched_value_is_located_in_the_overlay_not_the_base(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", LOCAL_BASE)
    path = overlay(tmp_path / "acme.yaml", "base.yaml", "milestones:\n  - {id: team, weight: 0}\n")
    errors = errors_of(path)
    assert len(errors) == 1
    assert where(errors) == {at(path, 4)}
    assert "(team)" in errors[0].field


def test_a_merged_error_caused_by_a_base_met_level_names_the_base_line(tmp_path: Path) -> None:
    # SPEC-AMBIGUOUS: the new scale (overlay) makes the base's met_level 3 fall outside
    # 1..2; read "the offending value" as the one in the error's field path, met_level.
    base = write(tmp_path / "base.yaml", LOCAL_BASE)
    path = overlay(
        tmp_path / "acme.yaml",
        "base.yaml",
        """\
        scale:
          - {value: 0, label: Never}
          - {value: 1, label: Partly}
          - {value: 2, label: Always}
        """,
    )
    errors = errors_of(path)
    assert len(errors) == 1
    assert errors[0].field == "met_level"
    assert where(errors) == {at(base, line_of(base, "met_level: 3"))}


def test_a_merged_level_error_from_a_base_milestone_names_the_base_line(tmp_path: Path) -> None:
    # budget requires team at level 2 (base); the overlay's scale is 0..1, met_level 1.
    base = write(tmp_path / "base.yaml", LOCAL_BASE)
    path = overlay(
        tmp_path / "acme.yaml",
        "base.yaml",
        """\
        met_level: 1
        scale:
          - {value: 0, label: Never}
          - {value: 1, label: Always}
        """,
    )
    errors = errors_of(path)
    assert len(errors) == 1
    assert where(errors) == {at(base, line_of(base, "{id: budget"))}
    assert "(budget)" in errors[0].field
    assert ".requires[0]" in errors[0].field


# --- chains -------------------------------------------------------------------------------


def _chain_of_three(tmp_path: Path) -> Path:
    """a.yaml extends lib/b.yaml, which extends c.yaml beside it, which extends bundled.

    A decoy c.yaml beside a.yaml shows that each extends is relative to its own file.
    """
    overlay(
        tmp_path / "lib" / "c.yaml",
        BUNDLED,
        'version: "1.5"\nmilestones:\n'
        "  - {id: chair_recruited, characteristic: leadership, title: Chair}\n",
        rubric_id="c-spinout",
    )
    overlay(
        tmp_path / "lib" / "b.yaml",
        "c.yaml",
        'version: "2.0"\nmilestones:\n  - {id: board_formed, weight: 4}\n',
        rubric_id="b-spinout",
    )
    overlay(tmp_path / "c.yaml", BUNDLED, 'version: "9.9"\n', rubric_id="decoy")
    return overlay(
        tmp_path / "a.yaml",
        "lib/b.yaml",
        'title: A\nversion: "3.0"\nmilestones:\n  - {id: chair_recruited, weight: 2}\n',
        rubric_id="a-spinout",
    )


def test_a_chain_merges_every_level(tmp_path: Path) -> None:
    rub = transition.load_rubric(_chain_of_three(tmp_path))
    assert (rub.id, rub.title, rub.version) == ("a-spinout", "A", "3.0")
    assert rub.milestones["board_formed"].weight == 4.0
    assert rub.milestones["chair_recruited"].weight == 2.0
    assert rub.milestones["chair_recruited"].title == "Chair"
    cut = last_index_of("leadership") + 1
    assert list(rub.milestones) == [*BASE_IDS[:cut], "chair_recruited", *BASE_IDS[cut:]]


def test_base_holds_the_chain_of_base_ids_and_versions(tmp_path: Path) -> None:
    rub = transition.load_rubric(_chain_of_three(tmp_path))
    assert len(chain(rub)) == 3
    assert set(chain(rub)) == {("b-spinout", "2.0"), ("c-spinout", "1.5"), (BUNDLED, "1.0.0")}


def test_base_lists_the_chain_nearest_first(tmp_path: Path) -> None:
    # SPEC-AMBIGUOUS: "the chain of base ids" does not say the order; read as followed
    # from the rubric through each `extends`: its own base first, the root last.
    rub = transition.load_rubric(_chain_of_three(tmp_path))
    assert chain(rub) == [("b-spinout", "2.0"), ("c-spinout", "1.5"), (BUNDLED, "1.0.0")]


def _stack(tmp_path: Path, depth: int) -> list[Path]:
    """o1 extends the bundled rubric, each o(k) extends o(k-1); o(k) sets version k and
    board_formed's weight k."""
    paths = []
    for k in range(1, depth + 1):
        extends = BUNDLED if k == 1 else f"o{k - 1}.yaml"
        paths.append(
            overlay(
                tmp_path / f"o{k}.yaml",
                extends,
                f'version: "{k}"\nmilestones:\n  - {{id: board_formed, weight: {k}}}\n',
                rubric_id=f"o{k}",
            )
        )
    return paths


def test_a_chain_eight_deep_works(tmp_path: Path) -> None:
    # SPEC-AMBIGUOUS: "up to 8 deep" read as 8 `extends` links, so 8 bases.
    rub = transition.load_rubric(_stack(tmp_path, 8)[-1])
    assert (rub.id, rub.version) == ("o8", "8")
    assert rub.milestones["board_formed"].weight == 8.0
    assert len(chain(rub)) == 8
    assert set(chain(rub)) == {*((f"o{k}", str(k)) for k in range(1, 8)), (BUNDLED, "1.0.0")}


def test_a_chain_nine_deep_is_an_error_at_an_extends(tmp_path: Path) -> None:
    paths = _stack(tmp_path, 9)
    errors = errors_of(paths[-1])
    # Whichever file it is blamed on, it is at that file's `extends:` (line 2).
    assert where(errors) <= {at(path, 2) for path in paths}


def test_a_loop_of_extends_is_an_error(tmp_path: Path) -> None:
    a = overlay(tmp_path / "a.yaml", "b.yaml", rubric_id="a")
    b = overlay(tmp_path / "b.yaml", "a.yaml", rubric_id="b")
    errors = errors_of(a)
    assert where(errors) <= {at(a, 2), at(b, 2)}


def test_a_rubric_that_extends_itself_is_an_error(tmp_path: Path) -> None:
    a = overlay(tmp_path / "a.yaml", "a.yaml", rubric_id="a")
    assert where(errors_of(a)) == {at(a, 2)}


def test_a_rubric_that_extends_nothing_has_no_base(tmp_path: Path) -> None:
    local = transition.load_rubric(write(tmp_path / "base.yaml", LOCAL_BASE))
    assert not cast(Any, BASE).base
    assert not cast(Any, local).base


def test_an_overlay_of_a_bundled_rubric_has_one_base(tmp_path: Path) -> None:
    rub = transition.load_rubric(overlay(tmp_path / "acme.yaml", BUNDLED))
    assert chain(rub) == [(BUNDLED, "1.0.0")]


def test_an_overlay_pickles_and_loads_equal(tmp_path: Path) -> None:
    path = _chain_of_three(tmp_path)
    rub = transition.load_rubric(path)
    assert transition.load_rubric(path) == rub
    copy = pickle.loads(pickle.dumps(rub))
    assert copy == rub
    assert chain(copy) == chain(rub)


# --- scoring ------------------------------------------------------------------------------


def _facts(result: Readiness) -> dict[str, Any]:
    return {
        "score": result.score,
        "band": result.band.id,
        "characteristics": {cid: c.score for cid, c in result.characteristics.items()},
        "statuses": {mid: m.status.value for mid, m in result.milestones.items()},
        "effective": {mid: m.effective_level for mid, m in result.milestones.items()},
        "next_steps": result.next_steps,
        "readiness_path": result.readiness_path,
        "weeks_to_ready": result.weeks_to_ready,
        "critical_satisfied": result.critical_satisfied,
        "coverage": result.coverage,
    }


@pytest.mark.parametrize("example", ["exploring.yaml", "business-case.yaml", "near-go-live.yaml"])
def test_an_overlay_that_changes_nothing_scores_like_its_base(tmp_path: Path, example: str) -> None:
    rub = transition.load_rubric(overlay(tmp_path / "acme.yaml", BUNDLED))
    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    base_result = transition.score(BASE, transition.load_assessment(data, BASE))
    result = transition.score(
        rub, transition.load_assessment({**data, "rubric": "acme-spinout"}, rub)
    )
    assert _facts(result) == _facts(base_result)
    assert result.score > 0


def test_scoring_uses_the_merged_weights(tmp_path: Path) -> None:
    base = transition.load_rubric(write(tmp_path / "base.yaml", LOCAL_BASE))
    rub = transition.load_rubric(
        overlay(
            tmp_path / "acme.yaml",
            "base.yaml",
            """\
            characteristics:
              - {id: money, weight: 2}
            milestones:
              - {id: audit, weight: 2}
            """,
        )
    )
    answers = {"lead": 4, "team": 2, "budget": 4, "audit": 0}

    def run(r: Rubric) -> Readiness:
        return transition.score(
            r, transition.load_assessment({"rubric": r.id, "answers": answers}, r)
        )

    # people (w2): (4/4 + 2/4) / 2 = 0.75; money (w1): (2 * 1 + 1 * 0) / 3 = 2/3
    # overall (2 * 0.75 + 2/3) / 3
    assert run(base).score == pytest.approx((2 * 0.75 + 2 / 3) / 3)
    # merged: money (w2): (2 * 1 + 2 * 0) / 4 = 0.5; overall (2 * 0.75 + 2 * 0.5) / 4 = 0.625
    merged = run(rub)
    assert merged.characteristics["money"].score == 0.5
    assert merged.score == 0.625
    assert merged.band.id == "not_ready"


# --- command line ---------------------------------------------------------------------


def _acme(tmp_path: Path) -> Path:
    return overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        title: ACME's spin-out readiness
        version: "2026.1"
        milestones:
          - {id: board_formed, weight: 3, requires: [named_leader, chair_recruited]}
          - {id: chair_recruited, characteristic: leadership, title: A chair is recruited}
        remove: [leadership_succession]
        """,
    )


def test_cli_validate_accepts_a_good_overlay(tmp_path: Path) -> None:
    path = _acme(tmp_path)
    result = program("validate", str(path))
    assert result.returncode == 0, result.stderr
    # The summary a rubric gets (tests/cli): id, version and the merged counts; an overlay
    # may say more (what it extends), so only the start and the counts are fixed here.
    assert result.stdout.startswith(f"{path}: ok (acme-spinout 2026.1")
    # One milestone added and one removed: as many as the bundled rubric has.
    count = len(transition.load_rubric(BUNDLED).milestones)
    assert f"7 characteristics, {count} milestones" in result.stdout
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == ""


def test_cli_validate_rejects_a_bad_overlay_with_every_error_located(tmp_path: Path) -> None:
    path = overlay(
        tmp_path / "acme.yaml",
        BUNDLED,
        """\
        milestones:
          - {id: board_formed, weight: -2}
          - {id: chair_recruited, characteristic: leadersip, title: Chair}
        """,
    )
    result = program("validate", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = sorted(result.stderr.splitlines())  # the order of the two is not fixed
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:4: milestones[")
    assert "] (board_formed).weight: " in lines[0]
    assert lines[1].startswith(f"{path}:5: milestones[")
    assert "] (chair_recruited).characteristic: " in lines[1]
    assert "'leadersip'" in lines[1]


def test_cli_validate_names_the_base_file_of_a_base_error(tmp_path: Path) -> None:
    base = write(
        tmp_path / "base.yaml", LOCAL_BASE.replace("weight: 2, requires", "weight: -1, requires")
    )
    path = overlay(tmp_path / "acme.yaml", "base.yaml")
    result = program("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{base}:{line_of(base, '{id: budget')}: milestones[")
    assert "(budget).weight: " in lines[0]


def test_cli_report_accepts_an_overlay(tmp_path: Path) -> None:
    path = _acme(tmp_path)
    rub = transition.load_rubric(path)
    data = yaml.safe_load((EXAMPLES / "business-case.yaml").read_text(encoding="utf-8"))
    answers = {mid: level for mid, level in data["answers"].items() if mid in rub.milestones}
    team = write(
        tmp_path / "team.yaml",
        yaml.safe_dump({"rubric": "acme-spinout", "organisation": "Northgate", "answers": answers}),
    )
    expected = transition.score(rub, transition.load_assessment(team, rub))
    result = program("report", str(team), "--rubric", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["rubric"]["id"], document["rubric"]["version"]) == ("acme-spinout", "2026.1")
    assert document["score"] == expected.score
    assert document["band"]["id"] == expected.band.id
    assert list(document["milestones"]) == list(rub.milestones)
    assert "leadership_succession" not in document["milestones"]


def test_cli_template_accepts_an_overlay(tmp_path: Path) -> None:
    path = _acme(tmp_path)
    output = tmp_path / "blank.yaml"
    result = program("template", "--rubric", str(path), "-o", str(output))
    assert result.returncode == 0, result.stderr
    blank = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert blank["rubric"] == "acme-spinout"
    assert blank["rubric_version"] == "2026.1"
    assert list(blank["answers"]) == list(transition.load_rubric(path).milestones)
    assert "chair_recruited" in blank["answers"]
    assert "leadership_succession" not in blank["answers"]


# --- JSON Schema ------------------------------------------------------------------------

SCHEMA = transition.schemas.load("rubric")


def _schema_errors(document: Mapping[str, Any]) -> list[str]:
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
    return [error.message for error in validator.iter_errors(document)]


def test_the_schema_accepts_an_overlay_with_extends_remove_and_x_keys() -> None:
    document = {
        "rubric": "acme-spinout",
        "extends": BUNDLED,
        "title": "ACME's spin-out readiness",
        "version": "2026.1",
        "x-client": "ACME",
        "characteristics": [{"id": "leadership", "weight": 30}],
        "phases": [{"id": "explore", "title": "Discover"}],
        "milestones": [
            {"id": "board_formed", "weight": 3, "requires": ["named_leader", "chair_recruited"]},
            {
                "id": "chair_recruited",
                "characteristic": "leadership",
                "title": "An independent chair is recruited",
                "x-owner": "ops",
            },
        ],
        "remove": ["leadership_succession"],
    }
    assert _schema_errors(document) == []


def test_the_schema_accepts_an_overlay_of_rubric_and_extends_only() -> None:
    assert _schema_errors({"rubric": "acme-spinout", "extends": "../base.yaml"}) == []


def test_the_schema_still_requires_the_section_3_keys_without_extends() -> None:
    assert _schema_errors({"rubric": "acme-spinout", "title": "ACME", "version": "1"}) != []


def test_the_schema_rejects_a_misspelt_overlay_key() -> None:
    messages = _schema_errors({"rubric": "acme-spinout", "extends": BUNDLED, "remvoe": ["x"]})
    assert any("remvoe" in message for message in messages), messages
