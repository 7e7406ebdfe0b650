#!/usr/bin/env python3
"""Build questions.jsonl for the unseen13 evaluation set.

Questions are held here as Python data, shuffled with random.Random(20261207)
and given ids rq01..rq72 in shuffled order. Standard library only.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "questions.jsonl")

# (lang, kind, question, gold_docs, answer_any)
Q = [
    # ---------------- English ----------------
    # mono (q02, q05)
    ("en", "mono", "How long is the repair of the White River Helmet expected to take?",
     ["q02"], ["about three weeks", "three weeks"]),
    ("en", "mono", "Which conservator checked the recovered museum pieces for damage?",
     ["q02"], ["Dr. Luan Kola", "Luan Kola"]),
    ("en", "mono", "why didnt the vrenjas museum alarm go off on the night of the theft",
     ["q02"], ["no backup battery", "knocked out electricity"]),
    ("en", "mono", "At what time did the landslide hit Barangay Lunasan?",
     ["q05"], ["3:40 a.m.", "3:40"]),
    ("en", "mono", "How deep is the mud at the Lunasan landslide site in some places?",
     ["q05"], ["8 metres"]),
    ("en", "mono", "what did the geologist olaguer say about the mountain slope",
     ["q05"], ["The ground is still moving", "Another slide is possible"]),
    # cross -> q01 (sq)
    ("en", "cross", "Where did police find the objects stolen from the Vrenjas museum?",
     ["q01"], ["Lëmishtë", "fshatin Lëmishtë"]),
    ("en", "cross", "How old are the two men arrested over the Vrenjas museum theft?",
     ["q01"], ["34 dhe 41 vjeç", "34 dhe 41"]),
    ("en", "cross", "what is the total value of the stolen vrenjas museum objects",
     ["q01"], ["380 mijë euro", "380 mijë"]),
    # cross -> q03 (tl)
    ("en", "cross", "How old is marathon winner Jomar Villaruel?",
     ["q03"], ["29-anyos"]),
    ("en", "cross", "What did Villaruel do for a living before he became a champion runner?",
     ["q03"], ["nagde-deliver ng mga galon ng tubig", "galon ng tubig"]),
    ("en", "cross", "How much prize money did Villaruel take home from the race in Albania?",
     ["q03"], ["8,000 euro", "₱515,000"]),
    # cross -> q04 (sq)
    ("en", "cross", "who finished second in the mens race at the porteze marathon",
     ["q04"], ["Ermal Tafaj"]),
    ("en", "cross", "What was the budget of this year's Portezë Marathon?",
     ["q04"], ["95 mijë euro", "95 mijë"]),
    ("en", "cross", "how many volunteers worked at the porteze marathon",
     ["q04"], ["450 vullnetarë", "450"]),
    # cross -> q06 (tl)
    ("en", "cross", "How many people did Lunasan residents pull out themselves before rescuers from town arrived?",
     ["q06"], ["23 katao"]),
    ("en", "cross", "How much damage did the landslide do to farms in Tanglawan, in pesos?",
     ["q06"], ["₱12 milyon"]),
    ("en", "cross", "Which parish took in the families who could not fit into the evacuation center?",
     ["q06"], ["Parokya ni San Isidro Labrador", "San Isidro Labrador"]),
    # none
    ("en", "none", "What is the name of the online auction site where the stolen coin was offered?", [], []),
    ("en", "none", "What are the names of the two men arrested for the Vrenjas museum theft?", [], []),
    ("en", "none", "What brand of running shoes did Jomar Villaruel wear in the Portezë Marathon?", [], []),
    ("en", "none", "How much prize money did Klea Muçaj receive for winning the women's race?", [], []),
    ("en", "none", "what is the name of the six-year-old girl rescued from the lunasan landslide", [], []),
    ("en", "none", "How much did each food pack handed out in Tanglawan cost?", [], []),

    # ---------------- Albanian ----------------
    # mono (q01, q04)
    ("sq", "mono", "Kush e drejtoi aksionin e policisë që çoi te gjetja e objekteve të muzeut?",
     ["q01"], ["Arben Zeneli"]),
    ("sq", "mono", "Sa para do të shpenzojë bashkia e Vrenjasit për sigurinë e muzeut?",
     ["q01"], ["4,8 milionë lekë", "4,8 milionë"]),
    ("sq", "mono", "kur do te hapet perseri salla e ekspozites ne muzeun e vrenjasit",
     ["q01"], ["20 mars"]),
    ("sq", "mono", "Kush fitoi garën e femrave në Maratonën e Portezës?",
     ["q04"], ["Klea Muçaj"]),
    ("sq", "mono", "Sa vrapues morën pjesë këtë vit në Maratonën e Portezës?",
     ["q04"], ["3.200 vrapues", "3.200"]),
    ("sq", "mono", "sa ore qendruan rruget e qendres te mbyllura per shkak te gares",
     ["q04"], ["shtatë orë"]),
    # cross -> q02 (en)
    ("sq", "cross", "Kur ndodhi vjedhja në Muzeun Historik të Vrenjasit?",
     ["q02"], ["night of Feb. 27", "Feb. 27"]),
    ("sq", "cross", "Çfarë tha drejtoresha Mehmetaj për fatin dhe sigurinë e muzeut?",
     ["q02"], ["Luck is not a security plan", "We were lucky this time"]),
    ("sq", "cross", "si arriti policia ne gjurmet e objekteve te vjedhura",
     ["q02"], ["online auction site", "collector in Athens"]),
    # cross -> q03 (tl)
    ("sq", "cross", "Sa orë zgjati udhëtimi i Villaruelit për në Shqipëri?",
     ["q03"], ["19 na oras"]),
    ("sq", "cross", "Për çfarë do t'i përdorë Villaruel paratë e çmimit?",
     ["q03"], ["pag-aaral ng kanyang bunsong kapatid", "kursong nursing"]),
    ("sq", "cross", "kush ia pagoi villaruelit biletat dhe akomodimin",
     ["q03"], ["Samahang Takbo ng Talimbayog"]),
    # cross -> q05 (en)
    ("sq", "cross", "Sa shtëpi mbuloi rrëshqitja e dheut në Lunasan?",
     ["q05"], ["17 houses"]),
    ("sq", "cross", "Sa milimetra shi u regjistruan në Tanglawan para rrëshqitjes së dheut?",
     ["q05"], ["310 millimetres", "310"]),
    ("sq", "cross", "sa familje jane strehuar ne shkollen qendrore te tanglawanit",
     ["q05"], ["212 families", "212"]),
    # cross -> q06 (tl)
    ("sq", "cross", "Sa vjeç është Teodoro Abrenica?",
     ["q06"], ["58"]),
    ("sq", "cross", "Sa hektarë me misër dhe oriz u dëmtuan nga rrëshqitja e dheut në Tanglawan?",
     ["q06"], ["35 ektarya"]),
    ("sq", "cross", "sa kohe do te duhet qe te rikthehet energjia elektrike ne tanglawan",
     ["q06"], ["sa loob ng 48 oras", "48 oras"]),
    # none
    ("sq", "none", "Sa kushton bileta e hyrjes në Muzeun Historik të Vrenjasit?", [], []),
    ("sq", "none", "Sa roje do ta ruajnë Muzeun Historik të Vrenjasit çdo natë?", [], []),
    ("sq", "none", "Në cilin vit u themelua Klubi Atletik Portezë?", [], []),
    ("sq", "none", "Sa vrapues përfunduan gjysmëmaratonën në Portezë?", [], []),
    ("sq", "none", "Sa qen kërkimi u përdorën për të gjetur të zhdukurit në Lunasan?", [], []),
    ("sq", "none", "Kur është ndërtuar rruga Lunasan–Bagong Silang?", [], []),

    # ---------------- Tagalog ----------------
    # mono (q03, q06)
    ("tl", "mono", "Sino ang coach ni Jomar Villaruel?",
     ["q03"], ["Ernesto \"Esting\" Dalisay", "Dalisay"]),
    ("tl", "mono", "Magkano ang insentibong ipinangako ng lokal na pamahalaan ng Talimbayog kay Villaruel?",
     ["q03"], ["₱100,000"]),
    ("tl", "mono", "gaano katagal nagsanay si villaruel sa bundok bago ang karera",
     ["q03"], ["sampung linggo"]),
    ("tl", "mono", "Ano ang pangalan ng aso ng pamilya Abrenica?",
     ["q06"], ["Bantay"]),
    ("tl", "mono", "Ilang food pack na ang naipamigay ng munisipyo ng Tanglawan?",
     ["q06"], ["1,500 food pack"]),
    ("tl", "mono", "hanggang kailan walang pasok sa tanglawan",
     ["q06"], ["Biyernes, 10 Abril", "10 Abril"]),
    # cross -> q01 (sq)
    ("tl", "cross", "Ilan lahat ang mga bagay na ninakaw sa museo ng Vrenjas at nabawi ng pulisya?",
     ["q01"], ["14 objektet"]),
    ("tl", "cross", "Paano nakapasok sa museo ang mga magnanakaw?",
     ["q01"], ["përmes dritares së bodrumit", "dritares së bodrumit"]),
    ("tl", "cross", "anong oras nagsimula ang operasyon ng pulis sa vrenjas",
     ["q01"], ["orën 5:30", "5:30"]),
    # cross -> q02 (en)
    ("tl", "cross", "Gaano kabigat ang White River Helmet?",
     ["q02"], ["1.2 kilograms"]),
    ("tl", "cross", "Kailan itinatag ang Vrenjas Historical Museum?",
     ["q02"], ["1962"]),
    ("tl", "cross", "ilang bisita ang pumupunta sa museo ng vrenjas bawat taon",
     ["q02"], ["26,000 visitors", "26,000"]),
    # cross -> q04 (sq)
    ("tl", "cross", "Ilang segundo ang ibinaba ni Villaruel sa dating rekord ng karera?",
     ["q04"], ["41 sekonda"]),
    ("tl", "cross", "Saang plaza nagsimula ang karera sa Portezë?",
     ["q04"], ["Sheshi Detar"]),
    ("tl", "cross", "Ano ang sinabi ni Ermal Tafaj tungkol sa bagong rekord?",
     ["q04"], ["Ky rekord nuk do të zgjasë shumë", "nuk do të zgjasë shumë"]),
    # cross -> q05 (en)
    ("tl", "cross", "Ilang oras na naipit ang batang babae bago siya nahango nang buhay?",
     ["q05"], ["nine hours"]),
    ("tl", "cross", "Magkano ang pondong pang-emergency na inilabas ng pamahalaang panlalawigan?",
     ["q05"], ["₱3.5 million"]),
    ("tl", "cross", "sino ang pinuno ng disaster office ng tanglawan",
     ["q05"], ["Engr. P. D. Macaraeg", "P. D. Macaraeg"]),
    # none
    ("tl", "none", "Ano ang pangalan ng kolektor sa Athens na nagbigay-alam sa pulisya?", [], []),
    ("tl", "none", "Magkano ang halaga ng insurance ng Vrenjas Historical Museum?", [], []),
    ("tl", "none", "Ano ang pangalan ng nanay ni Jomar Villaruel?", [], []),
    ("tl", "none", "anong airline ang sinakyan ni villaruel papuntang albania", [], []),
    ("tl", "none", "Ilan ang nasawi sa pagguho ng lupa sa Lunasan?", [], []),
    ("tl", "none", "Ilang taon nang kapitan ng Lunasan si Wilfredo Sagun?", [], []),
]


def main():
    items = list(Q)
    random.Random(20261207).shuffle(items)
    with open(OUT, "w", encoding="utf-8") as f:
        for i, (lang, kind, question, gold, answers) in enumerate(items, 1):
            rec = {
                "id": "rq%02d" % i,
                "lang": lang,
                "kind": kind,
                "question": question,
                "gold_docs": list(gold),
                "answer_any": list(answers),
            }
            if kind == "none":
                rec["topic"] = "on"
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print("wrote %d questions to %s" % (len(items), OUT))


if __name__ == "__main__":
    main()
