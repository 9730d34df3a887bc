"""Quotes, cues and speakers: one hand-written test per pattern, plus the seed article.

Every test asserts the kind, the speaker and the exact span (``doc.text[start:end]``).
"""
from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.actors import ActorTable
from analysis.document import parse
from analysis.quotes import CueTable, Quote, find_quotes, quotes_frame, voice_spans

ROOT = Path(__file__).resolve().parents[1]
SEED_CANDIDATES = [
    ROOT.parent / "shared" / "seed" / "000_5764e84423007ba7.txt",
    ROOT / "corpus" / "000_rt_lavrov_nato_central_asia.md",
]


def seed_text() -> str:
    """The seed article's text (front matter stripped when read from the corpus file)."""
    for path in SEED_CANDIDATES:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".md" and text.startswith("---"):
                text = text.split("\n---", 2)[-1].split("\n", 1)[1]
            return text
    pytest.skip("seed article not found")


def quotes_of(text: str, **kw) -> list[Quote]:
    return parse(text, **kw).quotes


def only(quotes, kind=None, contains=None) -> Quote:
    """The single quote of ``kind`` whose text contains ``contains``."""
    found = [q for q in quotes if (kind is None or q.kind == kind) and (contains is None or contains in q.text)]
    assert len(found) == 1, [(q.kind, q.text) for q in quotes]
    return found[0]


def span_ok(text: str, q: Quote) -> None:
    assert 0 <= q.start < q.end <= len(text)
    assert q.text == text[q.start:q.end]
    if q.speaker_start is not None:
        assert 0 <= q.speaker_start < q.speaker_end <= len(text)
    if q.cue_start is not None:
        assert text[q.cue_start:q.cue_end] == q.cue


# ---------------------------------------------------------------------------------------------
# direct quotes
# ---------------------------------------------------------------------------------------------

def test_straight_double_quotes_with_cue_after():
    t = '"We will win the next match," Smith said.'
    q = only(quotes_of(t), "direct")
    assert (q.speaker, q.cue, q.text) == ("Smith", "said", "We will win the next match,")
    assert t[q.speaker_start:q.speaker_end] == "Smith"
    span_ok(t, q)


def test_curly_double_quotes():
    t = "\u201cWe will win the next match,\u201d Anna Berg said on Monday."
    q = only(quotes_of(t), "direct")
    assert (q.speaker, q.text) == ("Anna Berg", "We will win the next match,")


def test_british_single_quotes_with_inverted_speaker():
    t = "'We will appeal,' said the club's chairman."
    q = only(quotes_of(t), "direct")
    assert (q.speaker, q.cue, q.text) == ("the club's chairman", "said", "We will appeal,")
    assert t[q.speaker_start:q.speaker_end] == "the club's chairman"


def test_multi_sentence_quote_is_one_span():
    t = '"We lost today. We will be back next season," Smith said.'
    q = only(quotes_of(t), "direct")
    assert q.text == "We lost today. We will be back next season,"
    assert q.speaker == "Smith"


def test_quote_running_over_paragraphs():
    t = ('The coach Tom Ellis said:\n\n"We played badly in the first half.\n\n'
         '"We were better after the break.\n\n"We will win the next one."\n\nThe club said nothing.')
    q = only(quotes_of(t), "direct")
    assert q.text.startswith("We played badly") and q.text.endswith("We will win the next one.")
    assert q.speaker == "Tom Ellis"
    assert q.cue == "said"


def test_quote_split_by_attribution_gives_two_rows_of_one_utterance():
    t = '"This ruling," the judge said, "was long overdue."'
    qs = [q for q in quotes_of(t) if q.kind == "direct"]
    assert [q.text for q in qs] == ["This ruling,", "was long overdue."]
    assert {q.speaker for q in qs} == {"the judge"}
    assert qs[0].group_id == qs[1].group_id


def test_partial_quotes_after_cue_are_direct_not_scare():
    qs = quotes_of('Lavrov called for "extreme caution" on Monday.')
    q = only(qs, "direct")
    assert (q.speaker, q.cue, q.cue_class, q.text) == ("Sergey Lavrov", "called for", "directive", "extreme caution")
    qs = quotes_of('Anna Berg described the vote as "a farce".')
    q = only(qs, "direct")
    assert (q.speaker, q.text) == ("Anna Berg", "a farce")
    assert not [x for x in qs if x.kind == "scare"]


def test_colon_lead_ins():
    t = 'Tom Ellis told the crowd: "We will never give up." Anna Berg was blunt: "Rates will rise."'
    qs = quotes_of(t)
    a = only(qs, "direct", "never give up")
    assert (a.speaker, a.cue) == ("Tom Ellis", "told")
    b = only(qs, "direct", "Rates will rise")
    assert (b.speaker, b.cue, b.cue_class) == ("Anna Berg", ":", "punctuation")


def test_dash_attribution():
    t = "\u201cInflation will stay high for a while.\u201d \u2014 Anna Berg, the bank's chief economist"
    q = only(quotes_of(t), "direct")
    assert (q.speaker, q.cue, q.cue_class) == ("Anna Berg", "\u2014", "punctuation")
    assert q.text == "Inflation will stay high for a while."


def test_odd_number_of_quote_marks_does_not_crash():
    t = 'He said "yes and left.\n\nThen she said "no" to him. A 12" pipe and a stray \u201d mark.'
    qs = quotes_of(t)
    for q in qs:
        span_ok(t, q)
    assert any(q.text == "no" for q in qs)


def test_apostrophes_and_possessives_are_not_quotes():
    t = ("The players' union said the club's owners shouldn't sell Washington's stake. "
         "It's the '90s all over again, rock 'n' roll.")
    qs = quotes_of(t)
    assert [q.kind for q in qs] == ["indirect"]
    assert qs[0].text == "the club's owners shouldn't sell Washington's stake"


def test_nested_single_quotes_stay_in_the_direct_quote():
    t = "\"The 'collective West' is to blame,\" Lavrov said."
    qs = quotes_of(t)
    q = only(qs, "direct")
    assert q.text == "The 'collective West' is to blame,"
    assert not [x for x in qs if x.kind == "scare"]


def test_nyt_double_apostrophe_quotes():
    t = "''People turn to Facebook to check on loved ones,'' Ms. White said."
    q = only(quotes_of(t), "direct")
    assert (q.speaker, q.text) == ("White", "People turn to Facebook to check on loved ones,")


def test_quote_paragraph_without_cue_continues_previous_speaker():
    t = ('Anna Berg said the bank would act.\n\n"We will not let inflation run away from us. '
         'We have the tools and we will use them."\n\nMarkets rose.')
    q = only(quotes_of(t), "direct")
    assert q.speaker == "Anna Berg"
    assert q.cue is None
    assert t[q.speaker_start:q.speaker_end] == "Anna Berg"


# ---------------------------------------------------------------------------------------------
# indirect quotes
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, speaker, cue, cue_class, content", [
    ("Smith said that the talks had failed.", "Smith", "said", "neutral", "the talks had failed"),
    ("Smith said the talks had failed.", "Smith", "said", "neutral", "the talks had failed"),
    ("Anna Berg argued the plan would not work.", "Anna Berg", "argued", "evaluative", "the plan would not work"),
    ("Anna Berg warned that rates would rise.", "Anna Berg", "warned", "emotive", "rates would rise"),
    ("Smith told reporters the deal was dead.", "Smith", "told", "neutral", "the deal was dead"),
    ("Smith told reporters on Monday that the deal was dead.", "Smith", "told", "neutral", "the deal was dead"),
    ("The minister urged the world to stay calm.", "the minister", "urged", "directive", "the world to stay calm"),
    ("Anna Berg called for an inquiry into the deal.", "Anna Berg", "called for", "directive", "an inquiry into the deal"),
    ("Lavrov said on Thursday that NATO would not be tolerated.", "Sergey Lavrov", "said", "neutral",
     "NATO would not be tolerated"),
    ("Talks resumed on Monday, according to Reuters.", "Reuters", "according to", "neutral", "Talks resumed on Monday"),
    ("According to Reuters, talks resumed on Monday.", "Reuters", "According to", "neutral", "talks resumed on Monday"),
    ("Trump, who spoke in Ohio, said he would win.", "Donald Trump", "said", "neutral", "he would win"),
    ("Sen. Bernie Sanders (I-Vt.) said he would release his records.", "Bernie Sanders", "said", "neutral",
     "he would release his records"),
])
def test_reported_speech(text, speaker, cue, cue_class, content):
    q = only(quotes_of(text), "indirect")
    assert (q.speaker, q.cue, q.cue_class, q.text) == (speaker, cue, cue_class, content)
    span_ok(text, q)


def test_aside_gives_two_fragments_of_one_utterance():
    t = "Prices, the central bank said, will keep rising."
    qs = quotes_of(t)
    assert [(q.kind, q.text) for q in qs] == [("indirect", "Prices"), ("indirect", "will keep rising")]
    assert {q.speaker for q in qs} == {"the central bank"}
    assert qs[0].group_id == qs[1].group_id


def test_relative_clause_report():
    t = "Anna Berg attacked a law which she said was unconstitutional."
    q = only(quotes_of(t), "indirect")
    assert (q.speaker, q.text) == ("Anna Berg", "was unconstitutional")
    assert t[q.speaker_start:q.speaker_end] == "she"


def test_participle_cue_takes_the_sentence_subject():
    t = "Lavrov met Amir Khan Muttaqi on Thursday, urging the world to work with the Taliban."
    q = only(quotes_of(t), "indirect")
    assert (q.speaker, q.cue, q.cue_class, q.text) == ("Sergey Lavrov", "urging", "directive",
                                                        "the world to work with the Taliban")


def test_misspelled_cue_still_matches():
    t = "Lavrov met Muttaqi on Thursday, urgeing the world to work with the Taliban. Smith cliamed it failed."
    qs = quotes_of(t)
    a = only(qs, "indirect", "the world")
    assert (a.cue, a.cue_class) == ("urgeing", "directive")
    b = only(qs, "indirect", "it failed")
    assert (b.speaker, b.cue, b.cue_class) == ("Smith", "cliamed", "evaluative")


def test_noun_uses_of_cue_words_are_not_attributions():
    qs = quotes_of("The minister made his comment at a summit. Trump's claims were false. The says of old.")
    assert qs == []


# ---------------------------------------------------------------------------------------------
# scare quotes
# ---------------------------------------------------------------------------------------------

def test_scare_quote_in_narration():
    t = "The US invaded the country in 2001, as part of Washington's global 'war of terror', launched in 2001."
    q = only(quotes_of(t), "scare")
    assert (q.text, q.speaker, q.cue, q.speaker_start) == ("war of terror", None, None, None)


def test_titles_and_placards_are_scare_quotes():
    t = 'He wrote a book titled "The Art of the Deal" while protesters held a placard reading "No war".'
    qs = quotes_of(t)
    assert [(q.kind, q.text) for q in qs if q.kind != "indirect"] == [("scare", "The Art of the Deal"), ("scare", "No war")]


def test_short_quote_inside_reported_clause_is_partial_direct():
    t = 'He argued countries should consider the "high risks" for their own security.'
    qs = quotes_of("Tom Ellis spoke on Monday. " + t)
    q = only(qs, "direct")
    assert (q.text, q.speaker, q.cue) == ("high risks", "Tom Ellis", "argued")


# ---------------------------------------------------------------------------------------------
# speakers
# ---------------------------------------------------------------------------------------------

def test_full_name_with_title_is_canonicalised():
    t = "Russian Foreign Minister Sergey Lavrov said NATO must leave."
    q = only(quotes_of(t), "indirect")
    assert (q.speaker, q.camp) == ("Sergey Lavrov", "russia")
    assert t[q.speaker_start:q.speaker_end] == "Russian Foreign Minister Sergey Lavrov"


def test_verb_first_inversion_with_title():
    t = '"We are ready," said party spokesman Tom Ellis.'
    q = only(quotes_of(t), "direct")
    assert q.speaker == "Tom Ellis"
    assert t[q.speaker_start:q.speaker_end] == "party spokesman Tom Ellis"


def test_surname_maps_to_full_name_introduced_earlier():
    t = "Tom Ellis, a lawyer, spoke first. Later Ellis said the deal was dead."
    q = only(quotes_of(t), "indirect")
    assert q.speaker == "Tom Ellis"
    assert t[q.speaker_start:q.speaker_end] == "Ellis"


def test_pronouns_follow_gender_when_two_people_alternate():
    t = ("Anna Berg met Tom Ellis on Monday. She said the economy was weak. He said it was strong. "
         "She added that rates would rise.")
    qs = [q for q in quotes_of(t) if q.kind == "indirect"]
    assert [(q.speaker, t[q.speaker_start:q.speaker_end]) for q in qs] == [
        ("Anna Berg", "She"), ("Tom Ellis", "He"), ("Anna Berg", "She")]


def test_gender_from_courtesy_title():
    t = "Ms. Jo Reed and Mr. Sam Lake met. Mr. Lake said he was pleased. She said she was not."
    qs = [q for q in quotes_of(t) if q.kind == "indirect"]
    assert [q.speaker for q in qs] == ["Sam Lake", "Jo Reed"]


def test_definite_description_resolves_to_the_person_it_describes():
    t = ("Defence Minister Anna Berg met economist Tom Ellis. The minister said rates would rise. "
         "The economist said they would not.")
    qs = [q for q in quotes_of(t) if q.kind == "indirect"]
    assert [(q.speaker, t[q.speaker_start:q.speaker_end]) for q in qs] == [
        ("Anna Berg", "The minister"), ("Tom Ellis", "The economist")]


def test_definite_description_falls_back_to_most_recent_person():
    t = "Foreign Minister Sergey Lavrov arrived in China. The Russian official said the talks went well."
    q = only(quotes_of(t), "indirect")
    assert q.speaker == "Sergey Lavrov"
    assert t[q.speaker_start:q.speaker_end] == "The Russian official"


def test_organisation_with_descriptor_noun():
    t = "Many were left behind, according to the Association of Wartime Allies lobby group."
    q = only(quotes_of(t), "indirect")
    assert (q.speaker, q.camp, q.text) == ("Association of Wartime Allies", "civil_society", "Many were left behind")
    assert t[q.speaker_start:q.speaker_end] == "the Association of Wartime Allies lobby group"


def test_appositive_names_after_role():
    t = "Facebook created the tool, a spokeswoman, Anna Richardson White, said on Saturday."
    q = only(quotes_of(t), "indirect")
    assert (q.speaker, q.text) == ("Anna Richardson White", "Facebook created the tool")


@pytest.mark.parametrize("text, speaker", [
    ("Critics say the plan is flawed.", "critics"),
    ("People close to the negotiations said a deal was near.", "people close to the negotiations"),
    ("Three diplomats said the talks had stalled.", "three diplomats"),
    ("Officials familiar with the talks said nothing was agreed.", "officials familiar with the talks"),
    ("A source said it was over.", "a source"),
])
def test_vague_sources(text, speaker):
    q = only(quotes_of(text), "indirect")
    assert (q.speaker, q.vague, q.camp) == (speaker, True, None)


def test_unknown_speaker_has_no_camp():
    q = only(quotes_of("Jo Reed said the vote was rigged."), "indirect")
    assert (q.speaker, q.camp, q.vague) == ("Jo Reed", None, False)


def test_custom_actor_table_changes_camp():
    extra = pd.DataFrame([{"alias": "Jo Reed", "actor": "Jo Reed", "camp": "greens", "kind": "person",
                           "gender": "f", "source": "test"}])
    actors = ActorTable.default().merge(ActorTable.from_frame(extra))
    q = only(quotes_of("Jo Reed said the vote was rigged.", actors=actors), "indirect")
    assert q.camp == "greens"


@pytest.mark.parametrize("text, expected", [
    # the next sentence's quote goes on with the speaker of an inverted attribution too
    ('"This has taken us aback," said Linda Hudson, the mayor. "This could be anywhere."',
     [("This has taken us aback,", "Linda Hudson", "said"), ("This could be anywhere.", "Linda Hudson", "said")]),
    # ... unless it has an attribution of its own
    ('"It is over," said Smith. "We lost," said Jones.',
     [("It is over,", "Smith", "said"), ("We lost,", "Jones", "said")]),
    # a short quote that is a whole sentence goes on with the previous speaker, without a cue
    ("Linda Hudson, the mayor, said the city was shocked. \"This could be anywhere.\"",
     [("This could be anywhere.", "Linda Hudson", None)]),
])
def test_a_quote_after_an_inverted_attribution_continues_its_speaker(text, expected):
    assert [(q.text, q.speaker, q.cue) for q in quotes_of(text) if q.kind == "direct"] == expected


@pytest.mark.parametrize("text, speaker", [
    # a past-tense verb ends the subject's noun phrase; a participle before a noun does not
    ('The campaign shrugged off the comments, telling reporters, "Nobody asked."', "the campaign"),
    ("The elected officials said the plan failed.", "the elected officials"),
])
def test_the_subject_noun_phrase_stops_at_its_verb(text, speaker):
    assert {q.speaker for q in quotes_of(text)} == {speaker}


@pytest.mark.parametrize("text, speaker, cue", [
    ('After the debate, Hillary Clinton shot back, "I could have stayed home and baked cookies."',
     "Hillary Clinton", "shot back"),
    # "Here in Columbia," opens the sentence; the subject comes after it
    ('Here in Columbia, Sanders stepped up his emphasis on justice, saying, "We have got to do better."',
     "Bernie Sanders", "saying"),
])
def test_direct_quote_speaker_and_cue(text, speaker, cue):
    q = only(quotes_of(text), "direct")
    assert (q.speaker, q.cue) == (speaker, cue)


@pytest.mark.parametrize("text, speaker, camp", [
    ("Rep. Jo Reed (D-Tenn.) said the vote was rigged.", "Jo Reed", "us_democrat"),
    ("Sen. Jo Reed, R-Ky., said the vote was rigged.", "Jo Reed", "us_republican"),
    ("Representative Jo Reed, Democrat of Tennessee, said the vote was rigged.", "Jo Reed", "us_democrat"),
    ("Democratic Rep. Jo Reed said the vote was rigged.", "Jo Reed", "us_democrat"),
    ("GOP strategist Jo Reed said the vote was rigged. Reed added that the count was wrong.", "Jo Reed", "us_republican"),
    # a party word that does not describe the speaker
    ("Democratic voters like Jo Reed said the vote was rigged.", "Jo Reed", None),
])
def test_a_party_marker_gives_an_unknown_politician_the_party_camp(text, speaker, camp):
    qs = [q for q in quotes_of(text) if q.kind == "indirect"]
    assert qs and all((q.speaker, q.camp) == (speaker, camp) for q in qs)


def test_party_camps_come_from_the_actor_table():
    # without "Democratic Party" in the table, "(D-Tenn.)" gives no camp
    frame = ActorTable.default().to_frame()
    actors = ActorTable.from_frame(frame[frame["actor"] != "Democratic Party"])
    q = only(quotes_of("Rep. Jo Reed (D-Tenn.) said the vote was rigged.", actors=actors), "indirect")
    assert (q.speaker, q.camp) == ("Jo Reed", None)


def test_party_and_state_appositives_keep_the_speaker():
    # AP style ", R-Ky.," and NYT style ", Democrat of Tennessee," used to hide the name before them
    q = only(quotes_of('"That was a good speech," Representative Jo Reed, Democrat of Tennessee, told Mr. Obama.'))
    assert (q.kind, q.speaker, q.text) == ("direct", "Jo Reed", "That was a good speech,")
    q = only(quotes_of("Sen. Jo Reed, R-Ky., chairman of the panel, told reporters that the bill was dead."))
    assert (q.speaker, q.text) == ("Jo Reed", "the bill was dead")



# ---------------------------------------------------------------------------------------------
# speakers outside the actor table, and phrases that are not speakers
# ---------------------------------------------------------------------------------------------

def test_surname_of_a_person_outside_the_actor_table():
    t = ("\u201cThe border must stay open,\u201d said Maren Holt, senior researcher at a rights group. "
         "Holt said that visas were needed. She added that the talks had failed.")
    qs = quotes_of(t)
    assert {q.speaker for q in qs} == {"Maren Holt"}
    q = only(qs, "indirect", "visas")
    assert (t[q.speaker_start:q.speaker_end], q.cue, q.text) == ("Holt", "said", "visas were needed")
    q = only(qs, "indirect", "talks")
    assert (t[q.speaker_start:q.speaker_end], q.cue) == ("She", "added")


def test_family_name_first_resolves_to_the_full_name():
    t = ("\u201cTrade needs roads,\u201d said Professor Zhao Minfeng of the Institute of Asian Affairs. "
         "\u201cBases bring no trade,\u201d Zhao said.")
    qs = [q for q in quotes_of(t) if q.kind == "direct"]
    assert [(q.speaker, t[q.speaker_start:q.speaker_end]) for q in qs] == [
        ("Zhao Minfeng", "Professor Zhao Minfeng"), ("Zhao Minfeng", "Zhao")]


@pytest.mark.parametrize("text, speaker", [
    ("Florida Gov. Rick Scott said the storm had passed.", "Rick Scott"),
    ("Christine Todd Whitman said the storm had passed.", "Christine Todd Whitman"),
])
def test_name_starts_at_the_given_name_only_after_title_words(text, speaker):
    assert only(quotes_of(text), "indirect").speaker == speaker


def test_pronoun_after_a_named_speaker_of_unknown_kind():
    t = "Ilse Varga said the plan was cruel. She added that it would fail."
    qs = quotes_of(t)
    assert [(q.speaker, t[q.speaker_start:q.speaker_end]) for q in qs] == [("Ilse Varga", "Ilse Varga"),
                                                                          ("Ilse Varga", "She")]


def test_pronoun_after_an_unnamed_person_and_after_a_long_quote():
    t = ("Tom Ellis said the army was ready.\n\n"
         "\u201cThe border is calm,\u201d a senior officer told reporters. He said that militants were still active.")
    q = only(quotes_of(t), "indirect", "militants")
    assert (q.speaker, q.vague, t[q.speaker_start:q.speaker_end]) == ("a senior officer", True, "He")
    t = ("Ilse Varga said the talks failed.\n\nLena Osei, a teacher in Accra, spoke to the paper by phone.\n\n"
         "\u201cMy students were sent home crying.\n\n\u201cNobody talked about them,\u201d she said.")
    q = only(quotes_of(t), "direct", "My students")
    assert (q.speaker, t[q.speaker_start:q.speaker_end]) == ("Lena Osei", "she")


def test_relative_that_is_not_part_of_the_speaker():
    t = "He made a threat that critics said was reckless."
    q = only(quotes_of(t), "indirect")
    assert (q.speaker, q.vague, t[q.speaker_start:q.speaker_end], q.text) == ("critics", True, "critics", "was reckless")


def test_here_was_inverts_the_subject_of_a_participle():
    t = ("Anna Berg spoke in Oslo. Here was the finance minister of a country in crisis, standing at a podium "
         "and declaring that the worst was over.")
    q = only(quotes_of(t), "indirect")
    assert (q.speaker, q.cue, q.text) == ("Anna Berg", "declaring", "the worst was over")
    assert t[q.speaker_start:q.speaker_end] == "the finance minister of a country"


def test_cue_after_verb_and_particle():
    t = "\u201cWe will not yield,\u201d Tom Ellis insisted. He went on to assert that \u201cthe treaty is dead.\u201d"
    q = only(quotes_of(t), "direct", "treaty")
    assert (q.speaker, q.cue, t[q.speaker_start:q.speaker_end]) == ("Tom Ellis", "assert", "He")


def test_as_x_put_it_introduces_a_quote():
    t = "As one European diplomat put it to me last year, \u201cMoscow only discovers sovereignty when it suits it.\u201d"
    qs = quotes_of(t)
    q = only(qs, "direct")
    assert (q.speaker, q.vague, q.cue, q.cue_class) == ("one European diplomat", True, "put it", "neutral")
    assert [x.kind for x in qs] == ["direct"]  # "to me last year" is not what was said


def test_one_of_them_is_a_vague_speaker_of_both_fragments():
    t = ("Regional diplomats said a reply was unlikely. "
         "'Nobody here wants a fight,' one of them said, 'and nobody wants to lose either.'")
    qs = [q for q in quotes_of(t) if q.kind == "direct"]
    assert [(q.speaker, q.vague, q.cue) for q in qs] == [("one of them", True, "said")] * 2
    assert qs[0].group_id == qs[1].group_id


@pytest.mark.parametrize("text, speaker, mention", [
    ('"This is about a line," one Western diplomat who attended meetings in Oslo said.',
     "one Western diplomat", "one Western diplomat who attended meetings in Oslo"),
    ("Officials in Washington said the plan was dead.", "officials", "Officials in Washington"),
    ("People who voted for the mayor say they are angry.", "people", "People who voted for the mayor"),
    ("The meeting in Oslo showed that the region can solve its problems.", "the meeting", "The meeting in Oslo"),
    ("While ministers meeting in the city of Oslo on Monday argued that bases were needed, the bank said rates would rise.",
     "ministers", "ministers meeting in the city of Oslo"),
    ("Lena Osei, a member of a women's network in Accra who asked to be identified by a pseudonym, spoke to us.",
     "Lena Osei", "Lena Osei, a member of a women's network in Accra"),
    ("Anna Berg, who met Tom Ellis, on Monday, urged the bank to act.", "Anna Berg", "Anna Berg, who met Tom Ellis, on Monday"),
])
def test_place_or_object_inside_the_subject_is_not_the_speaker(text, speaker, mention):
    q = quotes_of(text)[0]
    assert (q.speaker, text[q.speaker_start:q.speaker_end]) == (speaker, mention)


@pytest.mark.parametrize("text", [
    "The Taliban reversed the decision, a move criticised by the United Nations.",
    "They kept schools closed, a reversal announced on 23 March, the day classes were due to resume.",
])
def test_participle_after_a_summary_noun_is_not_an_attribution(text):
    assert [q for q in quotes_of(text) if q.speaker in ("a move", "a reversal")] == []


@pytest.mark.parametrize("text, speaker, vague, camp", [
    ('"The banks are frozen," said the country director of one aid group, who asked not to be named.',
     "the country director of one aid group", True, None),
    ("One so-called expert at a Washington think tank even claimed that Russia was bullying its neighbours.",
     "one so-called expert at a Washington think tank", True, None),
    ("Aid agencies warned that the country was sliding into a catastrophe.", "Aid agencies", True, None),
    ("Some rights groups argue that the plan hurts refugees.", "some rights groups", True, None),
    ("It is a small amount of information that investigators said they found.", "investigators", True, None),
    ("In January the UN Secretary-General reported that the world body had received allegations.",
     "UN Secretary-General", False, "international_org"),
])
def test_unnamed_speakers_and_titles(text, speaker, vague, camp):
    qs = [q for q in quotes_of(text) if q.kind != "scare"]
    assert {(q.speaker, q.vague, q.camp) for q in qs} == {(speaker, vague, camp)}


# ---------------------------------------------------------------------------------------------
# the seed article
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed():
    return parse(seed_text())


def test_seed_every_direct_quote_is_lavrovs(seed):
    direct = [q for q in seed.quotes if q.kind == "direct"]
    assert len(direct) >= 5
    assert {q.speaker for q in direct} == {"Sergey Lavrov"}
    cw = only(direct, contains="'collective West'")
    assert cw.text.startswith("The 'collective West' bears direct responsibility")
    assert cw.text.endswith("stabilizing the situation.")
    assert {"extreme caution", "high risks"} <= {q.text for q in direct}


@pytest.mark.parametrize("mention, cue, start", [
    ("He", "added", "the existence of Western military sites"),
    ("The Russian official", "called for", '"extreme caution" regarding'),
    ("He", "argued", "countries should consider"),
])
def test_seed_indirect_quotes_resolve_to_lavrov(seed, mention, cue, start):
    q = only([q for q in seed.quotes if q.kind == "indirect" and q.cue == cue and q.text.startswith(start)])
    assert q.speaker == "Sergey Lavrov"
    assert seed.text[q.speaker_start:q.speaker_end] == mention


def test_seed_78000_attributed_to_the_lobby_group(seed):
    q = only(seed.quotes, "indirect", "78,000")
    assert (q.speaker, q.cue, q.camp) == ("Association of Wartime Allies", "according to", "civil_society")
    assert q.text.startswith("around 78,000 Afghans") and q.text.endswith("were left behind")


def test_seed_war_of_terror_is_a_scare_quote_in_the_narrators_voice(seed):
    q = only(seed.quotes, "scare")
    assert (q.text, q.speaker) == ("war of terror", None)
    assert seed.voice_of_span(q.start, q.end).voice == "scare_quote"
    assert seed.voice_at(q.start - 12).voice == "narrator"


def test_seed_caption_lines_have_no_quotes(seed):
    caption_end = max(e for s, e in seed.captions)
    assert seed.text[:caption_end].startswith("Chuck Hagel")
    assert all(q.start >= caption_end for q in seed.quotes)


def test_seed_urgeing_is_a_directive_report_by_lavrov(seed):
    q = only(seed.quotes, "indirect", "the world to work more closely with the Taliban")
    assert (q.speaker, q.cue, q.cue_class) == ("Sergey Lavrov", "urgeing", "directive")
    assert q.text == "the world to work more closely with the Taliban"


def test_seed_first_sentence(seed):
    q = seed.quotes[0]
    assert (q.kind, q.speaker, q.cue) == ("indirect", "Sergey Lavrov", "said")
    assert q.text.startswith("any NATO military presence") and q.text.endswith("tolerated by Moscow")
    assert seed.text[q.speaker_start:q.speaker_end] == "Russian Foreign Minister Sergey Lavrov"


# ---------------------------------------------------------------------------------------------
# tables, API and robustness
# ---------------------------------------------------------------------------------------------

def test_quotes_frame_columns_and_voice_spans(seed):
    df = quotes_frame(seed.quotes)
    assert list(df.columns[:12]) == ["quote_id", "kind", "start", "end", "text", "speaker", "speaker_start",
                                     "speaker_end", "cue", "cue_class", "camp", "vague"]
    assert df["quote_id"].tolist() == list(range(len(df)))
    assert (df["start"].diff().dropna() >= 0).all()
    voices = {v for _, _, v, _ in voice_spans(seed.quotes)}
    assert voices == {"quoted", "paraphrase", "scare_quote"}


def test_find_quotes_accepts_tables_as_frames():
    doc = parse("Smith said it was over.", quotes=False)
    qs = find_quotes(doc, actors=ActorTable.default().to_frame(), cues=CueTable.default().to_frame())
    assert [(q.kind, q.speaker) for q in qs] == [("indirect", "Smith")]
    with pytest.raises(TypeError):
        find_quotes(doc, actors="nope")


def test_cue_table_user_extension():
    extra = pd.DataFrame([{"cue": "harrumphed", "lemma": "harrumph", "cue_class": "emotive", "source": "test"}])
    cues = CueTable.default().merge(CueTable.from_frame(extra))
    q = only(quotes_of("Smith harrumphed that it was over.", cues=cues), "indirect")
    assert (q.cue, q.cue_class) == ("harrumphed", "emotive")


def test_cue_table_errors_name_file_and_line(tmp_path):
    p = tmp_path / "cues.csv"
    p.write_text("cue,lemma,cue_class,source\nsaid,say,neutral,x\nsays,say,Bad Class,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cues\.csv:3: cue_class"):
        CueTable.from_csv(p)
    p.write_text("cue,lemma,cue_class,source\nsaid,say,neutral,x\nSaid,say,neutral,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cues\.csv:3: duplicate cue 'Said'.*cues\.csv:2"):
        CueTable.from_csv(p)
    p.write_text("cue,cue_class\nsaid,neutral\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing column"):
        CueTable.from_csv(p)
    with pytest.raises(FileNotFoundError):
        CueTable.from_csv(tmp_path / "nope.csv")


def test_actor_table_errors_name_file_and_line(tmp_path):
    p = tmp_path / "actors.csv"
    p.write_text("alias,actor,camp,kind,gender,source\nBerg,Anna Berg,x,person,q,src\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"actors\.csv:2: gender"):
        ActorTable.from_csv(p)
    p.write_text("alias,actor,camp,kind,gender,source\nBerg,Anna Berg,x,person,f,s\nAnna Berg,Anna Berg,y,person,f,s\n",
                 encoding="utf-8")
    with pytest.raises(ValueError, match=r"actors\.csv:3: actor 'Anna Berg'.*actors\.csv:2"):
        ActorTable.from_csv(p)
    p.write_text("alias,pattern_type,actor,camp,kind,gender,source\n(unclosed,regex,X,,group,,s\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"actors\.csv:2: invalid regex"):
        ActorTable.from_csv(p)


def test_actor_find_is_case_sensitive_for_acronyms():
    df = ActorTable.default().find("Tell us about the US and the west of the West.")
    assert df["mention"].tolist() == ["US", "the West"]


def test_actor_table_cells_left_empty_are_none():
    table = ActorTable.default()
    assert table.info("Washington Post").camp is None and table.info("Russia").gender is None
    assert "russia" in table.camps and all(isinstance(c, str) for c in table.camps)


def test_corpus_actor_extension_uses_default_camps_and_gives_synthetic_speakers_camps():
    extension = ActorTable.from_csv(ROOT / "corpus" / "actors.csv")
    assert set(extension.camps) <= set(ActorTable.default().camps)
    actors = ActorTable.default().merge(extension)
    t = ("\u201cFraming refugees as a threat is wrong,\u201d said Helena Marsh, senior Afghanistan researcher at "
         "Frontline Rights Monitor. Marsh said that visas were needed. Lavrov said they were not.")
    qs = [q for q in quotes_of(t, actors=actors) if q.kind != "scare"]
    assert [(q.speaker, q.camp) for q in qs] == [("Helena Marsh", "ngo"), ("Helena Marsh", "ngo"),
                                                 ("Sergey Lavrov", "russia")]


def test_notebook_and_command_line_actor_files_extend_the_shipped_table(tmp_path, capsys):
    from analysis.cli import main
    from analysis.report import setup_notebook

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Jo Reed said the vote was rigged. Lavrov said it was not.",
                                               encoding="utf-8")
    (tmp_path / "extra.csv").write_text("alias,actor,camp,kind,gender,source\nJo Reed,Jo Reed,ngo,person,f,test\n",
                                        encoding="utf-8")
    ctx = setup_notebook(tmp_path / "corpus", tmp_path / "nb", actors_path=tmp_path / "extra.csv")
    assert ctx.actors.resolve("Jo Reed") == ("Jo Reed", "ngo")
    assert ctx.actors.resolve("Sergey Lavrov") == ("Sergey Lavrov", "russia")
    code = main(["score", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--quiet",
                 "--actors", str(tmp_path / "extra.csv")])
    assert code == 0, capsys.readouterr().err
    sources = pd.read_csv(tmp_path / "out" / "sources.csv")
    assert sorted(zip(sources["speaker"], sources["camp"])) == [("Jo Reed", "ngo"), ("Sergey Lavrov", "russia")]


ALPHABET = st.sampled_from(list("ab Z.,;:!?'\"\u201c\u201d\u2018\u2019-\u2014\n\r\t\u200b\u00e9\u4e2d()")
                           + [" said ", " he ", " according to ", "Lavrov", " The ", "''", "\r\n", "\n\n"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_arbitrary_text_never_raises_and_spans_nest(text):
    doc = parse(text)
    qs = doc.quotes
    for q in qs:
        span_ok(text, q)
        assert q.kind in ("direct", "indirect", "scare")
    marks = sorted((q.start, q.end) for q in qs if q.kind != "indirect")
    for (s1, e1), (s2, e2) in zip(marks, marks[1:]):
        assert e1 <= s2 or e2 <= e1  # direct/scare quotes are disjoint or nested
    for a in qs:
        for b in qs:
            if a is not b and a.start < b.start < a.end < b.end:
                pytest.fail(f"partial overlap {a} {b}")


def test_throughput_and_unicode_noise():
    base = seed_text().replace("\n", "\r\n") + "\u200b \ufeff\u00a0\U0001f600 \"unclosed '\n\n"
    text = base * 200  # ~0.5 MB
    t0 = time.perf_counter()
    doc = parse(text)
    secs = time.perf_counter() - t0
    assert len([q for q in doc.quotes if q.kind == "scare"]) >= 200
    assert secs < 20, secs


def test_stated_is_a_neutral_reporting_verb():
    doc = parse('"We will respond," the ministry stated. Officials stated that talks would go on.')
    got = [(q.kind, q.speaker, q.cue, q.cue_class, q.text) for q in doc.quotes]
    assert got == [
        ("direct", "the ministry", "stated", "neutral", "We will respond,"),
        ("indirect", "officials", "stated", "neutral", "talks would go on"),
    ]


def _quotes_of(text):
    doc = parse(text)
    return [(q.kind, q.speaker, q.cue, text[q.start:q.end]) for q in doc.quotes]


def test_according_to_after_a_source_name_takes_the_clause_before_not_the_words_after():
    text = ("The pilots were later flown on to a third country, according to officials in Tashkent.")
    got = _quotes_of(text)
    assert got == [("indirect", "officials", "according to", "The pilots were later flown on to a third country")]


@pytest.mark.parametrize("text, speaker, content", [
    # the words right after the source's name still describe the source
    ("According to the FBI summary, Mills and another aide asked for the emails to be deleted.",
     "FBI", "Mills and another aide asked for the emails to be deleted"),
    ("The plant closed in March, according to a transcript of the hearing.",
     "a transcript", "The plant closed in March"),
    ("Prices rose 5 percent, according to a CBS poll released Monday.", "CBS", "Prices rose 5 percent"),
    # so do an appositive naming the source's role and a relative clause
    ("According to Andy Smith, director of the survey center, independents often decide late.",
     "Andy Smith", "independents often decide late"),
    ("Credit scores may suffer, according to Jason Delisle, who advised the Bush campaign.",
     "Jason Delisle", "Credit scores may suffer"),
    # a clause with a role noun as its subject is what was reported, not an appositive
    ("According to the Post, campaign officials looked into what the consequences would be if he quit.",
     "Post", "campaign officials looked into what the consequences would be if he quit"),
])
def test_according_to_reports_what_follows_the_whole_source(text, speaker, content):
    got = [(q.speaker, text[q.start:q.end]) for q in quotes_of(text) if q.cue.lower() == "according to"]
    assert got == [(speaker, content)]


@pytest.mark.parametrize("text, content", [
    # what someone answers, or how, is not what they said: no source is heard here
    ("The campaign did not respond to a request for comment.", None),
    ("Apple did not immediately respond to requests for comment on Friday.", None),
    ("Its negotiators responded by issuing new demands.", None),
    ("The senator replied quickly to the letter.", None),
    # an answer with content
    ("She responded that the plan was dead.", "the plan was dead"),
    ('He responded to the report by tweeting: "Fake news."', 'to the report by tweeting: "Fake news."'),
])
def test_respond_and_reply_report_only_an_answer_with_content(text, content):
    got = [text[q.start:q.end] for q in quotes_of(text) if q.kind == "indirect"]
    assert got == ([content] if content else [])


@pytest.mark.parametrize("text, expected", [
    # a verb that takes a noun phrase ends its relative clause: what follows is the narrator's
    ("The plan he praised was bold.", []),
    ("The policy Smith criticized remains in place.", []),
    ('The "reforms" she touted have stalled.', [("direct", "reforms")]),
    ("Smith criticized the plan as reckless.", [("indirect", "the plan as reckless")]),
    # a verb that takes a clause reports it, up to the comma that closes the relative clause
    ("The deal, which he claimed was rigged, collapsed.", [("indirect", "was rigged")]),
    ("He backed the bill, which he said would cut taxes.", [("indirect", "would cut taxes")]),
])
def test_relative_clauses_around_a_cue(text, expected):
    assert [(q.kind, text[q.start:q.end]) for q in quotes_of(text)] == expected


def test_according_to_never_reports_the_earlier_speaker_and_verb():
    # corpus/005: the lobby group's figure is the last clause; Marsh's own clause stays hers
    text = ("Helena Marsh said aid was late. She added that the responsibility for the collapse was shared, and "
            "pointed to the roughly 78,000 Afghans who were left behind, according to the Association of Wartime Allies.")
    got = _quotes_of(text)
    assert ("indirect", "Helena Marsh", "added",
            "the responsibility for the collapse was shared, and pointed to the roughly 78,000 Afghans who were "
            "left behind") in got
    assert ("indirect", "Association of Wartime Allies", "according to",
            "pointed to the roughly 78,000 Afghans who were left behind") in got
    assert not any(speaker == "Association of Wartime Allies" and "added" in span for _, speaker, _, span in got)


def test_one_clause_reported_by_two_named_sources_keeps_both():
    text = "Helena Marsh spoke first. Marsh added that 78,000 Afghans were left behind, according to the Association of Wartime Allies."
    got = _quotes_of(text)
    assert ("indirect", "Helena Marsh", "added", "78,000 Afghans were left behind") in got
    assert ("indirect", "Association of Wartime Allies", "according to", "78,000 Afghans were left behind") in got


@pytest.mark.parametrize("text, content", [
    ('"No war for oil," a protester shouted outside the embassy.', None),
    ('"We will win," the minister said at a rally, where crowds cheered.', None),
    ("The ministers argued over bases.", None),
    ("The minister said in Moscow that the army was ready.", "the army was ready"),
    ("The minister said the army was ready.", "the army was ready"),
])
def test_a_place_or_time_phrase_after_the_cue_is_not_what_was_said(text, content):
    got = [text[q.start:q.end] for q in quotes_of(text) if q.kind == "indirect"]
    assert got == ([content] if content else [])


@pytest.mark.parametrize("text, content", [
    # the quote before the cue is what was said; what follows the cue is circumstance
    ('"Donald Trump is a fraud," Perez said Sunday on NBC\'s Meet the Press.', None),
    ('"It\'s fine," Trump said of waterboarding.', None),
    ('"What kind of people do I have here?" Trump asked, looking far from displeased.', None),
    ('"We are going to win this election," Clinton told reporters as she left the meeting.', None),
    ('"I never said that," Trump said, after the debate had ended.', None),
    ('"I had a bad earpiece," Trump told NBC\'s "Today" on Monday.', None),  # a title is no quote of his
    # ... unless the sentence goes on with what was said
    ('"Only you, Dinesh," she said, would use the occasion to praise the country.',
     "would use the occasion to praise the country"),
    ('"It\'s our bad luck," he said, that both men had links to the mosque.', "both men had links to the mosque"),
    ('"I was wrong," he admitted he had misjudged the vote.', "he had misjudged the vote"),
    ('"This is the lie," Rubio said: that Cruz is more conservative than everyone else.',
     "that Cruz is more conservative than everyone else"),
])
def test_after_a_quote_the_words_after_the_cue_are_said_only_when_the_sentence_goes_on(text, content):
    qs = quotes_of(text)
    assert qs[0].kind == "direct" and text[qs[0].start - 1] == '"'  # the quote is what was said
    got = [text[q.start:q.end] for q in qs if q.kind == "indirect"]
    assert got == ([content] if content else [])


@pytest.mark.parametrize("text, speaker, mention", [
    ("Her advisers and allies say she will spend the coming weeks on the road.",
     "her advisers and allies", "Her advisers and allies"),
    ("They and their supporters argue that the tax will lower premiums.",
     "they and their supporters", "They and their supporters"),
    ("Analysts and diplomats said the talks went well.", "analysts and diplomats", "Analysts and diplomats"),
    # an object before "and" is not part of the subject
    ("Smith met analysts and diplomats said the talks went well.", "diplomats", "diplomats"),
    # one person with two titles stays that person
    ("The Ukrainian journalist and Radio Liberty commentator Vitaly Portnikov argued that Putin was pushed.",
     "Vitaly Portnikov", "The Ukrainian journalist and Radio Liberty commentator Vitaly Portnikov"),
])
def test_coordinated_subjects_speak_together(text, speaker, mention):
    q = [q for q in quotes_of(text) if q.kind == "indirect"][0]
    assert (q.speaker, text[q.speaker_start:q.speaker_end]) == (speaker, mention)
    if speaker[0].islower():
        assert q.vague


@pytest.mark.parametrize("text, speaker", [
    # a share of a group (survey respondents)
    ("More than six in 10 said they were not looking forward to the campaign.", "more than six in 10"),
    ("The poll came out on Monday. More than six in 10 said they were tired.", "more than six in 10"),
    ("Last month, 26 percent said the same.", "26 percent"),
    ("Nearly half of respondents said they would vote.", "nearly half of respondents"),
    ("A majority of those polled also said the plan should change.", "a majority of those polled"),
    ("The poll found 60 percent approval, with 50 percent saying she is prepared.", "50 percent"),
    ("Three-fourths say the government should require cameras.", "three-fourths"),
    # a plural without determiner opening its clause
    ("But hacking specialists say the most harmful information might not even be genuine.", "hacking specialists"),
    ("Gas prices rose, and economists said inflation would follow.", "economists"),
])
def test_shares_and_plural_groups_are_unnamed_sources(text, speaker):
    q = [q for q in quotes_of(text) if q.kind == "indirect"][-1]
    assert (q.speaker, q.vague, q.camp) == (speaker, True, None)


def test_a_figure_in_the_reported_clause_is_not_a_source():
    text = "Prices rose 5 percent, the bank said. He won 60 percent and said the result was clear."
    assert [q.speaker for q in quotes_of(text)] == ["the bank", None]


@pytest.mark.parametrize("text", [
    "The drug, sometimes dubbed a miracle, failed.",
    "The report, perhaps indicating a shift, was withdrawn.",
])
def test_adverbs_ending_in_s_are_not_groups(text):
    assert [q.speaker for q in quotes_of(text) if q.kind != "scare"] == []


@pytest.mark.parametrize("text, speakers", [
    ('People were holding signs. Holding signs calling Christie a loser, the protesters chanted "Bad for New Jersey."',
     ["the protesters"]),
    ("Chelsea Manning spoke. Manning said the leaks were necessary.", ["Chelsea Manning"]),
])
def test_a_sentence_opening_participle_is_not_a_name(text, speakers):
    got = [q.speaker for q in quotes_of(text) if q.kind != "scare"]
    assert got == speakers and "Holding" not in got


@pytest.mark.parametrize("text, kind, speaker, content", [
    # an attribution that reports nothing else takes the quote before it, even after a full stop
    ('"We won." Smith said.', "direct", "Smith", "We won."),
    ('"We won." said Smith.', "direct", "Smith", "We won."),
    # a pronoun coordinated with a name: the mention covers both, the name speaks
    ("It is not only about big audiences, he and Mr. Allen said.", "indirect", "Allen",
     "It is not only about big audiences"),
])
def test_attribution_edge_cases(text, kind, speaker, content):
    q = quotes_of(text)[0]
    assert (q.kind, q.speaker, text[q.start:q.end]) == (kind, speaker, content)


def test_a_quote_that_ends_its_sentence_is_not_taken_by_a_new_report():
    text = '"We won." He said the team played well.'
    assert [(q.kind, q.cue) for q in quotes_of(text)] == [("direct", None), ("indirect", "said")]


@pytest.mark.parametrize("text, speaker", [
    ("Robert F. Kennedy Jr., the candidate, said the meeting was fine.", "Robert F. Kennedy Jr."),
    ("Martin Luther King Jr., who led the march, said the struggle was not over.", "Martin Luther King Jr."),
    ("Acme Inc., the maker of the widgets, said profits fell.", "Acme Inc."),
])
def test_a_name_suffix_before_an_appositive_keeps_the_speaker(text, speaker):
    # the full stop of "Jr.," used to end the sentence for the subject walk: no row at all
    assert [(q.speaker, q.cue) for q in quotes_of(text) if q.kind == "indirect"] == [(speaker, "said")]


@pytest.mark.parametrize("text, speaker, camp", [
    ("Piet Jansen, a NATO spokesman, said the war was wrong.", "Piet Jansen", "west"),
    ("Piet Jansen, chairman of NATO, said the war was wrong.", "Piet Jansen", "west"),
    ("RNC chairman Michael Steele said the war was wrong.", "Michael Steele", "us_republican"),
    ("Michael Steele, chairman of the Republican National Committee, said the war was wrong.",
     "Michael Steele", "us_republican"),
    ("DNC chairwoman Debbie Wasserman Schultz said the plan failed.", "Debbie Wasserman Schultz", "us_democrat"),
    ("Michael Steele, chairman of the Republican National Committee, spoke. Steele said the war was wrong.",
     "Michael Steele", "us_republican"),
    # "Western" is an adjective, not the West: no camp from it
    ("Western Union spokesman Piet Jansen said the war was wrong.", "Piet Jansen", None),
    ("Piet Jansen, a Western Union spokesman, said the war was wrong.", "Piet Jansen", None),
    # an actor that names a place, ends a longer name or stands before another person's possessive gives none
    ("Bradley Moss, a security lawyer in Washington, said the rule was broken.", "Bradley Moss", None),
    ("Stuart Gaffney, a board member of Marriage Equality USA, said the bill would pass.", "Stuart Gaffney", None),
    ("Paul Manafort, U.S. President Donald Trump's former campaign chairman, said it was wrong.", "Paul Manafort", None),
    ("Michael McFaul, an ambassador to Moscow under President Barack Obama, said it was wrong.", "Michael McFaul", None),
    ("Ben Wikler, the Washington director of MoveOn, said it was wrong.", "Ben Wikler", None),
    ("Mr. Blumenthal, a Democrat now running for the United States Senate, said it was wrong.", "Blumenthal", None),
    ("Michael Anton, a former spokesman for Mr. Trump's National Security Council, said it was wrong.",
     "Michael Anton", None),
])
def test_the_camp_comes_from_an_actor_named_in_the_speakers_role(text, speaker, camp):
    # the appositive role and the party organisations (kind "group") gave no camp before
    assert [(q.speaker, q.camp) for q in quotes_of(text) if q.kind == "indirect" and q.cue == "said"] == [(speaker, camp)]


@pytest.mark.parametrize("text, speaker, camp", [
    ("Peter King, R-N.Y., who chairs the committee, said the plan failed.", "Peter King", "us_republican"),
    ("Bishop Jenky, of Peoria, Ill., said the plan failed.", "Jenky", None),
])
def test_a_state_abbreviation_before_a_comma_keeps_the_speaker(text, speaker, camp):
    # the full stop of "N.Y.," or "Ill.," used to end the sentence for the subject walk: no row at all
    rows = [(q.speaker, q.camp) for q in quotes_of(text) if q.kind == "indirect" and q.cue == "said"]
    assert rows == [(speaker, camp)]


def test_a_state_abbreviation_is_no_speaker():
    # "N.Y." between two commas was read as a name in apposition ("a spokeswoman, Anna White, said")
    assert [q.speaker for q in quotes_of("A man from Albany, N.Y., said the plan failed.")] != ["N.Y."]
