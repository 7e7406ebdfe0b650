#!/usr/bin/env python3
"""Build questions.jsonl: 72 questions (24 per language), shuffled with a fixed seed."""
import json
import random

Q = []


def add(lang, kind, question, gold=(), answers=(), topic=None):
    q = {"lang": lang, "kind": kind, "question": question,
         "gold_docs": list(gold), "answer_any": list(answers)}
    if topic is not None:
        q["topic"] = topic
    Q.append(q)


# ---------------- Albanian (sq) ----------------
# mono: answer in d01_sq / d04_sq
add("sq", "mono", "Kush ishte në timonin e ekskavatorit kur u gjet thesari?", ["d01"], ["Arben Muça", "Muça"])
add("sq", "mono", "Sa kushton projekti i ujesjellesit ne Koderbardhe?", ["d01"], ["1,2 milionë euro", "1,2 milionë"])
add("sq", "mono", "Për sa kohë ndalen punimet për ujësjellësin në atë pjesë?", ["d01"], ["tri javë"])
add("sq", "mono", "Sa monedha u nxorën nga toka gjithsej?", ["d01", "d02"], ["287"])
add("sq", "mono", "Sa veta e ndoqën koncertin e orkestrës filipinase në Lumëzë?", ["d04"], ["620"])
add("sq", "mono", "kush e drejton korin e femijeve ne lumeze", ["d04"], ["Mirela Kodra", "Kodra"])
# cross: answer only in en / tl articles
add("sq", "cross", "Sa peshonte monedha më e rëndë e thesarit?", ["d02"], ["3.4 grams", "3.4"])
add("sq", "cross", "Në cilin muze do të shfaqen monedhat e Kodërbardhës?", ["d02"], ["Rrapëza Regional Museum", "Regional Museum"])
add("sq", "cross", "cila kompani po ndërton ujësjellësin ne rrapeze", ["d02"], ["Hidroshtrati"])
add("sq", "cross", "Sa para mblodhën të rinjtë filipinas për udhëtimin?", ["d03"], ["₱3.8 milyon", "3.8 milyon"])
add("sq", "cross", "Kush ishte solistja e violinës në koncertin e orkestrës Sinag?", ["d03"], ["Andrea Lacsamana", "Lacsamana"])
add("sq", "cross", "Nga cili qytet i Filipineve vjen orkestra Sinag?", ["d03"], ["Santa Lumina"])
add("sq", "cross", "Sa familje do të mbeten pa ujë për shkak të racionimit në Pinagsibol?", ["d05", "d06"], ["64,000"])
add("sq", "cross", "sa eshte gjoba per lidhjet e paligjshme te ujit ne pinagsibol", ["d05"], ["5,000 pesos", "5,000"])
add("sq", "cross", "Nga ç'orë do të ndërpritet uji çdo mbrëmje në Pinagsibol?", ["d06"], ["alas-8 ng gabi", "alas-8"])
add("sq", "cross", "Kush është kryetari i bashkisë së Pinagsibolit?", ["d06"], ["Rogelio Santelices", "Santelices"])
# none, on topic
add("sq", "none", "Sa vjeç është arkeologia Elona Haxhiraj?", topic="on")
add("sq", "none", "Sa kushtoi rinovimi i muzeut rajonal të Rrapëzës?", topic="on")
add("sq", "none", "Si quhet kryepunëtori që thirri Arben Muça pas zbulimit?", topic="on")
add("sq", "none", "Në cilin qytet të Italisë do të luajë orkestra Sinag?", topic="on")
add("sq", "none", "Sa do të kushtojnë fluturimet për mbjelljen e reve mbi digën Kalinaw?", topic="on")
add("sq", "none", "sa banore ka qyteti pinagsibol", topic="on")
# none, off topic
add("sq", "none", "Kush e fitoi kampionatin kombëtar të volejbollit për femra këtë vit?", topic="off")
add("sq", "none", "Sa kushton bileta e trenit nga Tirana në Durrës?", topic="off")

# ---------------- English (en) ----------------
add("en", "mono", "How many archaeologists went out to the find site?", ["d02"], ["six"])
add("en", "mono", "What is the coin hoard thought to be worth?", ["d02"], ["90,000 euros", "90,000"])
add("en", "mono", "Which councilor opposed the state of calamity in Pinagsibol?", ["d05"], ["Edgar Solis", "Solis"])
add("en", "mono", "how many tanker trucks will deliver water during the rationing", ["d05"], ["22"])
add("en", "mono", "How low has the water in Kalinaw Dam dropped?", ["d05", "d06"], ["141.6 metres", "141.6 metro", "141.6"])
add("en", "mono", "Why did Pinagsibol's council declare a state of calamity?", ["d05"], ["emergency funds", "release emergency funds"])
add("en", "cross", "At what time did the digger strike the jar of coins?", ["d01"], ["10:40"])
add("en", "cross", "How deep underground was the coin jar?", ["d01"], ["1,6 metra", "1,6"])
add("en", "cross", "Who is the mayor of Rrapëza?", ["d01"], ["Ilir Bardhoshi", "Bardhoshi"])
add("en", "cross", "how many people will get drinking water from the new pipeline in kodërbardhë", ["d01"], ["1.900"])
add("en", "cross", "How many young musicians are in the Sinag orchestra?", ["d03", "d04"], ["46"])
add("en", "cross", "Who is the conductor of the Sinag Youth Orchestra?", ["d03", "d04"], ["Ramon Dizon Villareal", "Ramon Villareal", "Villareal"])
add("en", "cross", "When is the Filipino orchestra due back home?", ["d03"], ["Abril 24"])
add("en", "cross", "who arranged the albanian song the orchestra played with the kids' choir", ["d04"], ["Dritan Çela", "Çela"])
add("en", "cross", "Which neighbourhoods of Pinagsibol will suffer the longest water cuts?", ["d06"], ["Barangay Tubigan", "Tubigan", "Kawayanin"])
add("en", "cross", "How much is the city putting into new deep wells?", ["d06"], ["₱14.5 milyon", "14.5 milyon"])
add("en", "none", "How old is numismatist Petrit Dajti?", topic="on")
add("en", "none", "What is the name of the old church near where the coins were found?", topic="on")
add("en", "none", "Which airline flew the Sinag orchestra to Albania?", topic="on")
add("en", "none", "How many people attended the orchestra's concerts in Tirana?", topic="on")
add("en", "none", "How many hectares of rice fields are irrigated from Kalinaw Dam?", topic="on")
add("en", "none", "what is the name of the regional agriculture office director", topic="on")
add("en", "none", "Who won the men's singles final at the Australian Open this year?", topic="off")
add("en", "none", "What interest rate did the Norwegian central bank set in March?", topic="off")

# ---------------- Tagalog (tl) ----------------
add("tl", "mono", "Ilang taon na ang violinist na si Andrea Lacsamana?", ["d03"], ["16-anyos", "16"])
add("tl", "mono", "Kailan binuo ang Sinag Youth Orchestra?", ["d03"], ["2011"])
add("tl", "mono", "Magkano na ngayon ang isang galon sa mga water refilling station?", ["d06"], ["₱35", "35"])
add("tl", "mono", "sino ang mayor ng pinagsibol city", ["d06"], ["Rogelio Santelices", "Santelices"])
add("tl", "mono", "Ilang oras kada araw mawawalan ng tubig sa gripo sa Pinagsibol?", ["d05", "d06"], ["12 hours", "labindalawang oras", "12"])
add("tl", "mono", "Kailan mag-uumpisa ang rationing ng tubig sa Pinagsibol?", ["d05", "d06"], ["Mayo 4", "May 4"])
add("tl", "cross", "Ilang barya ang nahukay sa Kodërbardhë?", ["d01", "d02"], ["287"])
add("tl", "cross", "Ano ang nakaukit sa mga baryang natagpuan sa Albania?", ["d01"], ["yll me tetë rreze", "kokën e një gruaje"])
add("tl", "cross", "Aling kumpanya ang gumagawa ng pipeline sa Rrapëza?", ["d02"], ["Hidroshtrati"])
add("tl", "cross", "Ilan ang nanood ng konsiyerto ng Sinag sa Lumëza?", ["d04"], ["620"])
add("tl", "cross", "Gaano katagal nakatayong pumalakpak ang mga manonood sa Lumëza?", ["d04"], ["shtatë minuta"])
add("tl", "cross", "ilang bata ang kasapi ng children's choir sa lumëza", ["d04"], ["28"])
add("tl", "cross", "ano ang trabaho ni valbona deda", ["d04"], ["mësuesja"])
add("tl", "cross", "Ilang porsiyento ng tubig ng water district ang nasasayang bago makarating sa mga customer?", ["d05"], ["31 percent", "31"])
add("tl", "cross", "Sino si Carmelita Dagohoy?", ["d05"], ["irrigators' associations", "federation of irrigators"])
add("tl", "cross", "Ilang pampublikong paaralan ang uunahing dalhan ng tubig?", ["d05"], ["41 public schools", "41 public"])
add("tl", "none", "Magkano ang pamasahe sa eroplano ng bawat musikero ng Sinag?", topic="on")
add("tl", "none", "Ilang violinist ang kasama sa Sinag Youth Orchestra?", topic="on")
add("tl", "none", "Gaano kalalim huhukayin ang mga bagong deep well sa Pinagsibol?", topic="on")
add("tl", "none", "Kailan huling nagkaroon ng water rationing sa Pinagsibol?", topic="on")
add("tl", "none", "Sino ang may-ari ng lupang pinaghukayan ng mga barya sa Kodërbardhë?", topic="on")
add("tl", "none", "ano ang pangalan ng kapitan ng barangay kawayanin", topic="on")
add("tl", "none", "Sino ang naging Finals MVP ng PBA Philippine Cup ngayong taon?", topic="off")
add("tl", "none", "Anong oras ang laro ng Gilas Pilipinas sa Biyernes?", topic="off")


def main():
    rng = random.Random(20261207)
    items = list(Q)
    rng.shuffle(items)
    with open("questions.jsonl", "w", encoding="utf-8") as f:
        for i, q in enumerate(items, 1):
            row = {"id": "dq%02d" % i}
            row.update(q)
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("wrote %d questions to questions.jsonl" % len(items))


if __name__ == "__main__":
    main()
