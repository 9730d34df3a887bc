"""The conda environment, pyproject.toml, the README and CI must agree."""
from __future__ import annotations

import re
import tomllib

import yaml

# pip name -> conda-forge name where the two differ
CONDA_NAMES: dict[str, str] = {}


def _norm(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$", req)
    assert m, req
    name = m.group(1).lower().replace("_", "-")
    return CONDA_NAMES.get(name, name), m.group(3).replace(" ", "")


def _pyproject(repo_root):
    return tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))


def test_environment_yml_mirrors_pyproject(repo_root):
    proj = _pyproject(repo_root)["project"]
    wanted = dict(_norm(r) for r in proj["dependencies"])
    for extra in ("test", "docs"):
        wanted.update(_norm(r) for r in proj["optional-dependencies"][extra])
    env = yaml.safe_load((repo_root / "environment.yml").read_text(encoding="utf-8"))
    conda = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and not dep.startswith(("python", "pip")):
            name, spec = _norm(dep)
            conda[name] = spec
    missing = sorted(set(wanted) - set(conda))
    extra = sorted(set(conda) - set(wanted))
    assert not missing, f"in pyproject.toml but not environment.yml: {missing}"
    assert not extra, f"in environment.yml but not pyproject.toml: {extra}"
    differing = {n: (wanted[n], conda[n]) for n in wanted if wanted[n] != conda[n]}
    assert not differing, f"version specifiers differ (pyproject, conda): {differing}"


def test_required_packages_declared(repo_root):
    deps = {_norm(r)[0] for r in _pyproject(repo_root)["project"]["dependencies"]}
    for name in ["pandas", "scikit-learn", "nltk", "jupyter", "seaborn"]:
        assert name in deps
    tests = {_norm(r)[0] for r in _pyproject(repo_root)["project"]["optional-dependencies"]["test"]}
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command(repo_root):
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    ci = (repo_root / ".ci" / "run").read_text(encoding="utf-8")
    m = re.search(r"```(?:bash|sh)?\n(.*?)```", readme[readme.index("## Quick start"):], re.S)
    assert m, "README quick start has no code block"
    commands = [line.split("#")[0].strip() for line in m.group(1).splitlines() if line.split("#")[0].strip()]
    test_cmd = [c for c in commands if "test" in c]
    assert test_cmd, commands
    assert test_cmd[0] in ci, f"{test_cmd[0]!r} is not what .ci/run calls"


def test_version_is_exposed():
    import analysis

    assert re.match(r"^\d+\.\d+\.\d+", analysis.__version__)
