"""The package's shape: no import cycle (function-level imports counted), nothing shadowing the
standard library, no module-level state, no attributes added to MkDocs objects, and the theme
templates that macros/shell.py copies or relies on pinned, so a Material upgrade fails loudly."""
from __future__ import annotations

import ast
import hashlib
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.unit
PACKAGE = ROOT / "macros"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(name: str, path: Path) -> set[str]:
    """Every module of the package that `name` imports, at any depth of its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from x import y` imports x, and x.y when y is a module of its own.
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return out


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_function_level_imports_are_counted(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from .render import urls\n", encoding="utf-8")
    assert imported_modules("macros.m", module) == {"macros.render", "macros.render.urls"}


def test_the_package_has_no_import_cycle():
    graph = {name: imported_modules(name, path) for name, path in MODULES.items()}
    assert cycles(graph) == []


def test_no_module_shadows_the_standard_library():
    # mkdocs-macros loads macros/site_macros.py by path, putting macros/ on sys.path.
    shadowing = sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if p.stem in sys.stdlib_module_names)
    assert shadowing == []


def test_no_module_level_state():
    """State lives on the plugin instance: no `global`, and the module-level containers are
    constants (UPPER_CASE names); no attribute is added to MkDocs' objects."""
    problems = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                problems.append(f"{name}:{node.lineno}: global {', '.join(node.names)}")
            if isinstance(node, ast.Attribute) and node.attr == "__dict__":
                problems.append(f"{name}:{node.lineno}: __dict__")
            if (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                    and node.attr.lstrip("_").startswith("psea")):
                problems.append(f"{name}:{node.lineno}: sets .{node.attr} on an object")
        for node in tree.body:
            if not isinstance(node, (ast.Assign, ast.AnnAssign)):
                continue
            value = node.value
            mutable = isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)) or (
                isinstance(value, ast.Call) and getattr(value.func, "id", "") in ("dict", "list", "set", "defaultdict"))
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (mutable and isinstance(target, ast.Name) and not target.id.isupper()
                        and not (target.id.startswith("__") and target.id.endswith("__"))):
                    problems.append(f"{name}:{node.lineno}: module-level container {target.id}")
    assert problems == []


# Material templates that macros/shell.py and overrides/partials copy or rely on, as in the pinned
# mkdocs-material (requirements.txt). A new Material changes a hash: compare the template with the
# copy or the code named here, bring that up to date, then the hash.
THEME_TEMPLATES = {
    "partials/toc.html": ("fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
                          "copied in overrides/partials/toc.html and written by shell.toc_html"),
    "partials/toc-item.html": ("418f31ce2e6d559934f610084a5c8493f9618b96268909601552ac48aa0c15c2",
                               "written by shell._toc_item"),
    "partials/content.html": ("ce33929c85af129f6e2f3b0aed47159e9c4a519482d1938bae15f5ff4a3cfae5",
                              'its `"<h1" in page.content` check is answered by shell.CONTENT_WITH_H1'),
    "partials/header.html": ("8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
                             "copied in overrides/partials/header.html"),
    "partials/source.html": ("6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
                             "copied in overrides/partials/source.html"),
    "partials/search.html": ("bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
                             "replaced by overrides/partials/search.html in the theme's markup"),
    "base.html": ("8536d352b0093623df9e0032894f321cbe264b15a9b48cdd962583772455dadb",
                  "shell.ShellPage stands in for the page it reads (FOLDER_ATTRIBUTES, the skip link)"),
}


@pytest.mark.parametrize("template", sorted(THEME_TEMPLATES))
def test_the_theme_templates_we_copy_are_those_of_the_pinned_material(template):
    import material

    path = Path(material.__file__).parent / "templates" / template
    expected, why = THEME_TEMPLATES[template]
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    assert actual == expected, (
        f"Material's {template} has changed (sha256 {actual}): it is {why}. Compare the new template "
        f"with that copy or code, bring it up to date, then set the hash in tests/test_architecture.py")


def test_scripts_with_a_shebang_are_executable():
    import os

    scripts = [p for p in (ROOT / "scripts").iterdir() if p.is_file() and p.read_bytes()[:2] == b"#!"]
    assert scripts
    assert [p.name for p in scripts if not os.access(p, os.X_OK)] == []
