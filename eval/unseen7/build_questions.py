#!/usr/bin/env python3
"""Holds the 72 questions of eval set unseen7, shuffles them with a fixed seed,
numbers them cq01..cq72 in shuffled order and writes questions.jsonl."""
import json
import random

SEED = 20261209

# (lang, kind, question, gold_docs, answer_any, topic)  topic only for kind "none"
Q = [
    # ---------------- English ----------------
    ("en", "mono", "How many ships were left waiting at anchor off Bagong Lirio during the dockworkers' strike?", ["c04"], ["23"], None),
    ("en", "mono", "Which crane model is HCTI bringing in to automate the port?", ["c04"], ["Korvath HX-40", "HX-40"], None),
    ("en", "mono", "how much money did the port operator say it lost each day of the strike", ["c04"], ["38 million pesos", "38 million"], None),
    ("en", "mono", "How cold did it get on the mountain during the night the British hikers were stuck?", ["c05"], ["minus 6 degrees", "minus 6"], None),
    ("en", "mono", "Which tour operator had the British walkers booked their holiday with?", ["c05"], ["Fellwise Adventures"], None),
    ("en", "mono", "For how long were the four British hikers stranded before being rescued?", ["c05", "c06"], ["31 hours", "31 orë"], None),
    ("en", "cross", "What is the daily wage of an ordinary stevedore at the Bagong Lirio port?", ["c03"], ["₱645", "645"], None),
    ("en", "cross", "How many containers got stuck inside Bagong Lirio port at the peak of the strike?", ["c03"], ["4,800"], None),
    ("en", "cross", "Who mediated the negotiations between the dockworkers' union and HCTI?", ["c03"], ["Marivic Dumlao", "Dumlao"], None),
    ("en", "cross", "Until when has HCTI promised that nobody will be laid off because of automation?", ["c03"], ["Disyembre 2028"], None),
    ("en", "cross", "How many chess players competed in the Kështjella e Bardhë tournament in Portëbardhë?", ["c01"], ["84"], None),
    ("en", "cross", "who came second behind Manalastas at the chess tournament in Albania", ["c01"], ["Ardit Kodheli", "Kodheli"], None),
    ("en", "cross", "How much did Sinag Telecom spend on Rodel Manalastas's travel and accommodation?", ["c02"], ["₱180,000", "180,000"], None),
    ("en", "cross", "Who has been Rodel Manalastas's chess coach since he was a boy?", ["c02"], ["Salvacion", "Boyet"], None),
    ("en", "cross", "How many volunteers took part in the operation to rescue the British hikers?", ["c06"], ["14 vullnetarë", "14"], None),
    ("en", "cross", "Where exactly did the rescuers find the stranded hikers?", ["c06"], ["Liqenit të Korbit", "Korbit"], None),
    ("en", "none", "What was the name of the local guide who was supposed to lead the British hikers?", [], [], "on"),
    ("en", "none", "How much did the British group pay Fellwise Adventures for the walking holiday?", [], [], "on"),
    ("en", "none", "What time did the last round of the Kështjella e Bardhë chess tournament start?", [], [], "on"),
    ("en", "none", "How many containers per hour can a Korvath HX-40 crane move?", [], [], "on"),
    ("en", "none", "which hospital in Tirana was Tom Ashcombe taken to", [], [], "on"),
    ("en", "none", "When was the port of Bagong Lirio first opened?", [], [], "on"),
    ("en", "none", "What is the recommended daily intake of vitamin D for adults?", [], [], "off"),
    ("en", "none", "Which band headlined this summer's jazz festival in Ljubljana?", [], [], "off"),
    # ---------------- Albanian ----------------
    ("sq", "mono", "Sa ishte fondi i përgjithshëm i çmimeve në turneun e shahut në Portëbardhë?", ["c01"], ["40 mijë euro"], None),
    ("sq", "mono", "Kur do të zhvillohet edicioni i dhjetë i turneut \"Kështjella e Bardhë\"?", ["c01"], ["maj të vitit 2027"], None),
    ("sq", "mono", "kush u shpall shahistja më e mirë femër e turneut", ["c01"], ["Erisa Dervishllari", "Dervishllari"], None),
    ("sq", "mono", "Me sa pikë e fitoi Rodel Manalastas turneun?", ["c01", "c02"], ["7,5 pikë", "7,5", "7.5 puntos"], None),
    ("sq", "mono", "Sa kushtoi kamera termike që përdori ekipi \"Bjeshka\"?", ["c06"], ["3.200 euro"], None),
    ("sq", "mono", "Kush e drejtoi ekipin që shpëtoi alpinistët britanikë?", ["c06"], ["Arben Qorri", "Qorri"], None),
    ("sq", "cross", "Sa vjeçe është Helen Ashcombe?", ["c05"], ["52"], None),
    ("sq", "cross", "Nga cili qytet vijnë alpinistët britanikë të shpëtuar në Gurrëzez?", ["c05"], ["Little Hadbury"], None),
    ("sq", "cross", "Me çfarë pajisjeje e dërguan alpinistët sinjalin SOS?", ["c05"], ["TrekSignal Orbit 3", "TrekSignal"], None),
    ("sq", "cross", "Sa metra e lartë është Maja e Dhelprës?", ["c05"], ["2,317"], None),
    ("sq", "cross", "kur do të kthehen alpinistët në shtëpi", ["c05"], ["October 23"], None),
    ("sq", "cross", "Sa do të rritet paga ditore e punëtorëve të portit në Bagong Lirio?", ["c03", "c04"], ["95 pesos", "₱95"], None),
    ("sq", "cross", "Sa punëtorë të portit do të rikualifikohen si operatorë vinçash?", ["c04"], ["200 workers", "at least 200"], None),
    ("sq", "cross", "Si quhet kryebashkiaku i Bagong Lirios?", ["c03"], ["Alfredo Bacalso", "Bacalso"], None),
    ("sq", "cross", "Në sa u ngrit renditja (rating) e Manalastasit pas turneut?", ["c02"], ["2,512"], None),
    ("sq", "cross", "Me çfarë merret nëna e Rodel Manalastasit?", ["c02"], ["Guro sa pampublikong paaralan", "pampublikong paaralan"], None),
    ("sq", "none", "Sa euro fitoi Ardit Kodheli për vendin e dytë?", [], [], "on"),
    ("sq", "none", "Sa alpinistë britanikë kanë humbur jetën në Majën e Dhelprës në vitet e fundit?", [], [], "on"),
    ("sq", "none", "Sa ditë do të qëndrojë Tom Ashcombe në spital?", [], [], "on"),
    ("sq", "none", "Në çfarë ore filloi ceremonia e ndarjes së çmimeve në Portëbardhë?", [], [], "on"),
    ("sq", "none", "Kush është drejtori ekzekutiv i kompanisë HCTI?", [], [], "on"),
    ("sq", "none", "sa ton banane eksporton porti i Bagong Lirios çdo vit", [], [], "on"),
    ("sq", "none", "Sa kalori ka një filxhan kafe me qumësht?", [], [], "off"),
    ("sq", "none", "Kush e fitoi kampionatin italian të futbollit në vitin 1990?", [], [], "off"),
    # ---------------- Tagalog ----------------
    ("tl", "mono", "Magkano ang premyong iniuwi ni Rodel Manalastas mula sa torneo?", ["c02"], ["8,000 euro", "₱530,000"], None),
    ("tl", "mono", "Ilang taon si Manalastas nang magsimula siyang turuan ng kanyang coach?", ["c02"], ["walong taong gulang", "walong taon"], None),
    ("tl", "mono", "Kailan inaasahang darating si Manalastas sa Maynila?", ["c02"], ["Nobyembre 21"], None),
    ("tl", "mono", "anong oras pumirma ng kasunduan ang unyon at ang HCTI", ["c03"], ["11:40"], None),
    ("tl", "mono", "Ilang kilo ng bigas ang matatanggap buwan-buwan ng bawat manggagawa sa pantalan?", ["c03"], ["25 kilo"], None),
    ("tl", "mono", "Ilang araw tumagal ang welga sa pantalan ng Bagong Lirio?", ["c03", "c04"], ["anim na araw", "six-day"], None),
    ("tl", "cross", "Ilang bansa ang pinagmulan ng mga kalahok sa torneo sa Portëbardhë?", ["c01"], ["21 vende"], None),
    ("tl", "cross", "Sino ang tinalo ni Manalastas sa huling round ng torneo?", ["c01"], ["Jonas Elbrecht", "Elbrecht"], None),
    ("tl", "cross", "Ilang tira (moves) ang inabot ng huling laro ni Manalastas?", ["c01"], ["41 lëvizje", "41"], None),
    ("tl", "cross", "Magkano ang iniambag ng munisipyo ng Portëbardhë sa premyo ng torneo?", ["c01"], ["15 mijë euro"], None),
    ("tl", "cross", "Sino ang direktor ng chess tournament sa Portëbardhë?", ["c01"], ["Lindita Meçaj", "Meçaj"], None),
    ("tl", "cross", "Ilang container ng saging at pinya ang naantala dahil sa welga?", ["c04"], ["310"], None),
    ("tl", "cross", "Sino ang tagapagsalita ng Hilaga Cargo Terminals?", ["c04"], ["Jerome Abalos", "Abalos"], None),
    ("tl", "cross", "magkano ang halaga ng mga bagong automated crane ng HCTI", ["c04"], ["US$27 million", "27 million"], None),
    ("tl", "cross", "Anong oras nagpadala ng SOS ang mga British hiker?", ["c05"], ["4:12 p.m.", "4:12"], None),
    ("tl", "cross", "Sa anong taas natagpuan ng mga rescuer ang grupo ng mga hiker?", ["c06"], ["1.980 metrash", "1.980"], None),
    ("tl", "none", "Sino ang nakalaban ni Manalastas sa unang round ng torneo?", [], [], "on"),
    ("tl", "none", "Ilang taon na si Reynaldo Catacutan?", [], [], "on"),
    ("tl", "none", "Magkano ang magiging sahod ng mga crane operator matapos ang retraining?", [], [], "on"),
    ("tl", "none", "Ilang beses nang umakyat si Helen Ashcombe sa Maja e Dhelprës?", [], [], "on"),
    ("tl", "none", "Anong kompanya ang gumawa ng TrekSignal Orbit 3?", [], [], "on"),
    ("tl", "none", "Saang bansa ginawa ang mga Korvath HX-40 crane?", [], [], "on"),
    ("tl", "none", "paano mag-renew ng pasaporte online", [], [], "off"),
    ("tl", "none", "Sino ang nanalo ng Miss Universe noong 2018?", [], [], "off"),
]


def main():
    items = list(Q)
    random.Random(SEED).shuffle(items)
    with open("questions.jsonl", "w", encoding="utf-8") as f:
        for i, (lang, kind, q, gold, ans, topic) in enumerate(items, 1):
            obj = {"id": f"cq{i:02d}", "lang": lang, "kind": kind, "question": q,
                   "gold_docs": gold, "answer_any": ans}
            if kind == "none":
                obj["topic"] = topic
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} questions to questions.jsonl")


if __name__ == "__main__":
    main()
