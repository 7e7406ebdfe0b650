#!/usr/bin/env python3
"""Write questions.jsonl for the unseen12 held-out set.

72 hand-written questions (24 per language: 6 mono, 12 cross, 6 none).
They are shuffled with random.Random(20261214) and then given the ids
pq01..pq72 in the shuffled order.  Standard library only.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

# (lang, kind, question, gold_docs, answer_any)
Q = [
    # ---------------- English: mono (answers in q02_en / q05_en) -------------
    ("en", "mono", "How many people visited the Drita e Luginës centre on its opening day?",
     ["q02"], ["4,200"]),
    ("en", "mono", "who runs the new library in kodrabardhe",
     ["q02"], ["Teuta Marku", "Marku"]),
    ("en", "mono", "How much will adults pay for membership at the Drita e Luginës centre?",
     ["q02"], ["5 euros a year", "5 euros"]),
    ("en", "mono", "How many points did Kalabaw-3 score in the final round of the Tanglaw challenge?",
     ["q05"], ["287 points", "287"]),
    ("en", "mono", "who was the captain of the talahib robotics team",
     ["q05"], ["Andrea Villanueva"]),
    ("en", "mono", "Which school finished third in the Tanglaw Regional Robotics Challenge?",
     ["q05"], ["Dalisay City Science High School"]),
    # ---------------- English: cross -------------------------------------------
    ("en", "cross", "How much did it cost to build the Drita e Luginës library and cultural centre?",
     ["q01"], ["2,4 milionë euro"]),
    ("en", "cross", "what time was the ribbon cut at the kodrabardhe library",
     ["q01"], ["orën 11:00", "11:00"]),
    ("en", "cross", "Which architect designed the Drita e Luginës building?",
     ["q01"], ["Dritan Mërkuri", "Mërkuri"]),
    ("en", "cross", "Why did Kodrabardhë's old library have to close?",
     ["q01"], ["u shemb", "pesha e borës"]),
    ("en", "cross", "How many fishing boats reached the MV Bituing Dagat first?",
     ["q03"], ["labing-isang bangkang pangisda", "labing-isa"]),
    ("en", "cross", "At what time did the MV Bituing Dagat leave the port of Kalumpit?",
     ["q03"], ["5:40 ng umaga", "5:40"]),
    ("en", "cross", "how many people did edong dimaculangan save",
     ["q03"], ["27 katao"]),
    ("en", "cross", "How many vehicles were on board the Bituing Dagat ferry?",
     ["q04"], ["18 automjete"]),
    ("en", "cross", "For how long was Talampas Shipping Lines' licence suspended?",
     ["q04"], ["30 ditë"]),
    ("en", "cross", "How much did it cost to build the Kalabaw-3 robot?",
     ["q06"], ["₱18,500", "18,500"]),
    ("en", "cross", "how heavy is the kalabaw-3 robot",
     ["q06"], ["7.2 kilo"]),
    ("en", "cross", "How much will each member of the Talahib team receive from their town?",
     ["q06"], ["₱10,000"]),
    # ---------------- English: none --------------------------------------------
    ("en", "none", "How much prize money did St. Adelaide Academy receive for finishing second?", [], []),
    ("en", "none", "What is Teuta Marku's annual salary as head of the Drita e Luginës centre?", [], []),
    ("en", "none", "what engine model does the mv bituing dagat have", [], []),
    ("en", "none", "How many life vests were on board the MV Bituing Dagat?", [], []),
    ("en", "none", "In what year did the schoolteacher Sotir Bregu die?", [], []),
    ("en", "none", "What brand of camera does the Kalabaw-3 robot use?", [], []),

    # ---------------- Albanian: mono (answers in q01_sq / q04_sq) --------------
    ("sq", "mono", "Sa libra strehon Biblioteka dhe Qendra Kulturore “Drita e Luginës”?",
     ["q01"], ["38 mijë libra", "38 mijë"]),
    ("sq", "mono", "sa vende ka salla e leximit ne biblioteken e re",
     ["q01"], ["120 vende"]),
    ("sq", "mono", "Sa kohë zgjatën punimet për ndërtimin e qendrës kulturore në Kodrabardhë?",
     ["q01"], ["22 muaj"]),
    ("sq", "mono", "Me çfarë shpejtësie frynte era kur u aksidentua trageti Bituing Dagat?",
     ["q04"], ["55 kilometra në orë"]),
    ("sq", "mono", "kur pritet te kthehen ne tirane erion dhe klea bardhoshi",
     ["q04"], ["20 gusht"]),
    ("sq", "mono", "Në cilin vit është ndërtuar trageti MV Bituing Dagat?",
     ["q04"], ["1998"]),
    # ---------------- Albanian: cross ------------------------------------------
    ("sq", "cross", "Sa vende ka auditori i qendrës “Drita e Luginës”?",
     ["q02"], ["240-seat", "240"]),
    ("sq", "cross", "Sa pritet të jenë shpenzimet vjetore të funksionimit të qendrës në Kodrabardhë?",
     ["q02"], ["310,000 euros"]),
    ("sq", "cross", "Kush ia dhuroi qendrës arkivin me letrat e mësuesit Sotir Bregu?",
     ["q02"], ["Elira Bregu"]),
    ("sq", "cross", "ne cilen rruge ndodhet biblioteka e re e kodrabardhes",
     ["q02"], ["Rruga e Mullirit"]),
    ("sq", "cross", "Në cilin spital u dërguan pasagjerët e lënduar të tragetit Bituing Dagat?",
     ["q03"], ["Ospital Panlalawigan ng Marbayan"]),
    ("sq", "cross", "Në çfarë ore kërkoi ndihmë kapiteni i tragetit Bituing Dagat?",
     ["q03"], ["7:15 ng umaga", "7:15"]),
    ("sq", "cross", "Si quhet peshkatari që shpëtoi 27 persona me varkën e tij?",
     ["q03"], ["Eduardo", "Dimaculangan", "Edong"]),
    ("sq", "cross", "sa kohe zgjati e gjithe operacioni i shpetimit te tragetit",
     ["q03"], ["tatlong oras"]),
    ("sq", "cross", "Cila shkollë doli e dyta në garën rajonale të robotikës Tanglaw?",
     ["q05"], ["St. Adelaide Academy"]),
    ("sq", "cross", "Sa para fitoi shkolla Talahib National High School si çmim?",
     ["q05"], ["250,000 pesos"]),
    ("sq", "cross", "Sa muaj punuan nxënësit për të ndërtuar robotin Kalabaw-3?",
     ["q06"], ["Apat na buwan"]),
    ("sq", "cross", "kush eshte drejtoresha e shkolles talahib",
     ["q06"], ["Felisa Manuntag", "Manuntag"]),
    # ---------------- Albanian: none -------------------------------------------
    ("sq", "none", "Sa kushton një biletë për koncert në auditorin e qendrës “Drita e Luginës”?", [], []),
    ("sq", "none", "Sa fëmijë udhëtonin gjithsej në tragetin Bituing Dagat?", [], []),
    ("sq", "none", "Sa e paguan Erion Bardhoshi biletën e tragetit për në ishullin Kabugaw?", [], []),
    ("sq", "none", "Në cilin vend u rendit shkolla Talahib në garën Tanglaw të vitit 2025?", [], []),
    ("sq", "none", "sa vjec eshte arkitekti dritan merkuri", [], []),
    ("sq", "none", "Sa pikë mori Dalisay City Science High School, që doli e treta?", [], []),

    # ---------------- Tagalog: mono (answers in q03_tl / q06_tl) ---------------
    ("tl", "mono", "Ilang pasahero ng MV Bituing Dagat ang dinala sa ospital?",
     ["q03"], ["Siyam na pasahero"]),
    ("tl", "mono", "sino ang hepe ng tanggapan ng pagsagip sa dagat ng marbayan",
     ["q03"], ["Liza Arcega", "Arcega"]),
    ("tl", "mono", "Gaano kalayo sa dalampasigan ang barko nang humingi ito ng saklolo?",
     ["q03"], ["anim na milya-dagat"]),
    ("tl", "mono", "Sino ang humawak sa programming ng robot na Kalabaw-3?",
     ["q06"], ["Jerome Pascual"]),
    ("tl", "mono", "anong oras iginawad ang tropeo sa talahib",
     ["q06"], ["4:30 ng hapon"]),
    ("tl", "mono", "Aling lokal na negosyo ang nag-ambag sa gastos ng Kalabaw-3?",
     ["q06"], ["Panaderya ni Aling Bining", "Aling Bining"]),
    # ---------------- Tagalog: cross -------------------------------------------
    ("tl", "cross", "Ilang libro ang nasa bagong aklatan na Drita e Luginës sa Kodrabardhë?",
     ["q01", "q02"], ["38,000", "38 mijë"]),
    ("tl", "cross", "Sino ang alkalde ng Kodrabardhë na pumutol ng laso sa pagbubukas ng aklatan?",
     ["q01", "q02"], ["Arbana Delijaj", "Delijaj"]),
    ("tl", "cross", "Ilang kompyuter ang nasa digital lab ng Drita e Luginës?",
     ["q02"], ["30 computers"]),
    ("tl", "cross", "magkano ang ibinigay ng fondacioni shkendija e jugut para sa aklatan",
     ["q01"], ["1,1 milionë euro"]),
    ("tl", "cross", "Gaano kataas ang mga alon nang maaksidente ang MV Bituing Dagat?",
     ["q04"], ["3 metra"]),
    ("tl", "cross", "Magkano ang ibabayad ng Talampas Shipping Lines sa bawat pasahero bilang danyos?",
     ["q04"], ["15 000 pezo", "15 000"]),
    ("tl", "cross", "Sino ang gobernador ng lalawigan ng Marbayan?",
     ["q04"], ["Maricel Dumalagan", "Dumalagan"]),
    ("tl", "cross", "gaano kahaba ang barkong bituing dagat",
     ["q04"], ["62 metra"]),
    ("tl", "cross", "Ilang bote at lata ang naayos ng Kalabaw-3 sa huling gawain ng paligsahan?",
     ["q05"], ["64 plastic bottles", "64"]),
    ("tl", "cross", "Sino ang namuno sa mga hurado ng Tanglaw Regional Robotics Challenge?",
     ["q05"], ["Corazon Malabanan", "Malabanan"]),
    ("tl", "cross", "Sa anong pasilidad sa Lungsod ng Dalisay ginanap ang Tanglaw Regional Robotics Challenge?",
     ["q05"], ["Dalisay City Sports Complex"]),
    ("tl", "cross", "kailan gaganapin ang national finals na sasalihan ng kalabaw-3",
     ["q05"], ["March 2027"]),
    # ---------------- Tagalog: none --------------------------------------------
    ("tl", "none", "Magkano ang pamasahe mula Kalumpit hanggang Isla Kabugaw?", [], []),
    ("tl", "none", "Ano ang pangalan ng mga anak ni Josephine Lacsamana?", [], []),
    ("tl", "none", "anong brand ng motor ang nasunog sa braso ng kalabaw-3", [], []),
    ("tl", "none", "Ilang estudyante ang miyembro ng robotics club ng Talahib National High School?", [], []),
    ("tl", "none", "Magkano ang ibinayad kay Dritan Mërkuri para sa disenyo ng aklatan sa Kodrabardhë?", [], []),
    ("tl", "none", "ilang taon na si arbana delijaj", [], []),
]


def main():
    items = list(Q)
    random.Random(20261214).shuffle(items)
    out = os.path.join(HERE, "questions.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for i, (lang, kind, question, gold, answers) in enumerate(items, 1):
            obj = {
                "id": "pq%02d" % i,
                "lang": lang,
                "kind": kind,
                "question": question,
                "gold_docs": list(gold),
                "answer_any": list(answers),
            }
            if kind == "none":
                obj["topic"] = "on"
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    print("wrote %d questions to %s" % (len(items), out))


if __name__ == "__main__":
    main()
