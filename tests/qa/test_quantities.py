import pytest

from qa.quantities import asked_per, asks_age, counted_units, states_count, states_per, sums_named


@pytest.mark.parametrize("question, language, counted", [
    ("How many hours did the one-on-one talks last?", "en", "hours"),
    ("For how many months had Russia been at war?", "en", "months"),
    ("Sa predha artilerie i ka dërguar Koreja e Veriut?", "sq", "predha"),
    ("Ilang bagon mayroon ang armadong tren?", "tl", "bagon"),
    ("How old is Kim Jong Un?", "en", "old"),
    ("Magkano ang halaga ng mga drone?", "tl", "dollar"),
])
def test_count_questions_name_what_they_count(question, language, counted):
    words, forms = counted_units(question, language)
    assert counted in words + forms


@pytest.mark.parametrize("question, language", [
    ("How far back does the alliance go?", "en"),  # "since the Soviet era" answers it
    ("Sa anong industriya gustong makipagtulungan ang Rusya?", "tl"),  # Tagalog "sa" is a preposition
    ("Kush e shoqëroi Kim Jong Un në ekspozitë?", "sq"),
    ("How many did they receive?", "en"),  # what it counts goes unsaid
])
def test_other_questions_count_nothing(question, language):
    assert counted_units(question, language) == ([], [])


@pytest.mark.parametrize("sentence, question, language", [
    ("… në më shumë se 18 muaj luftë.", "For how many months had Russia been at war?", "en"),
    ("… duke përmbyllur vizitën e tij gjashtëditore.", "Sa ditë zgjati vizita?", "sq"),
    ("… ang limang mapanganib na drone na “kamikaze”.", "How many kamikaze drones was Kim given?", "en"),
    ("The train runs at 50 km/h.", "How fast can Kim's armored train go?", "en"),
    ("Treni ecën me 60 kilometra në orë.", "Sa shpejt ecën treni?", "sq"),
    # Words that are never what was counted do not count towards the reach.
    ("Nagprotesta ang humigit-kumulang 75 miyembro ng Samahang Mangingisda ng Dalisay.",
     "Ilang mangingisda ang nagprotesta?", "tl"),
])
def test_a_number_with_what_was_counted_states_the_count(sentence, question, language):
    words, forms = counted_units(question, language)
    assert states_count(sentence, words + forms)


@pytest.mark.parametrize("sentence", [
    "At a summit between Putin and Kim, the Russian president mentioned cooperation between the two countries.",
    "“Sa pagtatapos ng pagtanggap, inanyayahan ni Kim si Putin sa isang magandang oras,” ayon sa KCNA.",  # "a"
    "They met in 2019 on his last trip abroad.",
])
def test_other_numbers_do_not(sentence):
    words, forms = counted_units("How many hours did the talks last?", "en")
    assert not states_count(sentence, words + forms)


def test_a_distance_is_no_speed():
    words, forms = counted_units("How fast can Kim's armored train go?", "en")
    assert words == [] and not states_count("TASS tha se treni i Kimit u nis rreth 250 kilometra drejt kufirit.", forms)


def test_an_anniversary_is_no_age():
    """"70-vjetori" (the 70th anniversary) starts like "vjet" (years) but says nobody's age."""
    words, forms = counted_units("How old is Kim Jong Un?", "en")
    sentence = "Shoigu mbërriti në Korenë e Veriut këtë javë për 70-vjetorin e përfundimit të Luftës."
    assert not states_count(sentence, words + forms)
    assert states_count("Kim Jong Un është 39 vjeç.", words + forms)


@pytest.mark.parametrize("sentence", [
    "Ai kishte jetuar 39 vjet në Phenian.",  # he had lived 39 years in Pyongyang
    "Arbana, who had run the county for eight years, conceded.",
    "Ilang taon: walong taon siyang naging alkalde.",
])
def test_a_number_of_years_is_a_duration_not_an_age(sentence):
    words, forms = counted_units("How old is Besnik Arbana?", "en")
    assert not states_count(sentence, words + forms)


@pytest.mark.parametrize("sentence, question, language", [
    ("Nakalatag ang labi ng barko sa lalim na 41 metro.", "Gaano kalalim ang kinalalagyan ng labi ng barko?", "tl"),
    ("Mbetjet e anijes ndodhen në thellësinë 41 metra.", "How deep is the wreck?", "en"),
    ("… about 250 kilometers away.", "Sa larg kufirit ishte stacioni?", "sq"),
    ("The bell weighs 38 kg.", "How much does the bell weigh?", "en"),
    ("Ang kampana ay may bigat na 38 kilogramo.", "Gaano kabigat ang kampana?", "tl"),
    ("It weighs 900 grams.", "Gaano kabigat ang sinturon?", "tl"),  # grams, in each language
    ("Brezi peshon 900 gramë.", "How much does the belt weigh?", "en"),
    ("May bigat itong 900 gramo.", "Sa peshon brezi?", "sq"),
    # A height or a thickness by each language's own word for it.
    ("Kelmendi, who stands 2.11 metres tall, scored 31 points.", "Gaano katangkad si Ardit Kelmendi?", "tl"),
    ("Muri ka trashësi 1,2 metra.", "How thick is the wall?", "en"),
    ("Ang pader ay may kapal na 1.2 metro.", "Sa i trashë është muri?", "sq"),
])
def test_a_length_or_a_weight_is_a_number_with_its_unit(sentence, question, language):
    words, forms = counted_units(question, language)
    assert words == [] and states_count(sentence, forms)


@pytest.mark.parametrize("question, language", [
    ("How tall is Rafael Villacorta?", "en"),
    ("How much does the bronze bell from the wreck weigh?", "en"),
])
def test_a_number_without_a_unit_of_measure_is_no_length_or_weight(question, language):
    """"Villacorta, 27," and "12,400-seat" hold numbers, but no height: "How tall" is answered only with a unit."""
    words, forms = counted_units(question, language)
    assert forms and not states_count("Villacorta, 27, joins the 12,400-seat arena built for ₱940 million.", forms)


@pytest.mark.parametrize("sentence, states", [
    ("Villacorta, 27, averaged 19 points a game last season.", True),  # news style: the age between commas
    ("Gjergj Marku, 78, u zbrit nga çatia.", True),
    ("In Bardhec, 860 people were evacuated.", False),  # no comma after the number
    ("BARDHEC, 14 March – Rescue crews evacuated 860 people.", False),  # a dateline
    ("the villagers, 27, were", False),  # no name before it
])
def test_a_number_between_commas_after_a_name_states_an_age(sentence, states):
    words, forms = counted_units("Ilang taon na si Rafael Villacorta?", "tl")
    assert states_count(sentence, words + forms) is states


@pytest.mark.parametrize("sentence, question, language", [
    # Per cent is named in every language's own words, or with a sign.
    ("Turnout was 58.7 per cent.", "Ilang porsiyento ang naging turnout?", "tl"),
    ("Pjesëmarrja ishte 58,7 për qind.", "Ilang porsiyento ang naging turnout?", "tl"),
    ("Turnout was 58.7%.", "Ilang porsiyento ang naging turnout?", "tl"),
    # A currency sign before or after the number is its unit: a sum of money.
    ("Pinangakuan sila ng sahod na €950 kada buwan.", "What monthly wage had the workers been promised?", "en"),
    ("The ticket costs 12 € one way.", "Sa kushton bileta?", "sq"),
    ("The line cost $1.5 billion.", "Magkano ang gastos ng linya?", "tl"),
    # "How long is/was …" asks a length or a time: either answers.
    ("The line is 38 kilometres long.", "How long is the new rail line?", "en"),
    ("… duke përmbyllur vizitën e tij gjashtëditore.", "How long was Kim's visit?", "en"),
    # So do Albanian "sa i/e gjatë" and Tagalog "gaano kahaba".
    ("A new 186-metre bridge opened on Monday.", "Gaano kahaba ang bagong tulay?", "tl"),
    ("The new bridge is 186 metres long.", "Sa e gjatë është ura e re?", "sq"),
    ("Vizita zgjati gjashtë ditë.", "Sa e gjatë ishte vizita?", "sq"),
])
def test_a_count_named_in_other_words_is_stated(sentence, question, language):
    words, forms = counted_units(question, language)
    assert states_count(sentence, words + forms)


def test_how_long_is_not_answered_by_a_number_of_something_else():
    words, forms = counted_units("How long is the new rail line?", "en")
    assert not states_count("The line has 14 stations and 6 bridges.", words + forms)


def test_how_long_something_lasted_is_no_count_of_lasting():
    """Albanian "sa zgjati" (how long did it last) asks a duration: "zgjati" is not what is counted."""
    assert counted_units("Sa zgjati seanca e fundit e gjykimit?", "sq") == ([], [])


def test_a_length_is_no_weight():
    """Tagalog "kilo" (kilogram) would be cut to "kil", which starts "kilometro" too."""
    words, forms = counted_units("Gaano kabigat ang bawat tren?", "tl")
    assert not states_count("May habang 38 kilometro ang linya.", words + forms)
    assert states_count("The trains weigh 148 tonnes each.", words + forms)


def test_a_sum_asked_for_by_what_it_is_called_is_answered_only_by_an_amount():
    """"What monthly wage", "sa është gjoba" (how much is the fine) ask for money, as "how much … cost" does."""
    for question, language in [("What monthly wage had the workers been promised?", "en"),
                               ("Sa është gjoba që gjykata i vuri kompanisë?", "sq"),
                               ("Ano ang multa na ipinataw ng korte?", "tl")]:
        words, forms = counted_units(question, language)
        assert states_count("Pinagmulta rin ng korte ang kompanya ng 9 milyong lek.", words + forms)
        assert not states_count("The 46 workers were paid nothing for five months.", words + forms)


def test_a_tagalog_count_of_people_takes_its_counting_prefix():
    """"14,200 katao" counts "tao" (people), and only that: "taon" (year) has the stem "tao" too."""
    words, forms = counted_units("Ilang tao ang inilikas bago tumama ang bagyo?", "tl")
    assert states_count("Umabot sa 14,200 katao ang inilikas.", words + forms)
    words, forms = counted_units("Sa vite ka shërbyer si guvernator?", "sq")
    assert not states_count("Umabot sa 14,200 katao ang inilikas.", words + forms)


def test_how_much_time_is_a_duration_not_a_count_of_time():
    """Albanian "sa kohë" (how much time) asks a duration, answered by "27 muaj" (months)."""
    assert counted_units("Sa kohë zgjatën punimet për ndërtimin e spitalit?", "sq") == ([], [])


def test_a_time_of_day_is_no_duration():
    """"alas-11:00 ng umaga, oras sa Albania" (11 a.m., Albanian time) states no number of hours."""
    words, forms = counted_units("Gaano katagal ang biyahe ni Prof. Tanglao papunta sa Albania?", "tl")
    units = words + forms or ["oras", "hour"]
    assert not states_count("Nilagdaan ang kasunduan sa ganap na alas-11:00 ng umaga, oras sa Albania.", units)
    assert states_count("Bumiyahe si Tanglao nang mahigit 17 oras.", units)


@pytest.mark.parametrize("question, language, sentence", [
    ("How much will a kilo of the cheese cost in shops?", "en", "The plant processes 42,000 litres of milk a day."),
    ("How many minutes did the speech last?", "en", "The president met 12 ministers on Monday."),
    ("How many months did the works take?", "en", "The fund lent them 3 money-saving machines."),
    ("How fast can the train go?", "en", "The flood reached 300 houses in the valley."),
])
def test_a_listed_unit_is_not_read_into_another_word_that_starts_like_it(question, language, sentence):
    """Three letters of "milyon", "minute", "month" or "hour" start "milk", "ministers", "money" and "houses": a unit
    the lexicons list keeps four letters of its form."""
    words, forms = counted_units(question, language)
    assert not states_count(sentence, words + forms)


@pytest.mark.parametrize("question, language, unit", [
    ("How many containers per hour can the crane move?", "en", "hour"),
    ("How much does the operator lose each day?", "en", "day"),
    ("What is the monthly wage of a crane operator?", "en", "month"),
    ("Sa ton banane eksporton porti çdo vit?", "sq", "year"),
    ("Sa litra qumësht përpunon fabrika në ditë?", "sq", "day"),
    ("Sa është paga mujore e një infermiereje?", "sq", "month"),
    ("Ilang kilo ng bigas ang matatanggap buwan-buwan ng bawat manggagawa?", "tl", "month"),
    ("Magkano ang ibabayad ng kompanya bawat taon?", "tl", "year"),
    ("Magkano ang buwanang sahod ng mga marino?", "tl", "month"),
])
def test_a_count_asked_per_unit_of_time_names_the_unit(question, language, unit):
    assert unit in asked_per(question, language)


@pytest.mark.parametrize("question, language", [
    ("How much does each of the new trains weigh?", "en"),  # each train, not each unit of time
    ("Sa njerëz vdiqën në vitin 2023?", "sq"),  # "in the year 2023" dates the count
    ("Ilang bahay ang nasira sa bagyo?", "tl"),
])
def test_other_counts_are_asked_per_nothing(question, language):
    assert asked_per(question, language) == ()


def test_only_a_sentence_with_the_unit_of_time_states_a_rate():
    per_hour = asked_per("How many containers per hour can the crane move?", "en")
    assert states_per("Each crane moves 30 containers an hour.", per_hour)
    assert states_per("Kada crane ay nakakapaglipat ng 30 container kada oras.", per_hour)
    assert not states_per("The port handles about 520,000 containers a year.", per_hour)
    assert states_per("Its annual budget is 3 million euros.", asked_per("How much is spent every year?", "en"))


@pytest.mark.parametrize("question", ["Sa vjeç është Arben Kolaj?", "Sa vjeçe është Helen Ashby?",
                                      "Sa vjeçare është Helen Ashby?"])
def test_an_albanian_age_is_asked_in_every_gender_and_number(question):
    assert asks_age(counted_units(question, "sq")[1])


@pytest.mark.parametrize("sentence, states", [
    ("Tatanggap sila ng P500 na allowance kada araw.", True),
    ("The province paid PHP 1,200 per family.", True),
    ("The fund holds P1.5 billion.", True),
    ("The P2 model was not used.", False),  # one figure: a model or a part as often
])
def test_a_peso_written_as_a_letter_before_the_figure_is_a_sum(sentence, states):
    units = counted_units("Magkano ang allowance?", "tl")[1]
    assert states_count(sentence, units) is states


@pytest.mark.parametrize("text, kind", [
    ("Magkano ang sahod ng mga nurse?", "wage"),
    ("What is the monthly salary of a crane operator?", "wage"),
    ("Sa ishte gjoba që gjykata i vuri kompanisë?", "fine"),
    ("Pinagmulta rin ng korte ang kompanya ng 9 milyong lek.", "fine"),
    ("Nag-uwi si Manalastas ng premyong 8,000 euro.", "prize"),
    ("How much does a ticket to the museum cost?", "ticket"),
])
def test_a_sum_is_named_by_its_kind_in_every_language(text, kind):
    assert sums_named(text) == sums_named(kind)


@pytest.mark.parametrize("text", ["at a cost of ₱940 million", "Tatanggap sila ng P500 na allowance kada araw.",
                                  "Ilang pasahero ang na-stranded sa pantalan?"])
def test_a_sum_of_no_particular_kind_names_none(text):
    assert sums_named(text) == frozenset()


def test_a_word_that_points_or_joins_is_never_what_was_counted():
    # "herë" (times) keeps a stem of three letters, which English "her" starts with.
    units = ["beses", "herë"]
    assert not states_count("The group – Helen Ashcombe, 52, her son Tom, 24 – set out on Sunday.", units)
    assert states_count("Ajo e ka ngjitur malin tri herë.", units)
