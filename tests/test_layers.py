"""The package's layers, read from its source (AST, nothing imported): core < site < glue < cli.

- ``core`` and ``site`` never import MkDocs, Material or mkdocs-static-i18n;
- no module imports from a layer above its own;
- no import cycle between modules, counting imports made only for type checking.

The checker is tested on a planted package, so a rule that stopped finding anything would show.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "plugins" / "travel_advice"
LAYERS = ("core", "site", "glue", "cli")
"""Lowest first: a module may import from its own layer and the layers before it."""
NO_MKDOCS_LAYERS = ("core", "site")
MKDOCS_PACKAGES = ("mkdocs", "material", "mkdocs_static_i18n")


@dataclass(frozen=True)
class Import:
    importer: str
    """Dotted name of the importing module, e.g. ``travel_advice.site.feeds``."""
    imported: str
    """Dotted name of what it imports: a module, a package, or an object in one."""
    line: int

    def __str__(self) -> str:
        return f"{self.importer}:{self.line}: imports {self.imported}"


def module_names(package: Path) -> dict[str, Path]:
    """Dotted name of every module of ``package`` (the folder of a top-level package)."""
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def imports_of(name: str, path: Path) -> list[Import]:
    """Every import of a module, wherever it is written (functions and ``if TYPE_CHECKING:`` included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(name, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found += [Import(name, f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return found


def resolve(imported: str, modules: dict[str, Path]) -> str | None:
    """The module of the package an import names (``a.b.func`` -> ``a.b``), or None for another package."""
    while imported and imported not in modules:
        imported = imported.rpartition(".")[0]
    return imported or None


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def layer_problems(package: Path) -> list[str]:
    """Every broken rule in ``package``, one line each; empty when the layers hold."""
    modules = module_names(package)
    problems = []
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        layer = layer_of(name)
        for imp in imports_of(name, path):
            top = imp.imported.split(".")[0]
            if layer in NO_MKDOCS_LAYERS and top in MKDOCS_PACKAGES:
                problems.append(f"{imp}: {layer} never imports {', '.join(MKDOCS_PACKAGES)}")
            target = resolve(imp.imported, modules)
            if target is None or target == name:
                continue
            graph[name].add(target)
            target_layer = layer_of(target)
            if layer and target_layer and LAYERS.index(target_layer) > LAYERS.index(layer):
                problems.append(f"{imp}: {layer} is below {target_layer}")
    problems += [f"import cycle: {' -> '.join(cycle)}" for cycle in import_cycles(graph)]
    return problems


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules (Tarjan), as a path back to its start.

    Packages are left out as targets of their own modules' imports: ``from . import x`` in a
    package's ``__init__`` and ``from package import y`` in ``x`` are not a cycle of modules.
    """
    edges = {name: {t for t in targets if not name.startswith(t + ".")} for name, targets in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [_cycle_path(group, edges) for group in groups]


def _cycle_path(group: list[str], edges: dict[str, set[str]]) -> list[str]:
    """A path from the group's first module back to itself, through the group."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(edges[node] & members):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    return group  # unreachable for a strongly connected group


def test_the_package_keeps_its_layers() -> None:
    assert layer_problems(PACKAGE) == []


def test_every_module_is_in_a_layer() -> None:
    assert [name for name in module_names(PACKAGE) if name.count(".") > 1 and layer_of(name) is None] == []


def plant(root: Path, files: dict[str, str]) -> Path:
    package = root / "travel_advice"
    for relative, text in {"__init__.py": "", **{f"{layer}/__init__.py": "" for layer in LAYERS}, **files}.items():
        (package / relative).parent.mkdir(parents=True, exist_ok=True)
        (package / relative).write_text(text, encoding="utf-8")
    return package


def test_the_checker_finds_a_planted_mkdocs_import_an_upward_import_and_a_cycle(tmp_path: Path) -> None:
    package = plant(
        tmp_path,
        {
            "core/model.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from mkdocs.config import base\n",
            "core/words.py": "def f():\n    from ..site import pages\n",
            "site/pages.py": "import material.plugins\nfrom travel_advice.site.feeds import x\n",
            "site/feeds.py": "from . import pages\n",
            "glue/plugin.py": "import mkdocs\nfrom travel_advice.core import model\nfrom travel_advice.cli.main import main\n",
            "cli/main.py": "import mkdocs_static_i18n\nfrom travel_advice.glue import plugin\n",
        },
    )
    assert layer_problems(package) == [
        "travel_advice.core.model:3: imports mkdocs.config.base: core never imports mkdocs, material, mkdocs_static_i18n",
        "travel_advice.core.words:2: imports travel_advice.site.pages: core is below site",
        "travel_advice.glue.plugin:3: imports travel_advice.cli.main.main: glue is below cli",
        "travel_advice.site.pages:1: imports material.plugins: site never imports mkdocs, material, mkdocs_static_i18n",
        "import cycle: travel_advice.cli.main -> travel_advice.glue.plugin -> travel_advice.cli.main",
        "import cycle: travel_advice.site.feeds -> travel_advice.site.pages -> travel_advice.site.feeds",
    ]


def test_the_shipped_layers_fail_with_a_planted_mkdocs_import_in_core(tmp_path: Path) -> None:
    files = {str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")}
    files["core/model.py"] += "\nfrom mkdocs.structure.files import File  # planted\n"
    problems = layer_problems(plant(tmp_path, files))
    assert len(problems) == 1 and problems[0].startswith("travel_advice.core.model:") and "core never imports mkdocs" in problems[0]
