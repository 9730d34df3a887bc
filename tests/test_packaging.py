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


def test_every_shipped_data_file_goes_into_the_wheel(repo_root):
    """A plain ``pip install`` (not editable) carries exactly what the setuptools configuration names:
    every package under ``analysis/`` and every file of ``analysis/data`` must be covered."""
    import fnmatch

    cfg = _pyproject(repo_root)["tool"]["setuptools"]
    packages = set(cfg["packages"])
    on_disk = {str(p.parent.relative_to(repo_root)).replace("/", ".")
               for p in (repo_root / "analysis").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert on_disk <= packages, f"folders under analysis/ not listed in [tool.setuptools] packages: {on_disk - packages}"
    patterns = cfg["package-data"]["analysis.data"]
    data = [p.name for p in (repo_root / "analysis" / "data").iterdir() if p.is_file()]
    assert data
    missed = [n for n in data if not any(fnmatch.fnmatch(n, pat) for pat in patterns)]
    assert not missed, f"analysis/data files no package-data pattern ships: {missed}"
