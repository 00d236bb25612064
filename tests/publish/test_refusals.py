"""Bad input to ``publish_site``: one-line typed errors, and nothing half-written."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from publish_support import BASE, KEY, NOW, publish, site_files, write_achievement

import badgekit
from badgekit.errors import CredentialError, FileAccessError, PublishError

if TYPE_CHECKING:
    import os
    from pathlib import Path


def _one_line(error: pytest.ExceptionInfo[BaseException]) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    "base",
    ["http://example.org/badges", "example.org", "https://", "https://example.org/?x=1", "ftp://x"],
)
def test_a_base_url_that_is_not_https_is_refused(tmp_path: Path, base: str) -> None:
    with pytest.raises(PublishError) as e:
        publish(tmp_path, write_achievement(tmp_path), base_url=base)
    assert "https://" in _one_line(e)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://pd:s3cret@example.org/badges", r"must not hold a user name or password"),
        ("https://example.org:99999/badges", r"no valid port \(1 to 65535\)"),
        ("https://example.org:0/badges", r"no valid port"),
        ("https://example.org//badges", r"empty, \. or \.\. segment"),
        ("https://example.org/a/../badges", r"empty, \. or \.\. segment"),
        ("https://example.org/%2e%2E/badges", r"empty, \. or \.\. segment"),
    ],
)
def test_a_base_url_no_badge_should_name_is_refused(
    tmp_path: Path, base: str, expected: str
) -> None:
    # With an [issuer] id no did:web is derived, so these went into every page and badge: the
    # password in the ids, a port that was an internal error, a path served elsewhere.
    achievement = write_achievement(tmp_path, issuer_id="https://example.org/issuer")
    with pytest.raises(PublishError, match=expected) as e:
        publish(tmp_path, achievement, base_url=base)
    assert "s3cret" not in _one_line(e)
    assert not (tmp_path / "site").exists()
    with pytest.raises(CredentialError, match=expected):
        badgekit.build_credential(
            badgekit.Achievement.load(achievement), "ada@example.org", now=NOW, base_url=base
        )


def test_an_ip_address_has_no_did_web(tmp_path: Path) -> None:
    with pytest.raises(CredentialError, match="did:web does not allow IP addresses"):
        publish(tmp_path, write_achievement(tmp_path), base_url="https://127.0.0.1/badges")
    assert not (tmp_path / "site").exists()


def test_two_achievements_on_one_url_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    first = write_achievement(tmp_path, "Python Basics")
    second = write_achievement(tmp_path, "Python: Basics!", file="other.toml")
    with pytest.raises(PublishError) as e:
        publish(tmp_path, first, second)
    message = _one_line(e)
    assert "python-basics.toml" in message
    assert "other.toml" in message
    assert f"{BASE}/achievements/python-basics.html" in message
    assert not (tmp_path / "site").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_achievements_of_two_issuers_are_refused(tmp_path: Path) -> None:
    a = write_achievement(tmp_path, "Python Basics")
    b = write_achievement(tmp_path, "Data", issuer_id="https://other.example/issuer")
    with pytest.raises(PublishError, match="different issuers"):
        publish(tmp_path, a, b)
    c = write_achievement(tmp_path, "Chess", issuer="Another School")
    with pytest.raises(PublishError, match=r"describe the issuer differently \(\[issuer\] name\)"):
        publish(tmp_path, a, c)


def test_an_achievement_id_that_is_not_its_page_is_refused(tmp_path: Path) -> None:
    path = write_achievement(tmp_path)
    path.write_text('id = "https://elsewhere.example/b/1"\n' + path.read_text(), "utf-8")
    with pytest.raises(CredentialError, match="is not its address on the site"):
        publish(tmp_path, path)


def test_no_achievement_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="at least one achievement"):
        badgekit.publish_site([], KEY, base_url=BASE, out=tmp_path / "site")


def test_a_folder_that_is_not_a_badgekit_site_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"important")
    with pytest.raises(PublishError) as e:
        publish(tmp_path, write_achievement(tmp_path))
    assert "not empty and is not a site badgekit wrote" in _one_line(e)
    assert site_files(out) == {"thesis.docx"}
    assert (out / "thesis.docx").read_bytes() == b"important"
    (tmp_path / "file").write_text("x")
    with pytest.raises(PublishError, match="not a folder"):
        publish(tmp_path, write_achievement(tmp_path), out=tmp_path / "file")


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    publish(tmp_path, write_achievement(tmp_path))
    assert "index.html" in site_files(tmp_path / "site")


def test_publishing_again_replaces_the_site_and_keeps_the_hosts_files(tmp_path: Path) -> None:
    python, data = write_achievement(tmp_path), write_achievement(tmp_path, "Data Analysis")
    publish(tmp_path, python, data)
    out = tmp_path / "site"
    (out / "CNAME").write_text("badges.example.org\n")
    (out / "achievements/python-basics.html").write_text("edited by hand")
    result = publish(tmp_path, python)
    files = site_files(out)
    assert "CNAME" in files
    assert result.kept == ("CNAME",)
    assert "achievements/data-analysis.html" not in files  # no longer published
    assert "edited by hand" not in (out / "achievements/python-basics.html").read_text()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_a_site_folder_named_through_a_symlink_is_replaced_where_it_is(tmp_path: Path) -> None:
    # The link was renamed away (.site.old-... left behind) and a new folder put in its
    # place, so the folder it pointed to (the web server's) kept the old site.
    python = write_achievement(tmp_path)
    (tmp_path / "www").mkdir()
    (tmp_path / "site").symlink_to(tmp_path / "www")
    for name in ("Python Basics", "Data Analysis"):
        python.write_text(python.read_text("utf-8").replace("Python Basics", name), "utf-8")
        publish(tmp_path, python)
        assert (tmp_path / "site").is_symlink()
        page = f"achievements/{name.lower().replace(' ', '-')}.html"
        assert page in site_files(tmp_path / "www")
    assert "achievements/python-basics.html" not in site_files(tmp_path / "www")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_failure_halfway_leaves_the_previous_site_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = write_achievement(tmp_path)
    publish(tmp_path, python)
    out = tmp_path / "site"
    before = {p: (out / p).read_bytes() for p in site_files(out)}
    from badgekit.publish import write as writer

    calls = []
    real = writer.write_atomic

    def flaky(path: str | os.PathLike[str], data: bytes, **kw: bool) -> object:
        calls.append(path)
        if len(calls) == 4:
            msg = f"{path}: disk full"
            raise FileAccessError(msg)
        return real(path, data, **kw)

    monkeypatch.setattr(writer, "write_atomic", flaky)
    with pytest.raises(FileAccessError, match="disk full"):
        publish(tmp_path, python, write_achievement(tmp_path, "Data Analysis"), now=NOW)
    assert {p: (out / p).read_bytes() for p in site_files(out)} == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["site"]
