#!/usr/bin/env python3
"""Generate questions.jsonl for the unseen9 held-out set.

Questions are written by hand below (24 per language), shuffled with
random.Random(20261208) and numbered gq01..gq72 in shuffled order.
"""
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (lang, kind, question, gold_docs, answer_any, topic-or-None)
Q = [
    # ---------------- English ----------------
    # mono
    ("en", "mono", "Who is the president of Bagwis Sea Lines?", ["g02"], ["Leonora Quiambao", "Quiambao"], None),
    ("en", "mono", "How many vehicles was the Dalisay Star carrying when it ran aground?", ["g02"], ["27 vehicles", "27"], None),
    ("en", "mono", "how long was the ferry's sailing permit suspended", ["g02"], ["30 days"], None),
    ("en", "mono", "What time was the ribbon cut at the Fushëlumi bridge ceremony?", ["g05"], ["10 a.m."], None),
    ("en", "mono", "Which fund lent money for the new bridge over the Drinasa?", ["g05"], ["Adriatic Regional Development Fund"], None),
    ("en", "mono", "How much did the new Drinasa bridge cost?", ["g05", "g06"], ["1.2 billion lek", "1,2 miliardë"], None),
    # cross
    ("en", "cross", "What is the name of the captain of the MV Dalisay Star?", ["g01"], ["Ernesto Villaruz", "Villaruz"], None),
    ("en", "cross", "At what time did the Dalisay Star leave the port of Bantayog?", ["g01"], ["9:40"], None),
    ("en", "cross", "How much financial aid did Bagwis Sea Lines promise each passenger?", ["g01"], ["P5,000", "5,000"], None),
    ("en", "cross", "who chaired the jury at the Gurëbardhë cooking contest", ["g03"], ["Arben Muçaj", "Muçaj"], None),
    ("en", "cross", "How many people visited the mountain cuisine festival in Gurëbardhë over the three days?", ["g03"], ["6 500"], None),
    ("en", "cross", "How old is the winning chef Jomar Sarmiento?", ["g04"], ["29"], None),
    ("en", "cross", "Which hotel does Jomar Sarmiento work at?", ["g04"], ["Hotel Lugina e Diellit", "Lugina e Diellit"], None),
    ("en", "cross", "Who is the mayor of Fushëlumi?", ["g06"], ["Mirela Gjoni", "Gjoni"], None),
    ("en", "cross", "How many schoolchildren had to cross the river by boat or take a long bus ride while the Fushëlumi bridge was closed?", ["g06"], ["340"], None),
    ("en", "cross", "when was the old bridge in fushëlumi built", ["g06"], ["1967"], None),
    # none / on
    ("en", "none", "What is the name of the first officer of the MV Dalisay Star?", [], [], "on"),
    ("en", "none", "How much will the salvage operation for the Dalisay Star cost?", [], [], "on"),
    ("en", "none", "How much prize money did the runner-up at the Gurëbardhë contest receive?", [], [], "on"),
    ("en", "none", "Which cruise line did Jomar Sarmiento work for before moving to Albania?", [], [], "on"),
    ("en", "none", "What is the speed limit on the new Drinasa bridge?", [], [], "on"),
    ("en", "none", "how many people live in Fushëlumi", [], [], "on"),
    # none / off
    ("en", "none", "Who won the 2026 mayoral election in Cebu City?", [], [], "off"),
    ("en", "none", "what is the price of a litre of petrol in Tirana this week", [], [], "off"),

    # ---------------- Albanian ----------------
    # mono
    ("sq", "mono", "Kush e fitoi Kupën e Kuzhinës Malore në Gurëbardhë?", ["g03", "g04"], ["Jomar Sarmiento", "Sarmiento"], None),
    ("sq", "mono", "Sa kohë patën konkurrentët për të përgatitur gjellën?", ["g03"], ["90 minuta"], None),
    ("sq", "mono", "kush doli e dyta ne gare", ["g03"], ["Giulia Ferrante", "Ferrante"], None),
    ("sq", "mono", "Sa punëtorë punuan në kantierin e urës së re në Fushëlumi?", ["g06"], ["120"], None),
    ("sq", "mono", "Pse u vonuan punimet e urës mbi Drinasë?", ["g06"], ["shirave të dendura", "çelik"], None),
    ("sq", "mono", "Në çfarë ore filloi koncerti në sheshin e Fushëlumit?", ["g06"], ["20:00"], None),
    # cross
    ("sq", "cross", "Sa pasagjerë ishin në tragetin MV Dalisay Star?", ["g01", "g02"], ["212"], None),
    ("sq", "cross", "Kush është komandanti i stacionit të rojës bregdetare në Marikit?", ["g02"], ["Arnel Vergara", "Vergara"], None),
    ("sq", "cross", "Sa kushtonte bileta e tragetit për çdo pasagjer?", ["g01"], ["P850", "850"], None),
    ("sq", "cross", "ku u strehuan pasagjeret pas shpetimit", ["g01"], ["covered court", "Barangay Poblacion"], None),
    ("sq", "cross", "Nga cila krahinë e Filipineve vjen Jomar Sarmiento?", ["g04"], ["Batangas"], None),
    ("sq", "cross", "Si quhet nëna e Jomar Sarmientos?", ["g04"], ["Teresita Sarmiento", "Teresita"], None),
    ("sq", "cross", "Sa filipinas punojnë në Shqipëri sipas shoqatës së tyre?", ["g04"], ["1,200"], None),
    ("sq", "cross", "Sa automjete në ditë kalonin mbi urën e vjetër të Fushëlumit para përmbytjeve?", ["g05"], ["7,800"], None),
    ("sq", "cross", "sa kilometra ishte rruga alternative gjate mbylljes se ures", ["g05"], ["43-kilometre", "43"], None),
    ("sq", "cross", "Kush është inxhinierja e projektit të urës së re mbi Drinasë?", ["g05"], ["Teuta Malaj", "Malaj"], None),
    # none / on
    ("sq", "none", "Sa vjeç është kuzhinierja Giulia Ferrante?", [], [], "on"),
    ("sq", "none", "Sa anëtarë ka shoqata \"Shija e Malit\"?", [], [], "on"),
    ("sq", "none", "Cili ministër mori pjesë në përurimin e urës në Fushëlumi?", [], [], "on"),
    ("sq", "none", "Sa kushtoi ura e vjetër kur u ndërtua në vitin 1967?", [], [], "on"),
    ("sq", "none", "Në cilin kantier detar në Japoni u ndërtua trageti Dalisay Star?", [], [], "on"),
    ("sq", "none", "sa ishte shpejtesia e tragetit kur u perplas ne shkembinj", [], [], "on"),
    # none / off
    ("sq", "none", "Kush e fitoi kampionatin kombëtar të basketbollit për femra këtë vit?", [], [], "off"),
    ("sq", "none", "Kur hapet linja e re e tramvajit në Tiranë?", [], [], "off"),

    # ---------------- Tagalog ----------------
    # mono
    ("tl", "mono", "Ilang tripulante ang sakay ng MV Dalisay Star?", ["g01", "g02"], ["18 tripulante", "18 crew"], None),
    ("tl", "mono", "Sino ang alkalde ng Marikit?", ["g01"], ["Rosalinda Abueva", "Abueva"], None),
    ("tl", "mono", "gaano katagal ang rescue operation sa Lagdaan Reef", ["g01"], ["anim na oras"], None),
    ("tl", "mono", "Ilang oras ibinabad ni Jomar Sarmiento ang tupa bago ito ihurno?", ["g04"], ["12 oras"], None),
    ("tl", "mono", "Saan nagtrabaho si Jomar Sarmiento bago siya lumipat sa Albania?", ["g04"], ["cruise ship"], None),
    ("tl", "mono", "Magkano ang premyong napanalunan ni Jomar Sarmiento?", ["g03", "g04"], ["500,000 lek", "P330,000", "500 mijë"], None),
    # cross
    ("tl", "cross", "Ilang trak na may kargang bigas ang sakay ng Dalisay Star?", ["g02"], ["11 trucks"], None),
    ("tl", "cross", "Anong taon ginawa ang MV Dalisay Star?", ["g02"], ["1998"], None),
    ("tl", "cross", "Gaano kalakas ang hangin sa lugar nang sumadsad ang ferry?", ["g02"], ["45 kilometres per hour"], None),
    ("tl", "cross", "Sino ang nag-organisa ng Kupa e Kuzhinës Malore?", ["g03"], ["Shija e Malit"], None),
    ("tl", "cross", "Anong oras inanunsiyo ang nanalo sa Gurëbardhë, oras sa Albania?", ["g03"], ["19:30"], None),
    ("tl", "cross", "anong titulo ang ibinigay ng alkalde ng Gurëbardhë kay Jomar Sarmiento", ["g03"], ["Qytetar Nderi"], None),
    ("tl", "cross", "Gaano kahaba ang bagong tulay sa Fushëlumi?", ["g05", "g06"], ["186"], None),
    ("tl", "cross", "Sino ang drayber ng trak na nagdadala ng mansanas sa Tirana na nakapanayam tungkol sa bagong tulay?", ["g05"], ["Ilir Demiri", "Demiri"], None),
    ("tl", "cross", "Ilang LED na ilaw ang nakakabit sa bagong tulay sa Fushëlumi?", ["g06"], ["64"], None),
    ("tl", "cross", "kailan nagsimula ang konstruksiyon ng tulay sa Drinasa", ["g06"], ["mars të vitit 2025"], None),
    # none / on
    ("tl", "none", "Magkano ang multang ipinataw sa Bagwis Sea Lines dahil sa pagsadsad?", [], [], "on"),
    ("tl", "none", "Ilang bata ang sakay ng ferry nang sumadsad ito?", [], [], "on"),
    ("tl", "none", "Anong kolehiyo sa Batangas ang pinagtapusan ni Jomar Sarmiento?", [], [], "on"),
    ("tl", "none", "kailan unang sumali si jomar sarmiento sa isang cooking contest", [], [], "on"),
    ("tl", "none", "Magkano ang toll sa bagong tulay sa Fushëlumi?", [], [], "on"),
    ("tl", "none", "Ilan ang nasawi sa baha noong Disyembre 2024 sa Fushëlumi?", [], [], "on"),
    # none / off
    ("tl", "none", "Sino ang nanalo sa finals ng PBA ngayong taon?", [], [], "off"),
    ("tl", "none", "Kailan bubuksan ang bagong istasyon ng MRT sa Quezon City?", [], [], "off"),
]


def main():
    items = list(Q)
    random.Random(20261208).shuffle(items)
    lines = []
    for i, (lang, kind, question, gold, answers, topic) in enumerate(items, 1):
        obj = {
            "id": f"gq{i:02d}",
            "lang": lang,
            "kind": kind,
            "question": question,
            "gold_docs": gold,
            "answer_any": answers,
        }
        if topic is not None:
            obj["topic"] = topic
        lines.append(json.dumps(obj, ensure_ascii=False))
    (HERE / "questions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} questions")


if __name__ == "__main__":
    main()
