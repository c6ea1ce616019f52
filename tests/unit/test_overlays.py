"""Overlays (SPEC 3.2): a rubric that extends another, worked out by hand.

Every case writes small files into a temporary folder and loads them by relative name
from there, so messages read ``base.yaml:20: ...``. The base below is the reference;
its line numbers are the ones the messages name.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs
import jsonschema
import pytest

import transition
import transition.schemas
from tests.cli.runner import run
from transition._yaml import load_document

BASE = """\
rubric: base
title: Base rubric
version: "1.0"
phases:
  - {id: explore, title: Explore}
  - {id: build, title: Build}
characteristics:
  - {id: leadership, title: Leadership, weight: 2}
  - {id: vision, title: Vision}
milestones:
  - id: named_leader
    characteristic: leadership
    title: A named leader
    phase: explore
    critical: true
  - id: vision_written
    characteristic: vision
    title: Vision written
    phase: explore
    requires: [named_leader]
  - id: board_formed
    characteristic: leadership
    title: Board formed
    phase: build
    requires: [vision_written]
  - id: vision_shared
    characteristic: vision
    title: Vision shared
    related: [board_formed]
bands:
  - {id: not_ready, label: Not ready, min: 0}
  - {id: ready, label: Ready, min: 0.8, requires_critical: true}
"""
#: The lines of BASE that the messages below name.
VISION_WRITTEN_REQUIRES = 20
VISION_SHARED_RELATED = 29


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding base.yaml, and the current directory."""
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return name


def problems(source: str | dict[str, object]) -> list[str]:
    with pytest.raises(transition.RubricError) as caught:
        transition.load_rubric(source)
    return [str(error) for error in caught.value.errors]


# -- patches, additions, replaced keys -------------------------------------------------


def test_a_patch_replaces_only_the_fields_it_gives(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - id: board_formed
            weight: 3
            requires: [named_leader, vision_written]
        """,
    )
    rubric = transition.load_rubric("overlay.yaml")
    board = rubric.milestones["board_formed"]
    assert board.weight == 3.0
    assert [p.milestone for p in board.requires] == ["named_leader", "vision_written"]
    assert (board.title, board.phase, board.characteristic) == (
        "Board formed",
        "build",
        "leadership",
    )
    assert list(rubric.milestones) == [
        "named_leader",
        "vision_written",
        "board_formed",
        "vision_shared",
    ]
    assert rubric.graph.has_edge("named_leader", "board_formed")


def test_patches_of_characteristics_and_phases(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        characteristics:
          - {id: vision, weight: 4}
        phases:
          - {id: build, title: Build it}
        """,
    )
    rubric = transition.load_rubric("overlay.yaml")
    assert [(c.id, c.title, c.weight) for c in rubric.characteristics] == [
        ("leadership", "Leadership", 2.0),
        ("vision", "Vision", 4.0),
    ]
    assert [(p.id, p.title) for p in rubric.phases] == [
        ("explore", "Explore"),
        ("build", "Build it"),
    ]


def test_new_milestones_go_after_the_last_one_of_their_characteristic(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        characteristics:
          - {id: money, title: Money}
        milestones:
          - {id: funds_found, characteristic: money, title: Funds found}
          - {id: chair_recruited, characteristic: leadership, title: A chair}
          - {id: vision_published, characteristic: vision, title: Published}
          - {id: staff_council, characteristic: leadership, title: A staff council}
        """,
    )
    rubric = transition.load_rubric("overlay.yaml")
    # leadership's last base milestone is board_formed (index 2): the two new leadership
    # milestones follow it in the overlay's order; vision's last is vision_shared (3);
    # money has no milestone in the base, so funds_found goes at the end.
    assert list(rubric.milestones) == [
        "named_leader",
        "vision_written",
        "board_formed",
        "chair_recruited",
        "staff_council",
        "vision_shared",
        "vision_published",
        "funds_found",
    ]
    assert [c.id for c in rubric.characteristics] == ["leadership", "vision", "money"]


def test_new_phases_and_areas_go_at_the_end(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        phases:
          - {id: sustain, title: Sustain}
        areas:
          - {id: people, title: People, characteristic: leadership}
        milestones:
          - {id: named_leader, area: people}
          - {id: review_held, characteristic: vision, title: A review, phase: sustain}
        """,
    )
    rubric = transition.load_rubric("overlay.yaml")
    assert [p.id for p in rubric.phases] == ["explore", "build", "sustain"]
    assert [a.id for a in rubric.areas] == ["people"]
    assert rubric.milestones["named_leader"].area == "people"
    assert list(rubric.milestones)[-1] == "review_held"


def test_other_keys_replace_the_bases_and_the_rest_is_inherited(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        title: ACME
        version: "2026.1"
        description: ACME's own
        met_level: 2
        gating: strict
        x-owner: ACME
        bands:
          - {id: all, label: All, min: 0}
        """,
    )
    rubric = transition.load_rubric("overlay.yaml")
    assert (rubric.id, rubric.title, rubric.version, rubric.description) == (
        "acme",
        "ACME",
        "2026.1",
        "ACME's own",
    )
    assert (rubric.met_level, rubric.gating.value) == (2, "strict")
    assert [b.id for b in rubric.bands] == ["all"]
    assert rubric.extra == {"x-owner": "ACME"}
    assert rubric.top == 4  # the scale: the base's (the default)
    # a requirement written without a level is at the merged met_level
    assert rubric.milestones["vision_written"].requires[0].level == 2


def test_a_new_milestone_needs_everything_a_milestone_needs(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - id: chair_recruited
            characteristic: leadership
        """,
    )
    assert problems("overlay.yaml") == [
        "overlay.yaml:4: milestones[0] (chair_recruited): missing required key 'title'"
    ]


def test_an_overlay_must_give_its_own_id(folder: Path) -> None:
    write(folder, "overlay.yaml", "extends: base.yaml\ntitle: ACME\n")
    assert problems("overlay.yaml") == ["overlay.yaml:1: missing required key 'rubric'"]


# -- remove ----------------------------------------------------------------------------


def test_remove_drops_milestones(folder: Path) -> None:
    write(folder, "overlay.yaml", "rubric: acme\nextends: base.yaml\nremove: [vision_shared]\n")
    rubric = transition.load_rubric("overlay.yaml")
    assert list(rubric.milestones) == ["named_leader", "vision_written", "board_formed"]


def test_removing_a_milestone_that_is_still_required_is_an_error_at_the_entry(
    folder: Path,
) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        remove:
          - vision_shared
          - named_leader
        """,
    )
    assert problems("overlay.yaml") == [
        "overlay.yaml:5: remove[1]: cannot remove 'named_leader': still required by "
        "'vision_written'; patch their requires in this overlay to drop it, or keep the "
        "milestone"
    ]


def test_removing_a_required_milestone_is_fine_when_the_overlay_patches_requires(
    folder: Path,
) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - {id: vision_written, requires: []}
        remove: [named_leader]
        """,
    )
    rubric = transition.load_rubric("overlay.yaml")
    assert list(rubric.milestones) == ["vision_written", "board_formed", "vision_shared"]
    assert rubric.milestones["vision_written"].requires == ()


def test_a_patched_requires_that_still_names_a_removed_milestone(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - id: vision_written
            requires: [named_leader]
        remove: [named_leader]
        """,
    )
    assert problems("overlay.yaml") == [
        "overlay.yaml:5: milestones[0] (vision_written).requires[0]: milestone "
        "'named_leader' is removed by this overlay (remove[0]); drop it from requires"
    ]


def test_removing_a_milestone_another_names_in_related(folder: Path) -> None:
    write(folder, "overlay.yaml", "rubric: acme\nextends: base.yaml\nremove: [board_formed]\n")
    assert problems("overlay.yaml") == [
        "overlay.yaml:3: remove[0]: cannot remove 'board_formed': still named in related "
        "by 'vision_shared'; patch their related in this overlay to drop it, or keep the "
        "milestone"
    ]
    write(
        folder,
        "patched.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - {id: vision_shared, related: []}
        remove: [board_formed]
        """,
    )
    assert transition.load_rubric("patched.yaml").milestones["vision_shared"].related == ()


def test_remove_names_base_milestones_once(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - {id: vision_shared, title: Shared}
        remove: [vision_sharred, vision_shared, vision_shared]
        """,
    )
    assert problems("overlay.yaml") == [
        "overlay.yaml:4: milestones[0] (vision_shared).id: milestone 'vision_shared' is "
        "removed (remove[1]) and patched here; remove it or patch it, not both",
        "overlay.yaml:5: remove[0]: the base rubric has no milestone 'vision_sharred' to "
        "remove (did you mean 'vision_shared'?)",
        "overlay.yaml:5: remove[2]: milestone 'vision_shared' is listed twice (first at remove[1])",
    ]


def test_remove_without_extends_is_an_error(folder: Path) -> None:
    text = BASE + "remove: [vision_shared]\n"
    write(folder, "plain.yaml", text)
    assert problems("plain.yaml") == [
        "plain.yaml:33: remove: only an overlay removes milestones: add 'extends' with the "
        "rubric this one changes, or leave remove out"
    ]


def test_new_milestones_follow_what_is_left_after_removals(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - {id: vision_published, characteristic: vision, title: Published}
        remove: [vision_shared]
        """,
    )
    rubric = transition.load_rubric("overlay.yaml")
    # vision's last milestone once vision_shared is gone is vision_written (index 1)
    assert list(rubric.milestones) == [
        "named_leader",
        "vision_written",
        "vision_published",
        "board_formed",
    ]


# -- where errors are located ----------------------------------------------------------


def test_each_error_names_the_file_and_line_its_value_came_from(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - id: named_leader
            phase: build
          - id: chair_recruited
            characteristic: leadership
            title: A chair
            requires: [bord_formed]
            weight: -1
        """,
    )
    # The patch moves named_leader to 'build'; vision_written (explore) requires it in
    # the base's file, so the phase-order error is at the base's line 20. The new
    # milestone's mistakes are the overlay's. Everything comes at once: the overlay's
    # file first, then the base's.
    assert problems("overlay.yaml") == [
        "overlay.yaml:9: milestones[1] (chair_recruited).requires[0]: unknown milestone "
        "'bord_formed' (did you mean 'board_formed'?)",
        "overlay.yaml:10: milestones[1] (chair_recruited).weight: must be > 0 (got -1)",
        f"base.yaml:{VISION_WRITTEN_REQUIRES}: milestones[1] (vision_written).requires[0]: "
        "prerequisite 'named_leader' is in phase 'build', later than this milestone's phase "
        "'explore'; move one of them or drop the requirement",
    ]


def test_a_patched_field_is_located_in_the_overlay(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - id: vision_shared
            related: [vision_shared]
        """,
    )
    assert problems("overlay.yaml") == [
        "overlay.yaml:5: milestones[0] (vision_shared).related[0]: milestone 'vision_shared' "
        "cannot be related to itself"
    ]


def test_an_inherited_list_stays_the_bases_and_a_patched_one_is_the_overlays(
    folder: Path,
) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - id: vision_shared
            title: Vision shared widely
        remove: []
        characteristics:
          - {id: vision, title: Vision}
        phases: []
        """,
    )
    assert transition.load_rubric("overlay.yaml").milestones["vision_shared"].related == (
        "board_formed",
    )
    # a related list the overlay gives replaces the base's, and its mistakes are located
    # in the overlay
    write(
        folder,
        "bad.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - {id: vision_shared, related: [board_formed, board_formed]}
        """,
    )
    assert problems("bad.yaml") == [
        "bad.yaml:4: milestones[0] (vision_shared).related[1]: related milestone "
        "'board_formed' is listed twice"
    ]


def test_a_characteristic_left_empty_by_remove_is_reported_at_the_base(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - {id: board_formed, requires: []}
        remove: [vision_written, vision_shared]
        """,
    )
    assert problems("overlay.yaml") == [
        "base.yaml:9: characteristics[1] (vision): no milestone belongs to characteristic "
        "'vision'; add one or remove the characteristic"
    ]


def test_a_duplicate_id_in_an_overlay_list(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: base.yaml
        milestones:
          - {id: chair_recruited, characteristic: leadership, title: A chair}
          - {id: chair_recruited, characteristic: leadership, title: A chair again}
        """,
    )
    assert problems("overlay.yaml") == [
        "overlay.yaml:5: milestones[1] (chair_recruited).id: duplicate milestone id "
        "'chair_recruited' (first at index 0, line 4)"
    ]


def test_an_overlay_list_that_is_not_a_list(folder: Path) -> None:
    write(folder, "overlay.yaml", "rubric: acme\nextends: base.yaml\nmilestones: 5\n")
    assert problems("overlay.yaml") == [
        "overlay.yaml:3: milestones: expected a list of milestones, got a number (5)"
    ]


# -- extends: bases, chains, loops -----------------------------------------------------


def test_a_base_with_problems_is_reported_in_its_own_file(folder: Path) -> None:
    write(folder, "broken.yaml", BASE.replace("title: Vision shared", "title: [Vision]"))
    write(folder, "overlay.yaml", "rubric: acme\nextends: broken.yaml\ntitle: ACME\n")
    assert problems("overlay.yaml") == [
        "broken.yaml:28: milestones[3] (vision_shared).title: expected text, got a list"
    ]
    write(folder, "unreadable.yaml", "rubric: [base\n")
    write(folder, "overlay2.yaml", "rubric: acme\nextends: unreadable.yaml\n")
    assert problems("overlay2.yaml") == [
        "unreadable.yaml:2: invalid YAML: did not find expected ',' or ']' (while parsing a "
        "flow sequence that starts on line 1)"
    ]


def test_extends_names_a_bundled_rubric_or_a_file_that_exists(folder: Path) -> None:
    write(folder, "a.yaml", "rubric: acme\nextends: public-service-spinot\n")
    write(folder, "b.yaml", "rubric: acme\nextends: missing/base.yaml\n")
    write(folder, "c.yaml", "rubric: acme\nextends: 3\n")
    write(folder, "d.yaml", "rubric: acme\nextends: ''\n")
    assert problems("a.yaml") == [
        "a.yaml:2: extends: no bundled rubric 'public-service-spinot' and no such file "
        "(did you mean 'public-service-spinout'?)"
    ]
    assert problems("b.yaml") == [
        "b.yaml:2: extends: cannot read the base rubric 'missing/base.yaml': no such file "
        "(a relative path starts at the folder of this file)"
    ]
    assert problems("c.yaml") == [
        "c.yaml:2: extends: expected text, got a number (3); put it in quotes if you mean "
        "it as text"
    ]
    assert problems("d.yaml") == [
        "d.yaml:2: extends: expected the id of a bundled rubric or the path of a rubric file"
    ]


def test_a_relative_path_starts_at_the_overlays_folder(folder: Path) -> None:
    write(folder, "team/overlay.yaml", "rubric: acme\nextends: ../base.yaml\n")
    rubric = transition.load_rubric(folder / "team" / "overlay.yaml")
    assert rubric.base == (("base", "1.0"),)
    write(folder, "team/bad.yaml", "rubric: acme\nextends: ../base.yaml\ntitle: [x]\n")
    assert problems("team/bad.yaml") == ["team/bad.yaml:3: title: expected text, got a list"]


def test_a_mapping_resolves_a_relative_path_against_the_current_directory(
    folder: Path,
) -> None:
    rubric = transition.load_rubric({"rubric": "acme", "extends": "base.yaml"})
    assert (rubric.id, rubric.title, rubric.base) == ("acme", "Base rubric", (("base", "1.0"),))
    assert problems({"rubric": "acme", "extends": "nope.yaml"}) == [
        "extends: cannot read the base rubric 'nope.yaml': no such file (a relative path "
        "starts at the current directory)"
    ]


def test_a_chain_of_overlays_applies_each_in_turn(folder: Path) -> None:
    write(
        folder,
        "b.yaml",
        """\
        rubric: middle
        version: "2"
        extends: base.yaml
        milestones:
          - {id: board_formed, weight: 3}
          - {id: chair_recruited, characteristic: leadership, title: A chair}
        """,
    )
    write(
        folder,
        "c.yaml",
        """\
        rubric: top
        extends: b.yaml
        milestones:
          - {id: chair_recruited, weight: 2}
          - {id: board_formed, title: The board}
          - {id: chair_recruited_bad, characteristic: leadership, title: x, weight: 0}
        """,
    )
    write(folder, "c-good.yaml", "rubric: top\nextends: b.yaml\nremove: [chair_recruited]\n")
    rubric = transition.load_rubric("c-good.yaml")
    assert rubric.base == (("middle", "2"), ("base", "1.0"))
    assert rubric.version == "2"
    assert rubric.milestones["board_formed"].weight == 3.0
    assert "chair_recruited" not in rubric.milestones
    assert problems("c.yaml") == [
        "c.yaml:6: milestones[2] (chair_recruited_bad).weight: must be > 0 (got 0)"
    ]


def test_a_loop_of_extends_is_an_error_naming_the_chain(folder: Path) -> None:
    write(folder, "a.yaml", "rubric: a\nextends: b.yaml\n")
    write(folder, "b.yaml", "rubric: b\ntitle: B\nextends: ./a.yaml\n")
    assert problems("a.yaml") == [
        "b.yaml:3: extends: extends makes a loop: a.yaml -> b.yaml -> a.yaml; a rubric "
        "cannot extend itself, even through other rubrics"
    ]
    write(folder, "self.yaml", "rubric: a\nextends: self.yaml\n")
    assert problems("self.yaml") == [
        "self.yaml:2: extends: extends makes a loop: self.yaml -> self.yaml; a rubric "
        "cannot extend itself, even through other rubrics"
    ]


def _chain(folder: Path, links: int) -> None:
    """o1.yaml extends o2.yaml ... which extends base.yaml, ``links`` extends in all."""
    for number in range(1, links + 1):
        target = "base.yaml" if number == links else f"o{number + 1}.yaml"
        write(folder, f"o{number}.yaml", f"rubric: o{number}\nextends: {target}\n")


def test_extends_chains_up_to_8_deep(folder: Path) -> None:
    _chain(folder, 8)
    rubric = transition.load_rubric("o1.yaml")
    assert rubric.base == (*((f"o{n}", "1.0") for n in range(2, 9)), ("base", "1.0"))
    assert len(rubric.base) == 8


def test_a_chain_deeper_than_8_is_an_error(folder: Path) -> None:
    _chain(folder, 9)
    chain = " -> ".join([*(f"o{n}.yaml" for n in range(1, 10)), "base.yaml"])
    assert problems("o1.yaml") == [
        f"o9.yaml:2: extends: extends goes more than 8 rubrics deep: {chain}; merge some "
        "of these rubrics into one"
    ]
    assert transition.load_rubric("o2.yaml").id == "o2"  # the same files, 8 deep


# -- Rubric.base, equality, pickling ---------------------------------------------------


def test_rubric_base_is_empty_for_a_rubric_that_extends_nothing() -> None:
    assert transition.load_rubric().base == ()


def test_an_overlay_of_the_bundled_rubric(folder: Path) -> None:
    write(folder, "overlay.yaml", "rubric: acme\nextends: public-service-spinout\n")
    rubric = transition.load_rubric("overlay.yaml")
    bundled = transition.load_rubric()
    assert rubric.base == (("public-service-spinout", "1.0.0"),)
    assert attrs.evolve(rubric, id=bundled.id, base=()) == bundled


def test_overlays_are_equal_for_equal_inputs_and_pickle(folder: Path) -> None:
    write(folder, "overlay.yaml", "rubric: acme\nextends: base.yaml\nremove: [vision_shared]\n")
    first = transition.load_rubric("overlay.yaml")
    second = transition.load_rubric(
        {"rubric": "acme", "extends": "base.yaml", "remove": ["vision_shared"]}
    )
    assert first == second
    assert hash(first) == hash(second)
    copy = pickle.loads(pickle.dumps(first))
    assert copy == first
    assert copy.base == (("base", "1.0"),)
    assert list(copy.graph.edges) == list(first.graph.edges)
    # a rubric of the same data that extends nothing is another rubric
    assert attrs.evolve(first, base=()) != first


def test_loading_an_overlay_leaves_the_bundled_rubric_alone() -> None:
    before = transition.load_rubric()
    transition.load_rubric(
        {
            "rubric": "acme",
            "extends": "public-service-spinout",
            "title": "ACME",
            "milestones": [{"id": "board_formed", "weight": 5}],
            "remove": ["leadership_succession"],
        }
    )
    after = transition.load_rubric()
    assert after is before
    assert after.milestones["board_formed"].weight == 3.0
    assert "leadership_succession" in after.milestones


# -- the example, the schema and the command line --------------------------------------

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "overlay" / "acme-spinout.yaml"


def test_the_example_overlay() -> None:
    rubric = transition.load_rubric(EXAMPLE)
    ids = list(rubric.milestones)
    assert rubric.base == (("public-service-spinout", "1.0.0"),)
    assert (rubric.id, rubric.version) == ("acme-spinout", "2026.1")
    assert len(ids) == len(transition.load_rubric().milestones) + 2 - 1
    assert ids[ids.index("chair_recruited") - 1] == "leaders_appointed"
    assert ids[ids.index("staff_council") - 1] == "support_remeasured"
    assert rubric.milestones["board_formed"].weight == 5.0
    assert rubric.graph.has_edge("chair_recruited", "board_formed")
    assert "leadership_succession" not in rubric.milestones


def test_an_overlay_validates_against_the_schema() -> None:
    validator = jsonschema.Draft7Validator(transition.schemas.load("rubric"))
    data = load_document(EXAMPLE).data
    assert [e.message for e in validator.iter_errors(data)] == []
    # without extends, the same document is no whole rubric
    del data["extends"]
    messages = sorted(e.message for e in validator.iter_errors(data))
    assert "'bands' is a required property" in messages
    assert "'characteristics' is a required property" in messages
    assert any("should not be valid under" in m or "is not allowed for" in m for m in messages)


def test_transition_validate_takes_an_overlay(folder: Path) -> None:
    ran = run("validate", str(EXAMPLE))
    assert (ran.returncode, ran.stdout) == (
        0,
        f"{EXAMPLE}: ok (acme-spinout 2026.1: 7 characteristics, 53 milestones)\n",
    )
    write(folder, "overlay.yaml", "rubric: acme\nextends: base.yaml\nremove: [named_leader]\n")
    ran = run("validate", "overlay.yaml")
    assert ran.returncode == 1
    assert ran.stderr == (
        "overlay.yaml:3: remove[0]: cannot remove 'named_leader': still required by "
        "'vision_written'; patch their requires in this overlay to drop it, or keep the "
        "milestone\n"
    )


def test_commands_that_take_rubric_take_an_overlay(folder: Path) -> None:
    write(
        folder,
        "team.yaml",
        """\
        rubric: acme
        organisation: ACME
        assessed_on: 2026-11-02
        answers:
          named_leader: 3
          vision_written: 2
        """,
    )
    write(folder, "overlay.yaml", "rubric: acme\nextends: base.yaml\ntitle: ACME\n")
    validated = run("validate", "--rubric", "overlay.yaml", "team.yaml")
    assert (validated.returncode, validated.stdout) == (
        0,
        "team.yaml: ok (assessment for acme: 2 answers)\n",
    )
    graph = run("graph", "--rubric", "overlay.yaml", "--format", "mermaid")
    assert graph.returncode == 0
    assert "named_leader --> vision_written" in graph.stdout.replace('"', "")
    report = run("report", "--rubric", "overlay.yaml", "team.yaml", "--format", "json")
    assert report.returncode == 0, report.stderr
    assert '"rubric": "acme"' in report.stdout or '"id": "acme"' in report.stdout


def test_template_and_plan_take_an_overlay(folder: Path) -> None:
    write(folder, "overlay.yaml", "rubric: acme\nextends: base.yaml\nremove: [vision_shared]\n")
    template = run("template", "--rubric", "overlay.yaml")
    assert template.returncode == 0, template.stderr
    assert "rubric: acme" in template.stdout
    assert "vision_shared" not in template.stdout
    assert "board_formed" in template.stdout
    write(folder, "team.yaml", "rubric: acme\nanswers: {named_leader: 3}\n")
    plan = run("plan", "team.yaml", "--rubric", "overlay.yaml", "--format", "json")
    assert plan.returncode == 0, plan.stderr
    assert '"vision_shared"' not in plan.stdout


def test_the_real_program_validates_an_overlay(folder: Path) -> None:
    # As people run it: a subprocess, the overlay's base found beside it.
    write(folder, "team/overlay.yaml", "rubric: acme\nextends: ../base.yaml\ntitle: [x]\n")
    completed = subprocess.run(
        [sys.executable, "-m", "transition", "validate", "team/overlay.yaml", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stdout == (
        f"{EXAMPLE}: ok (acme-spinout 2026.1: 7 characteristics, 53 milestones)\n"
    )
    assert completed.stderr == "team/overlay.yaml:3: title: expected text, got a list\n"


def test_when_the_base_fails_the_overlays_own_mistakes_come_too(folder: Path) -> None:
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: nope.yaml
        tittle: ACME
        milestones:
          - {id: board_formed, weight: heavy}
        """,
    )
    assert problems("overlay.yaml") == [
        "overlay.yaml:2: extends: cannot read the base rubric 'nope.yaml': no such file (a "
        "relative path starts at the folder of this file)",
        "overlay.yaml:3: tittle: unknown key 'tittle' (did you mean 'title'?)",
        "overlay.yaml:5: milestones[0] (board_formed).weight: expected a number, got text 'heavy'",
    ]
    # a base whose milestones cannot be merged (an id twice) is checked on its own; the
    # overlay's own mistakes come first (gating is checked only on a merged rubric)
    write(folder, "twice.yaml", BASE.replace("id: vision_shared", "id: vision_written"))
    write(folder, "over.yaml", "rubric: acme\nextends: twice.yaml\ngating: capp\nx: 1\n")
    assert problems("over.yaml") == [
        "over.yaml:4: x: unknown key 'x' (known keys: rubric, title, version, description, "
        "scale, met_level, gating, allow_na, phases, characteristics, areas, milestones, "
        "bands, references, extends, remove; extension keys start with 'x-')",
        "twice.yaml:26: milestones[3] (vision_written).id: duplicate milestone id "
        "'vision_written' (first at index 1, line 16)",
    ]
    # a base that can be merged is checked as part of the merged rubric: everything at once
    write(folder, "broken.yaml", BASE.replace("title: Vision shared", "title: [Vision]"))
    write(folder, "over2.yaml", "rubric: acme\nextends: broken.yaml\ngating: capp\nx: 1\n")
    assert problems("over2.yaml") == [
        "over2.yaml:3: gating: must be one of cap, strict, off (got 'capp') (did you mean 'cap'?)",
        "over2.yaml:4: x: unknown key 'x' (known keys: rubric, title, version, description, "
        "scale, met_level, gating, allow_na, phases, characteristics, areas, milestones, "
        "bands, references, extends, remove; extension keys start with 'x-')",
        "broken.yaml:28: milestones[3] (vision_shared).title: expected text, got a list",
    ]


def test_a_mistake_of_the_base_that_the_overlay_replaces_is_gone(folder: Path) -> None:
    # All rules run on the merged rubric (SPEC 3.2): a base value the overlay replaces
    # is never checked.
    write(folder, "broken.yaml", BASE.replace("title: Vision shared", "title: [Vision]"))
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: broken.yaml
        milestones:
          - {id: vision_shared, title: Vision shared}
        """,
    )
    assert transition.load_rubric("overlay.yaml").milestones["vision_shared"].title == (
        "Vision shared"
    )


def test_a_base_without_a_required_key_is_checked_on_its_own(folder: Path) -> None:
    write(folder, "nobands.yaml", BASE.split("bands:")[0])
    write(
        folder,
        "overlay.yaml",
        """\
        rubric: acme
        extends: nobands.yaml
        bands:
          - {id: all, label: All, min: 0}
        """,
    )
    assert problems("overlay.yaml") == ["nobands.yaml:1: missing required key 'bands'"]
