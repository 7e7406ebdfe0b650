#!/usr/bin/env python3
"""Holds the 72 questions of the unseen6 test set, shuffles them with
random.Random(20261208) and writes questions.jsonl with ids bq01..bq72."""
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent


def q(lang, kind, question, gold=(), answers=(), topic=None):
    d = {"lang": lang, "kind": kind, "question": question,
         "gold_docs": list(gold), "answer_any": list(answers)}
    if topic is not None:
        d["topic"] = topic
    return d


QUESTIONS = [
    # ---------------- English ----------------
    # mono
    q("en", "mono", "How many vaccination teams are taking part in the Dumaralan measles campaign?", ["b03"], ["140"]),
    q("en", "mono", "how much did Dumaralan spend on the measles vaccine doses", ["b03"], ["9.6 million pesos"]),
    q("en", "mono", "What vaccination coverage does the epidemiologist say is needed to stop measles spreading?", ["b03"], ["95%"]),
    q("en", "mono", "Which laboratory is dating the samples from Kaltërima Cave?", ["b06"], ["Hallström Dating Laboratory", "Hallström"]),
    q("en", "mono", "why did the researchers make a 3D scan of the cave chamber", ["b06"], ["without entering the cave", "changes the air"]),
    q("en", "mono", "When do scientists expect the dating results for the cave paintings?", ["b06"], ["March"]),
    # cross
    q("en", "cross", "What is the name of the Filipino oiler who broke his arm when the Corvina Star ran aground?", ["b01"], ["Dennis Ocampo"]),
    q("en", "cross", "How much financial assistance will each Filipino crew member of the Corvina Star receive?", ["b01"], ["P50,000"]),
    q("en", "cross", "what did jomar pacheco tell his wife when he finally called her", ["b01"], ["Buhay ako"]),
    q("en", "cross", "Which helicopter model was used to lift sailors off the Corvina Star?", ["b02"], ["Sokol H-14"]),
    q("en", "cross", "Where are the rescued sailors staying in Bregvesë?", ["b02"], ["Hotel Kaltra"]),
    q("en", "cross", "how many tons of clinker was the ship carrying", ["b02"], ["23 mijë"]),
    q("en", "cross", "How much will barangay health workers be paid per day during the measles drive?", ["b04"], ["P500"]),
    q("en", "cross", "Who is the mayor of Tirambay?", ["b04"], ["Celestino Bautista"]),
    q("en", "cross", "Who was the excavator operator that found the painted cave near Kodërshtrat?", ["b05"], ["Ilir Kapllani"]),
    q("en", "cross", "How long would moving the route delay the Lumadh–Kodërshtrat road?", ["b05"], ["katër muaj"]),
    # none, on topic
    q("en", "none", "How old is the cargo ship Corvina Star?", topic="on"),
    q("en", "none", "how much will it cost to refloat the corvina star", topic="on"),
    q("en", "none", "How many children were vaccinated on the first day of the Dumaralan measles campaign?", topic="on"),
    q("en", "none", "Which company manufactured the measles-rubella vaccine bought by Dumaralan province?", topic="on"),
    q("en", "none", "When will the replica center for the Kaltërima cave paintings open in Lumadh?", topic="on"),
    q("en", "none", "how much is the swedish lab charging to date the cave samples", topic="on"),
    # none, off topic
    q("en", "none", "how do i reset a forgotten wifi router password", topic="off"),
    q("en", "none", "What is the tallest mountain in South America?", topic="off"),

    # ---------------- Albanian ----------------
    # mono
    q("sq", "mono", "Sa zgjati operacioni për shpëtimin e ekuipazhit të Corvina Star?", ["b02"], ["shtatë orë"]),
    q("sq", "mono", "Kush e drejton njësinë e kërkim-shpëtimit detar në Bregvesë?", ["b02"], ["Gëzim Hoxhallari"]),
    q("sq", "mono", "sa naftë kishte anija në depozita", ["b02"], ["340 tonë"]),
    q("sq", "mono", "Sa kilometra do të jetë e gjatë rruga Lumadh–Kodërshtrat?", ["b05"], ["18 kilometra"]),
    q("sq", "mono", "Sa kushton ndërtimi i rrugës ku u gjet shpella?", ["b05"], ["12,4 milionë euro"]),
    q("sq", "mono", "cfare tha kryetari i bashkise Lumadh per te rinjte", ["b05"], ["arsye për të qëndruar"]),
    # cross
    q("sq", "cross", "Kur pritet të mbërrijë në Manila grupi i parë i marinarëve filipinas?", ["b01"], ["Nobyembre 27"]),
    q("sq", "cross", "Cila agjenci i kishte rekrutuar marinarët filipinas të anijes?", ["b01"], ["Bayanihan Crew Management"]),
    q("sq", "cross", "Sa vjeç është kapiteni Rodrigo Valdepeñas?", ["b01"], ["52"]),
    q("sq", "cross", "Sa frigoriferë diellorë mori provinca Dumaralan për vaksinat?", ["b03"], ["25"]),
    q("sq", "cross", "cili fondacion i pagoi frigoriferet per fushaten kunder fruthit", ["b03"], ["Alvarez-Linden Foundation", "Alvarez-Linden"]),
    q("sq", "cross", "Deri në çfarë ore janë të hapura qendrat e vaksinimit në Dumaralan?", ["b04"], ["alas-4:00 ng hapon"]),
    q("sq", "cross", "Pse disa prindër në Tirambay kanë frikë nga vaksina, sipas kryetarit të komunës?", ["b04"], ["maling impormasyon", "social media"]),
    q("sq", "cross", "Sa e lartë është salla kryesore e Shpellës së Kaltërimës?", ["b06"], ["nine meters"]),
    q("sq", "cross", "Sa para ka premtuar Adriatic Heritage Trust për shpellën?", ["b06"], ["350,000 euros"]),
    q("sq", "cross", "me cilin skaner lazer u krijua modeli 3D i shpellës", ["b06"], ["Lumetra X9"]),
    # none, on topic
    q("sq", "none", "Kush është prokurori që heton aksidentin e Corvina Star?", topic="on"),
    q("sq", "none", "Në cilin port të Italisë do të shkarkohej klinkeri i Corvina Star?", topic="on"),
    q("sq", "none", "Sa fëmijë kanë vdekur nga fruthi vetëm në qytetin Tirambay?", topic="on"),
    q("sq", "none", "Si quhej fëmija i parë që vdiq nga fruthi në Dumaralan?", topic="on"),
    q("sq", "none", "Kur u themelua Instituti i Arkeologjisë Malore?", topic="on"),
    q("sq", "none", "sa do te kushtoje zhvendosja e trases se rruges me 300 metra", topic="on"),
    # none, off topic
    q("sq", "none", "Si përgatitet tava e kosit tradicionale?", topic="off"),
    q("sq", "none", "si ta rinovoj pasaportën online", topic="off"),

    # ---------------- Tagalog ----------------
    # mono
    q("tl", "mono", "Sino ang asawa ng second engineer ng Corvina Star na si Jomar Pacheco?", ["b01"], ["Rowena Pacheco", "Rowena"]),
    q("tl", "mono", "ilan sa mga pinoy na marino ang maiiwan muna sa albania", ["b01"], ["lima"]),
    q("tl", "mono", "Sino ang pangulo ng manning agency na nagpadala sa mga marino?", ["b01"], ["Teresita Alcaraz-Uy"]),
    q("tl", "mono", "Saang mga isla pupunta ang mga bangka ng bakuna sa Dumaralan?", ["b04"], ["Tampisaw", "Bugnay"]),
    q("tl", "mono", "Gaano katagal naospital ang anak ni Mercy Dantes?", ["b04"], ["siyam na araw"]),
    q("tl", "mono", "ano pa ang ibibigay sa mga bata bukod sa bakuna kontra tigdas", ["b04"], ["bitamina A"]),
    # cross
    q("tl", "cross", "Gaano kalakas ang hangin nang sumadsad ang Corvina Star?", ["b02"], ["95 kilometra"]),
    q("tl", "cross", "Sino ang alkalde ng Bregvesë?", ["b02"], ["Valbona Sheqeri"]),
    q("tl", "cross", "Anong kompanya ang kinuha para alisin ang Corvina Star sa mga bato?", ["b02"], ["Marinsalv"]),
    q("tl", "cross", "Anong modelo ng solar-powered na refrigerator ang natanggap ng Dumaralan?", ["b03"], ["SolTemp V40"]),
    q("tl", "cross", "sino ang gobernador ng dumaralan", ["b03"], ["Eleazar Montecillo"]),
    q("tl", "cross", "Ilang porsiyento ng mga bata sa lalawigan ang kumpleto sa dalawang dosis bago ang outbreak?", ["b03"], ["61%"]),
    q("tl", "cross", "Ilang metro ililipat ang ruta ng kalsada dahil sa kuweba?", ["b05"], ["300 metra"]),
    q("tl", "cross", "Bakit apat na espesyalista lang ang puwedeng pumasok nang sabay sa kuweba?", ["b05"], ["temperaturën", "lagështinë"]),
    q("tl", "cross", "Sino ang namuno sa 3D scanning ng kuweba sa Albania?", ["b06"], ["Sofie Vandermeer"]),
    q("tl", "cross", "Gaano na katanda ang mga pinta sa kuweba ayon sa team ni Prof. Zhupaj?", ["b06"], ["11,000 and 14,000", "14,000 years"]),
    # none, on topic
    q("tl", "none", "Magkano ang buwanang sahod ng mga marino ng Corvina Star?", topic="on"),
    q("tl", "none", "ilang taon nang marino si Dennis Ocampo", topic="on"),
    q("tl", "none", "Ano ang numero ng hotline na Linya ng Bakuna?", topic="on"),
    q("tl", "none", "Magkano ang sahod ng mga nurse na kasama sa kampanya laban sa tigdas?", topic="on"),
    q("tl", "none", "Magkano ang gantimpalang matatanggap ni Ilir Kapllani sa pagkakatuklas ng kuweba?", topic="on"),
    q("tl", "none", "Ilang taon na si Prof. Mirela Zhupaj?", topic="on"),
    # none, off topic
    q("tl", "none", "paano magluto ng adobong manok na walang toyo", topic="off"),
    q("tl", "none", "Ano ang pinakamagandang buwan para magtanim ng kamatis?", topic="off"),
]


def main():
    items = [dict(x) for x in QUESTIONS]
    random.Random(20261208).shuffle(items)
    lines = []
    for i, item in enumerate(items, 1):
        out = {"id": f"bq{i:02d}"}
        for key in ("lang", "kind", "question", "gold_docs", "answer_any", "topic"):
            if key in item:
                out[key] = item[key]
        lines.append(json.dumps(out, ensure_ascii=False))
    (HERE / "questions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} questions to questions.jsonl")


if __name__ == "__main__":
    main()
