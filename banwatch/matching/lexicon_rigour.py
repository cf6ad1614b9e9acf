"""Legal forms taken from rigour's list of organisation types (data, generated).

Written by `scripts/rigour_forms.py` from rigour's
`resources/names/org_types.yml` (https://github.com/opensanctions/rigour),
commit 8f4044dd6719d71e8ba59b5033818ff407e0efab,
which rigour builds from ISO 20275 (GLEIF's Entity Legal Forms code list),
OCCRP's list and Wikipedia's types of business entity. Do not edit by
hand: run the script on a newer rigour and record a new matcher name.

- `RIGOUR_FORM_WORDS`: the words of rigour's forms of two words or more that
  fewer than 10 IEEE registrant names use and that are not ordinary words
  (wordfreq's Zipf frequency below 3 in English, German, French, Spanish,
  Italian, Dutch and Portuguese, or below 4 for a word of five letters or
  more): "gazdasági", "druzhestvo", "учреждение", "proprietary".
  A name holding one is handed to rigour, which finds the
  forms (`legal_forms.spelled_out_forms`); a name holding none pays one set test.
- `RIGOUR_ONE_WORD_FORMS`: rigour's forms of one word, under the same two
  conditions, of four letters or more in Latin letters (three are as often a
  company's initials) and of three or more in other scripts: "eireli",
  "sicav", "фгбу"; and the compare form of a form so dropped, whatever its
  length ("mup" for "МУП"). Dropped from names like the lexicon's `LEGAL_FORMS`.
- `RIGOUR_APOSTROPHE_WORDS`: the words rigour writes with an apostrophe, as
  banwatch reads them (apostrophes join: "dinvestissement") and as rigour
  writes them ("d'investissement"), so that rigour is handed them its way.
"""

from __future__ import annotations

RIGOUR_FORM_WORDS: frozenset[str] = frozenset(
    """
aandeelhouder aandelenvennootschap aansprakelijkheid abjadnanne abmezhavanaj abmezhavanay
abyadnanne accomandita actiuni acţiuni acțiuni adkaznascyu adkaznastsiu adkaznastsyu adkritaye
adkrytae agropecuaria akc akciju akcinė akcinės akcionarsko akcionerne akcionernoe akcionernoje
akciová akcjonarne akcyjna akcyyanernae aksionere aksiyadorlik aktiebolag aktiengesellschaft
aktieselskab akts aktsiaselts aktsii aktsionerne aktsionerno aktsionernoe aktsionernoye
aktsionerny aktsiyami aktsiyanernaye alimentatiei andelslag andelsselskab anonim anonime anstalt
ansvar anònima anón anónima anónimas anónimi anônima arhanizacyja arhanizatsyya atbildību
atsakomybės atviroji autonomous avatud avoin avtonomnaja avtonomnaya açık açıq aкционерное
begrænset bendrovė bendrovės berhad berufshaftung besch beschr beschraenker beschraenkter
beschränkter besl beslotn bestuurde betéti birzhevoy bishma blagotvoritelnaja blagotvoritelnaya
blagotvoritelny blagotvoritelnyj blagotvoritelnyy blahodiyna blahodiynyy blahodіjna blahodіjnyj
bolag budgetary budgetinstitution budżetowa bvba byudzhetnoe bür charitable cheklangan comandita
comanditaria comerciala comercială comhstoic commanditaire commandite commodities compan
compania companie compnay cooperativa coopérative coöperatieve cra cty cuideachta cég công
cəmiyyət cəmiyyəti dabrachynnaya dabrachynny dabračynnaja dabračynny dadatkovaj delniška
dintérêt dinvestissement dioničko dmcc doanh dogovorite dopolnitelnoj drujestvo drustv drustvo
druzestvo druzhestvo društveno društvo družba déconomie détat ednolichen ednolichno eenpersoons
egyesülés egyszerű egyéni eingetr eingetragene eingetragener eingetragenes einheitsunternehmen
einzelunternehmen ekonomisk enskild erdészeti erwerbsgesellschaft etería ettevõtja europaea
európai evropeysko eвропейско federalna federalne federalnoe felelossegu felelősségü felelősségű
finansovykh fióktelep fióktelepe forening freezone föderales för förening føderale füüsilisest
gazdasági gegenseitigkeit gemeinnützige gemeinnütziges genossenschaft gensidigt gesellsch
gewinnerzielungsabsicht gmb gmbesch gmbeschr gospodarsko gospodarstvo gosudarstvennoe
gouvernementale gouvernementele governativa governmental groupement grouping gug haftng haftung
haftungsbeschr haftungsbeschränkt halka handels handelsgesellschaft hramadskae hramadskaja
hramadskaya hramadskaye hromadska hromadske hạn hợp hữu ibdividuala ierobežotu ikonomicheski
individuala individualî individuală individuālais indiviuala inmobiliaria inscritas instrumentov
instytucja inteprinderea interesi interesno interessenvereinigung interprinderea intreprindere
intreprinderea intreprinzator inv inversion investitsionna investitsionnyy isikust jamiyat
jamiyati javna javno jednostavno jednotný jnt jointstock julkinen kauffrau kfm kfr kgaa kolektif
koll komandit komandite komanditno komanditní kombinirovannyy komersants kommandit
kommanditgesellschaft kommercheskiy kommunalunternehmen koncern konġunti kooperatif kooperativno
korlatolt korlátolt korxona kufizuar kumiai kumpanija körperschaft közhasznú közjogi közkereseti
közös külföldi liab limiiata limitate limitată limitd limitied limitted limted lmtd lucratif
lévő masuliyati masuliyatli mbb militarna militarne mimovladna mimovládna mossahamah municipală
működő məhdud məsuliyyətli một naaml naamloze naamlze nauchno nederzhavna nederžavna
nedzaržaŭnaja nedziarzhaunaya nedzjarzhaunaja neguvernamentala neguvernamentală nekomercіjna
nekomertsiyna nekommerceskaja nekommerceskaya nekommercheskaya nekommerčeskaja neograničenom
neurjadova neuryadova nevladina nevladine nevladni nevládní nghiệp ngoài nhiệm nhà nhân
niegovorni nini nonprofit nyilvánosan näringsidkare nước obchodní obecně obedinenie obiteljsko
objednannja obmezhenoiu obmezhenoyu obscestvennyj obschchestvo obschestvennaya obschestvennoe
obschestvo obschtschestwo obshch obshchestvennaya obshchestvennoye obshchestvennyy obshchestvo
obshestvo obshhestvo obyedinenie obyedineniye obyednannya občanské obščestvennaja obščestvennoe
obščestvennyj ochiq odgovor odgovornoscu odgovornosti odgovornostjo odgovornosću odgovornošću
odkryte odp odpow odpowiedzialnoscia odpowiedzialnością offentligretlige ogr ogranic ogranicena
ogranicenom ogranichena ogranichennoi ogranichennoj ogranichennoy ograniczona ograniczoną
ograničene ograničenom ohranychennoi oilaviy omanaise omejeno omez omezeným onbeperkte
organizace organizacia organizacija organizacije organizaciji organizaciya organizacja
organizatsiya organizační organizația organizácia orhanizacija orhanizatsiya orhanіzacіja
ortaklık ortačko orçamental osakeyhtiö oscailte otgovornost otkr otkritoe otkrytoe otkrytogo
otkrytoje otkrytoye otkrytyy otvetstvennostiu otvetstvennostyu otwarta paevoy partg
partnerschaftsgesellschaft państwowa państwowe perseroan phần pidpryiemstvo pjsc podnik
poljoprivredno pozarzadowa pozarządowa pradpryemstva predpriyatie preduzetnik preduzeće
proizvodstvennoe promotora proprietary proprietorship prospěšná pryvatne przedsiębiorstwo
pubbliċi pubic publc publi publice publichne publichnoe publică publikt puolue përgjegjësi
qapalı qoshimcha qoshma rasdpundere rasponbilitate rasponsabilitate raspundere raspunderea
rechtsf rechtsfähige reciproca registrerad rekisteröity responsab responsabilitate
responsabilitatea respundere ribotos ruc ručením rynochnykh részvénytársaság răspundere
răspundre sabiedrība sabiratelno sacifi sadruzhie samenwerkingsverband samostalni sapi sce
sdružení selskab sendirian sharikat shoqëri sicietatea simplificada simplifiée sirket složka
sociedada sociedá societa societas societat societata societate societatea societateare
societatii societete societății socitate solidarnom spetsialna spolek společnost spolka
spoločnosť spz spólka spółka staatliches staatseigenes statsejede statului státní szervezet
székhelyű səhmdar tadbirkorlik targovets tarsasag tavaristva tavarystva tbk terbatas terbuka
thành tipli tnhh tokumei tovaristvo tovarystvo trgovačko trách tsel tulajdonban tác társaság
társulás uchredeno uchrezhdenie udruženje undertaking undivided unipersonal unipersonnelle
unitaire unitar unitaria unitarne unitarnoe unitary unitară unitária unitárny unternehmerges
unternehmergesellschaft unіtarnae uždaroji uždarosios vennootschap vennotschap verejná
versicherungsverein veřejná vidkrite vidkryte vidpovidalnistiu vidpovidalnistyu viešoji viên
volonterska vállalat vállalkozás vállalkozó vốn waarborgmaatschappij winstoogmerk xususiy
yhdistys yhtiö yopiq zadalzheniyata zakona zakritaye zakritoe zakrytae zakryte zakrytoe
zakrytoje zakrytoye zakrytyy zapsaný zártkörűen állami éénpersoons înterprinderea întreprindera
întreprindere întreprinderea întreprindserea întreprinzător întreprinzătorul đầu şirket şirketi
şti štátny ανώνυμη δημόσια εταιρία εταιρεία ευθύνησ περιορισμένησ συμμετοχική абмежаванай
абяднанне автономная автономное адказнасцю адкрытае акции акционарско акционеpное акционеное
акционер акционергое акционернoe акционерная акционерне акционерно акционерного акционерное
акционерны акционерные акционерный акционерое акционероное акционрное акциядорлик акциями
акцоинерное акцонерное акцыонерный акцыянернае акціонерне акціонерний акціонерного арганізацыя
ацыянернае байгууллага банк бедствий бедствийп безопасности биржевой благодійна благодійний
благотворительная благотворительный бус бюджетного бюджетное виробниче военная военное
возможностями возраста волонтерська воспитанников впо высшего відкрите відкритого
відповідальністю військова гбоу гбу гдоу гкс гмбх гораниченной город государственная
государственного государственное государственной государственный государственое гоу гоуспо гпс
гражданской грамадскае грамадская граниченной громадська громадське гуп дабрачынная дабрачынны
дадатковай ддмшв делам державне державного детей детский деятельности для договорите дом
дополнительного дополнительной доу дочернего дочернее дошкольного дошкольное дпо дружество
друштвено друштво діяльності европейско едноличен еднолично енд жамият жамияти жилья
задълженията закона закрите закритое закрытае закрытоe закрытого закрытое закрытый здоровья
здравоохранения икономически инвестиционна инвестиционный индивидуальный иностранное институт
инструментов инт интервальный интереси интернат исследовательский казенного казенное казённое
квалификации командитно комбинированный комерційний комерчески комерческий комиссия комитета
коммерческий компани компания компанія кооператив кооперативно коррекционное корхона краснодар
кредитная крестьянское ликвадации ликвидации ликвидационная ликыидации лиц лицо лтветственностью
масъулияти масъулиятли мбу местная министерства министерство младшего моо муниципального
муниципальное мчс науково научно научного научное научный начального небанковская
негосударственная негосударственное негосударственое недвижимости недержавна недзяржаўная
некомерційна некоммерческая некоммерческое непубличное неурядова ниченной ноу ночу оао обгуз
обединение областная областного областное обмеженою обороны образования образовательного
образовательное обслуживания обучающихся обшество общeство общеобразовательная
общеобразовательное общесиво общества общественная общественное общественный обществл общество
обществог обществоь обществр объединение объединенная обєднання оветственностью овтетственностью
огpаниченной оганиченной огарниченной огра ограгиченной ограгниченной ограинченной ограиченной
огрангиченной огранеченной ограниенной огранисенной огранисченной ограничеееной ограничееной
ограничена ограниченнйо ограниченнной ограниченнои ограниченной ограниченнрй ограниченными
ограниченой ограниченом ограниченоой ограничинной ограничнной ограничунной огранмченной
огранниченной огрантченной огранченной огранчиченной огрвниченной огрнаиченной огрнаниченной
огрниченной огрониченной огрораниченной огрраниченной огтветственностью одговорношћу оилавий
окружное олтветственностью ооо ораниченной организация органиченной організація орграниченной
ортачко осветственностью особа отаетственностью отвеетственностью отвенственностью
отвентственностью отвественностью отвествтеннсотью отвесттвенностью ответвенностью
ответветственностью ответвтвенностью ответвтсенностью ответсвенноссть ответсвенностью
ответсственностью ответствеенностью ответствееностью ответствекнностью ответствененостью
ответственнностью ответственновстью ответственновтью ответственногстью ответственной
ответственнолтью ответственномтью ответственноостью ответственности ответственностиью
ответственносттью ответственность ответственностьб ответственностьтью ответственностью
ответственностьюб ответственностьюв ответственностьюи ответственностьюм ответственностьют
ответственностю ответственносьтю ответственносью ответственнотсью ответственнотью
ответственночтью ответственнростью ответственнсотью ответственнстью ответственонстью
ответственоость ответственоостью ответственосстью ответственостью ответстветностью
ответстветсвенностью ответстветственностью ответствнностью ответствтенностью ответствуенностью
ответстенностью ответстсвееностью ответстсвенностью ответстственностью ответтственностью
ответчтвенностью отвнтственностью отвтетсвенностью отвуетственностью отговорност отдел
отевтственностью отетвенностью отетственностью откpытого отклонениями открытоe открытого
открытое открытый отраниченной отсетственностью отственностью охранная охранное очиқ паевой
партнерство партнёрство первичная переподготовки повышения поделам полное поп последствий
потребительский ппо ппоо православная прадпрыемства прадпрымальнік предприниматель
предпринимательской предприятие предприятия предузеће приватна приватне производственное
производственный противопожарной профессионального профессиональное профсоюза профсоюзная
прыватнае псрз публично публичное публічне підприємець підприємницької підприємства підприємство
работников развитии расчетная религиозная россии российской рыночных сад садоводческое
сельскохозяйственное сельскохозяйственный ситуаций ситуациям сихийных следственного следственное
службы собственников сограниченной сограниченой сотрудников социального социальной союза
специалистов специална специальное среднего стихийних стихийных страховая строительная субъект
субєкт сферы събирателно съдружие със таварыства тадбиркорлик территориальная типа типу
товариства товариство товарищество товетственностью торговый търговец төрийн унитар унитарного
унитарное унітарнае унітарне унітарного управление управляющая учредено учреждение учреждения
фбу фгаоу фгбвоу фгбоу фгбу фгквоу фгкоу фгоу фгуп федеральне федерального федеральное
федеральной федерации фермерское физическое финансово финансовых фирма фку фонд фсб фізична
хариуцлагатай хозяйство хувьцаат хусусий хязгаарлагдмал цел центр центральная частная частное
чекланган чрезвчайным чрезвычайным чрезвычайных школа школьного юридических ёпиқ індывідуальны
јавно қўшимча қўшма الإسم الـمـسـاهـمـة المحدودة المساهمة حكومية خفية ذات ركة شركة شـركـة شمم
غير فردية محدودة مسؤولي منظمة დახურული პასუხისმგებლობის სააქციო საზოგადოება შეზღუდული ሃላፊነቱ ህብረት
ልማት ማህበራት ማህበር አክሲዩን የመንግስት የተወሰነ የግል ድርጅቶች
""".split()  # noqa: SIM905 - one string, as the script writes it
)

RIGOUR_ONE_WORD_FORMS: frozenset[str] = frozenset(
    """
aandelenvennootschap adsic adsitz agcokg agcokgaa aisbl aktg aktiebol aktiebolag aktienges
aktiengeselschaft aktieselskab aktieselskabet aktsiaselts alap alapítvány amba andelslag anl
anpartsselskab anpo asbl aör berhad bvcokg chvk cvba cvoa cyfyngedig dmcc dnnn dntn dtnn eeig
egbr egcokg egen egyes egyesület ehf einkahlutafélag eireli ekfm ekfor ekfr ewiv fgbu fgup fmba
fop fzllc gesbr gesmbh gmbhcokgaa gmbhcoohg gmbhs gnpp gup haao hlutafélag incorp incorporatd
incorported incorporée incs interessentskab ivs ivzw iværksætterselskab jdoo jscb jusikhoesa kda
kdör kjsz komandītsabiedrība kommandiittiyhtiö kommanditbolag kommanditerwerbsgesellschaft
kommanditgesellschaft kommanditselskab kommunalunternehmen kooperatif kooperatsia kör limitd
limted llcs lmtd ltdcokg ltds mchj mittetulundusühing mtü mup nichtregierungsorganisation nyrt
oiminimi osakeyhtiö osaühing oscip osk osuuskunta oсoo partg partgmbb partmbb
partnerschaftsgesellschaft partnerselskab peec pilnsabiedrība pjscb plco plcs pllc preduzetnik
reykjavikurfélag részvénytársaság sacif sacifi sacifia sadecv saica sameignarfélag saoc saog
sapa sapicv sarf scei scop scpa scra secokg secokgaa shpk sicaf sicav sirketi slne smba
spółdzielni staatsinformatieagentschap staatskonzern stiftungcokg stiftungcokgaa suarl szöv
szövetkezet säätiö tmi täisühing tü ugcokg ugcoohg ultd unltd unternehmerg unternehmerges
unternehmergesellschaft usaldusühing uü vvag yk yoaj yuhanhoesa şb şirketi şti şube εpε επε аат
адсиц акб ано ваt ват гаусо гбоу гбскоу гдоу гкоу гку гмбх гну госнии гоу гскоу гудп гуп гусп
дгуп дззд доо доу еад екд еоии еоод зат кда кооператив кооперация кфх лимитед лтд лімітед маоу
мау мбдоу мбоу мку моо моу мро муп мчж нао нда ндо нко ноудо нуо обо огкоу огу одо оносс оод ооп
оппо оюл пкооп попрз поу ппо ппоо предузетник пуп сак сиа спд спк таа тбб тда тзов тсж фгбдоу
фгбу фгдоу фгквоу фгквоуво фгку фгну фгу фгуп фкп фку фоп ххк цро чвк المحدودة نمم შპს ኮርፖሬሽን
两合公司 任意组合 匿名组合 合同会社 合名会社 合资会社 无限公司 有限会社 有限公司
有限责任事业组合 株式会社 股份有限公司
""".split()  # noqa: SIM905
)

RIGOUR_APOSTROPHE_WORDS: dict[str, str] = {
    "abjadnanne": "ab'jadnanne",
    "bishma": "b’ishma",
    "blagotvoritelnaja": "blagotvoritel'naja",
    "blagotvoritelnyj": "blagotvoritel'nyj",
    "dintérêt": "d'intérêt",
    "dinvestissement": "d'investissement",
    "dopolnitelnoj": "dopolnitel'noj",
    "déconomie": "d'économie",
    "détat": "d’état",
    "hromadska": "hromads'ka",
    "hromadske": "hromads'ke",
    "masuliyati": "mas'uliyati",
    "masuliyatli": "ma'suliyatli",
    "nedzaržaŭnaja": "nedz'aržaŭnaja",
    "nini": "nin'i",
    "obedinenie": "ob'edinenie",
    "objednannja": "ob'jednannja",
    "otvetstvennostyu": "otvetstvennost'yu",
    "qoshimcha": "qo'shimcha",
    "qoshma": "qo'shma",
    "societa": "societa'",
    "volonterska": "volonters'ka",
    "абяднанне": "аб'яднанне",
    "обєднання": "об'єднання",
    "субєкт": "суб'єкт",
}
