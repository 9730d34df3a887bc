"""The documentation cannot drift from the code.

* ``docs/methods.md`` defines every column of every output table (and no column that is gone), links
  only to functions that exist, and its examples run;
* ``docs/lexicon.md`` documents every framing category, reporting-cue class and shipped camp, its
  example sentences give the hits and cues they illustrate, and its worked examples run;
* the API reference (``make docs``: pdoc over the numpydoc docstrings) builds without warnings, covers
  every public module and name, and renders no reStructuredText residue.

Conventions parsed here (also noted in a comment in ``docs/methods.md``): under the heading
``## Output tables`` each ``### `name` `` section documents the table ``name`` in a Markdown table whose
first cell holds the column names in backticks; ``<category>`` stands for every lexicon category.
"""
from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import analysis
from analysis.actors import ActorTable
from analysis.corpus import BASE_COLUMNS
from analysis.document import parse
from analysis.lexicon import Lexicon
from analysis.quotes import CueTable

ROOT = Path(__file__).resolve().parents[1]
METHODS = ROOT / "docs" / "methods.md"
LEXICON = ROOT / "docs" / "lexicon.md"
MAKEFILE = ROOT / "Makefile"

_FENCE_RE = re.compile(r"(?ms)^[ \t]*```.*?^[ \t]*```[ \t]*$")
_LINK_RE = re.compile(r"\[`(analysis(?:\.\w+)*)`\]\((\.\./analysis/[\w/]+\.py)\)")
_CODE_RE = re.compile(r"`([^`]+)`")


# ---------------------------------------------------------------------------------------------
# Markdown helpers
# ---------------------------------------------------------------------------------------------


def _without_code(text: str) -> str:
    """The Markdown with fenced code blocks blanked (a ``#`` in code is not a heading)."""
    return _FENCE_RE.sub(lambda m: "\n" * m.group().count("\n"), text)


def _sections(text: str, level: int) -> list[tuple[str, str]]:
    """``(heading, body)`` for every heading of exactly ``level`` (a body runs to the next heading of
    that level or higher)."""
    marks = list(re.finditer(rf"(?m)^(#{{1,{level}}}) (.*)$", text))
    out = []
    for m, nxt in zip(marks, marks[1:] + [None]):
        if len(m.group(1)) == level:
            out.append((m.group(2).strip(), text[m.end(): nxt.start() if nxt else len(text)]))
    return out


def _section(text: str, heading: str, level: int = 2) -> str:
    for head, body in _sections(_without_code(text), level):
        if head == heading:
            return body
    raise AssertionError(f"no '{'#' * level} {heading}' section")


def _table_rows(body: str) -> list[list[str]]:
    """Cells of the rows of the first Markdown table in ``body`` (header and separator skipped)."""
    lines = body.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("|")), None)
    if start is None:
        return []
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))])
    return rows


def _category_placeholders(name: str) -> set[str]:
    if "<category>" not in name:
        return {name}
    return {name.replace("<category>", c) for c in Lexicon.default().categories["category"]}


def _documented_columns() -> dict[str, set[str]]:
    """Table name -> column names documented in the ``## Output tables`` section of methods.md."""
    body = _section(METHODS.read_text(encoding="utf-8"), "Output tables")
    out: dict[str, set[str]] = {}
    for heading, sub in _sections(body, 3):
        table = re.fullmatch(r"`(\w+)`", heading)
        assert table, f"methods.md: heading {heading!r} under 'Output tables' does not name a table"
        rows = _table_rows(sub)
        assert rows, f"methods.md: section `{table.group(1)}` has no column table"
        out[table.group(1)] = {c for row in rows for name in _CODE_RE.findall(row[0])
                               for c in _category_placeholders(name)}
    return out


def _run_markdown_examples(path: Path) -> tuple[doctest.TestResults, str]:
    """Run the ``>>>`` examples of a Markdown file (fence lines end an example's expected output)."""
    text = re.sub(r"(?m)^[ \t]*```.*$", "", path.read_text(encoding="utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {}, path.name, str(path), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    runner.run(test, out=report.append)
    return runner.summarize(verbose=False), "".join(report)


def _bold_examples(body: str) -> list[tuple[str, list[str]]]:
    """``(sentence, bold parts)`` for every list item of an ``*Examples.*`` paragraph."""
    part = body.split("*Examples.*", 1)[1].split("*Excluded.*", 1)[0]
    out = []
    for line in part.strip().splitlines():
        line = line.strip()
        if line.startswith("- "):
            sentence = line[2:].strip()
            quote = sentence[0]
            if quote in "\"'" and sentence.endswith(quote):
                sentence = sentence[1:-1]
            out.append((sentence.replace("**", ""), re.findall(r"\*\*(.+?)\*\*", sentence)))
    return out


# ---------------------------------------------------------------------------------------------
# methods.md
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outputs():
    """The real tables: ``analyze()`` on the bundled corpus and ``analyze_text()`` on one article."""
    corpus = analysis.load_corpus(ROOT / "corpus")
    result = analysis.analyze(corpus, progress=False)
    single = analysis.analyze_text(corpus["text"].iloc[0])
    return corpus, result, single


def _actual_columns(outputs) -> dict[str, set[str]]:
    corpus, result, single = outputs
    actual = {name: set(map(str, frame.columns)) for name, frame in result.tables().items()}
    passed_through = set(corpus.columns) - set(BASE_COLUMNS)
    actual["documents"] -= passed_through
    actual["voices"] = set(single.voices.columns)
    return actual


def test_every_output_column_is_documented(outputs):
    documented = _documented_columns()
    actual = _actual_columns(outputs)
    _, result, single = outputs
    # the single-document tables and summary must be covered too
    for name in ("sentences", "quotes", "hits", "sources", "targets"):
        actual[name] |= set(getattr(single, name).columns)
    actual["documents"] |= set(single.summary.index)
    missing = {t: sorted(cols - documented.get(t, set())) for t, cols in actual.items()}
    missing = {t: cols for t, cols in missing.items() if cols}
    assert not missing, "columns not documented in docs/methods.md: " + "; ".join(
        f"{t}: {', '.join(cols)}" for t, cols in sorted(missing.items()))


def test_no_documented_column_is_gone(outputs):
    documented = _documented_columns()
    actual = _actual_columns(outputs)
    stale = {t: sorted(cols - actual.get(t, set())) for t, cols in documented.items()}
    stale = {t: cols for t, cols in stale.items() if cols}
    assert not stale, "docs/methods.md documents columns the tables do not have: " + "; ".join(
        f"{t}: {', '.join(cols)}" for t, cols in sorted(stale.items()))


def test_every_table_section_links_the_function_computing_it():
    body = _section(METHODS.read_text(encoding="utf-8"), "Output tables")
    unlinked = [h for h, sub in _sections(body, 3) if not _LINK_RE.search(sub)]
    assert not unlinked, f"table sections without a link to the function that computes them: {unlinked}"


def _resolve(dotted: str):
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(dotted)


def _source_file(obj) -> Path:
    obj = inspect.unwrap(obj.fget if isinstance(obj, property) else obj)
    return Path(inspect.getsourcefile(obj)).resolve()


@pytest.mark.parametrize("doc", [METHODS, LEXICON], ids=lambda p: p.name)
def test_linked_functions_exist(doc):
    links = _LINK_RE.findall(doc.read_text(encoding="utf-8"))
    assert links, f"{doc.name} links no function"
    problems = []
    for dotted, target in links:
        try:
            obj = _resolve(dotted)
        except (ImportError, AttributeError) as exc:
            problems.append(f"{dotted}: does not exist ({type(exc).__name__}: {exc})")
            continue
        path = (doc.parent / target).resolve()
        if _source_file(obj) != path:
            problems.append(f"{dotted}: defined in {_source_file(obj).relative_to(ROOT)}, linked to {target}")
    assert not problems, f"{doc.name}: " + "; ".join(problems)


def test_methods_examples_run():
    result, report = _run_markdown_examples(METHODS)
    assert result.attempted > 10
    assert result.failed == 0, report


# ---------------------------------------------------------------------------------------------
# lexicon.md
# ---------------------------------------------------------------------------------------------


def test_lexicon_examples_run(tmp_path, monkeypatch):
    """The worked examples run against the CSV files the page shows (written to ``tmp_path``)."""
    text = LEXICON.read_text(encoding="utf-8")
    files = re.findall(r"(?m)^`([\w.-]+\.csv)`\s*\n\s*```csv\n(.*?)^```", text, flags=re.S)
    assert {name for name, _ in files} >= {"study_lexicon.csv", "study_cues.csv", "study_actors.csv"}
    for name, content in files:
        (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result, report = _run_markdown_examples(LEXICON)
    assert result.attempted > 10
    assert result.failed == 0, report


def _lexicon_category_sections() -> dict[str, tuple[str, str]]:
    """category -> (rest of the heading, body) of the taxonomy in lexicon.md."""
    body = _section(LEXICON.read_text(encoding="utf-8"), "Taxonomy", 3)
    out = {}
    for heading, sub in _sections(body, 4):
        m = re.fullmatch(r"`(\w+)` — (.*)", heading)
        assert m, f"lexicon.md: taxonomy heading {heading!r} is not '`category` — Label (n)'"
        out[m.group(1)] = (m.group(2), sub)
    return out


def test_lexicon_documents_every_category_with_its_size():
    lex = Lexicon.default()
    sizes = lex.to_frame()["category"].value_counts().to_dict()
    sections = _lexicon_category_sections()
    assert set(sections) == set(lex.categories["category"])
    wrong = {c: (head, sizes[c]) for c, (head, _) in sections.items()
             if not re.search(rf"\({sizes[c]:,}\b", head)}
    assert not wrong, f"lexicon.md: category sizes differ from the lexicon: {wrong}"


def test_lexicon_category_examples_are_hits_of_their_category():
    lex = Lexicon.default()
    problems = []
    for category, (_, body) in _lexicon_category_sections().items():
        examples = _bold_examples(body)
        assert len(examples) >= 2, f"lexicon.md: `{category}` has fewer than two examples"
        for sentence, bold in examples:
            found = {(h.match.lower(), h.category) for h in lex.find(sentence)}
            problems += [f"{category}: {b!r} in {sentence!r}" for b in bold
                         if (b.lower().strip("'"), category) not in found]
    assert not problems, "lexicon.md examples that are not hits of their category: " + "; ".join(problems)


def _cue_class_sections() -> dict[str, tuple[str, str]]:
    body = _section(LEXICON.read_text(encoding="utf-8"), "Reporting-cue classes")
    classes = _section(body, "The classes", 3)
    out = {}
    for heading, sub in _sections(classes, 4):
        m = re.fullmatch(r"`(\w+)` — (.*)", heading)
        assert m, f"lexicon.md: cue-class heading {heading!r} is not '`class` — Label'"
        out[m.group(1)] = (m.group(2), sub)
    return out


def test_lexicon_documents_every_cue_class_with_its_size():
    table = CueTable.default().to_frame()
    sizes = table["cue_class"].value_counts().to_dict()
    sections = _cue_class_sections()
    assert set(sections) == set(sizes) | {"punctuation"}
    wrong = {c: (head, sizes[c]) for c, (head, _) in sections.items()
             if c in sizes and not re.search(rf"\({sizes[c]:,} forms\)", head)}
    assert not wrong, f"lexicon.md: cue-class sizes differ from cues.csv: {wrong}"


def test_cue_class_examples_give_quotes_of_their_class():
    cues = CueTable.default()
    problems = []
    for cue_class, (_, body) in _cue_class_sections().items():
        examples = _bold_examples(body)
        assert len(examples) >= 2, f"lexicon.md: cue class `{cue_class}` has fewer than two examples"
        for sentence, bold in examples:
            quotes = parse(sentence).quotes
            for cue in bold:
                if cue_class == "naming":  # a label, not speech: the quote after it is a scare quote
                    hit = cues.lookup(cue)
                    ok = hit is not None and hit.cue_class == "naming" and [q.kind for q in quotes] == ["scare"]
                else:
                    ok = any(q.cue is not None and q.cue.lower() == cue.lower() and q.cue_class == cue_class
                             for q in quotes)
                if not ok:
                    got = [(q.kind, q.cue, q.cue_class) for q in quotes]
                    problems.append(f"{cue_class}: {cue!r} in {sentence!r} gave {got}")
    assert not problems, "lexicon.md cue examples that do not work: " + "; ".join(problems)


def test_lexicon_documents_table_formats_and_camps():
    text = LEXICON.read_text(encoding="utf-8")
    cue_format = _section(_section(text, "Reporting-cue classes"), "Cue table format", 3)
    actor_section = _section(text, "Actors and camps")
    actor_format = _section(actor_section, "Actor table format", 3)
    camps = _section(actor_section, "The shipped camps", 3)

    def first_cells(body):
        return {c for row in _table_rows(body) for c in _CODE_RE.findall(row[0])}

    assert first_cells(cue_format) == set(CueTable.COLUMNS)
    assert first_cells(actor_format) == set(ActorTable.COLUMNS)
    shipped = ActorTable.default().to_frame()["camp"]
    assert first_cells(camps) == {c for c in shipped if isinstance(c, str) and c}


# ---------------------------------------------------------------------------------------------
# API reference (pdoc)
# ---------------------------------------------------------------------------------------------


def _make_variable(name: str) -> list[str]:
    text = MAKEFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    m = re.search(rf"(?m)^{name}\s*:?=(.*)$", text)
    assert m, f"Makefile: no {name} variable"
    return m.group(1).split()


def _docs_recipe(out: Path) -> list[str]:
    """The ``make docs`` command, with this interpreter and ``out`` as the output folder."""
    text = MAKEFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    m = re.search(r"(?m)^docs:.*\n\t(.*)$", text)
    assert m, "Makefile: no 'docs' target"
    line = m.group(1).replace("$(API_MODULES)", " ".join(_make_variable("API_MODULES")))
    args = shlex.split(line)
    assert args[:3] == ["$(PY)", "-m", "pdoc"], f"Makefile: 'docs' does not run pdoc: {line}"
    assert "-o" in args and args[args.index("-o") + 1] == "docs/api"
    args[0] = sys.executable
    args[args.index("-o") + 1] = str(out)
    return args


def _public_modules() -> set[str]:
    return {f"analysis.{m.name}" for m in pkgutil.iter_modules(analysis.__path__) if not m.name.startswith("_")}


def test_make_docs_covers_every_public_module():
    listed = set(_make_variable("API_MODULES"))
    # pdoc also documents the submodules a package names in __all__ (listing them again would warn)
    via_all = {f"analysis.{n}" for n in analysis.__all__} & _public_modules()
    assert not listed & via_all, f"Makefile API_MODULES repeats modules pdoc reaches via analysis.__all__: {listed & via_all}"
    assert listed | via_all == _public_modules() | {"analysis"}, (
        f"Makefile API_MODULES misses {sorted(_public_modules() - listed - via_all)}")


def _module_names(module) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n, v in vars(module).items() if not n.startswith("_")
                 and getattr(v, "__module__", None) == module.__name__]
    return list(names)


def test_public_names_have_docstrings():
    missing = []
    for modname in sorted(_public_modules() | {"analysis"}):
        module = importlib.import_module(modname)
        if not (module.__doc__ or "").strip():
            missing.append(modname)
        for name in _module_names(module):
            obj = getattr(module, name)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if not (obj.__doc__ or "").strip():
                missing.append(f"{modname}.{name}")
            if not inspect.isclass(obj):
                continue
            for attr, value in vars(obj).items():
                if attr.startswith("_"):
                    continue
                fn = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
                if inspect.isfunction(fn) and not (fn.__doc__ or "").strip():
                    missing.append(f"{modname}.{name}.{attr}")
    assert not missing, f"public names without a docstring: {sorted(set(missing))}"


@pytest.fixture(scope="module")
def api_html(tmp_path_factory):
    pytest.importorskip("pdoc", reason="pdoc is in the 'docs' extra: pip install -e '.[docs]'")
    out = tmp_path_factory.mktemp("api")
    proc = subprocess.run(_docs_recipe(out), cwd=ROOT, capture_output=True, text=True, timeout=600)
    return out, proc


def test_api_reference_builds_without_warnings(api_html):
    _, proc = api_html
    assert proc.returncode == 0, proc.stderr
    # pdoc cannot evaluate the string annotations of a NamedTuple's generated __new__ (it has no
    # module namespace): that is about type hints, not docstrings, and renders as written.
    problems = [line for line in proc.stderr.splitlines()
                if line.strip() and "Error parsing type annotation" not in line]
    assert not problems, "\n".join(problems)


def test_api_reference_covers_public_names(api_html):
    out, _ = api_html
    index = (out / "analysis.html").read_text(encoding="utf-8")
    submodules = {m.split(".")[1] for m in _public_modules()}  # "highlight" is shown as its module page
    missing = [n for n in analysis.__all__ if f'id="{n}"' not in index and n not in submodules]
    missing += [m for m in sorted(_public_modules()) if f'href="analysis/{m.split(".")[1]}.html"' not in index]
    for modname in sorted(_public_modules()):
        page = out / (modname.replace(".", "/") + ".html")
        if not page.is_file():
            missing.append(f"{page.name} (page)")
            continue
        html = page.read_text(encoding="utf-8")
        module = importlib.import_module(modname)
        missing += [f"{modname}.{n}" for n in _module_names(module) if f'id="{n}"' not in html]
    assert not missing, f"not in the API reference: {missing}"


class _Docstrings(HTMLParser):
    """The rendered docstrings of a pdoc page: ``(section id, text, inline code texts)``."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, list[str]]] = []
        self._owner = ""
        self._depth = 0
        self._text: list[str] | None = None
        self._codes: list[str] = []
        self._code: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._text is None:
            if tag == "section" and "id" in attrs:
                self._owner = attrs["id"]
            elif tag == "div" and attrs.get("class") == "docstring":
                self._text, self._codes, self._depth = [], [], 1
        elif tag == "div":
            self._depth += 1
        elif tag == "code":
            self._code = []

    def handle_endtag(self, tag):
        if self._text is None:
            return
        if tag == "code" and self._code is not None:
            self._codes.append("".join(self._code))
            self._code = None
        elif tag == "div":
            self._depth -= 1
            if self._depth == 0:
                self.found.append((self._owner, "".join(self._text), self._codes))
                self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)
            if self._code is not None:
                self._code.append(data)


def test_api_reference_renders_no_rst_residue(api_html):
    """pdoc converts numpydoc sections and roles; reStructuredText tables and ``~`` references stay raw."""
    out, _ = api_html
    problems = []
    for page in sorted(out.rglob("*.html")):
        parser = _Docstrings()
        parser.feed(page.read_text(encoding="utf-8"))
        for owner, text, codes in parser.found:
            where = f"{page.relative_to(out)}" + (f"#{owner}" if owner else " (module docstring)")
            if re.search(r"={5,}", text):
                problems.append(f"{where}: reStructuredText table (use a bullet list)")
            if re.search(r":(?:func|class|meth|mod|data|attr|obj|exc):`", text):
                problems.append(f"{where}: unconverted role")
            if any(code.startswith("~") for code in codes):
                problems.append(f"{where}: '~' in a cross-reference (write the full dotted name)")
    assert not problems, "\n".join(problems)
