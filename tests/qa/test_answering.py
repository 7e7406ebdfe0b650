"""What a quoted answer looks like to its reader (qa/answering.py): the answering sentence first, one fact once
with the other reports named, the quoted sentences' exact spans, and a refusal that keeps what was found."""

import pytest

import qa
from qa.citation_check import split_sentences
from qa.evidence import about_question
from qa.pipeline import Assistant
from qa.prepare import Query
from qa.rules import ABSTENTION
from qa.types import CITATION
from vectorstore.settings import Settings


def test_one_fact_reported_in_several_languages_is_quoted_once_and_the_others_named(bundled_index):
    answer = qa.query("Who gave Kim Jong Un drones, and what else did he get?", index_dir=bundled_index)
    assert not answer.abstained
    first = split_sentences(answer.text)[0]
    # The English report, in the question's language, is quoted; the Albanian and Tagalog ones are named.
    assert "five explosive drones" in first.text and "Kojemiako" in first.text
    assert "(also reported in" in first.text and "Albanian" in first.text and "Tagalog" in first.text
    assert "pesë dronë" not in answer.text and "limang mapanganib" not in answer.text
    # The note counts with the sentence it follows: it cites the other reports, and the sentence is supported.
    assert len(first.citations) >= 3 and answer.sentences[0].supported
    languages = {answer.sources[n - 1].language for n in first.citations}
    assert {"en", "sq", "tl"} <= languages
    assert len(CITATION.sub(" ", answer.text).split()) <= 60


def test_each_quoted_sentence_is_marked_with_its_exact_span_in_its_source(bundled_index):
    answer = qa.query("Who gave Kim Jong Un drones?", index_dir=bundled_index)
    quoted = [(source, quote) for source in answer.sources for quote in source.quotes]
    assert quoted
    cited = {int(n) for n in CITATION.findall(answer.text)}
    for source, quote in quoted:
        assert source.start <= quote.start < quote.end <= source.end
        sentence = qa.article(source.document)[quote.start:quote.end]
        assert sentence.strip() and sentence in source.text
        assert answer.sources.index(source) + 1 in cited  # only cited sources mark a quote
    first_source = answer.sources[0]
    first_quote = qa.article(first_source.document)[first_source.quotes[0].start:first_source.quotes[0].end]
    assert first_quote.strip() in answer.text


def test_the_answer_leads_with_the_sentence_of_the_kind_asked_for(bundled_index):
    # "When": the first sentence holds the day, not only the departure.
    answer = qa.query("When did Kim leave Russia?", index_dir=bundled_index)
    first = split_sentences(answer.text)[0].text
    assert any(day in first for day in ("Sunday", "të dielën", "Linggo"))


def test_a_refusal_keeps_the_passages_it_found_and_quotes_the_closest_as_no_answer(bundled_index):
    # On topic, and no sentence holds a clock time: the refusal comes first, then what the articles say closest to
    # the question, cited, marked in its source, and said to be no answer.
    answer = qa.query("At what time did Kim's train leave the Artiom-Primorie-1 station?", index_dir=bundled_index)
    assert answer.abstained and answer.text.startswith(ABSTENTION)
    assert len(answer.sources) == 5
    assert CITATION.findall(answer.text) == ["1"]  # its passage comes first among the sources, as an answer's would
    source = answer.sources[0]
    (quote,) = source.quotes
    sentence = qa.article(source.document)[quote.start:quote.end].strip()
    assert answer.text.endswith(f" The closest sentence found, which does not appear to answer it: “{sentence}” "
                                "[1]")
    assert all(not other.quotes for other in answer.sources if other is not source)


def test_a_refusal_of_passages_about_something_else_quotes_none(bundled_index):
    answer = qa.query("Who won the 2022 football World Cup?", index_dir=bundled_index)
    assert answer.abstained and answer.text == ABSTENTION
    assert answer.sources and all(not source.quotes for source in answer.sources)


def test_an_off_topic_question_in_a_language_the_model_reads_loosely_is_refused(bundled_index):
    # "When was the aeroplane invented?": e5 puts its best sentence at 0.81, over the 0.80 floor, and no closer to it
    # than the question's average Tagalog passage by much; the passages found are still shown.
    answer = qa.query("Kailan naimbento ang eroplano?", index_dir=bundled_index)
    assert answer.abstained and answer.rule == "indistinct_evidence" and answer.text == ABSTENTION
    assert answer.sources


def test_a_question_of_a_kind_no_sentence_holds_is_refused(bundled_index):
    # On topic, and the best sentences are about the train's departure: none holds a clock time.
    answer = qa.query("At what time did Kim's train leave the Artiom-Primorie-1 station?", index_dir=bundled_index)
    assert answer.abstained and answer.rule in {"no_answer_of_type", "weak_evidence", "low_similarity"}
    filtered = qa.query("At what time did Kim's train leave the Artiom-Primorie-1 station?", language="en",
                        index_dir=bundled_index)
    assert filtered.abstained and "Ask again without the language filter" in filtered.text


ELECTION = """Dravik elects its first woman mayor

DRAVIK, 12 June – Lirie Maloku of the Green List was sworn in on Monday as mayor of Dravik, a port city of 90,000 \
people, two days after winning the municipal election with 61.3 per cent of the vote.

Maloku, a 44-year-old architect, promised to reopen the old harbour market and to plant 5,000 trees along the coast \
road before the end of her term.

Turnout was 47.9 per cent, the lowest in the city since 2007, according to the electoral commission.

Her rival, the outgoing mayor Besim Hoxha, conceded defeat late on Saturday and said he would stay on the city council.
"""


def one_article_index(tmp_path_factory, name: str, text: str):
    """An index of its own holding one article, `name`.txt."""
    folder = tmp_path_factory.mktemp(name)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    qa.ingest(folder / f"{name}.txt", index_dir=folder / "index", show_progress=False)
    return folder / "index"


@pytest.fixture(scope="module")
def election_index(tmp_path_factory):
    return one_article_index(tmp_path_factory, "election", ELECTION)


@pytest.mark.parametrize("question", [
    "How many per cent of voters turned out in Dravik?",
    "Ilang porsiyento ang naging turnout sa halalan sa Dravik?",
    "Sa për qind ishte pjesëmarrja në zgjedhjet e Dravikut?",
])
def test_a_count_is_answered_first_by_the_sentence_that_answers_not_by_the_lead(election_index, question):
    # The lead states a share too (of the vote) and is closest to every question about the election; the sentence
    # quoted first is the one that ranks best for quoting among those that state the count asked for.
    answer = qa.query(question, index_dir=election_index)
    assert not answer.abstained
    assert "47.9 per cent" in split_sentences(answer.text)[0].text


LIBRARY = """Harbour library reopens after fire

KESTRAVA, 4 May – The Kestrava harbour library reopened on Thursday, eighteen months after a fire destroyed its \
reading room.

The library's director, Mirela Dushku, said the rebuilt hall holds 40,000 books, twice as many as before the fire.

"Readers of the harbour library waited patiently for this day, and the library belongs to them again," Dushku told \
the crowd at the reopening in Kestrava.

The city council paid 2.1 million euros for the works, and a local bakery donated the new reading tables.
"""


@pytest.fixture(scope="module")
def library_index(tmp_path_factory):
    return one_article_index(tmp_path_factory, "library", LIBRARY)


@pytest.mark.parametrize("question", ["Who runs the Kestrava harbour library?",
                                      "Who is in charge of the library in Kestrava?"])
def test_who_is_answered_by_the_sentence_that_names_the_person_in_full(library_index, question):
    # The quote ("…," Dushku told the crowd at the reopening in Kestrava) shares more of the question's words and had
    # been quoted first; the reader asked who, and only the sentence that introduces her gives her name.
    answer = qa.query(question, index_dir=library_index)
    assert not answer.abstained
    assert "Mirela Dushku" in split_sentences(answer.text)[0].text


PORT = """New cranes for the port of Selvara

SELVARA, 12 March – The port of Selvara handles about 520,000 containers a year and employs 2,600 people.

Its operator ordered six automated cranes from a foreign maker last year at a cost of 27 million dollars.

The first two cranes are due to arrive in May, and 200 workers will be trained to run them.
"""


@pytest.fixture(scope="module")
def port_index(tmp_path_factory):
    return one_article_index(tmp_path_factory, "port", PORT)


@pytest.mark.parametrize("question", ["How many containers per hour can the new cranes of Selvara move?",
                                      "Sa kontejnerë në orë mund të lëvizin vinçat e rinj të Selvarës?",
                                      "Ilang container kada oras ang kayang ilipat ng mga bagong crane sa Selvara?"])
def test_a_count_asked_per_hour_is_not_answered_by_a_count_per_year(port_index, question):
    # "520,000 containers a year" counts containers, but not what the reader asked: the articles don't say.
    answer = qa.query(question, index_dir=port_index)
    assert answer.abstained and answer.rule == "count_not_stated"


def test_a_count_asked_per_year_is_answered_by_it(port_index):
    answer = qa.query("How many containers does the port of Selvara handle every year?", index_dir=port_index)
    assert not answer.abstained
    assert "520,000 containers a year" in split_sentences(answer.text)[0].text


ARENA = """A new arena for Kalvara

KALVARA, 5 October – The Kalvara Arena opened on Saturday, built in 26 months at a cost of 940 million pesos.

Each of the 40 ushers will earn a wage of 650 pesos a day, the arena's manager said.
"""


@pytest.fixture(scope="module")
def arena_index(tmp_path_factory):
    return one_article_index(tmp_path_factory, "arena", ARENA)


@pytest.mark.parametrize("question", ["How much did a ticket for the opening night at the Kalvara Arena cost?",
                                      "Sa kushtonte bileta për natën e hapjes në Arenën e Kalvarës?",
                                      "Magkano ang tiket sa pagbubukas ng Kalvara Arena?"])
def test_a_sum_of_another_kind_does_not_answer(arena_index, question):
    # The arena's cost and the ushers' wage are sums, but no ticket's price: the articles don't say.
    answer = qa.query(question, index_dir=arena_index)
    assert answer.abstained


def test_a_sum_of_the_kind_asked_for_answers(arena_index):
    answer = qa.query("What is the daily wage of an usher at the Kalvara Arena?", index_dir=arena_index)
    assert not answer.abstained
    assert "650 pesos" in split_sentences(answer.text)[0].text


TEAM = """Robotics team home from Gurvan

KALINAW, 12 May – The Kalinaw school robotics team returned home on Sunday after winning the contest in Gurvan.

The team's trip was paid for by a loan from Sinag Rural Bank and by donations from parents.

The six students stayed in Gurvan for five days and visited the town's old castle, their coach said.

Three of them hope to study at the university in Drenovica one day.
"""


@pytest.fixture(scope="module")
def team_index(tmp_path_factory):
    return one_article_index(tmp_path_factory, "team", TEAM)


@pytest.mark.parametrize("question", ["In which hotel did the Kalinaw team stay in Gurvan?",
                                      "Në cilin hotel qëndroi skuadra e Kalinaw në Gurvan?",
                                      "Saang hotel tumuloy ang koponan ng Kalinaw sa Gurvan?"])
def test_an_institution_asked_for_by_its_kind_is_not_answered_by_other_names(team_index, question):
    # The article names a town, a castle and a bank, and no hotel.
    answer = qa.query(question, index_dir=team_index)
    assert answer.abstained


def test_an_institution_is_not_answered_by_the_word_for_its_kind_alone(team_index):
    # "the university in Drenovica" names a town, not a university.
    answer = qa.query("Which university do three of the Kalinaw students hope to study at?", index_dir=team_index)
    assert answer.abstained


def test_an_institution_of_the_kind_asked_for_answers(team_index):
    answer = qa.query("Which bank lent money for the Kalinaw team's trip?", index_dir=team_index)
    assert not answer.abstained
    assert "Sinag Rural Bank" in split_sentences(answer.text)[0].text


FESTIVAL = """Chess festival ends in Portovel

PORTOVEL, 16 November – The ninth Portovel chess festival ended on Sunday with a prize ceremony at the town's theatre.

Rodel Manalo, a 19-year-old from the Philippines, won the main tournament with 7.5 points out of 9.

The festival's director said that 84 players from 21 countries had taken part, three times as many as last year.
"""

STRIKE = """Dockworkers end strike at the port of Lirio

LIRIO, 9 November – Work resumed at 7 a.m. on Monday at the port of Lirio after dockworkers ended a six-day strike.

The strike began at 6 a.m. on 3 November, when 1,400 members of the union walked off the job.

The union and the port operator signed a deal late on Sunday that raises pay by 95 pesos a day.
"""

FERRY = """Trageti i parë i sezonit u nis nga Shqipëria

DURRËS, 2 qershor – Trageti i parë i sezonit veror u nis nga porti i Durrësit në orën 22:30 të së hënës.

Në bord ishin 640 pasagjerë dhe 180 automjete, njoftoi autoriteti portual.
"""


def stories_index(tmp_path_factory, name: str, stories: dict[str, str]):
    """An index of its own holding these articles (name -> text)."""
    folder = tmp_path_factory.mktemp(name)
    for article, text in stories.items():
        (folder / f"{article}.txt").write_text(text, encoding="utf-8")
    qa.ingest(folder, index_dir=folder / "index", show_progress=False)
    return folder / "index"


@pytest.fixture(scope="module")
def two_stories_index(tmp_path_factory):
    return stories_index(tmp_path_factory, "two-stories", {"festival": FESTIVAL, "strike": STRIKE})


def test_a_time_from_another_story_does_not_answer(two_stories_index):
    # The strike article says "at 6 a.m." and "at 7 a.m.", the festival article gives no time: a question about
    # Portovel's ceremony is not answered by the port of Lirio's strike.
    answer = qa.query("At what time did the prize ceremony in Portovel begin?", index_dir=two_stories_index)
    assert answer.abstained and answer.rule == "no_answer_of_type"


def test_a_time_of_the_story_asked_about_answers(two_stories_index):
    answer = qa.query("At what time did work resume at the port of Lirio?", index_dir=two_stories_index)
    assert not answer.abstained
    assert "7 a.m." in split_sentences(answer.text)[0].text


def test_a_name_that_an_article_writes_in_its_own_language_checks_nothing_there(tmp_path_factory):
    # Albanian writes Albania "Shqipëria": no Albanian passage spells the question's name, so the Albanian article is
    # not found to be about something else; the English festival article names Albania, the strike article does not.
    festival = FESTIVAL.replace("chess festival ended", "chess festival, the largest in Albania, ended")
    index_dir = stories_index(tmp_path_factory, "ferry", {"festival": festival, "strike": STRIKE, "ferry": FERRY})
    assistant = Assistant.from_settings(Settings.from_env(index_dir=index_dir))
    index = assistant.index
    with index.reading():
        query = Query.build("At what time did the ferry leave Albania?", [], index, assistant.settings)
        candidates = assistant.retriever(index).retrieve(query)
        about = dict(zip((c.document for c in candidates), about_question(query, candidates)))
    assert about == {"ferry.txt": True, "festival.txt": True, "strike.txt": False}


HOSPITAL = """New hospital opens in Varosh

VAROSH, 3 June – Health Minister Drita Kelmendi opened the new Varosh Regional Hospital on Monday, with a 60-bed children's wing.

The 180-bed hospital cost 22 million euros, paid mostly from the state budget.

Hospital director Dr. Arben Zeqiri said the building would cut waiting times for surgery.

Mayor Luan Berisha said the town had waited twenty years for it.

The children's wing is led by the paediatrician Ana "Nina" Kola, who trained in Vienna.
"""


@pytest.fixture(scope="module")
def hospital_index(tmp_path_factory):
    return one_article_index(tmp_path_factory, "hospital", HOSPITAL)


@pytest.mark.parametrize("question, name", [
    # The lead names a person too, as minister: the answer names the one beside the role asked for.
    ("Who is the director of the Varosh Regional Hospital?", "Arben Zeqiri"),
    # Typed in lower case, the question's "mayor" is no name of its own: "Mayor Luan Berisha" answers.
    ("who is the mayor of varosh", "Luan Berisha"),
    # A nickname in quotation marks is part of the name.
    ("Who leads the children's wing of the Varosh hospital?", 'Ana "Nina" Kola'),
])
def test_a_person_asked_for_by_a_role_is_the_one_named_beside_it(hospital_index, question, name):
    answer = qa.query(question, index_dir=hospital_index)
    assert not answer.abstained
    assert name in split_sentences(answer.text)[0].text


def test_a_sentence_that_repeats_nothing_of_the_question_does_not_answer_it(hospital_index):
    # The article names who Ana Kola is and where she trained, not who trained her. The director's sentence names a
    # person and repeats no word of the question: it had been quoted as the answer.
    answer = qa.query("Who trained Ana Kola?", index_dir=hospital_index)
    assert answer.abstained and answer.rule == "no_answer_of_type"
    assert "Zeqiri" not in answer.text.split("The closest sentence found")[0]


def test_a_sum_in_a_sentence_that_repeats_nothing_of_the_question_does_not_answer_it(hospital_index):
    # The hospital's cost is the article's only sum; it had been quoted as what the town spent on surgery rooms.
    answer = qa.query("How much did the town spend on the surgery rooms?", index_dir=hospital_index)
    assert answer.abstained and answer.rule == "count_not_stated"


MUSEUM = """Old mill becomes a museum in Korvan

KORVAN, 2 May – An old flour mill in Korvan reopened on Friday as the town's first museum, after a two-year restoration.

The museum's director, Elira Basha, said the mill would show how bread was made a century ago.

Most visitors arrive on the steam train Drita, which runs from Tirana on weekends.

The restoration was paid for by the town and by a grant from Mirava Bank.
"""


@pytest.fixture(scope="module")
def museum_index(tmp_path_factory):
    return one_article_index(tmp_path_factory, "museum", MUSEUM)


def test_a_thing_whose_name_is_asked_is_named_beside_its_word(museum_index):
    answer = qa.query("What is the name of the steam train that brings visitors to the Korvan museum?",
                      index_dir=museum_index)
    assert not answer.abstained
    assert "Drita" in split_sentences(answer.text)[0].text


@pytest.mark.parametrize("question", ["What is the name of the architect who restored the mill in Korvan?",
                                      "Si quhet arkitekti që restauroi mullirin në Korvan?",
                                      "Ano ang pangalan ng arkitekto na nag-ayos ng gilingan sa Korvan?"])
def test_a_name_asked_of_what_the_articles_do_not_name_is_not_answered_by_other_names(museum_index, question):
    # The article names a director, a train, a city and a bank, and no architect.
    answer = qa.query(question, index_dir=museum_index)
    assert answer.abstained


BRIDGE_WORKS = """SAN ISIDRO — May bagong tulay na itinatayo sa ibabaw ng ilog Malinaw sa bayan ng San Isidro, ayon sa pamahalaang bayan.

May tatlong daang manggagawa na nagtatrabaho sa proyekto araw-araw, sabi ni Inhinyero Carlo Reyes, ang namamahala sa konstruksiyon.

May pansamantalang tawiran na gawa sa kawayan para sa mga residente habang ginagawa ang bagong tulay.

Ayon kay Reyes, may kakulangan pa sa bakal at semento, kaya mabagal ang pagtatayo ng tulay.

May 15 bahay sa tabi ng ilog na kailangang ilipat dahil sa proyekto.
"""


@pytest.fixture(scope="module")
def bridge_works_index(tmp_path_factory):
    return one_article_index(tmp_path_factory, "tulay", BRIDGE_WORKS)


@pytest.mark.parametrize("question", [
    "Kailan matatapos ang bagong tulay sa ilog Malinaw?",
    "When will the new bridge over the Malinaw river be finished?",
    "Sa anong petsa bubuksan ang bagong tulay sa ilog Malinaw?",
])
def test_a_word_of_the_sentence_s_language_spelled_as_another_s_month_dates_nothing(bridge_works_index, question):
    # Tagalog "may" (there is) opens four of the article's sentences and is the English month's spelling ("May 15
    # bahay": there are 15 houses); the article gives no date for the bridge.
    answer = qa.query(question, index_dir=bridge_works_index)
    assert answer.abstained, answer.text
    assert answer.sources  # the passages found are still shown


def test_the_article_without_a_date_still_answers_what_it_says(bridge_works_index):
    answer = qa.query("Sino ang namamahala sa konstruksiyon ng tulay?", index_dir=bridge_works_index)
    assert not answer.abstained and "Carlo Reyes" in answer.text
