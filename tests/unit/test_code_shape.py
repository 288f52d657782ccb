"""The build code's shape, as the README's "Build code" section promises it: hooks are thin entry
points that import the shared package `handbook` (never another hook), no two modules share a name
(a reader searching for `offline.py` must find one file), and no module grows past 400 lines."""

import ast
from pathlib import Path

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
LONGEST_MODULE = 400


def _modules() -> list[Path]:
    return sorted(HOOKS.glob("*.py")) + sorted((HOOKS / "handbook").glob("*.py"))


def test_no_two_modules_share_a_name():
    names: dict[str, list[str]] = {}
    for path in _modules():
        if path.name != "__init__.py":
            names.setdefault(path.name, []).append(str(path.relative_to(HOOKS.parent)))
    shared = {name: paths for name, paths in names.items() if len(paths) > 1}
    assert not shared, f"rename one of each pair: {shared}"


def test_no_module_is_longer_than_the_limit():
    long = {str(p.relative_to(HOOKS.parent)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > LONGEST_MODULE}
    assert not long, f"split these modules (over {LONGEST_MODULE} lines): {long}"


def test_hooks_import_the_package_never_another_hook():
    hook_names = {p.stem for p in HOOKS.glob("*.py")}
    imports = {}
    for path in HOOKS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imports[path.name] = imports.get(path.name, set()) | {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imports[path.name] = imports.get(path.name, set()) | {node.module.split(".")[0]}
    assert any("handbook" in found for found in imports.values())  # the walk does see the imports
    crossing = {hook: sorted(found & hook_names) for hook, found in imports.items() if found & hook_names}
    assert not crossing, f"move what these hooks share into hooks/handbook/: {crossing}"
