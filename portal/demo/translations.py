"""Demo translations of the demo help content (portal/demo/services.toml and places.toml).

Welsh covers every text of the help journey; Polish, Romanian, Urdu and Arabic cover what a
route card leads with: its label, its "before you get in touch" notes and the notes of its
dated closures. They were written
for the demonstration and have not been checked by a professional translator: before real use
every one needs that check (see README, "Translations").

Services are found by slug, routes by (service slug, English label), places by name, dated
closures by their English note.
"""

from referrals.translations import source_digest

SERVICES = {
    "just-one-number": {
        "cy": {
            "summary": (
                "Gwasanaeth plant iach Norfolk ar gyfer plant a phobl ifanc 0 i 19 oed a’u "
                "teuluoedd. Mae un rhif ffôn yn eich cysylltu â gweithiwr iechyd proffesiynol, "
                "ac mae llinellau testun i bobl ifanc ac i rieni."
            ),
            "description": (
                "Ffoniwch i siarad â gweithiwr iechyd proffesiynol. Gallan nhw roi cyngor a "
                "chymorth, eich helpu i benderfynu beth i’w wneud nesaf, a naill ai trefnu help "
                "gan y tîm neu eich cyfeirio at wasanaeth sydd mewn gwell sefyllfa i helpu. Gall "
                "pobl ifanc a rhieni anfon neges destun yn lle hynny, ac mae’r gwasanaeth hefyd "
                "yn cynnig ap iechyd i bobl ifanc hŷn, fforwm ar-lein i rieni a chwrs rhianta am "
                "ddim."
            ),
            "how_to_refer": (
                "Mae gweithwyr proffesiynol yn atgyfeirio dros y ffôn: ffoniwch Just One Number "
                "ar 0300 300 0123 a dweud eich bod am wneud atgyfeiriad. Does dim ffurflen i’w "
                "llenwi gyntaf. Mae’r alwad yn rhoi i’r tîm yr hyn sydd ei angen i asesu’n "
                "gynnar, fel bod yr atgyfeiriad yn cyrraedd y tîm iawn yn gynt, neu cewch wybod "
                "am wasanaeth sy’n fwy addas."
            ),
            "consent_note": (
                "Cyn atgyfeirio, gwnewch yn siŵr bod y rhiant, y person ifanc, neu’r ddau, yn "
                "cytuno i’r atgyfeiriad."
            ),
        },
    },
    "solihull-approach-parenting-course": {
        "cy": {
            "summary": (
                "Cwrs ar-lein am ddim mewn pedwar modiwl i rieni a gofalwyr yn Norfolk, am "
                "ddeall plant a phobl ifanc o’u geni hyd at 19 oed."
            ),
            "description": (
                "Gall staff sy’n gweithio gyda phlant a theuluoedd ddilyn y cwrs ar-lein hefyd. "
                "Mae’r gwasanaeth hefyd yn cynnal hyfforddiant deuddydd Dull Solihull i staff: "
                "gofynnwch i dîm Just One Norfolk am ddyddiadau."
            ),
            "how_to_refer": (
                "Mae rhieni a gofalwyr yn cofrestru eu hunain drwy wefan Just One Norfolk. Gall "
                "gweithwyr proffesiynol gyfeirio teuluoedd ato."
            ),
        },
    },
    "hertfordshire-healthy-relationships-programme": {
        "cy": {
            "summary": (
                "Gwaith grŵp i bobl ifanc yn Swydd Hertford a allai fod mewn perygl o gam-drin "
                "plant yn rhywiol drwy gamfanteisio. Mae’n eu helpu i adnabod perthnasoedd iach "
                "a chael cefnogaeth gan ei gilydd a chan wasanaethau lleol."
            ),
            "description": (
                "Rhan o ymgyrch ehangach Swydd Hertford yn erbyn camfanteisio rhywiol ar blant. "
                "Mae’r staff yn cymryd amser i feithrin ymddiriedaeth, yn cefnogi pobl ifanc cyhyd "
                "ag y mae angen, ac yn defnyddio gweithgareddau creadigol i’w helpu i feddwl am "
                "eu perthnasoedd. Timau ardal lleol sy’n cynnal y grwpiau, a all fod i fechgyn, i "
                "ferched, neu’n gymysg."
            ),
            "extended_age_note": (
                "rhai sy’n gadael gofal a phobl ifanc ag anawsterau dysgu neu anableddau"
            ),
            "how_to_refer": (
                "Gall rhieni, gofalwyr a gweithwyr proffesiynol atgyfeirio person ifanc gyda’r "
                "ffurflen atgyfeirio. Mae’r rhaglen ar gyfer pobl ifanc a allai fod mewn perygl "
                "o gam-drin rhywiol neu gamfanteisio, neu sy’n dangos arwyddion eu bod yn agored "
                "iddo: er enghraifft mynd ar goll, cymryd risgiau gyda chyffuriau, alcohol neu "
                "ryw, hunan-barch isel, neu berthnasoedd nad ydynt yn iawn iddyn nhw."
            ),
            "consent_note": (
                "Siaradwch â’r person ifanc am yr atgyfeiriad cyn i chi ei wneud, ac â’i riant "
                "neu ofalwr lle mae hynny’n ddiogel ac yn briodol."
            ),
        },
    },
    "brook": {
        "cy": {
            "summary": (
                "Cyngor i rai dan 25 oed am iechyd rhywiol, perthnasoedd a llesiant, a help i "
                "ddod o hyd i wasanaethau lleol."
            ),
        },
    },
    "childline": {
        "cy": {
            "summary": (
                "Llinell am ddim a chyfrinachol i unrhyw un dan 19 oed yn y DU. Siaradwch â "
                "chwnselydd hyfforddedig am unrhyw beth, ddydd neu nos."
            ),
            "description": (
                "Gall plant a phobl ifanc ffonio ar unrhyw awr am unrhyw beth sy’n eu poeni, "
                "mawr neu fach. Mae gan y wefan gyngor am berthnasoedd a chadw’n ddiogel, gan "
                "gynnwys canllaw a ffurflen i wneud eich cynllun diogelwch eich hun."
            ),
        },
    },
    "nspcc-helpline": {
        "cy": {
            "summary": (
                "I unrhyw oedolyn sy’n poeni am blentyn: siaradwch am y peth gydag ymarferydd "
                "NSPCC, a all eich cynghori a rhoi gwybod i’r heddlu neu’r gwasanaethau plant am "
                "bryder."
            ),
            "description": (
                "Does dim rhaid i chi fod yn siŵr bod rhywbeth o’i le cyn cysylltu. Mae rhieni, "
                "gofalwyr, perthnasau, cymdogion a gweithwyr proffesiynol i gyd yn defnyddio’r "
                "llinell gymorth. Y tu allan i oriau’r llinell ffôn gallwch anfon e-bost ar "
                "unrhyw adeg."
            ),
        },
    },
    "samaritans": {
        "cy": {
            "summary": (
                "Rhywun i siarad ag ef ar unrhyw awr, beth bynnag sy’n eich poeni. I unrhyw un, "
                "o unrhyw oed, gan gynnwys rhiant neu ofalwr sy’n cael trafferth."
            ),
        },
    },
    "shout": {
        "cy": {
            "summary": (
                "Llinell destun i unrhyw un yn y DU sy’n ei chael hi’n anodd ymdopi. Mae "
                "gwirfoddolwr hyfforddedig yn ateb drwy neges destun, ar unrhyw awr."
            ),
        },
    },
}

ROUTES = {
    ("just-one-number", "Call Just One Number"): {
        "cy": {
            "label": "Ffoniwch Just One Number",
            "what_happens": (
                "Mae gweithiwr iechyd proffesiynol yn ateb. Maen nhw’n gwrando, yn rhoi cyngor a "
                "chymorth, ac yn trafod beth sy’n digwydd nesaf: help gan y tîm 0 i 19, neu "
                "wasanaeth arall sy’n fwy addas i chi."
            ),
            "good_to_know": (
                "Gall rhieni, gofalwyr, pobl ifanc a gweithwyr proffesiynol i gyd ddefnyddio’r "
                "rhif hwn. Nid yw galwadau i rifau 0300 yn costio mwy na galwad i rif llinell dir "
                "arferol, ac maen nhw fel arfer yn rhan o unrhyw funudau cynwysedig."
            ),
        },
        "pl": {"label": "Zadzwoń pod Just One Number"},
        "ro": {"label": "Sunați la Just One Number"},
        "ur": {"label": "Just One Number پر کال کریں"},
        "ar": {"label": "اتصل بـ Just One Number"},
    },
    ("just-one-number", "Make a referral by phone"): {
        "cy": {
            "label": "Gwneud atgyfeiriad dros y ffôn",
            "what_happens": (
                "Dywedwch eich bod yn gwneud atgyfeiriad. Mae’r gweithiwr iechyd proffesiynol yn "
                "holi am y plentyn, y person ifanc neu’r teulu er mwyn i’r atgyfeiriad gael ei "
                "asesu a’i basio i’r tîm iawn yn gyflym, neu’n awgrymu gwasanaeth sy’n fwy "
                "addas."
            ),
            "good_to_know": (
                "Sicrhewch ganiatâd y rhiant a/neu’r person ifanc cyn i chi ffonio. Does dim "
                "angen gwaith papur ymlaen llaw: y sgwrs yw’r atgyfeiriad."
            ),
            "parent_told_note": (
                "Mae angen caniatâd y rhiant, y person ifanc, neu’r ddau, ar y sawl sy’n "
                "atgyfeirio."
            ),
        },
        "pl": {
            "label": "Zgłoś skierowanie telefonicznie",
            "parent_told_note": (
                "Osoba kierująca potrzebuje zgody rodzica, młodej osoby lub obojga."
            ),
        },
        "ro": {
            "label": "Faceți o trimitere prin telefon",
            "parent_told_note": (
                "Persoana care face trimiterea are nevoie de acordul părintelui, al tânărului "
                "sau al amândurora."
            ),
        },
        "ur": {
            "label": "فون پر ریفرل کریں",
            "parent_told_note": "ریفر کرنے والے کو والدین، نوجوان یا دونوں کی رضامندی درکار ہے۔",
        },
        "ar": {
            "label": "قدّم إحالة عبر الهاتف",
            "parent_told_note": "يحتاج من يقدّم الإحالة إلى موافقة الوالد أو الشاب أو كليهما.",
        },
    },
    ("just-one-number", "ChatHealth text line for young people"): {
        "cy": {
            "label": "Llinell destun ChatHealth i bobl ifanc",
            "what_happens": (
                "Anfonwch neges destun am unrhyw bryder iechyd. Bydd un o ymarferwyr y tîm yn "
                "ateb drwy neges destun. Os byddai’n well gennych siarad wyneb yn wyneb, gallwch "
                "ofyn am apwyntiad."
            ),
            "good_to_know": (
                "Mae’r llinell hon i blant a phobl ifanc anfon neges eu hunain. Ar gyfer "
                "cwestiwn gan riant, defnyddiwch linell destun Parentline."
            ),
        },
        "pl": {"label": "Linia SMS ChatHealth dla młodzieży"},
        "ro": {"label": "Linia SMS ChatHealth pentru tineri"},
        "ur": {"label": "نوجوانوں کے لیے ChatHealth ٹیکسٹ لائن"},
        "ar": {"label": "خط ChatHealth للرسائل النصية للشباب"},
    },
    ("just-one-number", "Parentline text line for parents and carers"): {
        "cy": {
            "label": "Llinell destun Parentline i rieni a gofalwyr",
            "what_happens": (
                "Anfonwch neges am unrhyw fater iechyd sy’n effeithio ar eich plentyn, o fabi "
                "newydd-anedig i berson ifanc 19 oed. Bydd clinigydd o’r tîm yn ateb gyda chyngor "
                "a chymorth."
            ),
            "good_to_know": "I rieni a gofalwyr plant a phobl ifanc 0 i 19 oed.",
        },
        "pl": {"label": "Linia SMS Parentline dla rodziców i opiekunów"},
        "ro": {"label": "Linia SMS Parentline pentru părinți și îngrijitori"},
        "ur": {"label": "والدین اور نگہداشت کرنے والوں کے لیے Parentline ٹیکسٹ لائن"},
        "ar": {"label": "خط Parentline للرسائل النصية للآباء ومقدّمي الرعاية"},
    },
    ("just-one-number", "Just One Norfolk Health Passport app"): {
        "cy": {
            "label": "Ap Pasbort Iechyd Just One Norfolk",
            "what_happens": (
                "Lawrlwythwch yr ap ar ffôn Apple neu Android. Mae ganddo wybodaeth ac "
                "awgrymiadau iechyd, mae’n dangos pa wasanaethau all helpu a sut i’w cyrraedd, "
                "ac mae’n eich helpu i ofalu am eich iechyd eich hun."
            ),
            "good_to_know": (
                "I bobl ifanc 16 i 19 oed. Mae’r dolenni lawrlwytho ar wefan Just One Norfolk."
            ),
        },
        "pl": {"label": "Aplikacja Health Passport Just One Norfolk"},
        "ro": {"label": "Aplicația Health Passport Just One Norfolk"},
        "ur": {"label": "Just One Norfolk ہیلتھ پاسپورٹ ایپ"},
        "ar": {"label": "تطبيق جواز السفر الصحي من Just One Norfolk"},
    },
    ("just-one-number", "Health Unlocked forum for parents and carers"): {
        "cy": {
            "label": "Fforwm Health Unlocked i rieni a gofalwyr",
            "what_happens": (
                "Ymunwch â chymuned ar-lein lle mae rhieni a gofalwyr yn Norfolk yn siarad â’i "
                "gilydd am bethau sy’n effeithio ar eu plant. Mae’r fforwm yn cael ei gymedroli’n "
                "ofalus."
            ),
            "good_to_know": (
                "Rydych chi’n ymuno drwy wefan Just One Norfolk. Mae ar gyfer rhannu profiadau "
                "gyda rhieni eraill: am gyngor am eich plentyn eich hun, ffoniwch neu anfonwch "
                "neges destun at y tîm."
            ),
        },
        "pl": {"label": "Forum Health Unlocked dla rodziców i opiekunów"},
        "ro": {"label": "Forumul Health Unlocked pentru părinți și îngrijitori"},
        "ur": {"label": "والدین اور نگہداشت کرنے والوں کے لیے Health Unlocked فورم"},
        "ar": {"label": "منتدى Health Unlocked للآباء ومقدّمي الرعاية"},
    },
    ("solihull-approach-parenting-course", "Solihull Parenting Online course"): {
        "cy": {
            "label": "Cwrs ar-lein Rhianta Solihull",
            "what_happens": (
                "Cofrestrwch ar wefan Just One Norfolk, yna gweithiwch drwy’r pedwar modiwl "
                "ar-lein."
            ),
            "good_to_know": "Am ddim i rieni a gofalwyr yn Norfolk.",
        },
        "pl": {"label": "Kurs online Solihull dla rodziców"},
        "ro": {"label": "Cursul online Solihull pentru părinți"},
        "ur": {"label": "Solihull والدین کا آن لائن کورس"},
        "ar": {"label": "دورة Solihull الإلكترونية للوالدين"},
    },
    ("hertfordshire-healthy-relationships-programme", "Make a referral"): {
        "cy": {
            "label": "Gwneud atgyfeiriad",
            "what_happens": (
                "Llenwch y ffurflen gyda manylion y person ifanc a’r hyn sy’n eich poeni. Yna "
                "bydd y tîm lleol yn trefnu i siarad â’r person ifanc, i weld sut y gallan nhw "
                "helpu a pha gymorth sydd ar gael yn agos atyn nhw."
            ),
            "good_to_know": (
                "I bobl ifanc 13 i 17 oed, neu hyd at 25 oed i rai sy’n gadael gofal a phobl "
                "ifanc ag anawsterau dysgu neu anableddau."
            ),
        },
        "pl": {"label": "Zgłoś skierowanie"},
        "ro": {"label": "Faceți o trimitere"},
        "ur": {"label": "ریفرل کریں"},
        "ar": {"label": "قدّم إحالة"},
    },
    ("hertfordshire-healthy-relationships-programme", "Refer a young person on this site"): {
        "cy": {
            "label": "Atgyfeirio person ifanc ar y wefan hon",
            "what_happens": (
                "Atebwch ychydig o gwestiynau am y person ifanc a’r hyn sy’n eich poeni. Dim "
                "ond tîm atgyfeirio’r rhaglen all ei ddarllen; cewch rif cyfeirnod."
            ),
            "good_to_know": (
                "Siaradwch â’r person ifanc yn gyntaf: mae angen iddyn nhw gytuno i’r "
                "atgyfeiriad. Nid yw’r ffurflen hon ar gyfer argyfyngau."
            ),
        },
        "pl": {"label": "Skieruj młodą osobę przez tę stronę"},
        "ro": {"label": "Trimiteți un tânăr prin acest site"},
        "ur": {"label": "اس ویب سائٹ پر کسی نوجوان کو ریفر کریں"},
        "ar": {"label": "أحِل شابًا عبر هذا الموقع"},
    },
    ("brook", "Brook website"): {
        "cy": {
            "label": "Gwefan Brook",
            "what_happens": (
                "Darllenwch gyngor clir am ryw, perthnasoedd ac iechyd rhywiol, gan gynnwys sut i "
                "osgoi heintiau a beichiogrwydd heb ei gynllunio, a dewch o hyd i wasanaethau yn "
                "agos atoch."
            ),
        },
        "pl": {"label": "Strona internetowa Brook"},
        "ro": {"label": "Site-ul Brook"},
        "ur": {"label": "Brook کی ویب سائٹ"},
        "ar": {"label": "موقع Brook الإلكتروني"},
    },
    ("childline", "Childline website"): {
        "cy": {
            "label": "Gwefan Childline",
            "what_happens": (
                "Darllenwch gyngor am berthnasoedd a chadw’n ddiogel, a defnyddiwch y canllaw a’r "
                "ffurflen i wneud eich cynllun diogelwch eich hun."
            ),
        },
        "pl": {"label": "Strona internetowa Childline"},
        "ro": {"label": "Site-ul Childline"},
        "ur": {"label": "Childline کی ویب سائٹ"},
        "ar": {"label": "موقع Childline الإلكتروني"},
    },
    ("childline", "Call Childline, day or night"): {
        "cy": {
            "label": "Ffoniwch Childline, ddydd neu nos",
            "what_happens": (
                "Mae cwnselydd hyfforddedig yn ateb ac yn gwrando. Chi sy’n dewis beth i siarad "
                "amdano a faint i’w ddweud."
            ),
            "good_to_know": (
                "I blant a phobl ifanc dan 19 oed. Mae’r alwad am ddim, o ffôn symudol hefyd, a "
                "does dim rhaid i chi roi eich enw."
            ),
            "parent_told_note": (
                "Dim ond os yw cwnselydd yn meddwl eich bod mewn perygl, a bydden nhw fel arfer "
                "yn siarad â chi am hynny yn gyntaf."
            ),
        },
        "pl": {
            "label": "Zadzwoń do Childline, w dzień lub w nocy",
            "parent_told_note": (
                "Tylko jeśli doradca uzna, że jesteś w niebezpieczeństwie, i zwykle najpierw "
                "z tobą o tym porozmawia."
            ),
        },
        "ro": {
            "label": "Sunați la Childline, zi și noapte",
            "parent_told_note": (
                "Doar dacă un consilier crede că ești în pericol, și de obicei vorbește mai "
                "întâi cu tine despre asta."
            ),
        },
        "ur": {
            "label": "دن ہو یا رات، Childline کو کال کریں",
            "parent_told_note": (
                "صرف اس صورت میں جب کونسلر کو لگے کہ آپ خطرے میں ہیں، اور عام طور پر وہ پہلے "
                "آپ سے اس بارے میں بات کریں گے۔"
            ),
        },
        "ar": {
            "label": "اتصل بـ Childline ليلًا أو نهارًا",
            "parent_told_note": (
                "فقط إذا رأى المستشار أنك في خطر، وعادةً ما يتحدث معك في الأمر أولًا."
            ),
        },
    },
    ("nspcc-helpline", "Call the NSPCC helpline"): {
        "cy": {
            "label": "Ffoniwch linell gymorth yr NSPCC",
            "what_happens": (
                "Mae ymarferydd yn gwrando ar beth sy’n eich poeni, yn rhoi cyngor, ac yn gallu "
                "cyfeirio pryder at yr heddlu neu’r gwasanaethau plant ar eich rhan."
            ),
            "good_to_know": (
                "I oedolion sy’n poeni am blentyn. Mae galwadau am ddim. Gallwch aros yn "
                "ddienw, neu ofyn iddyn nhw beidio â rhannu eich enw."
            ),
        },
        "pl": {"label": "Zadzwoń na infolinię NSPCC"},
        "ro": {"label": "Sunați la linia de asistență NSPCC"},
        "ur": {"label": "NSPCC ہیلپ لائن پر کال کریں"},
        "ar": {"label": "اتصل بخط مساعدة NSPCC"},
    },
    ("nspcc-helpline", "Email the NSPCC helpline"): {
        "cy": {
            "label": "Anfonwch e-bost at linell gymorth yr NSPCC",
            "what_happens": (
                "Ysgrifennwch am beth sy’n eich poeni; bydd ymarferydd yn ateb drwy e-bost."
            ),
        },
        "pl": {"label": "Napisz e-mail do infolinii NSPCC"},
        "ro": {"label": "Trimiteți un e-mail liniei de asistență NSPCC"},
        "ur": {"label": "NSPCC ہیلپ لائن کو ای میل کریں"},
        "ar": {"label": "راسل خط مساعدة NSPCC بالبريد الإلكتروني"},
    },
    ("samaritans", "Call Samaritans, day or night"): {
        "cy": {
            "label": "Ffoniwch y Samariaid, ddydd neu nos",
            "what_happens": (
                "Mae gwirfoddolwr hyfforddedig yn ateb ac yn gwrando, heb farnu na dweud wrthych "
                "beth i’w wneud."
            ),
            "good_to_know": (
                "Am ddim o unrhyw ffôn, bob dydd o’r flwyddyn. Gallwch ffonio am unrhyw beth: "
                "does dim rhaid i chi fod yn meddwl am hunanladdiad."
            ),
        },
        "pl": {"label": "Zadzwoń do Samaritans, w dzień lub w nocy"},
        "ro": {"label": "Sunați la Samaritans, zi și noapte"},
        "ur": {"label": "دن ہو یا رات، Samaritans کو کال کریں"},
        "ar": {"label": "اتصل بـ Samaritans ليلًا أو نهارًا"},
    },
    ("shout", "Text SHOUT to 85258"): {
        "cy": {
            "label": "Anfonwch SHOUT mewn neges destun i 85258",
            "what_happens": (
                "Anfonwch y gair SHOUT. Bydd gwirfoddolwr hyfforddedig yn ateb drwy neges destun "
                "ac yn eich helpu drwy’r foment, cyhyd ag y mae angen."
            ),
            "good_to_know": (
                "Am ddim i anfon neges o’r prif rwydweithiau ffonau symudol yn y DU, ddydd neu nos."
            ),
            "free_from_mobiles_note": "Am ddim ar y prif rwydweithiau ffonau symudol yn y DU.",
        },
        "pl": {
            "label": "Wyślij SMS o treści SHOUT na numer 85258",
            "free_from_mobiles_note": (
                "Bezpłatnie w głównych sieciach komórkowych w Wielkiej Brytanii."
            ),
        },
        "ro": {
            "label": "Trimiteți SHOUT prin SMS la 85258",
            "free_from_mobiles_note": "Gratuit în principalele rețele mobile din Regatul Unit.",
        },
        "ur": {
            "label": "SHOUT لکھ کر 85258 پر ٹیکسٹ کریں",
            "free_from_mobiles_note": "برطانیہ کے بڑے موبائل نیٹ ورکس پر مفت۔",
        },
        "ar": {
            "label": "أرسل SHOUT في رسالة نصية إلى 85258",
            "free_from_mobiles_note": "مجانًا على شبكات الهاتف المحمول الرئيسية في المملكة المتحدة.",
        },
    },
}

# The notes of the dated closures ([closures] in services.toml), shown beside the date on a
# route card: "Closed on Saturday 26 December (Boxing Day)".
CLOSURE_NOTES = {
    "Christmas Day": {
        "cy": {"note": "Dydd Nadolig"},
        "pl": {"note": "Boże Narodzenie"},
        "ro": {"note": "Ziua de Crăciun"},
        "ur": {"note": "کرسمس کا دن"},
        "ar": {"note": "يوم عيد الميلاد"},
    },
    "Boxing Day": {
        "cy": {"note": "Gŵyl San Steffan"},
        "pl": {"note": "drugi dzień świąt Bożego Narodzenia"},
        "ro": {"note": "a doua zi de Crăciun"},
        "ur": {"note": "باکسنگ ڈے"},
        "ar": {"note": "يوم الصناديق"},
    },
}

LOCATIONS = {
    "Just One Number phone and text lines": {
        "cy": {
            "description": (
                "Ffoniwch 0300 300 0123, neu anfonwch neges destun at ChatHealth (pobl ifanc) "
                "neu Parentline (rhieni a gofalwyr)."
            ),
        },
    },
    "Just One Norfolk website": {
        "cy": {"description": "Cyrsiau ar-lein, cyngor a fforwm y rhieni, ar unrhyw adeg."},
    },
    "Hertfordshire district teams": {
        "cy": {
            "description": (
                "Mae’r grwpiau’n cwrdd yn lleol. Ar ôl atgyfeiriad, tîm ardal y person ifanc "
                "sy’n trefnu ble."
            ),
        },
    },
}


def apply_translations(obj, translations: dict) -> None:
    """Give ``obj`` these translations (language -> field -> text), each recorded against the
    current English. Saved only when something changed, so loading again writes nothing;
    translations of other fields (an editor's) are kept."""
    before = obj.translations or {}
    for language, fields in translations.items():
        for field, text in fields.items():
            entry = before.get(language, {}).get(field) or {}
            current = source_digest(getattr(obj, field) or "")
            if entry.get("text") != text or entry.get("source") != current:
                obj.set_translation(language, field, text)
    if obj.translations != before:
        obj.save(update_fields=["translations"])
