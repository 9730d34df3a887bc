"""Layering: lower modules never import higher ones (docs/architecture.md)."""
from __future__ import annotations

import ast
from pathlib import Path

import analysis

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"


def _imported_modules(path: Path) -> set[str]:
    """Every ``analysis.*`` module ``path`` imports, at module level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = ".".join(["analysis"] + list(path.relative_to(PACKAGE).parent.parts)[:max(0, len(
                path.relative_to(PACKAGE).parent.parts) - node.level + 1)])
            mod = f"{base}.{node.module}" if node.module else base
            found.add(mod)
            found.update(f"{mod}.{a.name}" for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis"):
            found.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "import_module":
            found.update(a.value for a in node.args if isinstance(a, ast.Constant))
    return found


def test_the_parse_imports_nothing_from_the_attribution_stages():
    imported = _imported_modules(PACKAGE / "document.py")
    above = {m for m in imported if m.startswith(("analysis.attribution", "analysis.quotes", "analysis.pipeline"))}
    # the one exception: parse() loads the attribution package by name when nothing has registered it yet
    assert above <= {"analysis.attribution"}, above
    assert not any(m.startswith(("analysis.quotes", "analysis.attribution.")) for m in imported)


def test_pipeline_does_not_import_the_presentation_layer():
    imported = _imported_modules(PACKAGE / "pipeline.py")
    assert not {m for m in imported if m.startswith(("analysis.highlight", "analysis.plots", "analysis.report"))}


def test_the_views_the_pipeline_shows_are_registered_on_import():
    doc = analysis.analyze_text('"We will appeal," said the chairman.')
    assert doc.highlight() == analysis.highlight(doc)
    assert '<span class="an-quote an-quote-direct"' in doc._repr_html_()


_STAGES = ("marks", "mentions", "inverted", "commas", "subjects", "speakers", "spans", "rules", "unlinked", "rows", "finder")


def test_attribution_stages_are_functions_over_one_context_without_import_cycles():
    """Each stage module imports only stages below it (so no cycle), the context imports no stage, and
    no stage defines a class its functions would share state through (docs/architecture.md)."""
    pkg = PACKAGE / "attribution"
    deps = {}
    for name in _STAGES + ("context",):
        imported = _imported_modules(pkg / f"{name}.py")
        deps[name] = {m.split(".")[2] for m in imported if m.startswith("analysis.attribution.") and m.count(".") >= 2}
        deps[name] &= set(_STAGES)
        tree = ast.parse((pkg / f"{name}.py").read_text(encoding="utf-8"))
        classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef) and not n.decorator_list]
        assert not classes, f"{name}.py defines classes {classes}: stages are functions over the DocContext"
    assert not deps["context"], f"context.py imports stages {deps['context']}"
    seen, done = set(), set()

    def visit(name, path):
        assert name not in seen - done, f"import cycle: {' -> '.join(path + [name])}"
        if name in done:
            return
        seen.add(name)
        for dep in sorted(deps[name]):
            visit(dep, path + [name])
        done.add(name)

    for name in _STAGES:
        visit(name, [])
