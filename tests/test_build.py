"""The strict build is the gate: it passes, and it fails on a planted broken link or anchor."""

from conftest import build_project_copy


def test_strict_build_passes(build_result):
    proc, site = build_result
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "WARNING" not in proc.stderr, proc.stderr[-3000:]
    assert (site / "index.html").is_file() and (site / "404.html").is_file()


def test_strict_build_fails_on_planted_broken_link_and_anchor(tmp_path):
    planted = "\n\n[gone](no-such-page.md) and [lost section](index.md#no-such-section)\n"
    proc, _ = build_project_copy(tmp_path, "about.md", lambda text: text + planted)
    assert proc.returncode != 0
    assert "about.md" in proc.stderr and "no-such-page.md" in proc.stderr
    assert "no-such-section" in proc.stderr
