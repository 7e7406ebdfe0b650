#!/usr/bin/env python3
"""Build questions.jsonl for the unseen10 held-out set (72 hand-written questions).

Per language (en / sq / tl): 6 mono, 10 cross, 6 none (topic "on"), 2 none (topic "off").
Questions are shuffled with random.Random(20261209) and numbered kq01..kq72 in shuffled order.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def q(lang, kind, question, gold_docs=(), answer_any=(), topic=None):
    d = {"lang": lang, "kind": kind, "question": question,
         "gold_docs": list(gold_docs), "answer_any": list(answer_any)}
    if topic is not None:
        d["topic"] = topic
    return d


QUESTIONS = [
    # ------------------------------------------------------------------ English
    # mono
    q("en", "mono", "Which journal published the description of Platymantis apuraoensis?",
      ["k01"], ["Tropical Amphibian Review"]),
    q("en", "mono", "how much money did the hiraya conservation fund give for the mount apurao expedition",
      ["k01"], ["1.8 million pesos", "1.8 million"]),
    q("en", "mono", "Who heads the regional civil protection office in Pyllgur?",
      ["k05"], ["Teuta Marku", "Marku"]),
    q("en", "mono", "What is the name of the text-message alert service that warned residents about the Pyllgur fire?",
      ["k05"], ["PyllAlert"]),
    q("en", "mono", "What did Lorna Villacorte say the new frog's call sounds like?",
      ["k01"], ["tapping two pebbles", "two pebbles"]),
    q("en", "mono", "Why do the researchers want the new frog listed as Critically Endangered?",
      ["k01"], ["illegal logging", "access road", "less than 5 square kilometres"]),
    # cross
    q("en", "cross", "Who first heard the call of the new frog species on Mount Apurao?",
      ["k04"], ["Jericho Dumalagan", "Dumalagan"]),
    q("en", "cross", "how many individuals of the new frog have researchers counted so far",
      ["k04"], ["38"]),
    q("en", "cross", "What do local people call the new frog from Mount Apurao?",
      ["k04"], ["tiktik-bato", "tiktik"]),
    q("en", "cross", "How much will Santa Liwayway set aside to hire forest rangers?",
      ["k04"], ["P2.5 milyon", "2.5"]),
    q("en", "cross", "What is the estimated total value of the objects stolen from the Gurëbardhë museum?",
      ["k03", "k06"], ["2,3 milionë euro", "€2.3 milyon", "2,3", "2.3"]),
    q("en", "cross", "At what time did the thieves get into the museum in Gurëbardhë?",
      ["k06"], ["03:15", "3:15"]),
    q("en", "cross", "How old is the farmer arrested over the Pyllgur wildfire?",
      ["k02"], ["67"]),
    q("en", "cross", "Who is the chief curator of Museo Dalisay?",
      ["k03"], ["Teresita Mangubat", "Mangubat"]),
    q("en", "cross", "Which company insured the Philippine artifacts stolen in Albania?",
      ["k03"], ["Kalasag Assurance", "Kalasag"]),
    q("en", "cross", "In which village did the Pyllgur wildfire start?",
      ["k02"], ["Shkozëz"]),
    # none / on
    q("en", "none", "What is the name of the cleaner who discovered the museum theft in Gurëbardhë?", topic="on"),
    q("en", "none", "How much will the planned access road on Mount Apurao cost?", topic="on"),
    q("en", "none", "What is the name of the farmer arrested for starting the Pyllgur fire?", topic="on"),
    q("en", "none", "how many helicopters were used against the pyllgur fire", topic="on"),
    q("en", "none", "Why was the Mount Apurao expedition held in November?", topic="on"),
    q("en", "none", "When will the trial of the suspects in the Gurëbardhë museum theft begin?", topic="on"),
    # none / off
    q("en", "none", "Which team won the basketball championship final in Manila last weekend?", topic="off"),
    q("en", "none", "what is the current interest rate set by the central bank of kosovo", topic="off"),

    # ------------------------------------------------------------------ Albanian
    # mono
    q("sq", "mono", "Kush eshte komandanti i zjarrfikesve te Pyllgurit?",
      ["k02"], ["Gentian Rrapaj", "Rrapaj"]),
    q("sq", "mono", "sa shperblim ka ofruar kryetari i bashkise se gurebardhes",
      ["k06"], ["50 mijë"]),
    q("sq", "mono", "Pse u arrestua fermeri 67-vjeçar nga Shkozëza?",
      ["k02"], ["digjte kashtën", "kashtën", "kashtë"]),
    q("sq", "mono", "Ku u gjet furgoni gri pa targa?",
      ["k06"], ["urës së Lumëzës", "Lumëzës", "Lumëz"]),
    q("sq", "mono", "Kur u hap ekspozita \"Ari i Arkipelagut\" në Gurëbardhë?",
      ["k03", "k06"], ["2 mars", "Marso 2"]),
    q("sq", "mono", "Çfarë tha Arben Gjokaj për pyjet e djegura mbi qytet?",
      ["k02"], ["rrëshqitjet e dheut", "20 mijë fidanëve", "20 mijë"]),
    # cross
    q("sq", "cross", "Si quhet lloji i ri i bretkosës i zbuluar në malin Apurao?",
      ["k01", "k04"], ["Platymantis apuraoensis", "apuraoensis"]),
    q("sq", "cross", "Sa milimetra e gjatë është bretkosa e re nga Filipinet?",
      ["k01", "k04"], ["19 millimetres", "19 milimetro", "19"]),
    q("sq", "cross", "Kush e drejtoi ekipin e studiuesve që zbuloi bretkosën e re?",
      ["k01", "k04"], ["Lorna Villacorte", "Villacorte"]),
    q("sq", "cross", "Kush është kryetarja e bashkisë së Santa Liwayway?",
      ["k04"], ["Cecilia Yumul", "Yumul"]),
    q("sq", "cross", "sa ore zgjati zjarri ne pyllgur derisa u vu nen kontroll",
      ["k05"], ["52 hours", "52"]),
    q("sq", "cross", "Ku u strehuan banorët e evakuuar nga zjarri i Pyllgurit?",
      ["k05"], ["Besëlidhja", "Liria"]),
    q("sq", "cross", "Sa hektarë dogji zjarri i madh i vitit 2017 në atë zonë?",
      ["k05"], ["700"]),
    q("sq", "cross", "Në çfarë ore u zbulua vjedhja në muzeun e Gurëbardhës?",
      ["k03"], ["6:40"]),
    q("sq", "cross", "Cili ishte objekti më i vlefshëm mes atyre që u vodhën në Gurëbardhë?",
      ["k03"], ["Maskarang Ginto ng Talaban", "Talaban"]),
    q("sq", "cross", "Kush është konsulli nderi i Filipineve në Shqipëri?",
      ["k03"], ["Edgardo Salcedo", "Salcedo"]),
    # none / on
    q("sq", "none", "sa kushton bileta e hyrjes ne muzeun e gurebardhes", topic="on"),
    q("sq", "none", "Si quhen dy zjarrfikësit që u plagosën në zjarrin e Pyllgurit?", topic="on"),
    q("sq", "none", "Sa vjeç është Dr. Lorna Villacorte?", topic="on"),
    q("sq", "none", "Kur u themelua Bukidlaya State University?", topic="on"),
    q("sq", "none", "Ku ishin fshehur hajdutët para se të hynin në muzeun e Gurëbardhës?", topic="on"),
    q("sq", "none", "Cila markë ishte furgoni gri që u gjet pranë urës së Lumëzës?", topic="on"),
    # none / off
    q("sq", "none", "Kush fitoi zgjedhjet për kryetar bashkie në Korçë?", topic="off"),
    q("sq", "none", "sa kushton nje bilete avioni nga tirana ne rome", topic="off"),

    # ------------------------------------------------------------------ Tagalog
    # mono
    q("tl", "mono", "Sino ang direktor ng museo sa Gurëbardhë na pinagnakawan?",
      ["k03", "k06"], ["Arjana Kolmeta", "Kolmeta"]),
    q("tl", "mono", "Anong oras natuklasan ng tagalinis ang nakawan sa museo?",
      ["k03"], ["alas-6:40", "6:40"]),
    q("tl", "mono", "magkano ang halaga ng maskarang ginto ng talaban",
      ["k03"], ["P48 milyon", "48 milyon"]),
    q("tl", "mono", "Gaano katagal ang pagsusuri ng DNA bago nakumpirmang bagong uri ang palaka?",
      ["k04"], ["14 na buwan"]),
    q("tl", "mono", "Bakit \"tiktik-bato\" ang tawag ng mga taga-roon sa bagong palaka?",
      ["k04"], ["pagtapik ng dalawang bato", "dalawang bato"]),
    q("tl", "mono", "Ano ang sinabi ni Dr. Teresita Mangubat tungkol sa pagnanakaw?",
      ["k03"], ["namatayan", "kasaysayan ito ng ating mga ninuno"]),
    # cross
    q("tl", "cross", "Ilang araw tumagal ang ekspedisyon sa Bundok Apurao noong Nobyembre 2025?",
      ["k01"], ["23-day", "23"]),
    q("tl", "cross", "Ano ang frequency ng huni ng bagong palaka?",
      ["k01"], ["4.2 kilohertz", "4.2"]),
    q("tl", "cross", "Sinong dayuhang siyentipiko ang kasamang may-akda ng pag-aaral tungkol sa palaka?",
      ["k01"], ["Marcus Eberhardt", "Eberhardt"]),
    q("tl", "cross", "Ilang ektarya ang nasunog sa wildfire malapit sa Pyllgur?",
      ["k02", "k05"], ["1,200", "1.200"]),
    q("tl", "cross", "ilang tao ang inilikas dahil sa sunog sa pyllgur",
      ["k02", "k05"], ["340"]),
    q("tl", "cross", "Gaano kainit ang temperatura nang kumalat ang sunog sa Pyllgur?",
      ["k05"], ["41 degrees", "41"]),
    q("tl", "cross", "Sino ang alkalde ng Pyllgur?",
      ["k02", "k05"], ["Arben Gjokaj", "Gjokaj"]),
    q("tl", "cross", "Sino ang night guard ng museo sa Gurëbardhë noong gabi ng nakawan?",
      ["k06"], ["Fatmir Lleshaj", "Lleshaj"]),
    q("tl", "cross", "Anong taon ginawa ang ikonang \"Shën Mëria e Gurëve\" na kabilang sa mga ninakaw?",
      ["k06"], ["1764"]),
    q("tl", "cross", "Ilang minutong hindi gumana ang alarma ng museo sa Gurëbardhë?",
      ["k06"], ["11 minuta", "11"]),
    # none / on
    q("tl", "none", "Sino ang nagmaneho ng van na ginamit ng mga magnanakaw sa Gurëbardhë?", topic="on"),
    q("tl", "none", "Magkano ang gagastusin ng museo sa Gurëbardhë para sa bagong alarm system?", topic="on"),
    q("tl", "none", "Ilang bumbero mula sa Greece ang tumulong sa pag-apula ng sunog sa Pyllgur?", topic="on"),
    q("tl", "none", "Kailan unang ipinakita sa publiko ang Maskarang Ginto ng Talaban?", topic="on"),
    q("tl", "none", "saan itinago ng mga magnanakaw ang mga ninakaw na artifact", topic="on"),
    q("tl", "none", "Anong modelo ng eroplano ang ipinadala ng Greece at Italy laban sa sunog?", topic="on"),
    # none / off
    q("tl", "none", "Sino ang nanalo sa halalan sa pagka-gobernador ng Cebu?", topic="off"),
    q("tl", "none", "magkano ang presyo ng bigas ngayong buwan", topic="off"),
]


def main():
    items = [dict(x) for x in QUESTIONS]
    random.Random(20261209).shuffle(items)
    out_path = os.path.join(HERE, "questions.jsonl")
    with open(out_path, "w", encoding="utf-8") as f:
        for i, it in enumerate(items, 1):
            rec = {"id": "kq%02d" % i, "lang": it["lang"], "kind": it["kind"],
                   "question": it["question"], "gold_docs": it["gold_docs"],
                   "answer_any": it["answer_any"]}
            if "topic" in it:
                rec["topic"] = it["topic"]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print("wrote %d questions to %s" % (len(items), out_path))


if __name__ == "__main__":
    main()
