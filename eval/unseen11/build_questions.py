#!/usr/bin/env python3
"""Build questions.jsonl for unseen11 (72 hand-written questions, en/sq/tl)."""
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (lang, kind, question, gold_docs, answer_any[, topic])
Q = [
    # ---------------- English ----------------
    ("en", "mono", "Who is the general director of Drita Energji?", ["m01", "m02"], ["Arben Qosja", "Qosja"]),
    ("en", "mono", "which panel model is used at the kodrinë solar park", ["m01"], ["Sunvora SV-580", "SV-580", "Sunvora"]),
    ("en", "mono", "How much were farmers paid per square metre for land sold to the solar developer in Kodrinë?", ["m01"], ["3.2 euros", "3.2"]),
    ("en", "mono", "Which geologist said the Kabugao slope had been flagged as high-risk?", ["m06"], ["Consuelo Tabangcura", "Tabangcura"]),
    ("en", "mono", "how much will it cost to repair the Kabugao–Tinagong road", ["m06"], ["16 million pesos", "16 million"]),
    ("en", "mono", "Why were classes in San Gregorio suspended after the landslide?", ["m06"], ["evacuation centre", "being used as an evacuation"]),
    ("en", "cross", "What time did the opening ceremony of the Kodrinë solar park start?", ["m02"], ["11:00"]),
    ("en", "cross", "How many scholarships will Drita Energji award each year?", ["m02"], ["50 bursa", "50"]),
    ("en", "cross", "How much will the municipality of Kodrinë earn each year in local taxes from the solar park?", ["m02"], ["1,1 milionë", "1,1 milion"]),
    ("en", "cross", "what club did ardit kelmendi come from before moving to the philippines", ["m03"], ["KB Ylli Tiranë", "Ylli Tiranë", "Ylli"]),
    ("en", "cross", "How many rebounds did Ardit Kelmendi grab in Game 7?", ["m03"], ["13 kërcime", "13"]),
    ("en", "cross", "How many fans watched Game 7 of the PLB finals inside the arena?", ["m04"], ["14,200"]),
    ("en", "cross", "Who was named Finals MVP of the PLB finals?", ["m04"], ["Jerome Villaflor", "Villaflor"]),
    ("en", "cross", "How much prize money do the Malinaw Tamaraws receive from the league?", ["m04"], ["P5 milyon", "5 milyon"]),
    ("en", "cross", "At what time did the landslide in Sitio Kabugao happen?", ["m05"], ["alas-4:30", "4:30"]),
    ("en", "cross", "Who is the mayor of San Gregorio?", ["m05"], ["Leonora Bautista-Cruz", "Bautista-Cruz"]),
    ("en", "none", "How many people attended the Tamaraws' victory parade?", [], [], "on"),
    ("en", "none", "What is the name of the Pandayan Agilas' home arena?", [], [], "on"),
    ("en", "none", "when will construction of drita energji's second solar project begin", [], [], "on"),
    ("en", "none", "In which country are the Sunvora SV-580 panels manufactured?", [], [], "on"),
    ("en", "none", "How many houses will be built at the Mataas na Lupa relocation site?", [], [], "on"),
    ("en", "none", "Why was the 2023 recommendation to move the Kabugao households never carried out?", [], [], "on"),
    ("en", "none", "Who won the men's singles title at Wimbledon in 2026?", [], [], "off"),
    ("en", "none", "what is the current exchange rate between the yen and the dollar", [], [], "off"),
    # ---------------- Albanian ----------------
    ("sq", "mono", "Sa është kapaciteti i sistemit të baterive në fazën e dytë të parkut diellor?", ["m02"], ["25 megavat", "25"]),
    ("sq", "mono", "Kush është kryetarja e Bashkisë Kodrinë?", ["m02"], ["Mirela Hoxhallari", "Hoxhallari"]),
    ("sq", "mono", "sa kilometra rruge ka rindertuar kompania ne Kodrine", ["m02"], ["7 kilometra"]),
    ("sq", "mono", "Sa pikë shënoi Ardit Kelmendi në ndeshjen e shtatë të finales?", ["m03"], ["22 pikë", "22"]),
    ("sq", "mono", "Si e thërrasin tifozët e Malinaw Ardit Kelmendin?", ["m03"], ["Ang Bundok", "Bundok"]),
    ("sq", "mono", "Me cfare rezultati e fitoi Malinaw Tamaraws ndeshjen e shtate?", ["m03", "m04"], ["98–94"]),
    ("sq", "cross", "Sa hektarë zë parku diellor në Kodrinë?", ["m01"], ["160 hectares", "160"]),
    ("sq", "cross", "Nga cila bankë mori kredi Drita Energji për parkun diellor?", ["m01"], ["Nordvik Green Bank", "Nordvik"]),
    ("sq", "cross", "Kush është menaxherja e kantierit të parkut diellor në Kodrinë?", ["m01"], ["Lorena Basha", "Basha"]),
    ("sq", "cross", "kush i drejtoi fermeret qe u ankuan per cmimin e tokes", ["m01"], ["Gëzim Rrapi", "Rrapi"]),
    ("sq", "cross", "Sa pikë shënoi Paolo Enriquez për Pandayan Agilas?", ["m04"], ["26 puntos"]),
    ("sq", "cross", "Kush është trajneri i Malinaw Tamaraws?", ["m04"], ["Ramon \"Monching\" Dizon", "Dizon", "Monching"]),
    ("sq", "cross", "Kur do të mbahet parada e fitores së Tamaraws?", ["m04"], ["21 Abril", "Martes", "21"]),
    ("sq", "cross", "Si quhet vajza nëntëvjeçare që u shpëtua nga rrënojat në Kabugao?", ["m05"], ["Althea Mendoza", "Althea"]),
    ("sq", "cross", "Sa milimetra shi ra në 24 orët para rrëshqitjes së dheut në San Gregorio?", ["m05"], ["280 milimetro", "280"]),
    ("sq", "cross", "Si e përshkroi fermeri Efren Dalisay zhurmën e rrëshqitjes së dheut?", ["m06"], ["like a train", "train"]),
    ("sq", "none", "Sa kushtoi rindërtimi i rrugës prej 7 kilometrash në Kodrinë?", [], [], "on"),
    ("sq", "none", "Kush e drejtoi ceremoninë e inaugurimit të parkut diellor?", [], [], "on"),
    ("sq", "none", "Sa është paga vjetore e Ardit Kelmendit te Malinaw Tamaraws?", [], [], "on"),
    ("sq", "none", "ku do te luaje kombetarja e Shqiperise ndeshjet kualifikuese te korrikut", [], [], "on"),
    ("sq", "none", "Sa familje jetonin gjithsej në Sitio Kabugao para rrëshqitjes së dheut?", [], [], "on"),
    ("sq", "none", "Pse banorët e Kabugaos nuk u zhvendosën pas raportit të vitit 2023?", [], [], "on"),
    ("sq", "none", "Sa kushton bileta e trenit nga Tirana në Vlorë?", [], [], "off"),
    ("sq", "none", "kush e fitoi festivalin e kenges ne RTSH kete vit", [], [], "off"),
    # ---------------- Tagalog ----------------
    ("tl", "mono", "Ilang puntos ang naitala ni Jerome Villaflor sa Game 7?", ["m04"], ["31 puntos", "31"]),
    ("tl", "mono", "Saan ginanap ang Game 7 ng PLB finals?", ["m04"], ["Malinaw Coliseum"]),
    ("tl", "mono", "sino ang coach ng pandayan agilas", ["m04"], ["Benjie Saldaña", "Saldaña"]),
    ("tl", "mono", "Magkano ang inilabas ng munisipyo ng San Gregorio mula sa calamity fund?", ["m05"], ["P2.5 milyon", "2.5 milyon"]),
    ("tl", "mono", "Ilang katao ang nananatili sa evacuation center sa San Gregorio Central School?", ["m05"], ["312"]),
    ("tl", "mono", "Ano ang pangalan ng rescue dog na nakahanap kay Althea Mendoza?", ["m05"], ["Bantay"]),
    ("tl", "cross", "Magkano ang kabuuang halaga ng solar park sa Kodrinë?", ["m01", "m02"], ["84 million", "84 milionë", "84"]),
    ("tl", "cross", "Ilang solar panel ang ginamit sa solar park sa Kodrinë?", ["m01"], ["208,000"]),
    ("tl", "cross", "ilang kabahayan ang mabibigyan ng kuryente ng solar park sa kodrinë", ["m01"], ["70,000"]),
    ("tl", "cross", "Magkano ang gagastusin ng Drita Energji sa battery storage sa ikalawang yugto?", ["m02"], ["18 milionë", "18"]),
    ("tl", "cross", "Ilang taon na si Ardit Kelmendi?", ["m03"], ["27 vjeç", "27"]),
    ("tl", "cross", "Gaano katangkad si Ardit Kelmendi?", ["m03"], ["2,11 metra", "2,11"]),
    ("tl", "cross", "Magkano ang ido-donate ni Kelmendi sa youth academy ng dati niyang club?", ["m03"], ["10 000 dollarë", "10 000"]),
    ("tl", "cross", "Sino ang pangulo ng basketball federation ng Albania na bumati kay Kelmendi?", ["m03"], ["Fatos Dervishi", "Dervishi"]),
    ("tl", "cross", "Gaano kalayo ang Sitio Kabugao sa sentro ng bayan ng San Gregorio?", ["m06"], ["17 kilometres", "17"]),
    ("tl", "cross", "saan itatayo ang relocation site para sa mga pamilya mula sa kabugao", ["m06"], ["Mataas na Lupa"]),
    ("tl", "none", "Magkano ang personal na premyo ni Jerome Villaflor bilang Finals MVP?", [], [], "on"),
    ("tl", "none", "Anong oras magsisimula ang victory parade ng Tamaraws sa Martes?", [], [], "on"),
    ("tl", "none", "Ilang bahay ang nasira sa kalapit na Sitio Tinagong?", [], [], "on"),
    ("tl", "none", "Sino ang gobernador ng lalawigang kinaroroonan ng San Gregorio?", [], [], "on"),
    ("tl", "none", "bakit pinili ni Ardit Kelmendi na maglaro sa Pilipinas", [], [], "on"),
    ("tl", "none", "Kailan matatapos ang pagkumpuni sa footbridge sa Sitio Tinagong?", [], [], "on"),
    ("tl", "none", "Magkano ang presyo ng bigas ngayon sa mga palengke sa Maynila?", [], [], "off"),
    ("tl", "none", "sino ang nanalo sa Miss Universe 2025", [], [], "off"),
]


def main():
    items = list(Q)
    random.Random(20261210).shuffle(items)
    out = HERE / "questions.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for i, q in enumerate(items, 1):
            lang, kind, question, gold, ans = q[:5]
            rec = {"id": f"mq{i:02d}", "lang": lang, "kind": kind, "question": question,
                   "gold_docs": gold, "answer_any": ans}
            if kind == "none":
                rec["topic"] = q[5]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} questions to {out}")


if __name__ == "__main__":
    main()
