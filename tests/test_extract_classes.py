"""Classes of statements the extractor must read alike wherever they occur (issue 13):
the verb that governs a date decides its tense; replaced or cancelled plans and forecasts
of quantities are no commitments; states that last until a date and moved dates are.
Every sentence here was written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from store.extract import extract

from conftest import EXTRACT_PUB, dues

PUB = EXTRACT_PUB



@pytest.mark.parametrize("lang, text", [
    # a past verb next to the date: the date is history, whatever else the sentence says
    ("en", "Until Monday evening the crews were kept away from the harbour, officials will say."),
    ("de", "Am Dienstag verunglückte der Fahrer, nachdem er angekündigt hatte, er werde bald aufhören."),
    ("en", "Her first mandate was through 2032, before the rules changed."),
    # a plan that was replaced or called off
    ("en", "The originally planned opening on Friday was cancelled because of the storm."),
    ("de", "Die Messe, die ursprünglich für den 20. April geplant war, wurde abgesagt."),
    ("en", "The show, which was slated for April 20, has been called off."),
    # forecasts of quantities
    ("en", "Analysts expect revenue to reach 4 billion dollars by 2033."),
    ("de", "Die Arbeitslosenquote wird im Jahr 2032 bei sieben Prozent liegen, schätzt das Institut."),
    ("en", "The outbreak may cause 9,000 more infections by May 20."),
    # what was scheduled for a day and then held is history
    ("en", "Other games scheduled for Wednesday were still held, the league said."),
    ("de", "Der Ausbau wird bis zum Jahr 2035 rund 40 Milliarden Euro kosten."),
])
def test_no_commitment(lang, text):
    assert dues(text, lang) == []


@pytest.mark.parametrize("lang, text, due", [
    # a state that lasts until a date
    ("de", "Die Bäder bleiben bis zum 2. Mai geschlossen.", "2031-05-02"),
    ("en", "The pass will remain closed until May 2.", "2031-05-02"),
    # a date moved to a new one: the new one counts
    ("de", "Die Anhörung wurde auf Juni vertagt.", "2031-06-30"),
    ("en", "The regulator extended the deadline to April 30.", "2031-04-30"),
    ("en", "The launch was rescheduled to June 9.", "2031-06-09"),
    ("de", "Der Start wurde vom 20. März auf den 9. Juni verschoben.", "2031-06-09"),
    # a past verb that sets a date ahead, and a payment (an amount, but no forecast)
    ("en", "The court gave the firm until April 4 to file its answer.", "2031-04-04"),
    ("en", "The larger dividend will be paid April 15 to holders of record.", "2031-04-15"),
    ("en", "The agency is projected to open its new office in 2032.", "2032-12-31"),
    ("en", "The board promised to present the cost estimate by April 10.", "2031-04-10"),
    # a noun named as ahead takes its date along, whatever was done before
    ("de", "Der Parteitag hat Lena Vogt zur Kandidatin für die anstehende Landtagswahl am "
           "19.03.2034 gewählt.", "2034-03-19"),
    ("en", "The party chose Lena Vogt as its candidate for the upcoming vote on May 4, 2034.",
     "2034-05-04"),
    ("en", "The office has been preparing questions for the upcoming 2032 census.", "2032-12-31"),
    # an event named in one compound word, a date set, a range of days due at its end
    ("de", "Der Vorsitzende sprach über eine Koalition nach der Landtagswahl am 31. August.",
     "2031-08-31"),
    ("de", "Den Termin hat die Präsidentin für den 18. September festgesetzt.", "2031-09-18"),
    ("de", "Die Ausstellung findet vom 16. Juni bis zum 23. September in Lindenau statt.",
     "2031-09-23"),
    ("en", "The exhibition runs from June 16 through September 23 in the old harbour.",
     "2031-09-23"),
    # a German passive whose participle closes the clause its "wird" opened; a deadline
    # named in one compound word; a date inside the attribute of its noun
    ("de", "Über die neue Satzung wird aber erst am 19. April in einer Abstimmung "
           "entschieden.", "2031-04-19"),
    ("de", "Die Widerspruchsfrist endet Ende des Monats.", "2031-03-31"),
    ("de", "Die für den 22. März angekündigte Kundgebung wurde vom Gericht erlaubt.",
     "2031-03-22"),
    # the present with a day that names its year: a plan
    ("de", "Der 64-jährige Direktor geht am 1. Juli 2031 in den Ruhestand.", "2031-07-01"),
    ("en", "The fair opens on 3 June 2031 in the old harbour.", "2031-06-03"),
])
def test_commitment(lang, text, due):
    assert dues(text, lang) == [due]


@pytest.mark.parametrize("lang, text, due", [
    # ranges and vague counts end with their last unit; years and months as precise as said
    ("de", "Das Werk will in den nächsten 12 bis 18 Monaten 300 Leute einstellen.", "2032-09-30"),
    ("en", "The ferry line will add two boats over the next few months.", "2031-06-30"),
    ("en", "The tunnel is scheduled to reopen in 20 years.", "2051-12-31"),
    ("de", "Die Halle soll Anfang Mai dieses Jahres eröffnet werden.", "2031-05-31"),
    ("de", "Der Umzug soll erst nach drei Jahren erfolgen.", "2034-12-31"),
    ("en", "The appeal may be heard the week of April 14.", "2031-04-20"),  # its ISO week
    # a start plus a duration is due at its end; an offset counts from the day named with it
    ("en", "A three-week closure of the bridge begins April 7.", "2031-04-28"),
    ("de", "Die Sperrung gilt ab dem 7. April für drei Wochen.", "2031-04-28"),
    ("en", "The buyer must respond within ten days of the April 2 notice.", "2031-04-12"),
])
def test_missed_forms(lang, text, due):
    assert dues(text, lang) == [due]


def test_a_date_chained_to_a_commitment_is_one_too():
    text = "A first vote is planned for April 3, followed by the final reading on April 17."
    assert dues(text, "en") == ["2031-04-03", "2031-04-17"]


def test_a_length_is_no_due_date():
    assert dues("The firm signed a two-year lease for its office.", "en") == []
    assert dues("Der 61-jährige Fahrer ist seit Mittwoch unterwegs.", "de") == []


@pytest.mark.parametrize("lang, text, first", [
    ("de", "Tesla beginnt die Auslieferung des Modells 3. Ein Sprecher sagte, alles laufe.",
     "Tesla beginnt die Auslieferung des Modells 3."),
    ("en", "The shops stay shut until 6 a.m. Norway planned to open them earlier.",
     "The shops stay shut until 6 a.m."),
    ("en", "Shares rose at Hollow Pine Ltd. The company said it would pay.",
     "Shares rose at Hollow Pine Ltd."),
    # a count, not an ordinal: "auf 296." ends the sentence
    ("de", "Die Zahl der Gäste stieg auf 296. Rettungskräfte blieben vor Ort.",
     "Die Zahl der Gäste stieg auf 296."),
])
def test_sentences_end_after_numbers_and_abbreviations(lang, text, first):
    from store.extract.lexicon import load
    from store.extract.sentences import split
    spans = split(text, load(lang))
    assert text[spans[0][0]:spans[0][1]] == first and len(spans) == 2


@pytest.mark.parametrize("lang, text", [
    ("de", "Der 2. Weltkrieg endete lange vor dem 3. Oktober."),
    # a longer ordinal after an article or "zum": "in der 296. Folge"
    ("de", "Man sieht ihn am Montag in der 296. Folge der Serie wieder."),
    ("de", "Zum 100. Geburtstag kommt der Kanzler nach Rom."),
    ("en", "Hollow Pine Ltd. said it would pay. They met at 6 p.m. EST on Monday."),
])
def test_no_sentence_end_inside(lang, text):
    from store.extract.lexicon import load
    from store.extract.sentences import split
    assert len(split(text, load(lang))) == (1 if lang == "de" else 2)


def test_the_same_commitment_twice_is_one_candidate_from_its_most_precise_statement():
    text = ("Juni 2031: Schachturnier der Jugend in Lindenau\n\n"
            "Das Schachturnier der Jugend soll vom 3. bis zum 7. Juni in Lindenau stattfinden.")
    found = extract(text, PUB, "de")
    assert [c.due.isoformat() for c in found] == ["2031-06-07"]
    assert found[0].sentence.startswith("Das Schachturnier")


def test_a_month_and_a_day_of_different_things_stay_apart():
    text = ("The ferry company will raise its fares on April 6. The ferry company must also "
            "submit a safety report to the harbour board by the end of April.")
    assert dues(text, "en") == ["2031-04-06", "2031-04-30"]


@pytest.mark.parametrize("text, title", [
    ("Im Juni soll die Sanierung der alten Brücke beginnen.",
     "Sanierung der alten Brücke soll beginnen"),
    ("Am 3. April will der Bürgermeister Jan Kolbe den Haushalt vorlegen.",
     "Bürgermeister Jan Kolbe will den Haushalt vorlegen"),
    ("Im Mai startet die NWB eine neue Buslinie.", "NWB startet eine neue Buslinie"),
])
def test_a_title_starts_with_its_subject(text, title):
    [c] = extract(text, PUB, "de")
    assert c.title == title


@pytest.mark.parametrize("lang, text, title", [
    # an infinitive clause is the actor's, a subordinate clause ends with its verb
    ("de", "Die Stadtwerke AG hatte zugesagt, bis zum 23. März einen Fahrplan zu "
           "veröffentlichen.", "Stadtwerke AG soll einen Fahrplan veröffentlichen"),
    ("de", "Der Verband verlangt, dass die Bahn bis zum 19. März ein Programm vorlegt.",
     "Bahn legt ein Programm vor"),
    ("de", "Den Theologen Gauck, der bei der Wahl am 30. Juni gegen Wulff antreten soll, "
           "hatte die Partei vorgeschlagen.", "Theologen Gauck soll bei der Wahl gegen Wulff antreten"),
    # the subject standing before an apposition, after the verb, or without an article
    ("de", "Die nächste große Sanierung, die Strecke zwischen Hannover und Würzburg, soll im "
           "Januar 2032 beginnen.", "Die nächste große Sanierung soll beginnen"),
    ("de", "Im Jahr 2032 soll er fertiggestellt sein.", "Er soll fertiggestellt sein"),
    ("de", "Binnen 60 Tagen müssen danach Präsidentschaftswahlen organisiert werden.",
     "Präsidentschaftswahlen müssen danach organisiert werden"),
    ("en", "Yesterday, Tony Evers, the governor of Wisconsin, signed an order delaying the "
           "election until June.", "Tony Evers signed an order delaying the election"),
    # a generic noun gives way to the name it stands for
    ("en", "Norvane Semiconductors reported higher sales. The company will report its "
           "quarterly results on 22 April.", "Norvane Semiconductors will report its quarterly results"),
    # the date goes with what joins it; a date that was all the clause said leaves its noun
    ("de", "Der Prozess wird sicher länger als bis 2032 dauern.",
     "Prozess wird sicher länger dauern"),
    ("en", "Parliament stays closed. The Brexit deadline is October 31.", "Brexit deadline is due"),
])
def test_a_title_is_a_clause_with_its_subject(lang, text, title):
    assert [c.title for c in extract(text, PUB, lang)] == [title]


def test_dates_joined_to_the_due_date_leave_the_title():
    titles = {c.title for c in extract("Der Wagen soll Ende 2031 oder Anfang 2032 in Europa "
                                       "gebaut werden.", PUB, "de")}
    assert titles == {"Wagen soll in Europa gebaut werden"}


def test_a_title_opening_with_an_object_is_left_alone():
    [c] = extract("Am 3. April will den Haushalt der Bürgermeister vorlegen.", PUB, "de")
    assert c.title.startswith("Will den Haushalt")


def test_a_phrase_before_the_verb_gives_way_to_the_subject():
    [c] = extract("Nach drei Jahren Planung will die Stadtwerke AG am 4. Mai das Netz übergeben.",
                  PUB, "de")
    assert c.title == "Stadtwerke AG will das Netz übergeben"


@pytest.mark.parametrize("lang, text", [
    # a negation governing the dated verb denies the plan, before the date or after it
    ("en", "Acme Corp does not plan to open the new plant before 2033."),
    ("en", "The senator does not plan to run for governor in 2032."),
    ("en", "The vote on April 2 will not take place."),
    ("de", "Die Stadt wird die Brücke im Jahr 2032 nicht sanieren."),
    ("de", "Der Verband plant im Mai keine Änderung der Regeln."),
    ("de", "Die Abstimmung am 2. April findet nicht statt."),
])
def test_a_denied_plan_is_no_commitment(lang, text):
    assert dues(text, lang) == []


@pytest.mark.parametrize("lang, text, due", [
    # it happens, or holds, until or from the date; a change that takes effect; a deadline
    # set by a condition; a denial of another verb; a word joined to "no"
    ("en", "The committee will not meet again until April 14.", "2031-04-14"),
    ("de", "Bis zum 30. September soll es keine Streiks geben.", "2031-09-30"),
    ("de", "Ab 2032 werden in der Stadt keine Verbrennerautos mehr zugelassen.", "2032-12-31"),
    ("en", "If the parties do not sign the treaty by April 30, the tariffs will rise.",
     "2031-04-30"),
    ("de", "Wenn bis Ende April keine Einigung erzielt wird, steigen die Zölle.", "2031-04-30"),
    ("en", "The firm must file its answer no later than April 4.", "2031-04-04"),
    ("en", "Officials who did not attend said the vote will take place on April 3.",
     "2031-04-03"),
    ("en", "The party wants a no-deal exit by October 31.", "2031-10-31"),
    ("en", "A consultant not working for any candidate spoke about next week's election.",
     "2031-03-23"),
])
def test_a_negation_that_denies_no_date(lang, text, due):
    assert dues(text, lang) == [due]


@pytest.mark.parametrize("lang, text, due", [
    # a plan of the past gives way to the date it was moved to, in either language
    ("de", "Der Konzern hatte ursprünglich bis Ende April liefern wollen, verschob den "
           "Termin aber auf Juni.", "2031-06-30"),
    ("de", "Die Firma hatte bis Ende April liefern wollen, verschob den Termin aber auf Juni.",
     "2031-06-30"),
    ("en", "The company had planned to deliver by the end of April but moved the date to June.",
     "2031-06-30"),
    ("en", "The launch, originally set for April 3, was postponed to June 5.", "2031-06-05"),
])
def test_a_superseded_plan_gives_way_to_its_replacement(lang, text, due):
    assert dues(text, lang) == [due]


def test_a_commitment_restated_in_a_quotation_is_one_candidate():
    text = ("Critics say the mayor wants to push the new harbour tax through by October 31.\n\n"
            "The mayor wrote on her blog: \"The council keeps arguing about the harbour tax "
            "[...] I am determined to have the tax in place by October 31.\"")
    found = extract(text, PUB, "en")
    assert [c.due.isoformat() for c in found] == ["2031-10-31"]
    assert found[0].sentence.startswith("I am determined")


@pytest.mark.parametrize("lang, text", [
    # a phrase without a verb before the main clause takes that clause's past verb
    ("en", "By Monday afternoon, this likelihood had risen to a three-in-five chance."),
    ("en", "Two weeks before the March 3 deadline, the campaign had only reached 3 percent "
           "of its goal."),
    ("en", "Until Friday evening, the crews were kept away from the harbour."),
    # a regular past form as the main verb, past a short aside in brackets
    ("en", "On Monday, the city's Water Authority (CWA) suspended its ferry service due to "
           "the drought."),
    # the phrase opens a clause after a conjunction
    ("en", "The storm moved north, and by April, the roads were cleared again."),
    # phrases of place between the date and the main clause
    ("en", "In April, at the annual fair in the old town, the mayor announced a new park."),
    # after a semicolon the phrase opens a clause of its own
    ("en", "The campaign was behind; two weeks before the March 20 deadline, it had only "
           "reached 3 percent."),
])
def test_a_fronted_date_takes_the_past_of_its_main_clause(lang, text):
    assert dues(text, lang) == []


def test_a_fronted_date_before_a_future_main_clause_stays_ahead():
    assert dues("By Friday, the agency must publish the report.", "en") == ["2031-03-14"]


@pytest.mark.parametrize("text, due", [
    ("In May, at the summit, the ministers will sign the treaty.", "2031-05-31"),
    ("On Friday, the newly elected council is to meet for the first time.", "2031-03-14"),
])
def test_a_fronted_date_before_a_future_main_clause_past_an_aside_stays_ahead(text, due):
    assert dues(text, "en") == [due]


def test_to_before_an_article_is_a_preposition_not_an_infinitive():
    # "was envoy to the coalition until May": the past copula governs the date
    assert dues("Jane Roe, who was envoy to the coalition until May, criticised the plan.",
                "en") == []


@pytest.mark.parametrize("text, due, title", [
    # reported speech in the present subjunctive speaks of what is to come
    ("Bahnsprecherin Carola Wendt sagte, der Fahrplanwechsel erfolge am 13. Dezember.",
     "2031-12-13", "Fahrplanwechsel erfolge"),
    ("Der Sprecher erklärte, die Sitzung finde am 14. April statt.", "2031-04-14",
     "Sitzung findet statt"),
    ("Laut Ministerium gelte die neue Regel ab dem 1. Juni.", "2031-06-01",
     "Die neue Regel gelte"),
])
def test_reported_speech_in_the_subjunctive_is_a_plan(text, due, title):
    [c] = extract(text, PUB, "de")
    assert (c.due.isoformat(), c.title) == (due, title)


def test_a_noun_written_like_a_subjunctive_is_no_cue():
    assert dues("Die Erfolge der Partei am 3. April waren groß.", "de") == []


@pytest.mark.parametrize("lang, text", [
    ("de", "Der Erfolg könnte ihm bei seiner Wiederwahl 2032 verhelfen."),
    ("de", "Die Regierung wird möglicherweise im Mai ein neues Gesetz vorlegen."),
    ("en", "The company might cut jobs by June."),
    ("en", "The talks could possibly resume on Tuesday, April 22."),
])
def test_speculation_is_never_offered_as_confident(lang, text):
    from store.ingest.matching import CONFIDENCE_THRESHOLD
    found = extract(text, PUB, lang)
    assert found and all(c.confidence < CONFIDENCE_THRESHOLD for c in found)


def test_a_speculative_word_in_another_clause_leaves_the_plan_confident():
    [c] = extract("The bridge will open on 3 June 2031, though delays could occur.", PUB, "en")
    assert c.confidence >= 0.5


def test_a_name_that_opens_the_sentence_is_no_month():
    assert dues("Theresa May will visit Berlin on 3 June 2031.", "en") == ["2031-06-03"]
    assert dues("In May the council will vote on the budget.", "en") == ["2031-05-31"]


@pytest.mark.parametrize("lang, text, published, due", [
    # a season over when said (as the weather has it) is next year's; one under way is not
    ("de", "Das Paket soll im Herbst vorgelegt werden.", dt.date(2031, 12, 3), "2032-12-31"),
    ("en", "The plan will be presented in the summer.", dt.date(2031, 9, 20), "2032-09-30"),
    ("de", "Die Brücke soll im Winter fertig sein.", dt.date(2031, 12, 3), "2032-03-31"),
    ("en", "The museum will reopen in the autumn.", dt.date(2031, 10, 3), "2031-12-31"),
    # a month or quarter over is next year's, one under way stays
    ("de", "Der Bericht soll im November vorgelegt werden.", dt.date(2031, 12, 3), "2032-11-30"),
    ("en", "The company will report results in the fourth quarter.", dt.date(2031, 12, 10),
     "2031-12-31"),
])
def test_a_window_over_when_said_is_next_years(lang, text, published, due):
    assert dues(text, lang, published) == [due]


def test_a_numeric_date_either_way_round_is_read_by_the_language_and_offered_for_review():
    from store.ingest.matching import CONFIDENCE_THRESHOLD
    [c] = extract("The council will vote on the budget on 12/05/2031.", PUB, "en")
    assert c.due.isoformat() == "2031-12-05" and c.due_text == "12/05/2031"
    assert c.confidence < CONFIDENCE_THRESHOLD
    [c] = extract("Der Rat stimmt am 12/05/2031 über den Haushalt ab.", PUB, "de")
    assert c.due.isoformat() == "2031-05-12" and c.confidence < CONFIDENCE_THRESHOLD


@pytest.mark.parametrize("first, due", [("25/04/2031", "2031-05-12"), ("04/25/2031", "2031-12-05")])
def test_a_numeric_date_either_way_round_follows_the_articles_own_order(first, due):
    text = (f"The first hearing is set for {first}. The council will vote on the budget on "
            "12/05/2031.")
    found = extract(text, PUB, "en")
    assert [c.due.isoformat() for c in found][1:] == [due]
    assert found[1].confidence >= 0.5


@pytest.mark.parametrize("lang, text, title", [
    # the preposition of a moved date goes with it, a preposition after the date stays
    ("de", "Die Tarifverhandlungen wurden auf Oktober vertagt.", "Tarifverhandlungen wurden vertagt"),
    ("de", "Die Abstimmung im Stadtrat wurde auf den 12. Mai verschoben.",
     "Abstimmung im Stadtrat wurde verschoben"),
    ("de", "Die Abgeordnete Ilse Brandt kündigte an, 2032 gegen Kolbe kandidieren zu wollen.",
     "Ilse Brandt will gegen Kolbe kandidieren"),
    # a modal infinitive is said as the modal; a pronoun subject stays or takes its name
    ("de", "Der Verein teilte mit, bis Ende 2032 ein neues Stadion bauen zu wollen.",
     "Verein will ein neues Stadion bauen"),
    ("de", "Ilse Brandt erklärte, dass sie im Jahr 2032 für den Vorsitz kandidieren wolle.",
     "Ilse Brandt will für den Vorsitz kandidieren"),
    ("en", "They are required to rule by next Friday on the appeal of all candidates.",
     "They are required to rule on the appeal of all candidates"),
    # (the sentence of Reyes and the council: tests/test_extract_recall.py, two commitments)
    # a clause joined by "and" shares its subject; a relative clause is its noun's
    ("en", "He was elected in January, and will be sworn into office on April 20.",
     "He will be sworn into office"),
    ("en", "The new levy, which is to take effect on May 10, applies to all ferries.",
     "New levy is to take effect"),
    ("de", "Der Sender zeichnete eine Talkshow auf, die am 16. April von Kanal Neun "
           "ausgestrahlt werden wird.", "Talkshow wird von Kanal Neun ausgestrahlt werden"),
])
def test_a_title_has_no_hole_where_the_date_was(lang, text, title):
    assert [c.title for c in extract(text, PUB, lang)] == [title]


@pytest.mark.parametrize("text", [
    # a subordinate clause closes with its finite verb: that verb governs the date
    "Ilse Brandt erklärte am Montag, dass sie im Jahr 2032 für das Amt der Präsidentin "
    "kandidieren wolle.",
    "Die Abgeordnete gab bekannt, im Jahr 2032 für das Amt der Präsidentin kandidieren zu "
    "wollen.",
])
def test_the_verb_that_closes_a_german_clause_governs_its_date(text):
    assert dues(text, "de") == ["2032-12-31"]


@pytest.mark.parametrize("text", [
    # a modal with a perfect infinitive reports what happened
    "Die Zahl der Menschen, die bei den Unruhen am Freitag getötet worden sein sollen, "
    "nannte die Agentur am Sonntag.",
    "Der Minister, der am Freitag davon gewusst haben soll, schweigt.",
    "Am Freitag sollen rund 100 Personen eine Polizeiwache in Lindenau angegriffen haben.",
    "Der Unfall soll sich am Samstag kurz vor Mitternacht ereignet haben.",
])
def test_a_modal_with_a_perfect_infinitive_reports_the_past(text):
    assert dues(text, "de") == []


def test_a_state_to_come_after_a_modal_stays_ahead():
    assert dues("Die Brücke soll am 3. Mai fertiggestellt sein.", "de") == ["2031-05-03"]


@pytest.mark.parametrize("lang, text, due", [
    # a day said again without its year is the day the article named with it: one candidate
    ("en", "Ruritania will leave the customs union on 31 October 2032, the prime minister "
           "said.\n\nThe opposition objects. \"We will leave the customs union by October 31, "
           "whatever happens,\" the prime minister told reporters.", "2032-10-31"),
    ("de", "Die Stadt will die neue Brücke am 3. Oktober 2032 eröffnen.\n\nDie Kosten sind "
           "gestiegen. Bürgermeisterin Anna Kolbe sagte, die Brücke werde wie geplant am "
           "3. Oktober eröffnet.", "2032-10-03"),
    ("de", "Die Bahn will die Strecke bis Ende Juni 2032 sanieren. Ein Sprecher sagte, die "
           "Sanierung der Strecke solle Ende Juni abgeschlossen sein.", "2032-06-30"),
])
def test_the_same_commitment_restated_without_its_year_is_one_candidate(lang, text, due):
    found = extract(text, PUB, lang)
    assert [c.due.isoformat() for c in found] == [due]
    assert found[0].due_text.endswith(due[:4])  # offered from the sentence that names it


@pytest.mark.parametrize("lang, text, due", [
    # who said it, after the plan: the reporting verb tells when it was said, not when
    # the plan is
    ("en", "The board will decide on the fare rise on 9 April, the chairwoman said.",
     "2031-04-09"),
    ("en", "The board will decide on the fare rise on 9 April, a spokesperson said.",
     "2031-04-09"),
    ("en", "The depot is to reopen on 9 April, the city said on Tuesday.", "2031-04-09"),
    ("en", "Crews will repair the bridge by the end of May, said the mayor.", "2031-05-31"),
    ("en", "The ministry plans to publish the draft in June, officials told reporters.",
     "2031-06-30"),
    ("de", "Der Ausschuss werde am 9. April über die Gebühr entscheiden, sagte die Vorsitzende.",
     "2031-04-09"),
    ("de", "Man werde die Brücke bis Ende Mai reparieren, teilte die Stadt mit.", "2031-05-31"),
    ("de", "Die Halle solle im Juni wieder öffnen, erklärte ein Sprecher am Dienstag.",
     "2031-06-30"),
])
def test_a_trailing_attribution_leaves_the_plan_ahead(lang, text, due):
    assert dues(text, lang) == [due]


@pytest.mark.parametrize("lang, text", [
    # ... and leaves history history
    ("en", "The board decided on the fare rise on 9 March, the chairwoman said."),
    ("de", "Der Ausschuss hatte am 9. März über die Gebühr entschieden, sagte die Vorsitzende."),
])
def test_a_trailing_attribution_leaves_a_past_event_past(lang, text):
    assert dues(text, lang) == []


@pytest.mark.parametrize("lang, text, due", [
    # the present tense of an event with a coming weekday or month is a schedule
    ("de", "Der Prozess gegen den Bauunternehmer beginnt am Montag.", "2031-03-17"),
    ("de", "Am Freitag findet die Preisverleihung im Stadttheater statt.", "2031-03-14"),
    ("de", "Die Ausstellung öffnet im September ihre Tore.", "2031-09-30"),
    ("en", "The trial of the former mayor begins on Monday.", "2031-03-17"),
    ("en", "The finance ministers meet in Lisbon on Thursday.", "2031-03-13"),
    # "bereits", "already" before the date says how early, not that it is past
    ("de", "Bereits Ende dieses Jahres will die Firma das erste Modell ausliefern.", "2031-12-31"),
    ("en", "The company already plans to open the plant in September.", "2031-09-30"),
])
def test_scheduled_and_as_early_as(lang, text, due):
    assert dues(text, lang) == [due]


@pytest.mark.parametrize("lang, text", [
    # ... but a past verb in the clause keeps the weekday in the past
    ("de", "Am Montag trafen sich die Minister in Lissabon."),
    ("de", "Der am Dienstag verletzte Torwart reist nun doch mit nach Rom."),
    ("de", "Er hatte bereits im Juni angekündigt, das Werk verkaufen zu wollen."),
    ("de", "Bereits im Januar kündigte der Hersteller den Bau eines neuen Werks an."),
    ("en", "The finance ministers met in Lisbon on Tuesday."),
])
def test_scheduled_needs_no_past(lang, text):
    assert dues(text, lang) == []


def test_two_plans_for_one_year_stay_two():
    """Modal verbs ("soll") are not what a commitment is about: two plans due the same
    year that share only such words are two candidates."""
    text = ("Der Kleinwagen von Norvane soll 2033 mit einer neuen Batterie ausgeliefert "
            "werden. Der Lieferwagen des Konzerns Tessor soll 2033 in Serie gehen.")
    assert dues(text, "de") == ["2033-12-31", "2033-12-31"]


@pytest.mark.parametrize("lang, text, due", [
    # "für"/"for" before a date in a clause that plans or announces: what the plan is for,
    # however past the auxiliary
    ("de", "Die Verlage haben für Anfang 2032 die ersten Hörbuch-Reihen angekündigt.", "2032-03-31"),
    ("en", "The union has called a strike for March 20.", "2031-03-20"),
    # a year said in words names the year of the days after it, not a year named before
    ("de", "Das Festival findet seit 1998 jeden Sommer statt, wird in diesem Jahr am 27. April "
           "eröffnet und dauert bis 1. Juli.", "2031-07-01"),
])
def test_planned_for_and_year_in_words(lang, text, due):
    assert due in dues(text, lang)


@pytest.mark.parametrize("lang, text", [
    ("en", "The party announced its pick of a running mate for the 2032 presidential race."),
    ("de", "Die Firma hat für 2032 einen höheren Gewinn gemeldet."),
])
def test_for_a_year_that_qualifies_a_noun_is_no_plan(lang, text):
    assert dues(text, lang) == []


@pytest.mark.parametrize("lang, text", [
    # a question asks, it does not say
    ("en", "How many seats do you expect to win in the 2032 election?"),
    ("de", "Wird der Tunnel bis zum 1. Mai fertig?"),
    # a plan in a relative clause that the sentence postpones without a new date
    ("en", "In Rivermoor, which was planning to hold its referendum on Tuesday, the governor "
           "postponed it."),
    ("de", "Das Konzert, das für den 20. April geplant war, wurde verschoben."),
])
def test_questions_and_postponed_plans_are_no_commitments(lang, text):
    assert dues(text, lang) == []


@pytest.mark.parametrize("lang, text, due", [
    # a year that says what a thing is about, beside the date it is due
    ("de", "Der Haushalt für 2032 soll im Herbst beschlossen werden.", "2031-12-31"),
    ("de", "Die Regierung will den Haushaltsentwurf 2032 am Freitag vorlegen.", "2031-03-14"),
    ("en", "The 2032 budget will be presented on Friday.", "2031-03-14"),
    ("en", "The full-year results for 2030 will be published in April.", "2031-04-30"),
])
def test_topic_years(lang, text, due):
    assert dues(text, lang) == [due]


def test_a_year_that_says_when_still_dates_the_days_after_it():
    assert dues("In the 2029 election, Sanders kept his bid going until June.", "en") == []


def test_later_this_week_speaks_of_what_is_ahead():
    assert dues("She announced a plan to be unveiled at the summit later this week.", "en") \
        == ["2031-03-16"]
    assert dues("Later this week the ministers met again.", "en") == []


@pytest.mark.parametrize("text, due", [
    # a window and, right after it, the day in it: one commitment, due that day
    ("The minister is to step down next month on April 4.", "2031-04-04"),
    ("The board will vote this week, on Friday.", "2031-03-14"),
])
def test_a_window_named_closer_by_the_day_beside_it_is_one_candidate(text, due):
    assert dues(text, "en") == [due]


def test_due_to_before_a_noun_is_a_cause_not_a_plan():
    # "due to the storm" gives no future to "in a day"; "due to expire" still does
    assert dues("It was the most rain in a day due to the storm.", "en") == []
    assert dues("It was the worst flooding in a day due to storms.", "en") == []
    assert dues("The permit is due to expire on Friday.", "en") == ["2031-03-14"]


@pytest.mark.parametrize("text, lang", [
    ("The agency will publish the figures in a few days.", "en"),
    ("The agency will publish the figures in the coming weeks.", "en"),
    ("Die Behörde wird die Zahlen in den nächsten Tagen veröffentlichen.", "de"),
])
def test_a_guessed_count_is_offered_below_the_confident_level(text, lang):
    [c] = extract(text, PUB, lang)
    assert c.confidence < 0.5


def test_a_date_in_a_clause_without_a_verb_takes_the_verb_before_it():
    # "..., starting in May, ...": the past copula of the clause before governs the date
    assert dues("I was in Peru for three months, starting in October, mapping the roads.",
                "en") == []
    assert dues("The crews will work in shifts, starting in May.", "en") == ["2031-05-31"]


@pytest.mark.parametrize("text", [
    # a plan told in the past: the weekday or the offset counts from a day that may be gone
    "The committee was to meet Monday to discuss the budget.",
    "The ferry was due to return in two weeks, the operator said.",
])
def test_a_plan_told_in_the_past_leaves_a_weekday_or_offset_unanchored(text):
    assert dues(text, "en") == []


def test_a_plan_told_in_the_present_keeps_its_weekday():
    assert dues("The committee is to meet Monday to discuss the budget.", "en") == ["2031-03-17"]


@pytest.mark.parametrize("text, lang", [
    ("Next year the bank expects remittances of about 40 billion dollars.", "en"),
    ("Am Freitag soll der Wasserstand dann 6,20 Meter erreichen.", "de"),
])
def test_remittances_and_water_levels_are_forecast_quantities(text, lang):
    assert dues(text, lang) == []


@pytest.mark.parametrize("text", [
    "Analysts predicted that the index would pass its record by Friday.",
    "The harbour is poised to become the busiest in the region by 2040.",
    # a hope is a wish, not a plan anyone is held to
    "We hope the new line will carry a million passengers by 2035.",
])
def test_a_prediction_is_offered_below_the_confident_level(text):
    assert all(c.confidence < 0.5 for c in extract(text, PUB, "en"))


def test_a_fronted_phrase_after_a_semicolon_before_a_future_clause_stays_ahead():
    assert dues("The vote was postponed; by May, the committee will decide on it.",
                "en") == ["2031-05-31"]


@pytest.mark.parametrize("text, lang, due", [
    # two windows offered as alternatives for one event: one candidate, due by the later
    ("The plant will open at the end of Q3 or beginning of Q4 2031.", "en", "2031-12-31"),
    ("Die Anlage soll Ende 2031 oder Anfang 2032 eröffnet werden.", "de", "2032-03-31"),
])
def test_two_windows_given_as_alternatives_are_one_candidate(text, lang, due):
    assert dues(text, lang) == [due]


def test_a_hope_in_german_is_offered_below_the_confident_level():
    found = extract("Der Verein hofft auf eine Erweiterung des Stadions bis 2035.", PUB, "de")
    assert all(c.confidence < 0.5 for c in found)


@pytest.mark.parametrize("text", [
    "A primary election was held on February 11 in Ohio.",
    "The summit took place on February 11 in Geneva.",
])
def test_an_event_noun_before_a_past_verb_is_its_subject_not_a_future(text):
    # the noun of an event ("election") is a cue of a plan, but before "was held" or
    # "took" it is what happened: the year-less day is the one before publication
    assert extract(text, dt.date(2026, 6, 1), "en") == []
    assert extract(text.replace("was held", "will be held").replace("took", "will take"),
                   dt.date(2026, 6, 1), "en")[0].due == dt.date(2027, 2, 11)


def test_a_text_longer_than_an_article_is_read_in_parts_with_true_offsets():
    # a dump of many articles is read in parts (whole, it took minutes at 15 MB); what
    # is found keeps its place in the whole text, for highlighting
    filler = "Das Wetter war am Dienstag in der Stadt freundlich und warm.\n\n" * 4000
    text = (filler + "Die Stadtwerke Beispielstadt wollen am 3. März 2032 ein Kraftwerk "
            "eröffnen.\n\n" + filler + "The council will vote on 9 April 2032.\n\n")
    assert len(text) > 400_000
    found = extract(text, PUB, "de")
    assert [c.due for c in found] == [dt.date(2032, 3, 3), dt.date(2032, 4, 9)]
    for c in found:
        assert text[c.start:c.end] == c.sentence and text[c.due_start:c.due_end] == c.due_text


def test_a_long_text_without_line_breaks_is_cut_after_full_stops():
    from store.extract import _parts
    text = "Der Rat tagt morgen. " * 20_000
    parts = list(_parts(text))
    assert len(parts) > 2 and "".join(p for _, p in parts) == text
    assert all(text[:o].endswith(". ") for o, _ in parts[1:])  # the next part opens a sentence


def test_a_capitalised_past_form_inside_a_german_sentence_is_a_noun():
    # "für Waren" (goods), not "waren" (were): the sentence stays in the future
    text = ("Zu den Regeln gehört eine Regelung, wonach ab dem 1. April für Waren, die Blei "
            "enthalten, Genehmigungen erforderlich sind.")
    found = extract(text, dt.date(2031, 3, 12), "de")
    assert [c.due for c in found] == [dt.date(2031, 4, 1)]


@pytest.mark.parametrize("text", [
    # a word in capitals or after a colon is no noun: "HATTE", "Wurde" stay past forms
    "DIE FIRMA HATTE DEN PLAN AM 3. APRIL 2031 VORGELEGT.",
    "Die Bilanz: Wurde der Plan am 3. April 2031 vorgelegt, ist alles gut.",
])
def test_a_past_form_in_capitals_or_after_a_colon_stays_past(text):
    assert extract(text, dt.date(2031, 3, 12), "de") == []
