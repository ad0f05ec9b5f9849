"""The order of layers, written down once: data flows down, and an import that runs back up fails."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]

LAYERS = (
    ("ui",),
    ("server",),
    ("reports",),
    ("slides",),
    ("exports", "views", "template", "glossary"),
    ("images",),
    ("charts",),
    ("analytics",),
    ("store",),
    ("access",),
    ("geo",),
    ("loaders",),
    ("formats", "cli", "settings"),
)
"""Top to bottom: a module may import its own layer and those below it, never one above."""

ENTRY_POINTS = (
    "app.py",
    "dashboard.py",
    "pages/",
    "benchmarks/",
    "harness/",
    "tests/",
    "sample_data/",
)
"""Entry points, tools and tests stand above every layer; so does any package's __main__.py."""

STREAMLIT_ALLOWED = ("app.py", "dashboard.py", "pages/", "ui/", "benchmarks/", "harness/", "tests/")


def _layer_of(name: str) -> int | None:
    top = name.split(".")[0]
    for depth, members in enumerate(LAYERS):
        if top in members:
            return depth
    return None


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports (at any depth, lazy imports included), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _is_entry(relative: str) -> bool:
    return relative.startswith(ENTRY_POINTS) or relative.endswith("__main__.py")


def violations(root: Path) -> list[str]:
    """Each import against the order of layers, and each streamlit import outside the UI."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith((".venv/", "build/")) or "/." in f"/{relative}":
            continue
        imports = _imports(path)
        if not relative.startswith(STREAMLIT_ALLOWED):
            found += [
                f"{relative}:{line} importa streamlit fuera de dashboard.py, pages/ y ui/"
                for line, name in imports
                if name.split(".")[0] == "streamlit"
            ]
        own = _layer_of(_module_name(path, root))
        if own is None or _is_entry(relative):
            continue
        for line, name in imports:
            other = _layer_of(name)
            if other is not None and other < own:
                found.append(
                    f"{relative}:{line} importa {name}, que está en una capa superior "
                    f"({'/'.join(LAYERS[other])} sobre {'/'.join(LAYERS[own])})"
                )
    return found


def test_every_import_goes_down_the_layers():
    assert violations(ROOT) == []


def test_every_top_level_module_has_a_layer():
    tops = {p.stem for p in ROOT.glob("*.py")} | {p.parent.name for p in ROOT.glob("*/__init__.py")}
    unplaced = tops - {m for layer in LAYERS for m in layer}
    assert unplaced <= {"app", "dashboard", "benchmarks", "harness", "tests", "sample_data"}, (
        unplaced
    )


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("loaders/late.py", "import charts\n", "loaders/late.py:1 importa charts"),
        ("store/late.py", "def f():\n    from ui import state\n", "store/late.py:2 importa ui"),
        ("charts/late.py", "from views import platform_label\n", "importa views"),
        ("analytics.py", "import streamlit as st\n", "importa streamlit fuera"),
    ],
)
def test_a_backward_import_fails_the_check(tmp_path, module, source, expected):
    (tmp_path / module).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / module).write_text(source)
    assert any(expected in problem for problem in violations(tmp_path))


def test_entry_points_may_import_any_layer(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "__main__.py").write_text("import ui\nimport charts\n")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "mapa.py").write_text("import streamlit\nimport reports\n")
    assert violations(tmp_path) == []
