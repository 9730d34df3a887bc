"""The table of attribution rules: unique ids, one marker in the code each, and docs/methods.md in step."""
from __future__ import annotations

import re
from pathlib import Path

from analysis.attribution.rules import RULES, rules_markdown
from analysis.attribution.spans import _NP_OBJECT_LEMMAS
from analysis.document import parse

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "analysis" / "attribution"
_MARKER_RE = re.compile(r"#\s*rule:\s*([a-z0-9-]+)")


def test_rule_ids_are_unique_short_and_described_in_one_line():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)), f"duplicate rule ids: {sorted({i for i in ids if ids.count(i) > 1})}"
    for r in RULES:
        assert re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", r.id) and len(r.id) <= 32, r.id
        assert r.description and "\n" not in r.description, r.id
        assert (PACKAGE / f"{r.stage}.py").exists(), f"rule {r.id}: no stage module {r.stage}.py"


def test_every_rule_is_marked_once_in_its_stage_and_every_marker_is_a_rule():
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        for rid in _MARKER_RE.findall(path.read_text(encoding="utf-8")):
            found.setdefault(rid, []).append(path.stem)
    table = {r.id: r.stage for r in RULES}
    assert set(found) == set(table), (f"markers without a rule: {sorted(set(found) - set(table))}; "
                                      f"rules without a marker: {sorted(set(table) - set(found))}")
    wrong = {rid: places for rid, places in found.items() if places != [table[rid]]}
    assert not wrong, f"rules marked more than once or outside their stage: {wrong}"


def test_methods_md_shows_the_generated_rules_table():
    text = (ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- rules table:[^\n]*-->\n(.*?)<!-- end of rules table -->", text, re.S)
    assert m, "docs/methods.md: no generated rules table"
    assert m.group(1) == rules_markdown(), "docs/methods.md: the rules table differs from RULES; paste rules_markdown()"


def test_np_object_verbs_come_from_the_data_file():
    assert {"praise", "criticize", "lash out"} <= _NP_OBJECT_LEMMAS and "say" not in _NP_OBJECT_LEMMAS
    # rule np-object-verb: the relative clause ends at the cue, nothing is reported
    quotes = parse("The policy Smith criticized remains in place.").quotes
    assert [q for q in quotes if q.kind == "indirect"] == []
    assert [q.text for q in parse("Smith said the policy remains in place.").quotes] == ["the policy remains in place"]


def test_complements_come_from_the_data_file_and_unknown_kinds_are_refused():
    import pytest

    from analysis.attribution.cues import COMPLEMENTS, complement_lemmas

    assert complement_lemmas("hearer") < complement_lemmas("object_that")
    assert complement_lemmas("answer") == {"respond", "reply"}
    assert all(complement_lemmas(k) for k in COMPLEMENTS)
    with pytest.raises(ValueError, match="unknown complement 'clause'"):
        complement_lemmas("clause")
    # rule hearer-before-clause: the hearer is not part of what was said
    assert [q.text for q in parse("Smith told reporters the talks failed.").quotes] == ["the talks failed"]


def test_word_lists_come_from_the_data_file():
    from analysis.attribution.patterns import WORD_LISTS, read_word_lists, word_list

    lists = read_word_lists()
    assert set(lists) == set(WORD_LISTS) and all(lists.values())
    assert word_list("never_speech") == {"titled", "so-called", "known as", "read"}
    assert {"poll", "report", "tweet"} <= word_list("document_nouns") and "government" in word_list("state_heads")
    assert read_word_lists() is lists  # read once
    # "titled" (never_speech) names, it does not report: the quote after it is a scare quote
    assert [(q.kind, q.text, q.rule) for q in parse('The film, titled "The Long Game", opens Friday.').quotes] == [
        ("scare", "The Long Game", "naming-scare")]


def test_a_malformed_word_list_file_gives_a_one_line_error_naming_file_and_line(tmp_path):
    import pytest

    from analysis.attribution.patterns import read_word_lists

    cases = {"unclosed.csv": ('word,list,source\nnews,not_plural,project\n"poll,document_nouns,project\n', ":3: "),
             "unknown.csv": ("word,list,source\nnews,not_plural,project\npoll,documents,project\n", ":3: need a word"),
             "nosource.csv": ("word,list,source\nnews,not_plural,\n", ":2: need a word"),
             "header.csv": ("word,kind,source\nnews,not_plural,project\n", ":1: columns must be word, list, source")}
    for name, (text, where) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ValueError) as err:
            read_word_lists(str(path))
        msg = str(err.value)
        assert msg.startswith(f"{path}{where}") and "\n" not in msg, msg
