"""Hard negatives for attribution (issue 16): sentences where a cue word is no speech, a subject cannot
speak, speech is negated, or several people speak.  Each must yield no row, or the right speaker.
"""
from __future__ import annotations

import math

import pytest

from analysis.attribution import balance_metrics, sources_table
from analysis.document import parse


def rows(text):
    """``(kind, speaker, text, negated)`` of the direct and indirect rows of ``text``."""
    return [(q.kind, q.speaker, q.text, q.negated) for q in parse(text).quotes if q.kind != "scare"]


# ------------------------------------------------------------------ negated speech (item 3)
NEGATED = [
    ("She did not say whether the talks would resume.", "whether the talks would resume"),
    ("Peskov declined to say whether Putin would attend.", "whether Putin would attend"),
    ("Trump refused to say whether he would accept the result.", "whether he would accept the result"),
    ("Lavrov did not say the talks had failed.", "the talks had failed"),
    ("The ministry has not said whether the troops would stay.", "whether the troops would stay"),
    ("Blinken never claimed that the sanctions would work.", "the sanctions would work"),
]


@pytest.mark.parametrize("text, content", NEGATED)
def test_negated_speech_keeps_the_row_marked_negated(text, content):
    got = rows(text)
    assert [(r[2], r[3]) for r in got] == [(content, True)]


@pytest.mark.parametrize("text", ["He said he would not comment.", "Trump not only said the vote was rigged.",
                                  "Lavrov said the West had not kept its word."])
def test_negation_elsewhere_is_still_speech(text):
    assert [r[3] for r in rows(text)] == [False]


def test_negated_rows_count_in_no_balance_figure():
    doc = parse("Lavrov said the West failed. Blinken declined to say whether Kyiv would get more arms.")
    assert [q.negated for q in doc.quotes] == [False, True]
    m = balance_metrics(doc)
    assert (m["n_quotes"], m["n_sources"], m["n_camps_heard"]) == (1, 1, 1)
    assert m["attributed_words"] == 3 and m["top_source_share"] == 1.0
    assert m["camp_evenness"] == 0.0  # two camps at stake, one heard
    src = sources_table(doc)
    assert src["speaker"].tolist() == ["Sergey Lavrov"] and math.isclose(src["share"].sum(), 1.0)
    neg = doc.quotes[1]
    assert {seg.voice for seg in doc.voices if seg.start < neg.end and neg.start < seg.end} == {"narrator"}


# ------------------------------------------------------------------ audit trail (item 5)
def test_every_row_names_its_rule_and_a_confidence():
    from analysis.attribution.rows import rule_confidence
    from analysis.attribution.rules import RULES

    doc = parse('Lavrov said the West failed. "We warned them," said Peskov. According to the ministry, troops '
                'left. "The deal is dead" - Anna Berg, chief economist. His claim that the vote was rigged fell flat.')
    got = [(q.kind, q.rule) for q in doc.quotes]
    assert got == [("indirect", "subject-left"), ("direct", "inverted-subject"), ("indirect", "according-to-right"),
                   ("direct", "dash-attribution"), ("indirect", "nominal-possessive")]
    ids = {r.id for r in RULES}
    table = rule_confidence()
    for q in doc.quotes:
        assert q.rule in ids and 0.0 <= q.confidence <= 1.0
    # a rule with too few train rows for an estimate gets the overall precision of its kind
    assert ("dash-attribution", "direct") not in table
    assert doc.quotes[3].confidence == table[("*", "direct")]
    assert doc.quotes[1].confidence == table[("inverted-subject", "direct")] > table[("*", "direct")]


def test_rule_confidence_csv_is_checked():
    from analysis.attribution.rows import _CONFIDENCE_COLUMNS
    from analysis._csv import read_csv_text
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "analysis" / "data" / "rule_confidence.csv"
    header, rows = read_csv_text(path.read_text(encoding="utf-8"))
    assert header == _CONFIDENCE_COLUMNS
    assert all(src.startswith("PolNeAR train") for _, (*_, src) in rows)


# ------------------------------------------------------------------ speech, not blame (items 1, 2)
def test_to_blame_is_no_speech():
    assert rows("The collective West is to blame, Lavrov claimed.") == [
        ("indirect", "Sergey Lavrov", "The collective West is to blame", False)]
    assert rows("Russia is to blame for the crisis, Washington said.") == [
        ("indirect", "United States", "Russia is to blame for the crisis", False)]
    m = balance_metrics(parse("The collective West is to blame, Lavrov claimed."))
    assert m["n_camps_heard"] == 1 and m["camp_evenness"] == 0.0  # one voice: no evenness of .81


@pytest.mark.parametrize("text", ["Russia blamed the West for the crisis.", "Kyiv blames Moscow for the blackout.",
                                  "Officials are blaming the weather for the delays."])
def test_blame_without_a_content_clause_is_no_speech(text):
    assert rows(text) == []


def test_blame_with_that_is_speech():
    assert rows("Lavrov blamed the West, claiming that NATO had lied.")[0][1] == "Sergey Lavrov"
    assert rows("Peskov blamed Kyiv, saying the strike was planned.")[0][:2] == ("indirect", "Dmitry Peskov")


def test_evidence_is_no_source_but_ends_the_clause():
    assert rows("Officials insist the strikes were precise, but the evidence says otherwise.") == [
        ("indirect", "officials", "the strikes were precise", False)]


@pytest.mark.parametrize("text", ["The data show the economy is shrinking.", "The figures suggest the plan failed.",
                                  "History shows that sanctions rarely work.", "The numbers say the opposite.",
                                  "The evidence suggests the fire was set deliberately."])
def test_inanimate_subjects_speak_for_nobody(text):
    assert rows(text) == []


@pytest.mark.parametrize("text, speaker", [("The report says the troops left.", "the report"),
                                           ("A new study found that the wells were poisoned.", "a new study")])
def test_documents_and_reports_stay_sources(text, speaker):
    assert [r[1] for r in rows(text)] == [speaker]


@pytest.mark.parametrize("text", ["Whatever Moscow calls them, the troops are an occupying force.",
                                  "The troops, whatever the Kremlin calls them, are an occupying force."])
def test_concessive_call_reports_nothing(text):
    assert rows(text) == []


def test_the_government_is_not_the_agency_heard_before():
    got = rows('UNHCR said the numbers were rising. The government described the arrivals as "a manageable flow".')
    assert [(k, s) for k, s, _, _ in got] == [("indirect", "UNHCR"), ("indirect", "the government"),
                                              ("direct", "the government")]
    got = rows("The Kazakh government said the border was open. The government said it would stay open.")
    assert [s for _, s, _, _ in got] == ["the Kazakh government"] * 2


# ------------------------------------------------------------------ several speakers (item 4)
def test_coordinated_speakers_get_a_row_each_and_share_the_words():
    doc = parse("Hillary Clinton and Bernie Sanders said the plan would fail. Trump said it would work.")
    got = sorted((q.speaker, q.text, q.rule) for q in doc.quotes[:2])
    assert got == [("Bernie Sanders", "the plan would fail", "subject-left"),
                   ("Hillary Clinton", "the plan would fail", "subject-left")]
    assert doc.quotes[0].group_id == doc.quotes[1].group_id
    src = sources_table(doc).set_index("speaker")
    assert src.loc["Hillary Clinton", "n_words"] == src.loc["Bernie Sanders", "n_words"] == 2  # 4 words, split
    assert src.loc["Donald Trump", "n_words"] == 3 and math.isclose(src["share"].sum(), 1.0)
    m = balance_metrics(doc)
    assert (m["n_quotes"], m["n_utterances"], m["attributed_words"]) == (3, 2, 7)


def test_coordinated_speakers_of_a_direct_quote():
    got = rows('Clinton and Sanders said: "It will fail."')
    assert sorted(r[1] for r in got) == ["Bernie Sanders", "Hillary Clinton"]


@pytest.mark.parametrize("text, speakers", [("Ben and Jerry's said the flavour was new.", []),
                                            ("Trump and his aides said the plan would fail.", ["his aides"])])
def test_coordination_that_is_not_two_people(text, speakers):
    assert [r[1] for r in rows(text)] == speakers


# ------------------------------------------------------------------ more hard negatives (item 7)
NO_ROW = [
    # non-speech uses of cue verbs
    "The company called a meeting for Monday.",
    "The referee called a foul.",
    "Merkel, who spoke in Berlin, declined to comment.",
    "The ministry did not immediately respond to a request for comment.",
    "Washington has yet to comment.",
    # rhetorical "calls" and sayings
    "It is what you might call a stalemate.",
    "Call it what you will, the war is not over.",
    "As the saying goes, history repeats itself.",
    # inanimate subjects
    "The data suggest otherwise.",
    "The numbers tell a different story.",
    "The figures show unemployment rising.",
    "The record shows he voted against the bill.",
    # picture captions and photo lines
    "PHOTO: Lavrov speaks to reporters in Moscow.",
]


@pytest.mark.parametrize("text", NO_ROW)
def test_hard_negative_gives_no_row(text):
    assert rows(text) == []


def test_a_sign_is_no_speaker():
    assert [(q.kind, q.speaker) for q in parse('The sign says "No entry".').quotes] == [("scare", None)]


RIGHT_SPEAKER = [
    # headlines: the speaker named in the headline
    ("Lavrov Says West Has Failed", ["Sergey Lavrov"]),
    ("The plan, critics say, is flawed.", ["critics", "critics"]),
    ("Polls suggest Trump is ahead.", ["Polls"]),
]


@pytest.mark.parametrize("text, speakers", RIGHT_SPEAKER)
def test_hard_case_gives_the_right_speaker(text, speakers):
    assert [r[1] for r in rows(text)] == speakers


def test_a_caption_paragraph_is_no_speech():
    doc = parse("Lavrov said the talks failed.\n\nPutin said to be furious, Moscow, 2022.",
                captions=["Putin said to be furious, Moscow, 2022."])
    assert [q.speaker for q in doc.quotes] == ["Sergey Lavrov"]


def test_negated_answer_keeps_the_speaker_and_is_marked():
    got = rows("Asked about the talks, Peskov would not say.")
    assert [(r[1], r[3]) for r in got] == [("Dmitry Peskov", True)]


# ------------------------------------------------------------------ second precision round (news as researchers read it)
def full(text):
    """``(kind, speaker, cue, text)`` of the direct and indirect rows of ``text``."""
    return [(q.kind, q.speaker, q.cue, q.text) for q in parse(text).quotes if q.kind != "scare"]


# 1. a request not to be named is no speech act; the real cue later in the sentence keeps the sentence
ANONYMITY = [
    ("Two aides, who asked not to be named discussing private talks, said that the governor would veto the bill.",
     [("indirect", "two aides", "said", "the governor would veto the bill")]),
    ("A ministry official, who asked to remain anonymous, said the border would reopen.",
     [("indirect", "a ministry official", "said", "the border would reopen")]),
    ("The budget will be cut, one adviser said, speaking on the condition of anonymity to discuss internal plans.",
     [("indirect", "one adviser", "said", "The budget will be cut")]),
    ("Two diplomats spoke on condition of anonymity.", []),
    ("An envoy said on condition of anonymity that the ceasefire had collapsed.",
     [("indirect", "an envoy", "said", "the ceasefire had collapsed")]),
]


@pytest.mark.parametrize("text, expected", ANONYMITY)
def test_a_request_for_anonymity_is_no_speech(text, expected):
    assert full(text) == expected


# 2. a left part that is only an adverbial phrase is not what the speaker said; a real aside stays
ADVERBIAL_ASIDES = [
    ("On Tuesday, the mayor said, the bridge would close.", "the bridge would close"),
    ("At its core, she said, the dispute is about money.", "the dispute is about money"),
    ("Despite the delays, the minister said, the plan is on track.", "the plan is on track"),
    ("Of the governor, he said, the voters will decide.", "the voters will decide"),
    ("Last month, the agency said, exports fell sharply.", "exports fell sharply"),
]


@pytest.mark.parametrize("text, content", ADVERBIAL_ASIDES)
def test_an_adverbial_left_of_an_aside_is_not_content(text, content):
    assert [r[3] for r in full(text)] == [content]


@pytest.mark.parametrize("text, contents", [
    ("Prices, the bank said, will keep rising.", ["Prices", "will keep rising"]),
    ("In the end, the deal collapsed, the official said.", ["In the end, the deal collapsed"]),
    ("After he left office, the aide said, the feud grew.", ["After he left office", "the feud grew"]),
])
def test_a_real_aside_or_clause_before_the_subject_stays(text, contents):
    assert [r[3] for r in full(text)] == contents


def test_a_time_phrase_before_a_non_speech_use_gives_no_row():
    # "calling in sick": no speech; the time phrase before the subject was the only "content"
    assert full("On Monday, nurses calling in sick closed two wards.") == []


# 3. nominal and modifier uses of cue words, and rows that are only another attribution
def test_an_emailed_statement_is_no_cue():
    assert full('In one emailed statement, the senator wrote, "We will prevail."') == [
        ("direct", "the senator", "wrote", "We will prevail.")]
    assert full("The company said in one emailed statement that it would comply.") == [
        ("indirect", "the company", "said", "it would comply")]


def test_explains_why_before_a_quote_is_no_content():
    assert full('The columnist explains why, "No other candidate can raise that much money."') == [
        ("direct", "the columnist", "explains", "No other candidate can raise that much money.")]


def test_so_why_in_an_aside_keeps_its_row():
    assert [r[3] for r in full("So why, she asked, do the prices keep rising?")][0] == "why"


def test_a_clause_that_is_only_another_attribution_is_not_content():
    got = full('In the novel, the spy confesses and "denies ever meeting the handler," the review recounts.')
    assert ("indirect", "the spy", "confesses", "the review recounts") not in got
    assert ("indirect", "the review", "recounts") == got[0][:3]


def test_a_noun_after_a_possessive_is_still_content():
    assert full("Clinton, in turn, affirmed their claims.") == [
        ("indirect", "Hillary Clinton", "affirmed", "their claims")]


def test_call_out_is_one_evaluative_cue_and_calling_in_sick_is_none():
    q = [x for x in parse("The senator called out the governor over the delays.").quotes if x.kind == "indirect"]
    assert [(x.cue, x.cue_class, x.text) for x in q] == [("called out", "evaluative", "the governor over the delays")]
    assert full("Dozens of pilots called out sick on Friday.") == []


def test_the_aside_of_another_cue_is_not_content_but_the_left_part_stays():
    assert full("He hoped, the aide said, that the talks would go on.") == [
        ("indirect", "the aide", "said", "He hoped"), ("indirect", "the aide", "said", "the talks would go on")]
    assert [r[3] for r in full("That, the commission said, was the problem.")] == ["That", "was the problem"]


def test_a_negated_answer_does_not_run_into_the_main_clause():
    got = full('The aide, who did not respond to requests for comment, later posted an apology for her "hurtful" words.')
    assert [r[2] for r in got] == ["posted", "posted"]
    # not negated: a quote after a comma is still the answer
    assert [r[2] for r in full('Kelly replied calmly, with a smile: "It can happen to anyone."')] == ["replied", "replied"]


@pytest.mark.parametrize("text", [
    "Hundreds of teachers called out sick on Monday.",
    "Two pilots calling out sick grounded the flight.",
])
def test_a_cue_verb_in_an_idiom_that_reports_no_speech_gives_no_row(text):
    assert full(text) == []


def test_a_day_is_no_speaker():
    # the relative clause belongs to the noun before the time phrase; a time phrase alone speaks for nobody
    assert full("A task force released a new report on Tuesday that called for more school guards.") == [
        ("indirect", "a new report", "called for", "more school guards")]
    # a day named as the speaker is nobody: the row stays, unattributed
    assert full("The hoaxes included one in September that said the agency would move refugees.") == [
        ("indirect", None, "said", "the agency would move refugees")]


# 5. found reading BASIL and AllSides rows
def test_all_that_said_is_the_narrators_concession():
    assert full("All that said, the reform could still fail.") == []


def test_a_date_after_the_cue_is_circumstance():
    assert full("The governor said Monday, June 8, 2020, that she would veto the bill.") == [
        ("indirect", "the governor", "said", "she would veto the bill")]


def test_the_particle_out_belongs_to_the_verb():
    assert [r[3] for r in full("Reporters quickly tweeted out the new figures.")] == ["the new figures"]


def test_an_as_lead_in_reports_the_clause_after_its_comma():
    assert full("As the columnist wrote for The Atlantic this month, the two firms had merged.") == [
        ("indirect", "the columnist", "wrote", "the two firms had merged")]


def test_a_coordinated_cue_ends_the_first_report():
    assert full("He said the plan failed, and added that it cost too much.") == [
        ("indirect", None, "said", "the plan failed"), ("indirect", None, "added", "it cost too much")]
    assert [r[2:] for r in full('"Why now?" she asked, and then explained that funds ran out.')] == [
        ("asked", "Why now?"), ("explained", "funds ran out")]


def test_a_that_clause_opening_with_a_place_phrase_is_still_reported():
    assert full("The mayor said that in hindsight the plan was rushed.") == [
        ("indirect", "the mayor", "said", "in hindsight the plan was rushed")]
    # a "that" object before a short phrase opens no clause
    assert [r for r in full("He wants that in particular.") if r[3] == "in particular"] == []


# ------------------------------------------------------------------ third precision round (AllSides, BASIL, PolNeAR train)
def speakers_of(text):
    """``(speaker, camp, cue, text)`` of the direct and indirect rows of ``text``."""
    return [(q.speaker, q.camp, q.cue, q.text) for q in parse(text).quotes if q.kind != "scare"]


# 1. a domain name before a comma ends no sentence: the subject walk reads past it (rule domain-name-token)
@pytest.mark.parametrize("text, speaker, content", [
    ("Another sponsor targeted by Media Matters, Realtor.com, announced that it would not be running ads.",
     "Realtor.com", "it would not be running ads"),
    ("Ilya Sheyman, executive director of MoveOn.org, said the vote was a betrayal.", "Ilya Sheyman",
     "the vote was a betrayal"),
    ("Victor Davidoff, the founder of the website IXTC.org, suspects that the Kremlin will lose influence.",
     "Victor Davidoff", "the Kremlin will lose influence"),
])
def test_a_domain_name_before_a_comma_keeps_the_subject(text, speaker, content):
    assert [(r[0], r[3]) for r in speakers_of(text)] == [(speaker, content)]


def test_a_domain_name_is_one_word_of_the_speakers_mention():
    text = ('"Marco Rubio has as good a shot at doing that as anybody at this point," said Alex Castellanos, a veteran '
            'Republican strategist and CNN contributor who last year founded NewRepublican.org.')
    q = [q for q in parse(text).quotes if q.kind == "direct"][0]
    assert text[q.speaker_start:q.speaker_end].endswith("founded NewRepublican.org")


# 2. "a Democrat" / "a Republican" in an appositive gives the party's camp (rule party-appositive)
@pytest.mark.parametrize("text, camp", [
    ("Joe Sestak, a Democrat now running for the Senate, said the deal was a mistake.", "us_democrat"),
    ("Wayne Bisher, a lifelong Democrat, says he will vote for the president again.", "us_democrat"),
    ("Cathy Robinson, a registered Republican, said the plan had failed.", "us_republican"),
    # not a party marker: a former member, a convert, a leaning
    ("Jim Webb, a former Democrat, said the deal was a mistake.", None),
    ("Pat Smith, a Republican-turned-independent, said the deal was a mistake.", None),
    ("Jo Reed, a Democratic-leaning pollster, said the deal was a mistake.", None),
])
def test_a_party_appositive_names_the_camp(text, camp):
    assert [r[1] for r in speakers_of(text)] == [camp]


# 3. a quote closed after "?" or "!" ends its sentence, but the attribution after it still takes it
# (rule question-quote-before)
@pytest.mark.parametrize("text, speaker, cue", [
    ('"Why would anyone do that?" Obama continued, pointing at the crowd.', "Barack Obama", "continued"),
    ('"We will win!" Trump shouted to the crowd.', "Donald Trump", "shouted"),
])
def test_an_attribution_after_a_question_or_exclamation_takes_the_quote(text, speaker, cue):
    q = [q for q in parse(text).quotes if q.kind == "direct"]
    assert [(x.speaker, x.cue) for x in q] == [(speaker, cue)]


def test_a_quote_closed_by_a_full_stop_or_in_another_paragraph_is_not_taken():
    assert [q.cue for q in parse('"We won." Trump shouted to the crowd.').quotes] == [None]
    assert [q.cue for q in parse('He asked: "Why not?"\n\nTrump shouted to the crowd.').quotes
            if q.text == "Why not?"] == ["asked"]


# 4. an opening adverbial does not hide the sentence subject from a participle cue
# (rule opening-adverbial-subject)
@pytest.mark.parametrize("text, speaker", [
    ("This past week, Jeb Bush doubled down on his support, saying that critics were wrong.", "Jeb Bush"),
    ("This spring, Ramzan Kadyrov was in the news, claiming that the reports were lies.", "Ramzan Kadyrov"),
    ("Earlier in the day, Bob Corker spoke to reporters, saying the bill was dead.", "Bob Corker"),
    ("The day before, at a rally in Beaumont, Tex., Mr. Trump was just as blunt, claiming without any evidence "
     "that the plan had failed.", "Donald Trump"),
])
def test_an_opening_adverbial_does_not_hide_the_subject(text, speaker):
    assert [r[0] for r in speakers_of(text)] == [speaker]


def test_a_passive_after_an_opening_adverbial_has_no_speaker():
    got = speakers_of("In his heyday, he was suspected of plotting murder, and accused by the news media of lying.")
    assert [r[0] for r in got] == [None]


def test_a_sentence_opening_with_its_subject_is_unchanged():
    assert [r[0] for r in speakers_of("Bob Corker spoke to reporters, saying the bill was dead.")] == ["Bob Corker"]
    # a subject found after the adverbial stays (a name and a dash after it are no dateline)
    text = ("Rep. Ed Royce spoke on Friday. In a Friday statement, Royce pointed to the unrest in Zimbabwe - where "
            "a coup is thought to be unfolding - and said he has no confidence that the regime is managing it.")
    assert [r[0] for r in speakers_of(text) if r[2] == "said"] == ["Ed Royce"]


# 5. "he" opening what an organisation said is nobody named, not the person named before
# (rule pronoun-in-non-person-report)
def test_a_pronoun_in_an_organisations_report_is_not_an_earlier_person():
    got = speakers_of("Donald Trump attacked the network on Monday. Fox News said that he believes the poll was wrong.")
    assert [(r[0], r[2]) for r in got] == [("Fox News", "said"), (None, "believes")]


@pytest.mark.parametrize("text, speaker", [
    # a person's own report, a vague group, an organisation of someone, an aside: resolved as before
    ("Donald Trump attacked the network on Monday. He said that he believes the poll was wrong.", "Donald Trump"),
    ("Janet Yellen testifies on Thursday. Analysts say she is likely to argue that rates must rise.", "Janet Yellen"),
    ("Hillary Clinton spoke on Monday. Clinton's campaign responded that she never claimed the plan would work.",
     "Hillary Clinton"),
    ("Roger Stone has admitted contacts with WikiLeaks. The indictment alleges he spoke \u201cto senior Trump Campaign "
     "officials\u201d about WikiLeaks.", "Roger Stone"),
    ("Donald Trump spoke on Monday. The Trump campaign said he would sign the pledge.", "Donald Trump"),
])
def test_other_pronouns_in_reports_are_resolved_as_before(text, speaker):
    assert speakers_of(text)[-1][0] == speaker


# 6. a request not to be named without "who" still has a subject (rule anonymity-clause-subject)
@pytest.mark.parametrize("text, speaker", [
    ("Officials asked not to be identified because the talks are private, said that the deal was close.", "officials"),
    ("Two senior officials asked not to be identified because the talks are private, said the deal was close.",
     "two senior officials"),
    ("A person familiar with the matter, speaking on condition of anonymity, said the deal was close.",
     "a person familiar with the matter"),
])
def test_a_request_not_to_be_named_without_who_keeps_its_subject(text, speaker):
    assert [(r[0], r[2], r[3]) for r in speakers_of(text)] == [(speaker, "said", "the deal was close")]


def test_a_speaker_after_the_cue_still_wins_over_the_request():
    got = speakers_of("Officials asked not to be identified because the talks are private, said Smith.")
    assert [r[0] for r in got] == ["Smith"]
