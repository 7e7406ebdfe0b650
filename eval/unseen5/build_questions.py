"""Build questions.jsonl from the hand-written list below, shuffle with a fixed seed, assign ids."""
import json, random

# (lang, kind, question, gold_docs, answer_any, topic-or-None)
Q = [
 # ---------------- English ----------------
 ("en","cross","What make and model is the alarm system at the Drinaj museum?",["a01"],["Argus TX-9"],None),
 ("en","cross","What time did the power cut start near the Drinaj museum on the night of the theft?",["a01"],["1:15"],None),
 ("en","cross","which turbine model do they use at the Talampas wind farm",["a03"],["AD-3.0"],None),
 ("en","cross","Who heads the fishermen's association that protested at the Dalisay wind farm opening?",["a03"],["Villanueva","Ka Berto"],None),
 ("en","cross","How many local workers got jobs building the Talampas wind farm?",["a03"],["220"],None),
 ("en","cross","Who is the coach of the Filipino robotics team Bagwis?",["a06"],["Malabanan"],None),
 ("en","cross","How much did it cost to build the Sinag-7 robot?",["a06"],["95,000"],None),
 ("en","cross","How long did Sinag-7 take to collect all the bottles in the RoboSfida final?",["a05"],["131"],None),
 ("en","mono","How much was the Drinaj museum's collection insured for?",["a02"],["40,000 euros"],None),
 ("en","mono","Which silversmith made the stolen bridal belt?",["a02"],["Master Zef"],None),
 ("en","mono","Which bank lent money for the Talampas wind farm?",["a04"],["Bancomar"],None),
 ("en","mono","What will Dalisay spend its wind farm royalties on?",["a04"],["water system"],None),
 ("en","multi","How did the thieves get into the Drinaj museum?",["a01","a02"],["rear window","dritaren e pasme"],None),
 ("en","multi","What time was the break-in at the Drinaj museum discovered?",["a01","a02"],["6:45"],None),
 ("en","multi","how much did the Talampas wind farm cost to build",["a03","a04"],["4.2 billion","4.2 bilyon"],None),
 ("en","multi","Who is the mayor of Dalisay?",["a03","a04"],["Dimaculangan"],None),
 ("en","none","Who is Vjollca Marku married to?",[],[],"on"),
 ("en","none","How much does a ticket to the Drinaj Ethnographic Museum cost?",[],[],"on"),
 ("en","none","What is the name of KATELCO's general manager?",[],[],"on"),
 ("en","none","Which university do the Bagwis team members plan to attend?",[],[],"on"),
 ("en","none","Which airline flew the Bagwis team to Albania?",[],[],"on"),
 ("en","none","What score did the Albanian team Shqiponja Dixhitale get in the RoboSfida final?",[],[],"on"),
 ("en","none","What is the chemical symbol for gold?",[],[],"off"),
 ("en","none","Who painted the Mona Lisa?",[],[],"off"),
 # ---------------- Albanian ----------------
 ("sq","cross","Në cilin vit është punuar brezi i nusërisë që u vodh nga muzeu i Drinajt?",["a02"],["1862"],None),
 ("sq","cross","Në ç'orë u filmua furgoni gri pranë pikës së karburantit?",["a02"],["2:20"],None),
 ("sq","cross","Kush është drejtori ekzekutiv i kompanisë Hanginan Renewables?",["a04"],["Santillan"],None),
 ("sq","cross","Kujt do t'ia shesë energjinë parku i erës Talampas?",["a04"],["KATELCO","Katipunan Electric"],None),
 ("sq","cross","Sa muaj zgjati ndërtimi i parkut të erës në Dalisay?",["a03"],["29"],None),
 ("sq","cross","Nga cili port u transportuan pjesët e turbinave për Talampas?",["a03"],["Puerto Almirante"],None),
 ("sq","cross","Sa pikë mori roboti Sinag-7 në finale?",["a06"],["287"],None),
 ("sq","cross","Çfarë kamere përdor roboti i skuadrës Bagwis?",["a06"],["LumaEye"],None),
 ("sq","mono","Sa është shpërblimi që ofron Bashkia e Drinajt për informacion mbi vjedhjen?",["a01"],["5 mijë euro"],None),
 ("sq","mono","Pse muzeu i Drinajt nuk kishte roje nate?",["a01"],["shkurtimeve buxhetore"],None),
 ("sq","mono","Cila skuadër doli e dyta në RoboSfida 2026?",["a05"],["Iskra"],None),
 ("sq","mono","Kur do të mbahet edicioni i radhës i RoboSfidës?",["a05"],["2027"],None),
 ("sq","multi","Kush e drejton Muzeun Etnografik të Drinajt?",["a01","a02"],["Vjollca Marku"],None),
 ("sq","multi","Sa vlejnë objektet e vjedhura nga muzeu i Drinajt?",["a01","a02"],["120 mijë euro","120,000 euros"],None),
 ("sq","multi","Sa skuadra morën pjesë në RoboSfida 2026?",["a05","a06"],["32 skuadra","32 koponan"],None),
 ("sq","multi","Si quhet roboti që fitoi RoboSfidën këtë vit?",["a05","a06"],["Sinag-7"],None),
 ("sq","none","Sa vjeç është drejtoresha Vjollca Marku?",[],[],"on"),
 ("sq","none","Kush e ka projektuar Arenën Gurishta?",[],[],"on"),
 ("sq","none","Sa ton peshon secila turbinë e parkut të erës Talampas?",[],[],"on"),
 ("sq","none","Në cilin hotel qëndroi skuadra Bagwis gjatë garës në Gurishtë?",[],[],"on"),
 ("sq","none","Sa kilometra larg detit ndodhet parku i erës Talampas?",[],[],"on"),
 ("sq","none","Çfarë marke ishte furgoni gri që u filmua pranë muzeut të Drinajt?",[],[],"on"),
 ("sq","none","Sa këmbë ka një merimangë?",[],[],"off"),
 ("sq","none","Në cilin kontinent ndodhet Egjipti?",[],[],"off"),
 # ---------------- Tagalog ----------------
 ("tl","cross","Sino ang guwardiyang nakatuklas ng nakawan sa museo sa Drinaj?",["a01"],["Fatos Lleshi"],None),
 ("tl","cross","Ilang pulis ang naghahanap sa mga nagnakaw sa museo ng Drinaj?",["a01"],["42"],None),
 ("tl","cross","Saan idinispley ang bridal belt bago ito ibinalik sa Drinaj?",["a02"],["Tirana"],None),
 ("tl","cross","Gaano kabigat ang ninakaw na sinturon ng nobya?",["a02"],["900 gram"],None),
 ("tl","cross","Sino ang chief engineer ng Talampas Wind Farm?",["a04"],["Manansala"],None),
 ("tl","cross","Kailan itatayo ang ikalawang phase ng wind farm sa Dalisay?",["a04"],["2028"],None),
 ("tl","cross","Sino ang namuno sa hurado ng RoboSfida 2026?",["a05"],["Elda Shehu"],None),
 ("tl","cross","Ilang segundo lang ang ibinigay sa mga robot para tapusin ang gawain sa finals?",["a05"],["150"],None),
 ("tl","mono","Ilang mangingisda ang nagprotesta sa pagbubukas ng wind farm sa Dalisay?",["a03"],["75"],None),
 ("tl","mono","Kailan magsisimula ang commercial operation ng Talampas Wind Farm?",["a03"],["Abril 1"],None),
 ("tl","mono","Magkano ang nalikom ng San Roque para sa biyahe ng Bagwis?",["a06"],["380,000"],None),
 ("tl","mono","Bakit muntik nang hindi makasali ang Bagwis sa RoboSfida?",["a06"],["kakulangan sa pondo"],None),
 ("tl","multi","Ilang turbine mayroon ang Talampas Wind Farm?",["a03","a04"],["18 turbine"],None),
 ("tl","multi","Gaano kalaki ang kapasidad ng Talampas Wind Farm?",["a03","a04"],["54 megawatts","54-megawatt"],None),
 ("tl","multi","Magkano ang premyo ng nanalong koponan sa RoboSfida 2026?",["a05","a06"],["10,000","10 mijë euro"],None),
 ("tl","multi","Ilang bansa ang lumahok sa RoboSfida 2026?",["a05","a06"],["11 bansa","11 vende"],None),
 ("tl","none","Sino ang asawa ni Mayor Rosalinda Dimaculangan?",[],[],"on"),
 ("tl","none","Magkano ang sahod ng mga technician sa Talampas Wind Farm?",[],[],"on"),
 ("tl","none","Ilang taon na si Joshua Dizon?",[],[],"on"),
 ("tl","none","Anong oras nagsimula ang finals ng RoboSfida 2026?",[],[],"on"),
 ("tl","none","Sino ang arkitekto ng lumang tore na kinalalagyan ng museo sa Drinaj?",[],[],"on"),
 ("tl","none","Ilang taon nang naglilingkod sa pulisya si Gentian Hasa?",[],[],"on"),
 ("tl","none","Ano ang pinakamataas na bundok sa mundo?",[],[],"off"),
 ("tl","none","Ilang araw mayroon ang isang leap year?",[],[],"off"),
]

rows = []
for lang, kind, q, gd, ans, topic in Q:
    r = {"id": None, "lang": lang, "kind": kind, "question": q, "gold_docs": gd, "answer_any": ans}
    if kind == "none":
        r["topic"] = topic
    rows.append(r)

random.Random(20261207).shuffle(rows)
for i, r in enumerate(rows, 1):
    r["id"] = f"yq{i:02d}"

with open("questions.jsonl", "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), "questions written")
