"""The kind of answer a question asks for, from its interrogative in its own language, and whether a sentence
holds one (qa/answer_types.py)."""

import pytest

from qa.answer_types import (NAMED_STEM, AnswerType, answer_type, asked_as, asked_stems, holds_answer,
                             holds_exact_answer, institutions_asked, institutions_named, name_asked_of, name_phrases,
                             named_beside, names_in, person_names, relations_named, shares_a_word,
                             tokens_of)


@pytest.mark.parametrize("question, language, kind", [
    ("Who gave Kim the drones?", "en", AnswerType.PERSON),
    ("Kush ia dha Kimit dronët?", "sq", AnswerType.PERSON),
    ("Sino ang nagbigay kay Kim ng mga drone?", "tl", AnswerType.PERSON),
    ("Sinong alkalde ang gumupit ng laso?", "tl", AnswerType.PERSON),  # with the linker -ng, as "anong"
    ("When did Kim leave Russia?", "en", AnswerType.DATE),
    ("Në cilën ditë u largua Kimi nga Rusia?", "sq", AnswerType.DATE),
    ("Kailan umalis si Kim sa Rusya?", "tl", AnswerType.DATE),
    ("At what time did the train leave?", "en", AnswerType.TIME),
    # "Çfarë" elided before the word it asks about reads as it does whole.
    ("Në ç'orë fillon filmi i parë?", "sq", AnswerType.TIME),
    ("Ç'lloj droni i dhuruan Kimit?", "sq", AnswerType.NAME),
    # "In what year" asks for a year: a month or "this week" does not answer it.
    ("In what year was the old hospital built?", "en", AnswerType.YEAR),
    ("Në cilin vit u themelua universiteti?", "sq", AnswerType.YEAR),
    ("Anong taon itinatag ang unibersidad?", "tl", AnswerType.YEAR),
    # "On what date" asks for a day of a month.
    ("On what date did TASS report the gift?", "en", AnswerType.DAY),
    ("Në cilën datë u kthye Kimi?", "sq", AnswerType.DAY),
    ("Anong petsa dumating si Shoigu?", "tl", AnswerType.DAY),
    # What was paid or spent is a sum of money in every language, as English "how much ... paid".
    ("How much did the club pay for the player?", "en", AnswerType.MONEY),
    ("Sa pagoi klubi për lojtarin?", "sq", AnswerType.MONEY),
    ("Sa shpenzuan për arenën?", "sq", AnswerType.MONEY),
    ("Sa vlerësohen dëmet e përmbytjes?", "sq", AnswerType.MONEY),  # valued at, as English "worth"
    ("Sa do të paguhen familjet për një litër qumësht?", "sq", AnswerType.MONEY),  # will be paid
    ("Sa duhet të paguhet për një biletë?", "sq", AnswerType.MONEY),  # must be paid
    ("Sa vlejnë objektet e vjedhura?", "sq", AnswerType.MONEY),  # how much are they worth (plural)
    ("Sa vlente brezi?", "sq", AnswerType.MONEY),  # how much was it worth
    ("How long did the talks last?", "en", AnswerType.DURATION),
    ("Sa kohë zgjatën bisedimet?", "sq", AnswerType.DURATION),
    ("Sa zgjati seanca e fundit?", "sq", AnswerType.DURATION),  # how long did it last
    ("Gaano katagal ang pulong?", "tl", AnswerType.DURATION),
    ("Where did Kim meet Putin?", "en", AnswerType.PLACE),
    ("Në cilin qytet u takuan?", "sq", AnswerType.PLACE),
    ("Saang lungsod nagkita sina Kim at Putin?", "tl", AnswerType.PLACE),
    ("What is the name of the frigate?", "en", AnswerType.NAME),
    ("Si quhet fregata?", "sq", AnswerType.NAME),
    # "What model" asks for a designation, in each language.
    ("What model was the surveillance drone?", "en", AnswerType.MODEL),
    ("Cilin model pushke i dha Putini Kimit?", "sq", AnswerType.MODEL),
    ("Anong modelo ang drone?", "tl", AnswerType.MODEL),
    ("What kind of missiles did Kim look at?", "en", AnswerType.NAME),
    ("Why did Shoigu travel to Pyongyang?", "en", AnswerType.REASON),
    ("Pse udhëtoi Shoigu?", "sq", AnswerType.REASON),
    ("Bakit naglakbay si Shoigu?", "tl", AnswerType.REASON),
    ("How did Putin accept the invitation?", "en", AnswerType.MANNER),
    ("Paano tinanggap ni Putin ang paanyaya?", "tl", AnswerType.MANNER),
    ("How much did the train cost?", "en", AnswerType.MONEY),
    # "How much" with no noun after it asks a sum, whatever the verb ("earn", "receive", "set aside").
    ("How much will the town earn each year from the park?", "en", AnswerType.MONEY),
    ("How much was the collection insured for?", "en", AnswerType.MONEY),
    ("Magkano ang halaga ng kasunduan?", "tl", AnswerType.MONEY),
    ("Sa kushton një dron?", "sq", AnswerType.MONEY),
    # Or by what the sum is called: a wage, a fine, a fare.
    ("What monthly wage had the workers been promised?", "en", AnswerType.MONEY),
    ("How much was the fine?", "en", AnswerType.MONEY),
    ("Sa është gjoba që gjykata i vuri kompanisë?", "sq", AnswerType.MONEY),
    ("Ano ang multa na ipinataw ng korte?", "tl", AnswerType.MONEY),
    ("What did the fine cover?", "en", AnswerType.OPEN),  # the fine is the subject, not what is asked
    ("Cilin çmim fitoi filmi?", "sq", AnswerType.NAME),  # "çmim" is a prize as well as a price
    ("What did Kim say about the war?", "en", AnswerType.OPEN),
    ("Çfarë i premtoi Kimi Putinit?", "sq", AnswerType.OPEN),
    # The interrogative that opens the question decides, not one in a clause after it.
    ("What did Shoigu hand Kim when he visited Pyongyang?", "en", AnswerType.OPEN),
    ("Where is the think tank based whose analyst spoke?", "en", AnswerType.PLACE),
    ("What is the name of the commander who met Kim?", "en", AnswerType.NAME),
    # The more specific of two at one place: "in which city" before "which", "on which day" before "which".
    ("In which city is the factory?", "en", AnswerType.PLACE),
    ("On which day did Kim arrive?", "en", AnswerType.DATE),
    # German too: its lexicon has its interrogatives.
    ("Wer hat Kim die Drohnen geschenkt?", "de", AnswerType.PERSON),
    ("Was sagte der Kreml?", "de", AnswerType.OPEN),
    # A language with no lexicon asks open questions.
    ("Kuka antoi Kimille droonit?", "fi", AnswerType.OPEN),
    # What institution of a kind asks for its name; what an institution said does not.
    ("Anong kolehiyo sa Batangas ang pinagtapusan niya?", "tl", AnswerType.NAME),
    ("What hospital treated the injured passengers?", "en", AnswerType.NAME),
    ("Ano ang sinabi ng ospital tungkol sa mga pasahero?", "tl", AnswerType.OPEN),
    ("What did the hospital say about the passengers?", "en", AnswerType.OPEN),
])
def test_each_language_s_interrogatives_say_what_kind_of_answer_is_asked_for(question, language, kind):
    assert answer_type(question, language, counts=False) is kind


def test_a_count_is_a_count_unless_it_asks_for_money():
    assert answer_type("How many drones did Kim get?", "en", counts=True) is AnswerType.COUNT
    assert answer_type("How much money is Russia offering?", "en", counts=True) is AnswerType.MONEY


@pytest.mark.parametrize("kind, sentence, question, holds", [
    # A name the question does not already contain, in any language's spelling of it.
    (AnswerType.PERSON, "The drones were a gift from the regional governor, Oleg Kojemiako.", "Who gave Kim drones?",
     True),
    (AnswerType.PERSON, "Kimit iu dhanë pesë dronë si dhuratë nga Rusia.", "Who gave Kim drones in Russia?", False),
    # Punctuation ends a name: the question's "Kremlin" does not make "Dmitry Peskov" after its comma the question's.
    (AnswerType.PERSON, "The spokesman of the Kremlin, Dmitry Peskov, gave some details.",
     "Who is the spokesman of the Kremlin?", True),
    (AnswerType.PERSON, "The spokesman of the Kremlin Dmitry Peskov gave some details.",
     "Who is Dmitry the spokesman of the Kremlin?", False),
    # A word of three letters is too short to be spelled "much like" a name: Tagalog "ang" is not "Kang".
    (AnswerType.PERSON, "… ministri i mbrojtjes i Koresë së Veriut, Kang Sun Nam, u raportua të ketë thënë …",
     "Sino ang ministro ng depensa ng Hilagang Korea?", True),
    (AnswerType.PERSON, "Meanwhile, Rusia's envoy Oleg Kojemiako left.", "Who was Russia's envoy?", True),
    (AnswerType.PLACE, "Kim arrived in Rusia on Tuesday.", "Where in Russia did Kim arrive?", False),
    # The question's own words are its names where it capitalises some: "which judge" makes no "Judge …" its own.
    (AnswerType.NAME, "Si Judge Elona Brahimaj ang nanguna sa panel.",
     "Which judge presided over the case against Tramonta?", True),
    (AnswerType.NAME, "The Russian Defense Ministry said Kim saw the bombers.",
     "Cili institucion rus njoftoi se Kim pa bombarduesit?", True),
    (AnswerType.PERSON, "Judge Elona Brahimaj read the ruling.", "Did Judge Brahimaj read the ruling?", False),
    (AnswerType.NAME, "Kim received a reconnaissance drone of the Geran-25 type.", "Which drone did Kim get?", True),
    # A model is a designation: letters and digits in one capitalised word, or a name and a number; not a maker's name,
    # a month and a year, or one the question gives.
    (AnswerType.MODEL, "Kim received a reconnaissance drone of the Geran-25 type.", "What model is the drone?", True),
    (AnswerType.MODEL, "Ang Tanaw Pro 360 ang nakasabit sa gitna.", "Anong modelo ng scoreboard?", True),
    (AnswerType.MODEL, "Kim received a rifle from President Putin in September 2023.", "What model was the rifle?",
     False),
    (AnswerType.MODEL, "His first trip since the covid-19 pandemic included an exchange of rifles.",
     "What model were the rifles?", False),
    (AnswerType.MODEL, "The Geran-25 drones were built in Russia.", "What model of Geran-25 was it?", False),
    (AnswerType.NAME, "then boarded a frigate where they were met by the commander-in-chief.",
     "What is the name of the frigate?", False),
    # The first word of a sentence is a name only when the next one is capitalised too.
    (AnswerType.PERSON, "Several experts believe that the deal was close.", "Who believes the deal was close?", False),
    (AnswerType.PERSON, "Greg Norman contributed to this report.", "Who contributed to the report?", True),
    # Calendar words and years, in any of the languages; a day part or a clock time.
    (AnswerType.DATE, "Lideri u largua nga Rusia të dielën.", "When did Kim leave?", True),
    (AnswerType.DATE, "Umalis si Kim noong Linggo.", "When did Kim leave?", True),
    (AnswerType.DATE, "They first met in 2019 in Vladivostok.", "When did they meet?", True),
    (AnswerType.DATE, "They met in Vladivostok to talk about weapons.", "When did they meet?", False),
    (AnswerType.YEAR, "The old building dates from 1968.", "In what year was it built?", True),
    (AnswerType.DAY, "TASS tha më 17 shtatorit se Kimit iu dhanë dronë.", "On what date did TASS report it?", True),
    (AnswerType.DAY, "Iniulat ito noong ika-17 ng Setyembre.", "On what date did TASS report it?", True),
    (AnswerType.DAY, "Inaasahang aalis ang unang batch sa Pebrero 2026.", "Anong petsa sila babalik?", False),
    (AnswerType.DAY, "Kim's train left on Sunday.", "On what date did the train get back?", False),
    (AnswerType.YEAR, "Spitali i ri u hap më 12 tetor.", "In what year was it built?", False),
    # An organisation's acronym names who acted, as a person's name does: "whose resolutions" -> the UN's.
    (AnswerType.PERSON, "Raketat ishin ndaluar me rezoluta të Këshillit të Sigurimit të OKB-së.",
     "Whose resolutions had banned the missiles?", True),
    (AnswerType.PERSON, "The missiles had been banned by several resolutions.", "Whose resolutions had banned them?",
     False),
    # A state dated by when it began answers "since when": "since the Soviet era", "që nga rënia e …".
    (AnswerType.DATE, "The two have been allies since the Soviet era.", "Since when are they allies?", True),
    (AnswerType.DATE, "Është vizita e parë që nga rënia e Bashkimit Sovjetik.", "Kur e kishte vizituar?", True),
    (AnswerType.DATE, "Magkaalyado na sila mula noong panahon ng Unyong Sobyet.", "Kailan pa sila magkaalyado?",
     True),
    (AnswerType.TIME, "The train left at 10:30 from the station.", "At what time did the train leave?", True),
    (AnswerType.TIME, "The train left on Sunday from the station.", "At what time did the train leave?", False),
    # A duration is a number with a unit of time.
    (AnswerType.DURATION, "Pagkatapos ng anim na araw na biyahe.", "How long was the trip?", True),
    (AnswerType.DURATION, "The trip took him to three cities.", "How long was the trip?", False),
    # Seconds too, in each language: a race, a contest's final.
    (AnswerType.DURATION, "Roboti i mblodhi të gjitha shishet në 131 sekonda.", "How long did the robot take?", True),
    (AnswerType.DURATION, "Natapos ng robot ang gawain sa loob ng 131 segundo.", "How long did it take?", True),
    (AnswerType.DURATION, "She ran the last lap in 58 seconds.", "How long did the last lap take?", True),
    # Kinds with no form to look for are left to the evidence rules.
    (AnswerType.REASON, "Any sentence at all.", "Why?", True),
])
def test_a_sentence_answers_only_with_a_candidate_of_the_kind_asked_for(kind, sentence, question, holds):
    assert holds_answer(kind, sentence, question.split()) is holds


def test_a_sentence_is_dated_by_its_own_language_s_calendar_words():
    # Tagalog "may" (there is, has) is spelled as the English month: "May 15 araw …" gives 15 days, no date.
    there_is = "May bagong tulay na itinatayo sa ibabaw ng ilog Malinaw."
    has_days = "May 15 araw ang Tramonta para umapela."
    assert not holds_answer(AnswerType.DATE, there_is, ["kailan"], language="tl")
    assert not holds_answer(AnswerType.DAY, has_days, ["petsa"], language="tl")
    assert holds_answer(AnswerType.DAY, "Nagsampa sila ng kaso noong Mayo 15.", ["petsa"], language="tl")
    assert holds_answer(AnswerType.DATE, "Binuksan ang tulay noong Mayo.", ["kailan"], language="tl")
    assert holds_answer(AnswerType.DATE, "The bridge reopened in May.", ["when"], language="en")
    assert holds_answer(AnswerType.DAY, "The bridge reopened on May 15.", ["date"], language="en")
    assert holds_answer(AnswerType.DATE, "Ura u hap të dielën.", ["kur"], language="sq")
    # A sentence of no known language: any language's calendar words.
    assert holds_answer(AnswerType.DATE, there_is, ["kailan"]) and holds_answer(AnswerType.DAY, has_days, ["petsa"])


def test_a_possessive_ends_a_name():
    # "Albania's Health Minister Elira Dushku": a country, then a minister; the country is no part of a person's name,
    # and a headline that names only the country names nobody.
    lead = "LISARK, 12 October – Albania's Health Minister Elira Dushku opened the new Lisark Regional Hospital."
    headline = "New Lisark hospital opens with southern Albania's first cancer wing"
    people = person_names([lead, headline])
    assert "elira" in people and "dushku" in people and "albania's" not in people
    assert not holds_answer(AnswerType.PERSON, headline, "Which minister opened the hospital in Lisark?".split(), people)


def test_names_leave_out_calendar_words_and_question_words():
    assert names_in("On Sunday, Kim met Oleg Kojemiako in Vladivostok.") == ["Kim", "Oleg", "Kojemiako",
                                                                              "Vladivostok"]
    assert names_in("Umalis si Kim noong Linggo.") == ["Kim"]


def test_a_clock_time_answers_at_what_time_more_exactly_than_a_part_of_the_day():
    lead = "The Stallions opened their new home on the same night on Saturday, as the mayor cut the ribbon."
    exact = "Ganap na 5:30 ng hapon nang gupitin ni Mayor Leonora Ocampo ang laso."
    assert holds_answer(AnswerType.TIME, lead, ["time"]) and holds_answer(AnswerType.TIME, exact, ["time"])
    assert holds_exact_answer(AnswerType.TIME, exact) and not holds_exact_answer(AnswerType.TIME, lead)
    assert holds_exact_answer(AnswerType.DATE, "They met this week.")  # other kinds ask no more than they hold


def test_a_person_named_in_full_answers_who_more_exactly_than_a_surname():
    introduced = "The library's director, Mirela Dushku, said the hall holds 40,000 books."
    later = "\"The library belongs to the readers again,\" Dushku said."
    question = "Who runs the Kestrava library?".split()
    assert holds_answer(AnswerType.PERSON, later, question, frozenset({"mirela", "dushku"}))
    assert holds_exact_answer(AnswerType.PERSON, introduced, question)
    assert not holds_exact_answer(AnswerType.PERSON, later, question)
    # A full name the question already gives, or the passages' topic, is no answer, exact or not.
    assert not holds_exact_answer(AnswerType.PERSON, introduced, "Who is Mirela Dushku?".split())
    assert not holds_exact_answer(AnswerType.PERSON, introduced, question, topic=["mirela", "dushku"])


def test_an_interrogative_of_another_language_opening_the_question_says_what_it_asks():
    # Its English loanwords make this Tagalog question read as English, whose lexicon has no "sino".
    assert answer_type("Sino ang chief engineer ng Tabirok–Masakaw Commuter Line?", "en", counts=False) \
        is AnswerType.PERSON
    # Only as the first word: Tagalog "si" (before a name) inside a yes/no question is no Albanian "si" (how).
    assert answer_type("Kinumpirma na ba ng Kremlin na bibisita si Putin?", "tl", counts=False) is AnswerType.OPEN


@pytest.mark.parametrize("question, sentence, same", [
    # A relative is answered only by a sentence that names the same relation, in any language.
    ("What is the name of Arben Kolaj's wife?", "Arben Kolaj dhe bashkëshortja e tij, Mira, ndihmuan.", True),
    ("Sino ang asawa ni Mayor Efren Dacanay?", "The mayor and his wife, Liza Dacanay, cut the ribbon.", True),
    ("Si quhej babai i Kim Jong Unit?", "… with the father of the current North Korean leader, Kim Jong-il.", True),
    ("Who plays the mother in the film?", "Ginagampanan ni Liza Santos ang papel ng ina sa pelikula.", True),
    ("Ano ang pangalan ng asawa ni Kim Jong Un?", "… with the father of the current leader, Kim Jong-il.", False),
    ("Ano ang pangalan ng asawa ni Rafael Villacorta?", "Taga-Kalumpit ang nanay ko, sabi ni Villacorta.", False),
])
def test_a_relative_is_named_only_by_a_sentence_that_names_the_same_relation(question, sentence, same):
    asked = relations_named(question)
    assert asked and bool(asked & relations_named(sentence)) is same


@pytest.mark.parametrize("question", [
    "When did the Titanic sink?",  # not "tita" (aunt)
    "Paano tumugon ang Kremlin sa babala ng Seoul?",  # not "baba" (father)
    "Anong petsa babalik sa Pilipinas ang mga estudyante?",
    "Who gave Kim the drones?",
])
def test_a_question_that_asks_for_no_relative_names_none(question):
    assert relations_named(question) == frozenset()


@pytest.mark.parametrize("sentence", [
    "PORTAVESH, 3 maj – Gjykata urdhëroi kompaninë të paguajë pagat e prapambetura.",
    "BAGONG LIRIO, Philippines, November 9, 2026 – Cargo handling resumed after the strike ended.",
    "STA. LUCILA, 27 Setyembre – Nag-landfall ang bagyo sa bayan.",
])
def test_a_datelines_date_is_the_reports_not_an_answer(sentence):
    # The date after the place in capitals is when the report was filed: "On what date did the workers sue?" is not
    # answered by it.
    assert not holds_answer(AnswerType.DAY, sentence, [])
    assert not holds_answer(AnswerType.YEAR, sentence, [])


@pytest.mark.parametrize("sentence", [
    "PORTAVESH, 3 maj – Punëtorët e paditën kompaninë më 12 shkurt 2025.",
    "The port, which opened on 4 July 1965 – the first in the region – handles fruit.",
])
def test_a_date_told_after_the_dateline_answers(sentence):
    assert holds_answer(AnswerType.DAY, sentence, [])


@pytest.mark.parametrize("question, asked", [
    ("In which hotel did the team stay?", "hotel"),
    ("Në cilin hotel qëndroi skuadra?", "hotel"),
    ("Saang ospital dinala ang nasugatan?", "hospital"),
    ("Which regional airline cancelled its flights?", "airline"),
    ("Which bank lent money for the wind farm?", "bank"),
    ("Cili fondacion financoi ekspeditën?", "foundation"),
    ("Which laboratory is dating the samples?", "laboratory"),
    ("Saang museo dadalhin ang mga barya?", "museum"),
])
def test_a_question_that_asks_which_institution_names_its_kind(question, asked):
    assert institutions_asked(question) and institutions_asked(question) == institutions_named(asked.capitalize())


def test_an_institution_is_named_by_a_name_that_says_its_kind_not_by_the_word_alone():
    assert institutions_named("The trip was paid for by a loan from Sinag Rural Bank.") == institutions_named("Bank")
    assert institutions_named("The rest was covered by a bank loan and by members' own contributions.") == frozenset()
    assert institutions_named("Disa skuadra kishin robotë që do t'ua kishin zili edhe studentët e universitetit.") \
        == frozenset()


@pytest.mark.parametrize("question", [
    "Who is the director of the Lisark Regional Hospital?",  # asks for a person; the hospital is what it names
    "Which nursing student from the university hopes to be picked?",
    "Which company built the plant?",  # a company's name need not say so ("supplied by Veltra Medical")
])
def test_other_questions_ask_no_kind_of_institution(question):
    assert institutions_asked(question) == frozenset()


def test_a_tagalog_when_is_no_time_of_day():
    # English "noon" starts Tagalog "noong" (when, at the time of), which dates nearly every Tagalog report.
    assert not holds_answer(AnswerType.TIME, "Inanyayahan ni Kim si Putin, ayon sa KCNA noong Huwebes.", [])
    assert holds_answer(AnswerType.TIME, "Nagsimula ang welga noong Nobyembre 3 nang alas-6 ng umaga.", [])


@pytest.mark.parametrize("word, is_date", [
    ("dielen", True), ("shtatorit", True), ("linggong", True), ("mondays", True),  # a listed word in its own case
    ("mayor", False),  # English, not Tagalog "mayo" (May) with an ending Tagalog has not
    ("shkurter", False),  # "shkurtër" (short), not "shkurt" (February)
])
def test_a_listed_word_takes_only_its_own_languages_endings(word, is_date):
    assert holds_answer(AnswerType.DATE, f"The {word} spoke.", []) is is_date


@pytest.mark.parametrize("question, asked", [
    ("Who is the director of the Lisark Regional Hospital?", ["director"]),
    ("Who was the excavator operator that found the cave?", ["excavator", "operator"]),
    ("Sino ang pangulo ng manning agency?", ["pangulo", "manning"]),
    ("Kush është zëdhënësi i Besnik Arbanës?", ["zëdhënësi"]),
    ("sino ang mayor ng pinagsibol city", ["mayor", "pinagsibol"]),  # typed in lower case: no word is a name
    ("Who gave Kim the drones?", ["drones"]),
])
def test_the_words_a_question_asks_for_a_person_by_follow_its_interrogative(question, asked):
    # Question words, connectives, the names it capitalises and words of under five letters are left out.
    assert asked_as(question) == asked


DIRECTOR = "Hospital director Dr. Gentian Marku said the building would cut waiting times."
LEAD = "LISARK, 12 October – Health Minister Elira Dushku opened the new Lisark Regional Hospital on Sunday."


def test_a_person_named_beside_the_role_asked_for_is_named_beside():
    question = "Who is the director of the Lisark Regional Hospital?".split()
    asked = asked_stems(["director"])
    assert named_beside(AnswerType.PERSON, DIRECTOR, question, asked)
    # The lead names a person too, but as a minister: both answer "who", one as asked.
    assert holds_answer(AnswerType.PERSON, LEAD, question)
    assert not named_beside(AnswerType.PERSON, LEAD, question, asked)
    # The role's word in another language, as the word bridge gives it.
    assert named_beside(AnswerType.PERSON, "Shpellën e gjeti operatori i ekskavatorit Ilir Kapllani, 41 vjeç.",
                          "Who was the excavator operator?".split(), asked_stems(["operator", "operatori"]))


@pytest.mark.parametrize("sentence", ["The scan was made with a Lumetra X9 laser scanner.",
                                      "Marikit State University signed a student exchange."])
def test_a_name_with_a_figure_or_an_institution_is_no_person_named_beside(sentence):
    asked = asked_stems(["scanner", "student"])
    assert not named_beside(AnswerType.PERSON, sentence, "Who led the scanning?".split(), asked)


def test_a_title_the_question_asks_by_is_no_part_of_the_name():
    sentence = "Ayon kay Mayor Rogelio Santelices, maglalaan ang lungsod ng pondo."
    question = "sino ang mayor ng pinagsibol city".split()
    # Typed in lower case, the question's every word could be a name, "mayor" too.
    assert not holds_answer(AnswerType.PERSON, sentence, question)
    assert holds_answer(AnswerType.PERSON, sentence, question, asked=asked_stems(["mayor"]))


@pytest.mark.parametrize("sentence, name", [
    ('Tinuruan siya ng kanyang coach na si Ernesto "Boyet" Salvacion noong bata pa siya.',
     ["Ernesto", "Boyet", "Salvacion"]),
    ("Ayon sa kanilang pangulo na si Alberto “Ka Berto” Villanueva, nangangamba sila.",
     ["Alberto", "Ka", "Berto", "Villanueva"]),
])
def test_a_nickname_in_quotation_marks_is_part_of_a_name(sentence, name):
    tokens, spaced = tokens_of(sentence)
    assert [[tokens[i] for i in phrase] for phrase in name_phrases(tokens, spaced)] == [name]


def test_a_quoted_name_after_a_word_is_not_joined_to_it():
    # The choir's name in quotation marks, then a lower-case word: no nickname.
    tokens, spaced = tokens_of('Kori "Zërat e Lumit" ka 28 fëmijë.')
    assert [[tokens[i] for i in phrase] for phrase in name_phrases(tokens, spaced)] == [["Kori"], ["Zërat"], ["Lumit"]]


@pytest.mark.parametrize("question, language, named", [
    ("What is the name of the frigate that Kim boarded?", "en", ["frigate"]),
    ("what is the name of the regional agriculture office director", "en", ["regional", "agriculture"]),
    ("Si quhet kryetari i bashkisë së Sternës?", "sq", ["kryetari"]),
    ("Cili është emri i kapitenit të anijes?", "sq", ["kapitenit"]),
    ("Ano ang pangalan ng armadong tren ni Kim Jong Un?", "tl", ["armadong", "tren"]),
    ("Which bank lent the money?", "en", []),  # asks for a name, but not "the name of" a thing it names
])
def test_what_a_question_asks_the_name_of_is_read_in_its_language(question, language, named):
    assert name_asked_of(question, language) == named


def test_a_thing_whose_name_is_asked_is_named_beside_its_word():
    question = "What is the name of the steam train?".split()
    stems = asked_stems(["train", "treni"], NAMED_STEM)
    assert named_beside(AnswerType.NAME, "Most visitors arrive on the steam train Drita from Tirana.", question, stems)
    assert named_beside(AnswerType.NAME, "Vizitorët vijnë me trenin me avull Drita.", question, stems)
    # A name far from the thing's word names something else.
    assert not named_beside(AnswerType.NAME, "The museum's director, Elira Basha, said most visitors would come by train.", question,
                            stems)


def test_a_sentence_in_the_question_s_language_repeats_a_word_of_it():
    question = "Kush është kryetari i bashkisë së Lisarkut?"
    assert shares_a_word("Kryetarja e bashkisë, Mira Hoxha, tha se …", question)
    assert not shares_a_word("„Kemi pasur pacientë“, tha Dr. Teuta Lleshaj, onkologia.", question)
    # Question words, connectives and short words do not count; a question of nothing else asks for nothing of it.
    assert not shares_a_word("Who said what, and when?", "Who trained her, and when?")
    assert shares_a_word("Anything at all.", "Who is he?")
