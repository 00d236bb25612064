"""Achievement files: TOML/JSON/YAML loading, the starter, and clear errors."""

from __future__ import annotations

import json
import tomllib
from typing import TYPE_CHECKING, Any

import pytest

from badgekit.credential import Achievement, starter_file
from badgekit.credential.achievement import Alignment, ImageRef
from badgekit.errors import AchievementError, FileAccessError

if TYPE_CHECKING:
    from pathlib import Path

MINIMAL: dict[str, Any] = {
    "name": "Knots",
    "description": "Ties six sailing knots.",
    "criteria": {"narrative": "Demonstrate six knots."},
    "issuer": {"name": "Sea Scouts"},
}


def test_starter_loads_with_every_field(starter: Achievement) -> None:
    assert starter.name == "Python Basics"
    assert starter.issuer.id is None  # taken from the key at issue time
    assert starter.issuer.name == "Example School"
    assert starter.achievement_type == "Badge"
    assert starter.valid_for is not None
    assert starter.valid_for.duration is not None
    assert starter.valid_for.duration.iso() == "P2Y"
    assert starter.image == ImageRef(caption=starter.image.caption if starter.image else None)
    assert starter.alignment[0].target_code == "CS-1.2"
    assert "Submit" in (starter.criteria.narrative or "")


def test_starter_is_commented() -> None:
    lines = starter_file().splitlines()
    assert sum(line.startswith("#") for line in lines) > 20
    assert "did:key" in starter_file()


@pytest.mark.parametrize("suffix", [".toml", ".json", ".yaml", ".yml"])
def test_load_each_format(tmp_path: Path, suffix: str) -> None:
    import yaml

    data = {**MINIMAL, "tags": ["sea"], "valid_for": "18 months"}
    text = {
        ".toml": 'name = "Knots"\ndescription = "Ties six sailing knots."\ntags = ["sea"]\n'
        'valid_for = "18 months"\n[criteria]\nnarrative = "Demonstrate six knots."\n'
        '[issuer]\nname = "Sea Scouts"\n',
        ".json": json.dumps(data),
        ".yaml": yaml.safe_dump(data),
        ".yml": yaml.safe_dump(data),
    }[suffix]
    path = tmp_path / f"knots{suffix}"
    path.write_text(text, encoding="utf-8")
    a = Achievement.load(path)
    assert a.name == "Knots"
    assert a.tags == ("sea",)
    assert a.valid_for is not None
    assert a.valid_for.text == "18 months"
    assert a.source == path


def test_relative_paths_resolve_against_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "b.toml"
    path.parent.mkdir()
    path.write_text(
        'name = "B"\nimage = "art/b.png"\ndesign = "b.design.toml"\n'
        '[issuer]\nname = "I"\nimage = { url = "https://i.example/logo.png", alt = "logo" }\n',
        encoding="utf-8",
    )
    a = Achievement.load(path)
    assert a.image == ImageRef(path=path.parent / "art" / "b.png")
    assert a.design == path.parent / "b.design.toml"
    assert a.issuer.image == ImageRef(url="https://i.example/logo.png", caption="logo")


def test_camel_case_aliases_and_inline_design() -> None:
    a = Achievement.from_dict(
        {
            **MINIMAL,
            "achievementType": "ext:Workshop",
            "tag": "one",
            "alignment": {"targetName": "T", "targetUrl": "https://t.example", "targetCode": "C"},
            "design": {"template": "shield", "colour": "#123456"},
        }
    )
    assert a.achievement_type == "ext:Workshop"
    assert a.tags == ("one",)
    assert a.alignment == (Alignment("T", "https://t.example", target_code="C"),)
    assert a.design == {"template": "shield", "colour": "#123456"}


def test_criteria_shorthand_is_a_narrative() -> None:
    a = Achievement.from_dict({**MINIMAL, "criteria": "  Submit an essay.  "})
    assert a.criteria.narrative == "Submit an essay."
    assert a.criteria.url is None


@pytest.mark.parametrize(
    ("suffix", "text", "expected"),
    [
        (".toml", 'name = "X"\n[issuer\n', "not valid TOML"),
        (".toml", 'name = "X"\nname = "Y"\n', "not valid TOML"),
        (".json", '{"name": "X",\n "tags": [}', "not valid JSON: Expecting value (at line 2"),
        (".yaml", "name: [X\n", "not valid YAML"),
        (".yml", "- just\n- a list\n", "expected a table of fields at the top level, got a list"),
        (".txt", "name = 'X'", "unknown achievement file type '.txt'"),
    ],
)
def test_malformed_files(tmp_path: Path, suffix: str, text: str, expected: str) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AchievementError) as info:
        Achievement.load(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Café"'.encode("latin-1"))
    with pytest.raises(AchievementError, match="not UTF-8"):
        Achievement.load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="no such file"):
        Achievement.load(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"descripton": "x"}, "unknown field 'descripton' (did you mean 'description'?); valid"),
        ({"name": 3}, "field 'name': expected text, got a number"),
        ({"name": "  "}, "field 'name': is empty"),
        ({"tags": [1]}, "field 'tags[0]': expected text, got a number"),
        ({"tags": {"a": 1}}, "field 'tags': expected a list of texts, got a table"),
        ({"criteria": ["x"]}, "field 'criteria': expected a table, got a list"),
        ({"criteria": {"narative": "x"}}, "unknown field 'criteria.narative' (did you mean"),
        ({"criteria": {"url": "example.org/c"}}, "field 'criteria.url': 'example.org/c' is not"),
        ({"issuer": {"email": "nope"}}, "field 'issuer.email': 'nope' is not an email"),
        ({"issuer": {"id": "not a uri"}}, "field 'issuer.id': 'not a uri' is not an absolute"),
        ({"issuer": "Sea Scouts"}, "field 'issuer': expected a table, got text"),
        ({"achievement_type": "badge"}, "unknown type 'badge' (did you mean 'Badge'?)"),
        ({"achievement_type": "Badge", "achievementType": "Badge"}, "given twice"),
        ({"valid_for": 2}, "field 'valid_for': expected text"),
        ({"valid_for": "two years"}, "field 'valid_for': 'two years' is not a duration"),
        ({"alignment": [{"target_name": "T"}]}, "field 'alignment[0].target_url': is required"),
        ({"alignment": ["T"]}, "field 'alignment[0]': expected a table, got text"),
        (
            {"alignment": [{"target_name": "T", "target_url": "https://t.example", "x": 1}]},
            "unknown field 'alignment[0].x'",
        ),
        ({"image": {"url": "https://a.example/i.png", "path": "i.png"}}, "not both"),
        ({"image": {"url": "ftp://a.example/i.png"}}, "is not a web address"),
        ({"image": "ftp://a.example/i.png"}, "is not a web address (http/https) or a file path"),
        ({"image": 5}, "field 'image': expected a table, got a number"),
        ({"design": 5}, "field 'design': expected a file path or a table"),
        ({"id": "badge-1"}, "field 'id': 'badge-1' is not an absolute URI"),
    ],
)
def test_field_errors_name_file_field_and_problem(change: dict[str, Any], expected: str) -> None:
    with pytest.raises(AchievementError) as info:
        Achievement.from_dict({**MINIMAL, **change}, source="knots.toml")
    assert str(info.value).startswith("knots.toml: ")
    assert expected in str(info.value)


def test_unknown_key_lists_valid_keys() -> None:
    with pytest.raises(AchievementError) as info:
        Achievement.from_dict({**MINIMAL, "colour": "red"}, source="k.toml")
    assert "did you mean" not in str(info.value)
    for key in ("name", "description", "criteria", "valid_for", "issuer"):
        assert key in str(info.value)


def test_stable_generated_id() -> None:
    a = Achievement.from_dict(MINIMAL)
    first = a.resolved_id("did:key:z6MkA")
    assert first.startswith("urn:uuid:")
    assert a.resolved_id("did:key:z6MkA") == first
    assert a.resolved_id("did:key:z6MkB") != first
    named = Achievement.from_dict({**MINIMAL, "id": "https://x.example/b/1"})
    assert named.resolved_id("did:key:z6MkA") == "https://x.example/b/1"


def test_starter_round_trips_through_toml(starter: Achievement) -> None:
    assert Achievement.from_dict(tomllib.loads(starter_file()), source="starter.toml") == starter
