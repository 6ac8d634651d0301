"""Sexual content and sexualised comments about pupils or staff.

Explicit words need a person nearby; "hot" and "fit" need a person *and* the way people
say it about someone ("Miss is well fit"), so "hot lunch", "keep fit club" and "fit for
purpose" stay out. Sex education is not sexual content. The hit says whether pupils are
involved (a year group, "girls", an age under 18, a pupil on the roster), which makes the
flag critical.
"""

from __future__ import annotations

from schoolwatch.core.categories import Category
from transforms.classify import lexicon as lx
from transforms.classify.rules.base import Names, NearRule, Rule

X = Category.SEXUAL

EXPLICIT_WORDS = [
    "sexy", "horny", "dilf", "milf", "gilf", "shagged", "shagging", "banged", "smashed her", "smashed him", "noodz", "nudez", "noods", "nudies", "fuckable", "shaggable", "bangable", "smashable", "nudes", "nude pics", "naked",
    "topless", "boobs", "tits", "titties", "pussy", "cock", "dick pic", "dick pics", "blowjob",
    "blow job", "handjob", "porn", "porno", "wank", "wanking", "jerk off", "jerking off", "cum",
    "sex with", "have sex", "had sex", "sleep with", "slept with", "in bed with", "lingerie",
    "knickers", "panties", "thong", "grope", "groped", "groping", "molest", "finger her", "feel her up",
    "touch her up", "touch him up", "rape", "raped", "milf", "dilf", "thot", "sexting", "onlyfans",
    "up her skirt", "under her skirt", "down her top", "suck my", "ride me", "sit on my face",
    "bend her over", "emj_aubergine", "emj_peach", "emj_splash", "emj_tongue",
    "milfs", "dilfs", "upskirt", "upskirts", "downblouse", "creepshot", "creepshots", "turns me on", "turned me on",
    "smash her", "smash him", "bang her", "bang him", "shag her", "shag him", "rail her",
    "sext", "sexts", "sexing",  # rules-10
    "nude selfie", "nude selfies", "nude pic", "nude photo", "nude photos",  # rules-18
]
EXPLICIT = lx.words(EXPLICIT_WORDS, masked=True)
LOOKS = lx.alt(
    r"(?:is|are|'s|s|looks?|looking|so|well|proper|dead|bare|hella|fucking|sooo*|real|very|quite)\s+(?:well\s+|so\s+|proper\s+|dead\s+|fucking\s+|lowkey\s+|low\s+key\s+|highkey\s+|kinda\s+|rly\s+|really\s+)?(?:hot|fit|peng|sexy|buff|thicc|tasty|leng|bangin|banging)",
    r"(?:hot|fit|peng|sexy|buff|thicc|tasty|leng)\s+(?:teacher|miss|sir|girl|girls|boy|boys|one|mum|mom|ass|arse|bum|legs|body)",
    # rules-15: "Mrs Whitby is the hottest teacher in the school"
    r"(?:hottest|fittest|sexiest|pengest|buffest)\s+(?:teacher|miss|sir|girl|boy|one|mum|mom|in\s+the\s+(?:school|year|staff))",
    r"(?:nice|great|peng|fit)\s+(?:legs|arse|ass|bum|tits|boobs|body|rack)",
    r"(?:short|tight)\s+skirts?", r"(?:legs|arse|ass|bum|tits|boobs|body)\s+in\s+(?:that|those|her|his|their)\s+",
    r"(?:getting|looking|growing)\s+(?:up\s+)?(?:so\s+|well\s+|proper\s+)?(?:hot|fit|peng|sexy|hotter|fitter|sexier|thicc|curvy)",
    # rules-29: "Year 8 girls in the swimming pics lookin 🔥🔥 ngl 😳"
    # (with a leer beside it: "looking 🔥" at prom or in the new kit is praise)
    r"(?:looks?|looking|lookin)\s+(?:so\s+|well\s+|proper\s+|dead\s+)?emj_fire\b(?:\s*emj_fire)*\s*(?:ngl|tbh|fr|no\s+cap|not\s+gonna\s+lie)?\s*(?:😳|emj_(?:smirk|drool|hot|eyes|tongue|peach|aubergine|splash|hearteyes))",
    r"(?:hotter|fitter|sexier|peng(?:er)?)\s+(?:every|each|than)",
)
SEX_ED = r"(?:\bpshe\s+(?:lessons?|sessions?|day|units?|modules?|topics?)|\bcovers?\s+(?:online\s+safety|e-?safety|staying\s+safe\s+online)|\bpshe\b[^.!?]{0,20}?\b(?:covered|covering|taught|teaches|looked\s+at|talked\s+about|discussed|explained)\b|\bthe\s+law\s+on\s+(?:sharing|sending|taking)\s+(?:nudes|images|explicit)|(?:discussions?|chat|sessions?|lessons?|talks?|form\s+time|tutor\s+time)\s+(?:today\s+)?(?:on|about)\s+staying\s+safe\s+online|(?:lessons?|sessions?|talks?|assembl(?:y|ies)|workshops?)\s+(?:on|about)\s+(?:staying\s+safe\s+online|online\s+safety|e-?safety)|sle(?:ep|pt|eping) with (?:one eye open|the lights? on|a teddy|my teddy|the door)|(?:blue|coal|long[- ]tailed|crested|marsh|willow)\s+tits?\b|sex(?:ual)?\s+(?:education|health)|\brse\b|relationships (?:and|&) sex|puberty|curriculum|sexting (?:talk|awareness|workshop)|consent (?:lesson|workshop|talk)|(?:names|words)\s+like|(?:talk|assembly|workshop|lesson|session|campaign)s?\s+(?:on|about)\s+(?:[a-z]+\s+){0,3}?sexual\s+harassment|porn (?:awareness|talk)|dangers?\s+of\s+(?:sharing\s+|sending\s+|taking\s+)?(?:nudes|sexting|explicit\s+images)|(?:letter|e-?mail|guidance|advice|information|info|leaflet|newsletter|talk|assembly)s?\s+(?:about|on|regarding)\s+(?:[a-z]+\s+){0,3}?(?:nudes|sexting|sexual|explicit|images)\b[^.!?]{0,60}?\bhow\s+to\s+(?:report|spot|respond|talk|deal)\b)"
# rules-27: fitness, the weather and sport excuse a remark about looks or a "fit"/"hot"/"smash" word, not
# every sexual finding ("she gave a bj to Tom behind the gym" is not about the gym)
LOOK_BENIGN = r"(?:fit for purpose|keep fit|fitness|fit (?:after|from|enough|for|and (?:ready|well|raring))|(?:county|national|regional) (?:final|cup|championships?)|\b(?:tournament|training|marathons?|ran|running|race|gym|bootcamp|exercise|athlet\w*)\b|fit in (?:with|well|at|here|there|the team)|fit the|hot (?:weather|day|lunch|dinner|meal|food|chocolate|water|tub)|fitted|(?:so|too|really|very|boiling|roasting) hot (?:in|today|outside|at|on|this|and)|hot in (?:here|there|the))"
SEX_ED_LOOKS = SEX_ED + "|" + LOOK_BENIGN
# UK slang and phrasing a word list cannot hold: "would smash", "bend her over her desk"
ACTS = lx.alt(
    # the opening was "would|i'?d|id|i would|wanna|want to|gonna": the words sharing a
    # first letter folded together (tried in the same order; "id" was "i'?d" again), which
    # the engine tries several times faster at the many positions that hold an "i"
    r"(?:would|i(?:'?d| would)|wan(?:na|t to)|gonna)\s+(?:still\s+|defo\s+|definitely\s+|so\s+)?(?:smash|bang|shag|rail|ruin|wreck|bone|pound|do)(?![a-z])"
    # rules-16: "Year 9s who want to do music": doing a subject, a sport or a thing, not a person
    r"(?!\s+(?:music|drama|art|pe|sports?|dance|ballet|football|netball|rugby|a[- ]?levels?|gcses?|subjects?|triple|science|history|geography|french|spanish|german|maths|english|"
    r"dofe|it\b|well|better|that|this|something|anything|nothing|everything|both|so|what|as|the|a|an|some|any|my|our|your|ur|his|their|homework|coursework|revision|work|[0-9]))"
    r"(?!\s+(?:(?:his|her|their|my|your|ur|the|it|them|those|these|this|that)\s+)?(?:gcses?|exams?|mocks?|a[- ]?levels?|tests?|sats|interview|audition|homework|coursework|revision|presentation)\b)",
    r"(?:can|could)\s+(?:get|have)\s+it\b",
    r"bend\s+(?:[a-z']+\s+){1,2}over", r"(?:bending|bent|bends)\s+over(?!\s+backwards)",
    r"(?:would|i'?d|id|wanna|want to)\s+(?:climb|ride|sit on)\s+(?:him|her|sir|miss)\b",
    r"(?:love|like|want|wanna|gonna|i'?d)\s+(?:to\s+)?get\s+[a-z' ]{2,20}?\s+alone\s+(?:in|at|after)", r"(?:get|got|getting)\s+(?:her|him)\s+(?:naked|in bed|alone)",
)
STRONG_ABOUT_PUPILS = lx.alt(
    # rules-31: "any1 got nуdes of Poppy? tradin" (a Cyrillic у, read as y)
    r"(?:nudes?|nydes|noodz|nudez|noods|nudies|naked (?:pics|photos|videos?))\s+(?:of|from)\s+",
    r"(?:pass|passing|send|sending|spread|spreading|airdrop|airdropping|share|sharing)\s+(?:round|around)?\s*(?:the\s+|her\s+|his\s+)?(?:nudes|noodz|naked)",
    r"rat(?:e|ing|ed)\s+(?:all\s+)?(?:the\s+)?(?:[a-z0-9]+\s+){0,3}(?:girls|boys|teachers)\s+(?:out of|/)\s*10",
    r"(?:any(?:one|body|1)|who)\s+(?:got|has|have|want|wants)\s+(?:nudes|nydes|pics|videos)\s+of",
    # rules-31: "s€x tape of the prom afterparty is on the drive lol"
    r"\bsex\s+(?:tape|vid(?:eo)?)s?\s+(?:of|from|at)\s+(?:the\s+)?(?:prom|party|afterparty|after\s*-?party|sleepover|trip|residential|leavers|school|skl|[a-z]+'s)\b"
    r"|\bsex\s+(?:tape|vid(?:eo)?)s?\b[^.!?]{0,40}?\b(?:on\s+the\s+(?:drive|gc|group\s*chat|snap)|going\s+round|goin\s+round|leaked|being\s+(?:shared|passed))"
    # rules-32: "the ѕеx tape of the 2 in 12H is real, seen it"
    r"|\bsex\s+(?:tape|vid(?:eo)?)s?\s+(?:of|from|with)\b[^.!?]{0,30}?(?:\b(?:[7-9]|1[0-3])[a-z]\b|\b(?:year|yr|y)\s?(?:[7-9]|1[0-3])\b|\bsixth\s+form\b|\b(?:is|it'?s)\s+real\b)",
    r"(?:leak|leaked|leaking|send|sending|share|sharing|post|posting)\s+(?:her|his|their|the)\s+(?:nudes|naked|pics|videos)",
    # rules-10: "whoever gets a nude off Georgia", "asking my daughter for naked pictures",
    # "p.0.r.n of someone from our year going round snapchat"
    r"(?:get|gets|got|getting|gettin)\s+(?:a\s+|my\s+|some\s+|more\s+)?(?:nude|nudes|naked\s+(?:pics?|photos?|pictures?))\s+(?:off|from|of)\s+[a-z]+",
    r"(?:asking|ask|asked|asks|begging|pressuring|pressured|pestering|pesters)\s+(?:[a-z']+\s+){0,3}?for\s+(?:naked|nude|nudes|explicit|dirty)(?:\s+(?:pics?|pictures?|photos?|snaps?|videos?|selfies?))?",
    r"(?:sends?|sending|sent)\s+nudes\s+to\s+(?:anyone|any1|anybody|everyone|every1|all|the\s+whole)",
    r"(?:see|seen)\s+what\s+[a-z]+\s+looks?\s+like\s+(?:without|with\s+no|out\s+of)\s+(?:her|his|their)\s+(?:uniform|clothes|top|kit|shirt)",
    r"(?:the\s+one|pic|photo|picture|video|vid)\s+where\s+(?:you|u|she|he)\s+(?:took|take|had|have|takes)\s+(?:your|ur|her|his)\s+(?:top|shirt|bra|clothes)\s+off",
    # rules-30: "who got the l3aks of k4tie?? 🔥🔥" (leaked intimate images; not an exam paper)
    r"(?:got|get|has|have|seen|send|sending|drop|dropping|dropped|posted|share|sharing|want|wants)\s+(?:the\s+|her\s+|his\s+|them\s+)?leaks?\s+(?:of|from|off)\s+(?!(?:the|a|an|our|this|that|my)\b)[a-z]+\b"
    r"(?![^.!?]{0,30}\b(?:paper|papers|exam|exams|test|answers|mocks?|gcses?|results|questions|roof|pipe|water|tap)\b)",
    r"(?:porno?|nudes?|naked\s+(?:pics|photos|videos?)|sex\s+(?:tape|video|vid))\s+of\s+(?:someone|somebody|some1|a\s+(?:girl|boy|lad)|one\s+of)\b[^.!?]{0,40}?"
    r"(?:going\s+round|goin\s+round|getting\s+passed|being\s+(?:shared|passed)|on\s+(?:snap|snapchat|insta|whatsapp|the\s+group))",
)

# rules-12: the sexualised names that are never about anything else, and (SLUR) with them the
# ones that sometimes are ("hoe" is a garden tool, "skank" a dance)
SLUR_NAME_WORDS = ["slag", "slags", "slut", "sluts", "whore", "whores", "sket", "skets", "slapper", "thot", "thots", "thotty"]
SLUR_WORDS = [*SLUR_NAME_WORDS, "skank", "hoe", "hoes", "slutty", "slaggy"]
SLUR = lx.words(SLUR_WORDS, masked=True)
SLUR_NAME = lx.words(SLUR_NAME_WORDS, masked=True)
# what marks a pupil: a form ("11R", "9b"; not "10k" or "7s"), a year group, the sixth form, a
# school uniform
PUPIL_MARK = (r"(?:\b(?:[7-9]|1[0-3])(?![kms]\b)[a-z]\b|\b(?:yr|year|y)\s?(?:[7-9]|1[0-3])[a-z]?\b|\b(?:sixth|6th)\s+form"
              r"|\b(?:her|his|their)\s+(?:school\s+)?uniform\b)")
# "my daughter's fit again after her knee injury": fit as in healthy
FIT_HEALTH = (r"\bfit\s+(?:again|to\s+play|and\s+well|enough|to\s+return|for\s+(?:the|saturday|sunday|next|selection))\b|\binjur(?:y|ed|ies)\b"
              r"|\bback\s+(?:to\s+fitness|on\s+the\s+(?:team|pitch|squad))")

# sexual remarks with no explicit word: consent assumed, favours, hidden cameras, images
# passed round, "does something to me"
# a sexual image or video sent, shown or received (rules-28, rules-29)
EXPLICIT_ADJ = r"(?:sexual|explicit|sexually\s+explicit|nude|naked|x-?rated|pornographic)"
IMAGE_NOUN = r"(?:video|vid|pic|picture|photo|image|clip|snap|pics|photos|images|videos)"
OBLIQUE: list[tuple[str, str]] = [  # (prefilter keys, pattern)
    ("climb ride sit",
     r"(?:would|i'?d|id|wanna|want to)\s+(?:climb|ride|sit on)\s+(?:him|her|sir|miss)\b"),
    ("alone",
     rf"(?:love|like|want|wanna|gonna|i'?d)\s+(?:to\s+)?get\s+(?:{lx.TITLE_NAME}|{lx.STAFF}|him|her)\s+alone\s+(?:in|at|after)"),
    ("gagging begging desperate",
     r"(?:gagging|begging|desperate)\s+for\s+it"),
    ("bet",
     r"bet\s+(?:the\s+)?(?:[a-z0-9]+\s+){0,3}(?:girls|boys|mums|she|her)\s+(?:are|is|'s|s)\s+(?:well\s+|so\s+|proper\s+)?(?:up\s+for\s+it|easy|dirty)"),
    ("favours favors",
     r"(?:does|doing|did|do|giving|gives)\s+(?:[a-z]+\s+)?favou?rs\s+for\s+(?:the\s+)?(?:male|female|men|boys|head|staff|teachers?|sir)"),
    ("let",
     r"(?:i'?d|i would|id)\s+let\s+(?:sir|miss|him|her|mr\s+[a-z]+|mrs\s+[a-z]+|miss\s+[a-z]+)\s+(?:do\s+(?:whatever|anything|what)\s+(?:he|she)\s+want(?:s|ed)?|have\s+me|ruin\s+me)"),
    ("rate rating",
     rf"rat(?:e|ing)\s+(?:the\s+|all\s+the\s+)?(?:{lx.PUPIL}|teachers|mums)\s+(?:on|by)\s+(?:looks|hotness|body|bodies|fitness)"),
    ("camera cam cams cameras",
     r"(?:hidden|secret|spy)\s+cam(?:era)?s?\b[^.!?]{0,40}(?:changing|toilets?|showers?|girls)|(?:changing rooms?|toilets|showers)[^.!?]{0,40}(?:hidden|secret|spy)\s+cam"),
    ("does turns turn gets",
     rf"(?:schoolgirl|school girl|school uniform|uniform|{lx.PUPIL})[^.!?]{{0,40}}(?:does\s+(?:something|things)\s+to\s+me|turns?\s+me\s+on|gets?\s+me\s+going)"),
    ("photos photo pics pic pictures picture videos video vids vid",
     rf"(?:photos?|pics?|pictures?|videos?|vids?)\s+of\s+(?:the\s+)?(?:{lx.PUPIL})[^.!?]{{0,40}}(?:what i come (?:here )?for|why i (?:follow|come here)|my favourite|keep me going|saved|saving|for my collection|need more)"),
    ("send sending sent pass passing passed spread spreading share sharing shared post posting airdrop airdropped airdropping",
     r"(?:send|sending|sent|pass|passing|passed|spread|spreading|share|sharing|shared|post|posting|airdrop\w*)\s+(?:\w+\s+)?(?:pics?|pictures?|photos?|videos?|vids?|nudes)\s+of\s+(?:his|her|their|a|the)\s+(?:\w+\s+)?(?:girlfriend|boyfriend|ex|girl|boy)\s+(?:round|around|in|on|to)\s+(?:the\s+)?(?:group ?chat|gc|school|everyone|snap|year)"),
    ("bulge package camel cameltoe",
     r"(?:bulge|package|camel\s?toe)\s+in\s+(?:his|her|their|them|those)\s+(?:trousers|shorts|joggers|pants|leggings|tights)"),
    ("banging bangin fit peng hot sexy tasty leng lush",
     r"(?:has|got|with|have)\s+(?:a\s+|such\s+a\s+)?(?:banging|bangin|fit|peng|hot|sexy|tasty|leng|lush)\s+(?:body|arse|ass|figure|bum|rack|pair)"),
    ("body",
     r"(?:has|got)\s+(?:the\s+)?body\s+of\s+(?:a|an)\s+(?:[0-9]+|grown|adult)"),
    # pictures of someone undressing, taken or passed round ("get a pic of Lucy changing")
    ("pic pics picture pictures photo photos video videos vid vids snap snaps footage",
     r"(?:pics?|pictures?|photos?|videos?|vids?|snaps?|footage)\s+of\s+(?:[a-z]+\s+){0,2}?"
     r"(?:changing|getting changed|undressing|getting undressed|in the shower|showering|in (?:her|his|their) (?:bra|underwear|knickers|pants|boxers))"
     r"(?!\s+(?:rooms?|area|facilities|places?|lives?|the|world|times|lanes?|block)\b)"),
    # rankings of bodies and "best in bed" games about pupils or staff
    ("best nicest fittest biggest hottest",
     r"(?:has|got|have|with)\s+the\s+(?:best|nicest|fittest|biggest|hottest)\s+(?:legs|bum|arse|ass|tits|boobs|body|rack|figure)\b(?!\s+of\s+work)"),
    ("bed sheets freak",
     r"(?:is|be|are|'s|s)\s+(?:the\s+)?(?:best|good|better|great|worst|a freak|wild|dirty|kinky)\s+in\s+(?:bed|the sheets)\b"
     r"|\bfreak\s+(?:behind closed doors|in the sheets|in bed|in\s+(?:the|da)\s+bedroom)"),
    ("likely",
     r"most\s+likely\s+to\s+(?:give it up|put out|sleep around|get in bed|get pregnant|get laid)"),
    ("kit clothes",
     r"(?:get|take|whip)\s+(?:(?:ur|your|her|his|their|them)\s+)?(?:kit|clothes|top|bra|knickers|undies)\s+off\b(?![^.!?]{0,40}\b(?:wash|washing|laundry|muddy|soaking|machine|basket)\b)"),
    ("sit",
     r"(?:can|could|should|gonna|wanna)\s+sit\s+on\s+my\s+face"),
    ("things thoughts",
     r"(?:think|thinking|having)\s+(?:things|thoughts)\s+(?:about\s+[^.!?]{0,40}?\s+)?(?:i|you)\s+shouldn'?t"),
    ("half",
     r"(?:done|shagged|slept with|been with|had|pulled)\s+half\s+(?:the|of the|of)\s+(?:[a-z]+\s+)?(?:team|year|yr|school|boys|girls|class|form|sixth form)"
     # rules-32: not "had half the class in tears"
     r"(?!\s+(?:in\s+(?:tears|stitches|hysterics|detention|isolation)|crying|laughing|asleep|off|out|on\s+(?:their|the)|doing|singing|dancing)\b)"),
    ("buttons",
     r"(?:top|two|2|three|3)\s+buttons?\s+(?:always\s+|all\s+)?undone"),
    ("sleeping",
     rf"sleeping\s+with\s+(?:a\s+|one\s+of\s+the\s+|the\s+|his\s+|her\s+|their\s+)?(?:sixth\s+formers?|{lx.YEAR}|pupils?|students?|{lx.STAFF}|{lx.TITLE_NAME})"),
    ("gave",
     r"gave\s+(?:him|her|them)\s+what\s+(?:he|she|they)\s+wanted\s+(?:behind|in|at|after|on|round|under)\b"),
    ("rather smash pass smashorpass",
     r"(?:who'?d|who would)\s+(?:you|u|ya)\s+rather\b(?!\s+(?:have\s+as|have\s+(?:teach|for|in)|vote|be\s+taught|sit\s+next|work\s+with|ask|talk\s+to))|\bsmash\s*or\s*pass\b"),
    # rules-5 (round eight): filming pupils changing, dares, rankings and rumours
    ("filmed filming film snapped snapping recorded recording photographed photographing videoed videoing",
     r"(?:film|snapp|record|photograph|video)(?:ed|ing)\s+(?:[a-z]+\s+){0,2}?(?:getting\s+changed|changing|undressing|in\s+the\s+(?:showers?|toilets?))\b"
     r"(?!\s+(?:rooms?|area|facilities|block)\b)"),
    ("flash", r"\bflash\s+(?:us|me)\s+(?:at|in|after|during|on|ur|your|them|those)\b"),
    ("top shirt bra", r"take\s+(?:ur|your|yer)\s+(?:top|shirt|bra|clothes|kit|skirt)\s+off\s+for\s+(?:me|us)\b"),
    ("doing", r"who'?s\s+doing\s+who\b"),
    ("car park toilets staff room cupboard",
     r"(?:do|doing|did|does|done)\s+it\s+in\s+the\s+(?:staff\s+)?(?:car\s*park|toilets?|staff\s*room|store\s+cupboard|changing\s+rooms?|minibus|stock\s+room)\b"),
    ("easiest", r"['\"]?easiest['\"]?\s+(?:girl|boy|one)?\s*in\s+(?:your|ur|the|her|his|our)\s+(?:year|form|class|school)|the\s+(?:girl|boy|one)\s+who'?s\s+(?:the\s+)?['\"]?easiest"),
    ("time", r"call\s+for\s+a\s+good\s+time\b"),
    ("home", r"who\s+(?:you'?d|you\s+would|u'?d|ud)\s+(?:take\s+home|do|shag|bang)\b"
             r"|which\s+(?:one\s+)?(?:of\s+)?(?:[a-z0-9]+\s+){1,6}?(?:would\s+(?:you|u)|you'?d|u'?d)\s+(?:take\s+home|shag|bang)\b"),
    # rules-8 (round nine): rumours in slang and emoji, clothes remarked on, porn at school
    ("see through thru",
     rf"(?:{lx.TITLE_NAME}'?s?|{lx.STAFF}'?s?|her|his)\s+(?:[a-z]+\s+)?(?:blouse|shirt|top|dress|leggings|skirt|tights|trousers)\s+(?:was|were|is|are|went)\s+"
     r"(?:totally\s+|completely\s+|well\s+|so\s+|literally\s+)?see[\s-]?(?:through|thru)\b"
     r"[^!?]{0,40}?(?:made\s+my\s+(?:day|week|morning|year)|not\s+complaining|no\s+complaints|emj_drool|emj_hearteyes|emj_tongue|emj_smirk|emj_eyes|emj_hot|phwoar|wink|\?)"
     rf"|(?:any(?:one|1)|every(?:one|1)|did\s+(?:you|u|ya))\s+(?:else\s+)?(?:notice|see|clock|spot)\s+(?:{lx.TITLE_NAME}'?s?|{lx.STAFF}'?s?|her|his)\s+(?:[a-z]+\s+)?"
     r"(?:blouse|shirt|top|dress|leggings|skirt|tights|trousers)\s+(?:was|were|is|are|went)\s+(?:totally\s+|completely\s+|well\s+|so\s+)?see[\s-]?(?:through|thru)\b"),
    ("emj_bed emj_smirk emj_aubergine emj_peach emj_splash",
     rf"(?:{lx.TITLE_NAME}|{lx.STAFF})\s*(?:\+|and|&|n|with|x)\s*(?:a\s+|an\s+|some\s+|the\s+)?(?:{lx.YEAR}|{lx.PUPIL}|sixth\s+former)[^.!?]{{0,20}}?(?:emj_bed|emj_aubergine|emj_peach|emj_splash)"),
    ("dirty nasty sex",
     r"(?:did|done|doing|do|does)\s+the\s+(?:dirty|nasty)\b(?!\s+(?:work|job|jobs|deed|laundry|dishes|washing|pots|on\s+(?:me|us|him|her|them)))"
     r"|\bsex\s+(?:in|on)\s+(?:the\s+)?(?:dorms?|toilets?|changing\s+rooms?|minibus|coach|field|store\s+cupboard|stock\s+room|car\s*park|staff\s*room|classroom|library|tent)\b"),
    ("stuff things bits",
     rf"(?:does|did|doing|do|done)\s+(?:stuff|things|bits)\s+(?:for|4|with|to)\s+(?:the\s+)?(?:older\s+|{lx.YEAR}\s+)?(?:boys|lads|girls|men|sixth\s+formers)\b"
     r"(?:\s+(?:behind|round\s+the\s+back|in\s+the\s+(?:toilets|bushes|changing)|under\s+the)\b|[^.!?]{0,40}\b(?:every1|everyone|every\s+one|whole\s+(?:school|year))\s+knows)"),
    ("porn porno",
     r"\bporno?\b[^.!?]{0,40}\b(?:on|in)\s+(?:the\s+)?(?:big\s+screen|smart\s*board|whiteboard|projector|assembly|class(?:room)?|lesson|form\s+room|school\s+(?:laptops?|ipads?|computers?))\b"
     r"|(?:put|showed|show|showing|played|playing|airdrop(?:ped)?|airdropping)\s+(?:some\s+)?porno?\b"),
    # rules-9 (round twelve), from the lines the blind sets of rounds nine to eleven missed:
    # nudes spelt out, bodies "got out" or "filled out", a thot alert, a teacher who "fiddles
    # with" pupils, a v card lost on a trip, who has "gone all the way", the party video, the
    # changing-room video, the 🔞 ones, a shirt undone a few more buttons, a photo without the hoodie
    ("nud", r"\bnud\s*[3e]\s*[sz]\s+(?:of|from)\s+[a-z]+"),
    ("out", r"(?:got|get|getting|had|have|has)\s+(?:them|her|their|his|those)\s+(?:boobs|boobies|tits|titties|bum|arse|ass|cleavage)\s+out\b"),
    ("thot", r"\bthot\s+alert\b"),
    ("fiddle fiddles fiddled fiddling fiddler kiddie",
     r"fiddl(?:e|es|ed|ing|er|ers)\s+(?:w|with|wiv|wit)\s+(?:the\s+)?(?:kids|children|yr\s?\d+s?|year\s?\d+s?|y\d+s?|pupils|students|boys|girls|little\s+(?:ones|kids|boys|girls))\b"
     r"|\bkiddie\s+fiddler"),
    ("card virginity", r"(?:lost|losing|lose|took|taking|take)\s+(?:my|her|his|their|ur|your)\s+(?:v[\s-]?card|virginity)\b"),
    ("all way",
     r"(?:gone|go|going|went|goes)\s+all\s+the\s+way\b(?![^.!?]{0,20}\b(?:to|through|up|down|round|across|home|final|semi|back|from|with\s+(?:the|this|that|it|our|their))\b)"),
    ("video vid clip pic pics photo photos",
     r"(?:who\s+wants|anyone\s+want|want|selling|got|dm\s+(?:me\s+)?for|message\s+me\s+for)\s+(?:the|that|a)\s+(?:video|vid|clip|pics?|photos?)\s+of\s+[a-z]+\s+(?:and|&|n)\s+[a-z]+\b"
     r"[^.!?]{0,40}?(?:party|sleepover|free\s+house|last\s+night|upstairs|bedroom|behind|toilets)"),
    ("emj_", r"emj_adult\s+(?:ones|pics|photos|vids|videos|content|snaps|stuff)\b"),
    ("undone undo unbutton better",
     r"(?:shirt|blouse)\s+undone\s+a\s+(?:few|couple)\s+(?:more\s+)?buttons"
     r"|(?:look|looks|looked)\s+(?:so\s+much\s+|way\s+|much\s+|a\s+lot\s+)?better\s+with\s+(?:that|your|ur|her|the)\s+(?:[a-z]+\s+){0,2}?(?:shirt|blouse|top|skirt)\s+"
     r"(?:undone|unbuttoned|off|shorter|higher|hitched\s+up|rolled\s+up)"),
    ("lose take without remove ditch",
     r"(?:photo|pic|picture|selfie|snap)\b[^.!?]{0,40}?[.,]?\s*(?:and\s+)?(?:lose|take\s+off|without|remove|ditch)\s+(?:the|your|ur|that)\s+"
     r"(?:hoodie|top|shirt|jumper|bra|towel|clothes|blazer|t-?shirt)\b"),
    # rules-15: "said she 'fills out her blazer nicely now'", "send pics with no top on"
    # rules-18: "Laila in 10K = town bike 🚲😂", "Calling Darcey 'Blowjob Barbie' in the group chat is hilarious"
    ("bike", r"\b(?:town|school|year|estate|class|village)\s+bike\b(?!\s+(?:shed|sheds|rack|racks|park|scheme|ride|rides|club|week|safety|lock|locks|lane|path|repair))"),
    ("calling called call calls nicknamed",
     r"(?:calling|called|call|calls|nicknamed)\s+(?:her|him|[a-z]+)\s+['\"][^'\"]{0,30}?(?:blow\s?job|bj|slag|slut|whore|sket|thot|hoe|easy|pussy|tits|boobs)[^'\"]{0,20}?['\"]"),
    ("fills fill filling", r"\bfill(?:s|ing)?\s+out\s+(?:her|his|that|the|those|their)\s+(?:school\s+)?(?:blazer|uniform|top|shirt|blouse|dress|kit|skirt|jumper|bikini|swimsuit|leotard|leggings)\b"),
    ("send snap", r"\b(?:send|snap)\s+(?:me\s+)?(?:a\s+|some\s+|1\s+|one\s+)?(?:pics?|pix|photos?|selfies?|vids?|videos?)\s+(?:with\s+no\s+|without\s+(?:a\s+|ur\s+|your\s+|the\s+|any\s+)?)(?:top|shirt|clothes|bra|trousers|skirt|pants|knickers)\b"),
    ("filled", r"(?:she|he|number\s+\d+|[a-z]+)\s+(?:has|'s|s)\s+(?:really\s+|certainly\s+|definitely\s+|well\s+)?filled\s+out\b"
               r"(?!\s+(?:the|a|an|her|his|their|your|my|all|every|forms?|in|on|online|by)\b|\s+(?:this|that|those|these)\s+(?!year|term|summer)[a-z])"),
    # rules-13: sex offered or asked for ("wanna sh@g? my house empty", "who wana s3x aftr skl",
    # "f*ck buddy wanted, Year 10 or 11 only"), and nudes put up to be rated
    ("wanna wana want who any anyone any1 fancy down sex shag sext fuck bang",
     r"(?:(?:^|[.!?,;:]\s*|\b(?:u|you|i|who|any(?:one|1|body)|so)\s+)(?:wanna|wana|want\s+to)|who\s+(?:wants?|wanna|wana)(?:\s+to)?|fancy\s+a|down\s+(?:to|for)(?:\s+a)?)\s+"
     r"(?:have\s+)?(?:sex|shag|sext|fuck|bang)\b"
     # not "fuck with" (mess with), "fuck them up" (beat up), "sex education"
     r"(?!\s+(?:ed\b|education|this|that|it\b|the\b|up|off|around|about|with|wit|wiv|w/|(?:them|him|her|u|you|em|me)\s+up))"),
    ("buddy buddies fwb benefits",
     r"(?:fuck|f\*ck|fk|shag|sex)\s*(?:buddy|buddies|mate)\b|\bfwb\b|friends\s+with\s+benefits\b"),
    ("rate nudes nudez nude noods noodz",
     r"\brate\s+(?:my|me|ur|your|her|his|these|those)\s+(?:nude|nudes|nudez|noods|noodz|nudies|naked\s+(?:pics?|photos?))\b"),
    ("slept shagged been got",
     r"(?:slept|shagged|been|got)\s+(?:w|with|wiv|round|around)\s+(?:the\s+)?(?:whole|half|all)\s+(?:of\s+)?(?:the\s+)?(?:[a-z0-9]+\s+)?"
     r"(?:team|year|yr|school|boys|girls|lads|class|form|sixth\s+form|6th\s+form|estate)\b"
     r"(?![^.!?]{0,40}\b(?:collect\w*|sell\w*|hand\w*|ask\w*|sign\w*|rais\w*|donat\w*|deliver\w*|giving|with\s+(?:a|the)\s+(?:form|petition|card|tin|bucket|register))\b)"),
    ("sexing sex shagging shagged banging bangin doing getting hooking",
     r"\b(?:sexing|having\s+sex|had\s+sex|shagging|shagged|banging|getting\s+it\s+on|doing\s+it|hooking\s+up|bangin)(?!\s+on\s+(?:about|and\s+on)\b)\s+(?:in|on|behind|under)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?"
     r"(?:cupboard|dorms?|toilets?|loos?|changing\s+rooms?|minibus|coach|field|stock\s+room|car\s*park|staff\s*room|classroom|library|tent|bushes|stairwell|music\s+room|science\s+block|sports\s+hall|gym)\b"),
    ("drunk", r"(?:get|getting|gets)\s+[a-z]+\s+(?:drunk|wasted|smashed|hammered)\b[^.!?]{0,30}?\b(?:so|and)\s+(?:we|i|they|u|you)\s+(?:can|could)\s+(?:have\s+a\s+go|do|take|get)"),
    ("ask", r"ask\s+[a-z]+\s+what\s+(?:she|he|they)\s+(?:did|was\s+doing|got\s+up\s+to)\s+(?:upstairs|in\s+the\s+(?:bedroom|toilets?|bathroom)|behind\s+the|at\s+the\s+party)"),
    # rules-14, from the lines holdout29 and holdout30 missed: oral sex told as a rumour or a
    # boast ("she gave me h3ad at the bus stop", "sucked off 2 yr 10s"), two people said to have
    # had sex ("jade n mr brayfield hav defo f*cked"), porn watched on the school bus
    # rules-28 (round twenty-nine), from the lines holdout59 and holdout60 missed: "Did anyone else see the
    # porn Dan was showing round in ICT?", "My son has been sent a sexual video by an older boy at the school"
    ("porn porno", r"\bporno?\b[^.!?]{0,30}?\b(?:was|were|is|are|been|kept|keeps)\s+(?:showing|sharing|passing|airdropping|airdropped|sending|shown|shared|passed)\b"
                   r"(?![^.!?]{0,30}\b(?:awareness|talk|assembly|workshop|lesson)\b)"),
    # rules-29 (round thirty), from the lines holdout58 and holdout61 missed: "Our son has received a sexual
    # video from a pupil in 9T", "Mrs Lovell would get it. Sorry not sorry.", "walk of shame from his house"
    ("sexual explicit sexually nude naked rated pornographic",
     rf"(?:received|recieved|receiving|had|got)\s+(?:a\s+|an\s+|some\s+)?{EXPLICIT_ADJ}\s+{IMAGE_NOUN}\s+(?:from|off|by)\b"),
    ("mr mrs miss ms sir", r"\b(?:mr|mrs|miss|ms|sir)\s+[a-z]+\s+(?:would|wud|wld|could|defo\s+would)\s+(?:defo\s+|definitely\s+|totally\s+|100%\s+|so\s+|still\s+)?get\s+it\b"
            r"(?=\s*(?:$|[.!,]|sorry|ngl|tbh|fr|no\s+cap|lol|lmao|emj_\w+|\s+(?:tho|though|ngl|tbh)))"),
    # rules-30 (round thirty-one), from the lines holdout64 and holdout65 missed: "kayla's OF is up, s/o to
    # the yr12 boys subscribing", "d0wn 2 f*ck any1 at the leavers party", "Whoever runs the 'Year 9
    # hotties' account", "that picture of Macy ... is saved in my 'special' folder"
    # ("the results of page 4" is not "kayla's OF page": the short form needs the possessive)
    ("of onlyfans", r"\b[a-z]+'s\s+of\s+(?:is\s+(?:up|live|out|back)|page|account|acc|link)\b|\b[a-z]+'?s?\s+(?:onlyfans|only\s+fans)\s+(?:is\s+(?:up|live|out|back)|page|account|acc|link)\b"
                    r"|\bsubscrib\w*\s+to\s+(?:her|his|[a-z]+'s)\s+of\b|\bsubscrib\w*\s+to\s+(?:her|his|[a-z]+'?s)\s+(?:onlyfans|only\s+fans)\b"),
    # (DTF printing, in textiles, is "direct to film")
    # rules-36 (round thirty-seven), from the lines holdout88-91 missed: "<name>'s lil sis onlyf@ns when",
    # leotards that "don't leave much to the imagination", "second base in the library", "private dances"
    # for tenners, upskirt photos taken on the stairs (an incident, reported as a crime)
    ("onlyfans only", r"\b(?:onlyfans|only\s+fans)\s+(?:when|wen|pls|plz|please|link|drop|soon)(?=\s*(?:$|[.!?,]|emj_|lol|lmao|tho|fr))"),
    ("imagination", r"\b(?:leotards?|skirts?|shorts|leggings|tops?|dress|dresses|uniform|swimsuits?|bikinis?|costumes?|outfits?|kit)\s+(?:don'?t|dont|doesn'?t|doesnt|do\s+not|does\s+not|leave|leaves|left|didn'?t)\s+(?:leave\s+)?(?:much|anything|nothing|little)\s+to\s+the\s+imagination\b"),
    ("base", r"\b(?:got|get|getting|gets|went|made\s+it|reached)\s+(?:to\s+)?(?:second|third|2nd|3rd|home)\s+base\b(?![^.!?]{0,60}\b(?:rounders|softball|baseball|innings?|bat|batting|pitch|match|game)\b)"),
    ("private dances dance", r"\bprivate\s+dances\b|['\"]private\s+dances?['\"]|\bprivate\s+dances?\b[^.!?]{0,50}?(?:tenners?|£\s?\d+|\d+\s?quid|fivers?|cash|money|get\s+(?:your|ur)\s+(?:wallets?|cash|money))"),
    ("upskirt upskirts creepshot creepshots", r"\b(?:took|taken|taking|takin|been\s+taking|filmed|filming|sharing|shared|posted|posting|airdropped|airdropping)\s+(?:[a-z]+\s+){0,2}?(?:upskirt|upskirts|creepshot|creepshots)\b"),
    ("down dtf", r"\bdtf\b(?!\s+(?:print\w*|transfers?|film|printer|sheets?|powder|ink))|\b(?:down|dwn)\s+(?:2|to|too)\s+(?:fuck|shag|smash|bang)\s+(?:any(?:one|1|body)|some(?:one|1|body)|u|you|ya|her|him|[a-z]+)\b"),
    ("hotties fitties", r"\b(?:hotties|fitties|thotties)\b\s*['\"]?\s*(?:account|page|acc|list|chat|gc|group)\b|\b(?:year|yr|y)\s?(?:[7-9]|1[0-3])\s+(?:hotties|fitties|thotties)\b"),
    ("special private secret spank", r"\b(?:pic|pics|picture|pictures|photo|photos|video|videos|vid|vids)\s+of\s+[a-z]+\b[^.!?]{0,60}?\b(?:saved|kept|keeping|save|put)\s+(?:it\s+)?(?:in|to|on|into)\s+(?:my|me)\s+['\"]?(?:special|private|secret|spank|wank|personal)['\"]?\s+(?:folder|album|collection|file)\b"),
    ("shame", r"\bwalk\s+of\s+shame\s+(?:from|out\s+of)\s+(?:his|her|their|[a-z]+'?s)\s+(?:house|place|room|bedroom|bed|flat)\b"),
    ("sent send sending shown showed shared",
     r"(?:been|was|were|got|get|getting|is\s+being)\s+(?:sent|shown|shared|airdropped|forwarded)\s+(?:a\s+|an\s+|some\s+)?"
     rf"(?:rude|dirty|{EXPLICIT_ADJ})\s+(?:messages?|{IMAGE_NOUN})\b"),
    # rules-27: "she gave a bj 2 kaiden on the field"
    ("gave give gives giving givin",
     r"\b(?:gave|give|gives|giving|givin)\s+(?:a\s+)?(?:bj|blowie|blowjob|blow\s+job|handy|hand\s?job)\s+(?:2|to)\s+[a-z]+"),
    ("gave give gives giving givin sucked suck sucks sucking blew",
     r"\b(?:gave|give|gives|giving|givin)\s+(?:me|him|her|them|u|you|(?!(?:your|ur|his|their|my|our|its|the|a|an|this|that)\b)[a-z]+)\s+(?:head|a\s+(?:bj|blowie|blowjob|blow\s+job|handy|hand\s?job))\b"
     r"(?!\s+(?:a\s+)?(?:start|teacher|of|boy|girl|lice|torch|count|up|injury|coach|chef|gardener|shot|ache|to\s+head|wobble|shake|rub|pat|tilt|nod|scratch|bump|knock|turn|massage|band|phones?|set))"
     r"|\bsuck(?:ed|s|ing)?\s+(?:him|me|them|[a-z]+|\d+\s+(?:[a-z0-9]+\s+){0,2}?(?:boys|lads|guys|men|yr\s?\d+s|year\s?\d+s))\s+off\b"
     r"|\bsucked\s+off\s+(?:\d+|two|three|four|half|every|all|loads|the\s+(?:whole|lads|boys))\b|\bblew\s+(?:him|[a-z]+)\s+(?:in|at|behind|after|on|under|round)\s+(?:the\s+)?(?:toilets?|bushes|party|park|bus|back|field|car)\b"),
    ("fucked fuckin fucking shagged shagging banged banging smashed",
     r"\b[a-z]+\s+(?:n|and|&|\+)\s+(?:(?:mr|mrs|miss|ms|sir)\s+)?[a-z]+\s+(?:(?:have|hav|has|'ve|had|are|r|were|been|was)\s+)?"
     r"(?:(?:defo|deffo|def|definitely|totally|so|already|100%|prob|probs|probably|def\s+have|defo\s+have|deffo\s+have)\s+)?"
     r"(?:fucked|fuckin|fucking|shagged|shagging|banged|banging|smashed)\b"
     r"(?!\s+(?:up|it|on|out|off|with|wiv|w|this|that|the|a|an|our|my|their|his|her|over|through|in\s+the\s+(?:match|game|final|quiz)|pots|drums|doors?|heads))"),
    # rules-26: "f*ck Miss Grant, literally, I would"
    ("fuck",
     r"\bfuck\s+(?:mr|mrs|miss|ms|sir)\s+[a-z]+\b[^.!?]{0,30}?\b(?:literally|i\s+would|i'?d|fr|no\s+cap|ngl|given\s+the\s+chance)\b"),
    # rules-24: "Give us a flash at break and I'll do your homework for a week"
    ("flash",
     r"\b(?:give|gimme|giv)\s+(?:us|me|the\s+(?:lads|boys|girls))\s+a\s+(?:quick\s+)?flash\b"
     r"(?![^.!?]{0,30}\b(?:when|outside|headlights?|lights|torch|car|arrive|arriving|here|there|leaving|left)\b)"),
    # rules-22: "Mrs Calloway's arse in them trousers today... God"
    ("arse ass bum tits boobs",
     r"\b(?:mr|mrs|miss|ms|sir)\s+[a-z]+'?s\s+(?:arse|ass|bum|tits|boobs|rack|legs|body)\s+in\s+(?:them|those|that|her|his|these)\s+(?:tight\s+)?(?:trousers|skirt|jeans|leggings|dress|top|shorts|tights)\b"),
    # rules-20: "Ellie charges a tenner for the 'special' Snapchats, pm me for her @"
    ("charges charging charge",
     r"\bcharg(?:es|ing|e)\s+(?:a\s+)?(?:tenner|fiver|twenty|score|£\s?\d+|\d+\s*(?:quid|pounds|p))\s+(?:for|4)\s+(?:the\s+|her\s+|his\s+|a\s+)?['\"]?"
     r"(?:special|private|spicy|extra|naughty|exclusive|premium)['\"]?\s+(?:snaps?|snapchats?|pics?|photos?|vids?|videos?|content|selfies?)\b"),
    # rules-31 (round thirty-two), from the lines holdout70 and holdout71 missed: a sexualised nickname,
    # "freaky hours", a teacher watched bending down
    # rules-32 (round thirty-three), from the lines holdout74 and holdout75 missed: "wanna c my 🍆? sc: ...",
    # "'favours' for people who give her their lunch money", a teacher "staring at our chests", a car
    # "rocking in the staff car park", a "study session" with no books
    ("sexy", r"\bsexy\s+(?:mr|mrs|miss|ms|sir)\b(?!\s+(?:and|&)\s+(?:i|i'?m)\s+know\s+it)"),
    # rules-33 (round thirty-four): "I'll pay £20 for what's in Grace's private album", "stuff on there of Caleb
    # and his girlfriend you can't unsee", "sh@ggin in the music practice rooms again"
    ("album folder pics photos story",
     r"\b(?:pay|give)\s+(?:you\s+|u\s+)?£?\d+\s+(?:quid\s+)?(?:for|4)\b[^.!?]{0,30}?\b(?:private|secret|hidden|spicy|locked)\s+(?:album|folder|pics|photos|story)\b"),
    ("unsee",
     r"\b(?:stuff|pics?|videos?|vids?|photos?)\b[^.!?]{0,40}?\b(?:girlfriend|boyfriend|gf|bf)\b[^.!?]{0,30}?\b(?:can'?t|cannot|cant)\s+unsee\b"),
    ("shagging shaggin banging bangin sex fucking",
     r"\b(?:shagging|shaggin|banging|bangin|having\s+sex|fucking|f\*+ing)\s+in\s+the\s+(?:[a-z]+\s+){0,2}"
     r"(?:rooms?|toilets?|loos|changing\s+rooms?|showers?|cupboard|store\s*room|library|common\s+room|bushes|field|minibus|classroom|lab|studio)\b"),
    ("wanna want c see",
     r"\b(?:wanna|want\s+to|want\s+2|u\s+want\s+to)\s+(?:c|see|see|look\s+at)\s+my\s+(?:🍆|emj_aubergine|d[i1*]ck|cock|willy|junk)"),
    ("favours favors favour favor",
     r"\b(?:does|did|doing|do|gives?|giving|gave)\s+['\"‘’](?:favou?rs?|special\s+favou?rs?)['\"‘’]"
     r"|\b(?:does|did|doing)\s+favou?rs\s+for\s+(?:people|lads|boys|guys|anyone|any1|the\s+(?:lads|boys))\s+(?:who|that|if)\b[^.!?]{0,30}?\b(?:money|vapes?|cash|lunch)\b"),
    ("staring stares stare looking looks leering perving perv",
     r"\b(?:staring|stares|stare|leering|leers|perving|perves|ogling|ogles)\s+at\s+(?:our|her|the\s+girls'?|girls'?|my|their|his)\s+(?:chests?|boobs|tits|bums?|arses?|bodies|body|legs|thighs)\b"),
    ("rocking",
     r"\bcar\s+(?:was|were|is|kept|keeps)\s+(?:rocking|bouncing|steamed\s+up)\b"),
    ("session",
     r"['\"‘’](?:study|revision|homework|tutoring)\s+session['\"‘’]\s+(?:with|w|wiv)\s+[a-z]+"),
    ("calls calling called call known nicknamed nickname",
     r"\b(?:calls?|calling|called|known\s+as|nicknamed?)\s+(?:her|him)\s+['\"]?(?:sloppy|slutty|slaggy|easy|dirty)\s+[a-z]+\b"),
    ("freaky",
     r"\bfreaky\s+(?:hours|session|sesh|time|ting|tings)\b|\bfreaky\b[^.!?]{0,40}?(?:😈|🍆|💦)"),
    ("concentrate focus think",
     r"\b(?:can'?t|cant|cannot|can\s+not)\s+(?:concentrate|focus|think\s+straight)\b[^.!?]{0,40}?\bwhen\s+(?:mrs|miss|ms|mr|sir|she|he)\b[^.!?]{0,20}?"
     r"\b(?:bends?\s+(?:down|over)(?!\s+backwards)|leans?\s+over|wears?\s+(?:that|those|the|her|his)\s+(?:tight|short|low))"),
    ("porn porno",
     r"\bporno?\b[^.!?]{0,40}?(?:\bon\s+(?:his|her|their|the|a)\s+(?:phone|ipad|laptop|tablet)\b[^.!?]{0,30}?)?"
     r"\b(?:on\s+the\s+(?:school\s+)?bus|school\s+bus|in\s+(?:class|lessons?|form|maths|science|english|assembly|registration)|at\s+(?:school|lunch|break))\b"),
    # rules-38, from the lines holdout92-95 missed: a rumour that a girl "worked her way through the
    # whole rugby team"
    ("way",
     r"\b(?:work(?:ed|ing|s)?|slept|sleeping|shagged|get(?:ting)?)\s+her\s+way\s+(?:through|round|around)\s+(?:the\s+)?(?:whole\s+|entire\s+|half\s+(?:of\s+)?(?:the\s+)?)"
     r"(?:[a-z0-9]+\s+){0,2}?(?:team|squad|year|form|class|lads|boys|sixth\s+form|staff\s*room)\b"),
    # rules-38: "wonder if Olivia's as flexible in private as she is at gymnastics"
    ("flexible bendy",
     r"\b(?:as|so|how|that)\s+(?:flexible|bendy)\s+(?:(?:she|he|they)\s+)?(?:is\s+|are\s+|'s\s+|s\s+)?(?:in\s+(?:private|bed|the\s+bedroom)|behind\s+closed\s+doors)\b"),
    # rules-38: an adult's paid "other account" hinted at ("Miss, your other account is very different ... 🔥 subscribers know")
    ("subscribers other second secret spicy private",
     r"\bsubscribers\s+(?:know|knw|kno|get\s+to\s+see|see\s+(?:more|it\s+all))\b"
     r"|\b(?:your|ur|her|his|miss'?s?|sir'?s?)\s+(?:other|second|secret|spicy|private)\s+(?:account|acc|page|insta|profile)\b[^.!?]{0,60}?(?:emj_fire|emj_peach|emj_aubergine|emj_tongue|spicy|paywall)"),
    # rules-38: "the new cover teacher can't keep his eyes above our collars"
    ("eyes",
     r"\b(?:can'?t|cant|never|doesn'?t|won'?t|couldn'?t)\s+keep\s+(?:his|her|their)\s+eyes\s+(?:above|off|away\s+from)\s+(?:our|the\s+girls'?|her|his|my|their|your|ur)\s+"
     r"(?:collars?|chests?|boobs|legs|skirts?|bums?|bodies|tops?|shirts?|blouses?)\b"),
    # rules-38: "Miss Kendrick is the only reason I turn up to maths, I would absolutely smash" (no object said)
    ("smash bang rail",
     r"\b(?:i|id|i'd|i\s+would|i'?d\s+defo|he'?d|he\s+would)\s+(?:so\s+|absolutely\s+|defo\s+|definitely\s+|deffo\s+|100%\s+|honestly\s+|literally\s+|still\s+|actually\s+)?(?:smash|bang|rail)"
     r"(?=\s*(?:$|[.!,?]|emj_|lol\b|ngl\b|tbh\b|fr\b|no\s+cap\b|ngl\b|not\s+gonna\s+lie\b))"),
    # rules-38: "we know it was more than tutoring" (a teacher and a pupil)
    ("more",
     r"\b(?:it\s+was|it'?s|its|they'?re|that\s+was|was\s+it|is\s+it)\s+(?:a\s+lot\s+|way\s+|much\s+)?more\s+than\s+(?:just\s+)?(?:tutoring|tuition|extra\s+(?:help|lessons?|tuition|maths)|revision|mentoring|a\s+lift|lifts|detention)\b"),
    # rules-38: a teacher's car outside a pupil's house into the night ("Mr Ashby's car parked outside Kirsty Lane's house till 2am")
    ("car",
     r"\b(?:(?:mr|mrs|miss|ms|sir)\s+[a-z]+|sir|miss)(?:'s|s)?\s+car\s+(?:was\s+|is\s+|been\s+)?(?:parked\s+)?(?:outside|at)\s+[a-z]+(?:\s+[a-z]+)?(?:'s|s)\s+(?:house|place|flat)\s+"
     r"(?:till|until|til|at|all)\s+(?:\d{1,2}\s*(?:am|in\s+the\s+morning)|midnight|night|late|the\s+early\s+hours|gone\s+midnight)"),
    # rules-38: a sexual video held over someone ("that video's still on my phone. Be a shame if it went round the whole year group")
    ("video vid pics photos pictures",
     r"\b(?:video|vid|pics|photos|pictures|nudes)(?:'s|s|\s+is|\s+are)?\s+still\s+(?:on\s+my\s+(?:phone|camera\s+roll|laptop)|saved)\b[^!?]{0,80}?"
     r"\b(?:shame|went\s+round|go(?:es)?\s+round|got\s+out|get\s+out|leak\w*|posted|everyone\s+(?:sees|saw|seeing))\b"),
]
# rules-10 (round thirteen), from the lines holdout19 and holdout20 missed. Sexualised names
# for a pupil: KCSIE counts "calling someone sexualised names" and sexual rumours as sexual
# harassment, so a "slag" with a year group or a rumour beside it is sexual, not abuse.
# rules-15: and critical, as PUPIL_NAMED is (a rumour with the name is about a pupil on a school's
# page; as a high flag it ranked under the abuse the word also is); "been with every1 in 11",
# "at it again", and the name given as an award ("h0e of the year award goes 2 Tanisha")
SLUR_RUMOUR = (
    SLUR + r"(?=[^.!?]{0,60}?(?:every(?:one|1|body)\s+know\s+it\b|ev(?:e)?ry(?:one|1|body)\s+(?:nos|knos|knowz|kno)\s+(?:it|dat|that)\b|ask\s+(?:anyone|any1|around|(?:the\s+)?(?:whole|half\s+(?:of\s+)?the)\s+(?:[a-z]+\s+)?(?:team|year|form|class|lads|boys|girls))|(?:do|does|did)\s+(?:stuff|anything|it|things)\s+(?:w|with|wiv)\s+any(?:one|1|body)|every(?:one|1|body)\s+knows|whole\s+(?:of\s+)?(?:the\s+)?(?:year|yr|school|form)\s*\d*\s+knows"
    r"|every(?:one|1|body)(?:'s|s|\s+has)\s+had\s+a\s+go|been\s+(?:round|around)|done\s+half|slept\s+(?:w|with|wiv)\b|shagged"
    r"|been\s+(?:w|with|wiv)\s+(?:every(?:one|1|body)|half|all|loads|the\s+whole)|at\s+it\s+again"
    # rules-16: "she a lil h03 fr, ask the whole of 10L"
    r"|gets\s+(?:w|with|wiv)\s+(?:any(?:one|1|body)|every(?:one|1|body))"  # rules-18: "a h0e ... gets with any1"
    r"|ask\s+(?:her|his|their)\s+(?:ex|exes|ex-?boyfriend|ex-?girlfriend|old\s+(?:boyfriend|girlfriend))\b"  # rules-19: "s.l.u.t. that's what she is, ask her ex"
    # rules-20: "Millie's a sl*g, she'd do anyone for a chicken box", "s.l.a.g Keira strikes again 🤣"
    r"|(?:she|he)(?:'d|d|\s+would|'ll|\s+will)\s+do\s+(?:any(?:one|1|body)|every(?:one|1|body))\b|\bstrikes\s+again\b"
    # rules-22: "that 6th form prefect is a proper h0e, smashed 3 lads in 1 nite"
    r"|\b(?:smashed|shagged|done|had|pulled)\s+(?:\d+|two|three|four|five|six|loads\s+of|half\s+(?:the|of\s+the))\s+(?:lads|boys|guys|blokes|girls)\b"
    r"|\b(?:smashed|shagged|done|had|pulled)\s+half\s+(?:of\s+)?(?:(?:year|yr)\s?\d+|\d+[a-z]\b|the\s+(?:year|team|form|class))"  # rules-26: "shes smashed half of 11C"
    r"(?!\s+(?:in\s+(?:tears|stitches|hysterics|detention|isolation)|crying|laughing|asleep|off|out|on\s+(?:their|the)|doing|singing|dancing)\b)"
    r"|ask\s+(?:the\s+)?whole\s+(?:of\s+)?(?:the\s+)?(?:[a-z0-9]+\s+)?(?:team|year|yr|form|class|lads|boys|girls|(?:[7-9]|1[0-3])[a-z]?\b)))"
    + r"|(?:the\s+)?school\s+" + SLUR
    # rules-19, rules-24: "Chloe Ashby = s l a g", "Milly = s.l.a.g.": a name set equal to the slur
    + r"|(?:^|[.!?]\s*)[a-z]+(?:\s+[a-z]+)?\s*=\s*" + SLUR
    + r"|(?:from|in)\s+(?:yr|year|y)?\s?\d{1,2}[a-z]?\s+(?:is|'s|s)\s+(?:a\s+|such\s+a\s+|proper\s+|a\s+proper\s+|a\s+right\s+|a\s+massive\s+)?" + SLUR
    + r"|" + SLUR + r"\s+of\s+the\s+(?:year|yr|week|wk|month|term|school)\b"
    # rules-38: "w h o r e  o f  9 b  i s  g r a c i e" (a form written out, the letters spaced)
    + r"|" + SLUR + r"\s+(?:of|o\s+f)\s+(?:(?:yr|year|y)\s?)?(?:[7-9]|1[0-3])\s?[a-z]?\b(?!\s*(?:am|pm|o'?clock|minutes|mins|hours)\b)"
    # rules-30: "a\u200bm\u200bb\u200be\u200br is a s\u200bl\u200bu\u200bt": a person (a name or she/he at the start of a
    # sentence) called by the name itself; KCSIE counts sexualised name-calling as sexual harassment
    + r"|(?:^|[.!?]\s*)(?:[a-z]+(?:\s+[a-z]+)?|she|he)\s+(?:is|'s|s|iz)\s+(?:a\s+|such\s+a\s+|proper\s+|a\s+proper\s+|a\s+right\s+|a\s+massive\s+|a\s+total\s+|a\s+dirty\s+|a\s+lil\s+|a\s+little\s+)" + SLUR_NAME
    # rules-17: "ho3 in 9K was showin her 🍒 on live" (a form or year group: not a garden tool)
    + r"|" + SLUR + r"\s+(?:in|from)\s+(?:(?:[7-9]|1[0-3])[a-z]\b|(?:yr|year|y)\s?(?:[7-9]|1[0-3])\b)"
)
# rules-12: the same names beside anything that marks a pupil (a form such as "11R", a year
# group, "sixth form", a school uniform) in the same sentence: "sl*g of the year award goes to
# Chantelle in 11R", "the S L A G from 11b is at it again", "posted another thirst trap in her
# school uniform". rules-14: the mark says a pupil is named, so the flag is critical ("s.l.a.g.
# katie from 9P" was a high one, under the abuse it also is)
PUPIL_NAMED = (
    SLUR_NAME + rf"(?![^.!?]{{0,20}}?\boff\b)(?=[^.!?]{{0,60}}?{PUPIL_MARK})|{PUPIL_MARK}[^.!?]{{0,40}}?" + SLUR_NAME
    + r"(?![^.!?]{0,20}?\boff\b)"  # "slag off" is to run down
)
# rules-25: a request for a sexual image of the person asked ("Send me a pic of you in your bra",
# "pls send a pic of u in ur undies", "dm me ur 🍒 pics"): sexual content, about a pupil on a
# school's channel; over every school line it matches 53 written as sexual and 2 as grooming. It is
# critical (0.95) and so leads a grooming finding of two signals (0.9), not of three (0.99)
IMAGE_REQUEST = (
    # rules-30: a word of its own ("phone in the shower" is not "one in the shower")
    r"\b(?:pic|pics|pix|picture|pictures|photo|photos|vid|vids|video|videos|selfie|selfies|snap|snaps|one|ones)\s+(?:of\s+(?:you|u|urself|yourself)\s+)?"
    r"(?:in\s+(?:just\s+)?(?:your|ur|yr|a)\s+(?:bra|underwear|undies|knickers|pants|boxers|lingerie|thong)"
    r"|(?:with\s+)?(?:no|without\s+(?:your|ur|a|the))\s+(?:top|shirt|clothes|bra|knickers|undies)(?:\s+on)?"
    r"|topless|naked|nude|(?:in|from)\s+the\s+(?:bath|shower))\b"
    r"|(?:🍒|🍑|🍈)\s*(?:🍒|🍑|🍈)?\s*(?:pics?|pix|photos?|vids?|snaps?)\b"
    r"|(?:pics?|pix|photos?|vids?|snaps?)\s+(?:of\s+(?:ur|your|her)\s+)?(?:🍒|🍑|🍈)"
    # rules-30: "dm me ur 🍒🍒 pls x"
    r"|\b(?:dm|send|snap|show|sc)\s+(?:me\s+)?(?:ur|your|yr|them|those|dem)\s+(?:🍒|🍑|🍈|emj_peach)"
    # rules-27: "dm me ur 📸 w no top on"
    r"|emj_camera\s+(?:w|with|wiv|w/)?\s*(?:no|without)\s+(?:(?:ur|your|a)\s+)?(?:top|shirt|clothes|bra)\b"
    r"|\b(?:ur|your|you|u)\s+(?:pics?|pix|photos?|vids?|snaps?)\b[^.!?]{0,20}?\bno\s+face(?:s)?(?:\s+(?:needed|required|necessary))?\b"  # rules-26: "DM me ur pics babe, no face needed 😉"
    # rules-33: "Send me the one you sent Connor. I know it's still on your camera roll."
    r"|\bsend\s+(?:me\s+)?the\s+(?:one|pic|photo|vid|video)\s+(?:you|u)\s+sent\s+(?:to\s+)?[a-z]+\b[^!?]{0,60}?\b(?:camera\s+roll|still\s+on\s+(?:your|ur)\s+phone|in\s+(?:your|ur)\s+gallery|my\s+eyes\s+only)\b"
)
IMAGE_REQUEST_ADVICE = (r"\b(?:never|don'?t|do\s+not|shouldn'?t|should\s+not)\s+(?:ever\s+)?(?:send|share|post|forward)\s+(?:a\s+|any\s+)?"
                        r"(?:pics?|photos?|images?|pictures?|nudes|videos?|vids?|selfies?|anything)\b(?!\s+(?:of\s+)?(?:me|this|it)\b)")
TOUCHING = (
    # rules-27: "mr hales is a p3do fr, always touchin the yr 7s on the shoulder n starin": called a paedophile
    r"\b(?:paedo|pedo|nonce|peado|paedophile|pedophile)\b[^.!?]{0,40}?\b(?:touch(?:es|ing|in)|grop(?:es|ing|in)|feels?\s+up|star(?:es|ing|in)\s+at)\b|"
    r"(?<!really\s)(?<!deeply\s)(?<!truly\s)(?<!so\s)(?<!very\s)\b(?:touches|touching|touched|groped|gropes|groping|grope|feels?\s+up|felt\s+up|feeling\s+up|fondles?|fondling|fondled)\s+"
    r"(?:the\s+|up\s+the\s+)?(?:girls|boys|kids|pupils|students|children|little\s+(?:girls|boys|ones)|(?:year|yr)\s?\d+s)\b(?!')"
    r"(?![^.!?]{0,30}\b(?:shoulder|shoulders|arm|arms|head|hand|hands|back|hearts?|lives|gently|lightly|to\s+(?:wake|guide|get|move)|with\s+the\s+(?:ball|baton)|base|tag|it|audience|crowd)\b)"
    # rules-30: "Mr Reilly was seen touching a student's thigh in the music room"
    r"|\b(?:touch(?:es|ing|in|ed)?|grop(?:es|ing|ed|e)|strok(?:es|ing|ed)|rubb(?:ing|ed)|rubs)\s+(?:a|the|one\s+of\s+the|that|this|some|another)\s+(?:student|pupil|girl|boy|child|kid|year\s?\d+)'?s\s+"
    r"(?:upper\s+|inner\s+)?(?:thighs?|legs?|bum|bottom|backside|chest|breasts?|knees?|crotch)\b"
)
# intimate-image abuse: upskirts and creepshots are about a person by their nature, and
# sextortion ("send more or everyone sees what you sent") is sexual exploitation
IMAGE_ABUSE = lx.alt(
    r"(?:upskirt(?:s|ing)?|creepshots?|downblouse)\b",
    # fake nudes: "the deepfake of Harriet", "a nudify app"
    r"deep\s?fakes?\s+(?:of|with|pics?\s+of|videos?\s+of)\b|nudif(?:y|ied|ying)\b|(?:undress(?:ing)?|nude|nudes|clothes\s+off)\s+apps?\b",
    r"send\s+(?:me\s+)?(?:a\s+|one\s+|another\s+|more\s+|ur\s+|your\s+)?(?:pic|pics|photo|photos|nude|nudes|video|vid|snap|one)\b[^.!?]{0,40}?\s+or\s+(?:else\s+)?(?:i'?ll|ill|i will|i'?m gonna|im gonna)\s+(?:send|share|post|show|leak|airdrop|tell)",
    r"(?:send|sending)\s+(?:me\s+)?(?:more|another|one more|a new one|the rest|something)(?:\s+(?:pics?|photos?|videos?|vids?|nudes))?"
    r"\s+or\s+(?:(?:i'?ll|ill|i will|i'?m gonna|im gonna|i)\s+(?:send|share|post|show|leak|airdrop|tell)|everyone|every1|the whole|your|ur)\b",
    r"(?:or|else)\s+(?:i'?ll|ill|i will|i'?m gonna|im gonna)\s+(?:send|share|post|show|leak|airdrop)\s+(?:the\s+ones?|them|it\s+to|what\s+(?:you|u)\s+sent|(?:your|ur)\s+(?:pics|photos|nudes|videos)|(?:the|those)\s+(?:pics|photos|nudes|videos))",
    r"(?:everyone|every1|the whole (?:school|year|form|class)|(?:your|ur) (?:mum|dad|parents|whole year|mates))(?:\s+at\s+[a-z]+)?\s+(?:sees|will see|gonna see|is gonna see|gets to see|is getting)\s+what\s+(?:you|u)\s+sent",
    r"(?:i'?ll|ill|i will|i'?m gonna|im gonna)\s+(?:tell|show)\s+(?:everyone|every1|the whole \w+)\s+what\s+(?:you|u)\s+sent",
    # rules-14: "Tell Bethany I still have what she sent me ... would be a shame if it got out",
    # "send me n\u200budes or ur pics go on the gc"
    r"(?:still\s+)?(?:have|got|kept|saved)\s+(?:what|the\s+(?:pics?|photos?|vids?|videos?|ones?|stuff|snaps?))\s+(?:she|he|you|u|they)\s+sent(?:\s+me)?\b"
    r"[^.!?]{0,60}?(?:shame|got\s+out|get\s+out|gets\s+out|everyone\s+(?:saw|sees|seeing)|went\s+round|go(?:es)?\s+round|got\s+shared|leak)",
    r"\bor\s+(?:else\s+)?(?:ur|your|her|his)\s+(?:pics?|photos?|nudes|vids?|videos?|snaps?)\s+(?:go|goes|get|gets|going|will\s+go|are\s+going|r\s+going)\s+(?:on|to|round|around|up|out|in|everywhere)\b",
    # rules-26: "Tell Leah her 'private' album isn't private anymore x"
    r"(?:her|his|your|ur)\s+['\"]?private['\"]?\s+(?:album|pics|photos|folder|story|snaps|vids|videos)\s+(?:isn'?t|is\s+not|aren'?t|are\s+not|aint|ain'?t|won'?t\s+be|is\s+no\s+longer|are\s+no\s+longer)\s+(?:so\s+)?private\b",
)
IMAGE_ABUSE_NEWS = (r"\b(?:offence|offense|crime|criminal|illegal|the law|awareness|workshop|assembly|campaign|lesson|police talk|voyeurism"
                    r"|sextortion\s+scams?|safeguarding|(?:online|e-?)\s*safety|ceop)\b|report\s+(?:it|them|this)\s+to\b|" + SEX_ED)
LOOK_KEYS = lx.keys("emj_fire legs arse ass bum tits boobs body hotter fitter sexier getting hot fit peng sexy buff thicc tasty leng bangin banging nice great short tight hottest fittest sexiest pengest buffest")
# rules-9: filming where people undress; a rule or a notice against it is not it
CHANGING_ROOM = (
    r"(?:changing\s*rooms?|toilets?|showers?|loos?)\s+(?:video|vid|vids|pics?|photos?|footage|clip)\b"
    # rules-15: "l00kin 4 pix of da y10 gals in da changin rm"
    r"|(?:pics?|pix|photos?|vids?|videos?|footage)\s+(?:of|from)\s+[^.!?]{0,40}?\bin\s+(?:the|da|de|their|them)\s+(?:girls'?\s+|boys'?\s+)?(?:changing\s*rooms?|showers?)\b"
    r"|(?:video|vid|pics?|photos?|footage|clip)s?\s+(?:from|of|in)\s+(?:the\s+)?(?:girls'?\s+|boys'?\s+)?(?:changing\s*rooms?|showers?)\b")
CHANGING_ROOM_NOTICE = (r"\b(?:don'?t|do\s+not|never|no\s+(?:photos|phones|cameras|filming|pics)|rules?|policy|the\s+law|signs?|illegal|not\s+allowed|banned|reminder)\b|"
                        + IMAGE_ABUSE_NEWS)


def rules(names: Names) -> list[Rule | NearRule]:
    person = lx.B + lx.alt(lx.TITLE_NAME, lx.STAFF, lx.PUPIL, lx.PRON3, names.people, r"mums?", r"moms?", r"mothers?") + lx.E
    pupils = lx.alt(lx.PUPIL, lx.AGE_MINOR, names.pupils)
    return [
        NearRule("sexual.explicit_about_person", X, EXPLICIT, person, 0.9,
             "explicit sexual words about a person", pupils=pupils, unless=SEX_ED_LOOKS, keys=lx.keys(EXPLICIT_WORDS, "MASK")),
        NearRule("sexual.explicit_you", X, EXPLICIT, lx.B + lx.alt(lx.YOU, lx.YOUR, r"me") + lx.E, 0.75,
             "explicit sexual words aimed at someone", max_words=3, pupils=pupils, unless=SEX_ED_LOOKS, keys=lx.keys(EXPLICIT_WORDS, "MASK")),
        NearRule("sexual.acts_about_person", X, ACTS, person, 0.85,
             "sexual act wished on a person", max_words=4, pupils=pupils, unless=SEX_ED_LOOKS,
             keys=lx.keys("would wanna want gonna smash bang shag rail ruin wreck bone pound bend bending bent bends climb ride love like alone get got getting can could")),
        NearRule("sexual.looks_about_person", X, LOOKS, person, 0.8,
             "sexualised comment about a person's looks", max_words=5, pupils=pupils, unless=SEX_ED_LOOKS + "|" + FIT_HEALTH, keys=LOOK_KEYS),
        Rule("sexual.images_of_pupils", X, STRONG_ABOUT_PUPILS, 0.95,
             "sharing or asking for sexual images of someone", pupils=True, unless=SEX_ED, keys=lx.keys("nudes nude noodz nudez noods nudies naked pics videos leak leaks leaked leaking send sending share sharing post posting pass passing spread airdrop rate rating rated "
                                                                                                                           "get gets got getting asking ask asked asks begging pressuring pressured pestering pesters porn porno sex see seen one where nydes tape tapes vid video")),
        NearRule("sexual.minor_age", X, lx.B + lx.AGE_MINOR, lx.alt(EXPLICIT, LOOKS, lx.B + r"(?:thicc|thick|hot|fit|peng|sexy|leng|buff|tasty|curvy|stacked|developed)" + lx.E), 0.95,
             "sexual comment naming an age under 18", pupils=True, keys=lx.keys("DIGIT"),
                 also=lx.keys(EXPLICIT_WORDS, LOOK_KEYS, "MASK")),
        Rule("sexual.image_abuse", X, CHANGING_ROOM, 0.95,
             "intimate-image abuse: filming where people undress", pupils=pupils, unless=CHANGING_ROOM_NOTICE,
             keys=lx.keys("changing toilet toilets shower showers loo loos video videos vid vids pics photos footage clip")),
        Rule("sexual.image_abuse", X, IMAGE_ABUSE, 0.95,
             "intimate-image abuse: upskirts, creepshots or sextortion", pupils=True, unless=IMAGE_ABUSE_NEWS,
             keys=lx.keys("private deepfake deepfakes deep nudify nudified nudifying undress undressing nude clothes upskirt upskirts upskirting creepshot creepshots downblouse send sending or else tell show everyone every1 whole your ur sent")),
        Rule("sexual.image_request", X, IMAGE_REQUEST, 0.95, "a request for a sexual image", pupils=True,
             unless=IMAGE_ABUSE_NEWS + "|" + IMAGE_REQUEST_ADVICE,
             keys=lx.keys("pic pics pix picture pictures photo photos vid vids video videos selfie selfies snap snaps one ones emj_camera dm send show sc")),
        # rules-24: "mr f0ster is a p3do n touches the girls on the trip": touching children, alleged
        Rule("sexual.touching", X, TOUCHING, 0.9, "sexual touching of children alleged", pupils=True, unless=SEX_ED,
             keys=lx.keys("paedo pedo nonce peado paedophile pedophile touches touching touchin touch touched groped gropes groping grope feels feel felt fondles fondling fondled rubbing rubbed rubs stroking strokes stroked")),
        Rule("sexual.oblique", X, PUPIL_NAMED, 0.85, "a sexualised remark without explicit words",
             pupils=True, unless=SEX_ED, keys=lx.keys([*SLUR_NAME_WORDS, "MASK"])),
        Rule("sexual.oblique", X, SLUR_RUMOUR, 0.85, "a sexualised remark without explicit words",
             pupils=True, unless=SEX_ED, keys=lx.keys([*SLUR_WORDS, "MASK"])),
        *(
            Rule("sexual.oblique", X, pattern, 0.85, "a sexualised remark without explicit words",
                 pupils=pupils, unless=SEX_ED + "|" + IMAGE_REQUEST_ADVICE, keys=lx.keys(keys))
            for keys, pattern in OBLIQUE
        ),
    ]


__all__ = ["EXPLICIT", "rules"]
