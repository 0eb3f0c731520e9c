"""content.reload, the preview's re-reading after a save, gives what content.load gives from scratch,
and reads only the saved files (validate.FileChecks)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros import content
from macros.validate import FileChecks

from conftest import make_project

EDITED = Path("content/cases/2562/ayutthaya-water-management.md")
OTHER = Path("content/cases/2567/smart-fda.md")


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path, keep_cases=True)


def _load(project: Path, checks: FileChecks | None = None) -> content.Site:
    return content.load(project, project / "content", 1_700_000_000, checks)


def _assert_same(reloaded: content.Site, fresh: content.Site) -> None:
    assert [str(p) for p in reloaded.problems] == [str(p) for p in fresh.problems]
    assert sorted(map(str, reloaded.excluded)) == sorted(map(str, fresh.excluded))
    def cases(site: content.Site) -> list:
        return [(c.id, c.meta, c.body) for c in site.corpus.cases]

    assert cases(reloaded) == cases(fresh)
    assert reloaded.pages.keys() == fresh.pages.keys()
    differ = [src for src in fresh.pages if reloaded.pages[src] != fresh.pages[src]]
    assert not differ, differ[:5]
    assert reloaded.files == fresh.files


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_case_is_read_again_and_the_others_are_kept(project):
    checks = FileChecks()
    site = _load(project, checks)
    before = {c.path: c for c in site.corpus.cases}
    _edit(project / EDITED, 'title: "การบริหารจัดการน้ำ 3 มิติ', 'title: "ชื่อใหม่ การบริหารจัดการน้ำ 3 มิติ')

    reloaded = content.reload(site, project / "content", checks)

    assert checks.fresh == {project / EDITED}  # the only file read again
    after = {c.path: c for c in reloaded.corpus.cases}
    assert after.keys() == before.keys()
    assert [p for p in after if after[p] is not before[p]] == [project / EDITED]
    assert after[project / EDITED].title.startswith("ชื่อใหม่")
    # Listing rows are kept for the unchanged cases only.
    edited_id = after[project / EDITED].id
    rows = reloaded.corpus.rows
    assert all("ชื่อใหม่" in row for key, row in rows.items() if key[0] == edited_id)
    assert any(rows.get(key) is row for key, row in site.corpus.rows.items() if key[0] != edited_id)
    _assert_same(reloaded, _load(project))


def test_an_invalid_save_and_its_fix_give_what_a_full_load_gives(project):
    checks = FileChecks()
    site = _load(project, checks)
    _edit(project / OTHER, "status: full\n", "status: complete\n")
    broken = content.reload(site, project / "content", checks)
    assert [Path(p.path).name for p in broken.problems] == [OTHER.name]
    assert all(c.path != project / OTHER for c in broken.corpus.cases)
    _assert_same(broken, _load(project))

    _edit(project / OTHER, "status: complete\n", "status: full\n")
    fixed = content.reload(broken, project / "content", checks)
    assert not fixed.problems
    _assert_same(fixed, _load(project))


def test_a_save_without_a_change_keeps_every_case(project):
    checks = FileChecks()
    site = _load(project, checks)
    path = project / EDITED
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # saved again, unchanged
    reloaded = content.reload(site, project / "content", checks)
    assert checks.fresh == {path}
    assert all(a is b for a, b in zip(reloaded.corpus.cases, site.corpus.cases, strict=True))


def test_a_site_describes_itself_in_one_short_line(project):
    """mkdocs-macros turns every variable into text on each build (its debug payload, written or
    not): the Site it holds must not print its whole corpus and every generated page."""
    from super_collections import SuperDict

    site = _load(project)
    assert len(site.corpus.cases) > 50 and len(site.pages) > 100
    assert repr(site) == (f"Site({str(project)!r}, {len(site.corpus.cases)} cases, {len(site.pages)} pages, "
                          f"{len(site.files)} files, 0 problems)")
    assert len(SuperDict({content.SITE_VARIABLE: site}).to_json()) < 300
