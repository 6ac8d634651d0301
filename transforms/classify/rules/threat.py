"""Threats: intent + harm + a target, weapons brought to school, "I know where she lives".

Benign look-alikes stay out because a harm word alone is never enough: "killed it at
sports day" has no person as target, "shoot me the link" is followed by a thing to send,
"the concert was the bomb" names no target.
"""

from __future__ import annotations

from schoolwatch.core.categories import Category
from transforms.classify import lexicon as lx
from transforms.classify.rules.base import Names, NearRule, Rule, near, not_quoted
from transforms.classify.rules.self_harm import JUMPED_THING, SELF_INJURY_EMOJI

T = Category.THREAT

INTENT = lx.alt(
    r"i'?ll", r"i will", r"ill", r"i'?m (?:gonna|going to|gunna|finna|about to|coming to)",
    r"im (?:gonna|going to|gunna|finna|about to|coming to)", r"i am (?:gonna|going to|about to|coming to)",
    r"gonna", r"going to", r"gunna", r"finna", r"imma", r"ima", r"i'?ma", r"i want to", r"i wanna",
    r"we(?:'ll| will| are gonna| are going to|re gonna)", r"someone (?:should|needs to|is gonna|is going to)",
    r"i(?:'d| would) (?:love to|happily)", r"i swear i'?ll", r"let'?s", r"i could", r"might",
    r"i'?m coming (?:for|after)", r"wait (?:till|until) i", r"i'?ll make sure i",
    # rules-9: "I'm planning to hurt as many people as I can"
    r"(?:i'?m|im|i am|we'?re|we are)\s+planning\s+(?:to|on)", r"(?:i|we)\s+plan\s+to",
    # rules-10: "gon st@b a prefect if they tell me to tuck my shirt in"
    r"\bgon", r"\bgna", r"\bboutta", r"\bbout\s+to",
)
HARM_WORDS = [
    "kill", "murder", "stab", "shank", "shoot", "strangle", "choke", "batter", "punch",
    "smash", "slit", "slice", "cut", "hurt", "attack", "bomb", "blow up", "burn", "torch",
    "jump", "deck", "knock out", "glass", "rape", "run over", "poison",
    "drown", "gut", "behead", "kidnap", "acid", "beat up", "batter", "stamp on",
    # rules-28: the slang for killing ("im bout to unalive my maths teacher", the teacher named by
    # subject in intent_harm_target); "unalive myself" stays self-harm (no target takes "myself")
    "unalive",
]
HARM = lx.words(HARM_WORDS)
WEAPON_WORDS = ["knife", "knives", "kniife", "knif", "blade", "machete", "gun", "guns", "pistol", "rifle", "shotgun",
                   "bomb", "bombs", "skeng", "skengs", "axe", "acid", "baseball bat", "crowbar", "hammer", "zombie knife",
                   "emj_knife", "emj_gun", "emj_bomb",
                # rules-35: "gonna show Ashcroft wat a sw1tchbl4de feels like"
                "switchblade", "switchblades"]
WEAPON = lx.words(WEAPON_WORDS)
EMOJI_WEAPON = r"(?:emj_knife|emj_gun|emj_bomb)"
EMOJI_DEATH = r"(?:emj_skull|emj_coffin|emj_grave|emj_blood|emj_fire|emj_boom)"
SCHOOL_WORK = r"(?:gcses?|exams?|mocks?|a[- ]?levels?|tests?|sats|driving test|interview|audition|homework|coursework|revision|presentation|race|final|pb|solo|song|speech|routine|recital|performance|dance|gig|duet|monologue)\b"
# "shoot you a text", "kill it", "smash the exam": the object is a thing, not a person
NOT_PERSON_OBJ = lx.alt(r"(?:a|an|the|over|across|some|me)\s+(?:text|email|e-mail|message|msg|link|dm|pm|line|invite|photo|pic|note|form|details|reminder|copy|call|quick)",
                        r"(?:text|email|message|msg|link|dm|pm|line|invite|details|reminder|copy)",
                        # "gonna smash her GCSEs", "kill his audition": doing well, not harm
                        r"(?:his|her|their|my|your|ur|the|those|these|that|this)\s+" + SCHOOL_WORK,
                        # rules-38: "going to jump Miss Lee's new high jump bar": a thing of a person's to be jumped over
                        JUMPED_THING)
BENIGN_CONTEXT = lx.alt(r"lol\b.*\b(?:game|fortnite|minecraft|cod|fifa)", r"(?:in|at|on) (?:fortnite|minecraft|cod|fifa|roblox|the game)",
                        r"(?:the|this|that) (?:exam|test|quiz|game|match|level|boss)", r"zombies?")

VIOLENT = lx.B + r"(?:stab|stabbing|shank|shanking|shoot|shooting|murder|kill|killing|batter|battering|slit|strangle|cave\s+(?:\w+\s+)?(?:head|face)\s+in|smash(?:ing)?\s+(?:[a-z']+\s+){0,2}(?:head|face|teeth)(?:\s+in)?)" + lx.E
# "I could murder a brew", "I will murder this Victoria sponge": food and drink after a
# harm verb is British hyperbole, as is "I'll strangle whoever invented quadratics"
FOOD = (
    r"(?:a|an|the|this|that|these|those|some|my)\s+(?:[a-z]+\s+){0,2}?(?:pizza|coffee|burger|drinks?|brew|cuppa|cup of (?:tea|coffee)|"
    r"tea|pint|beer|wine|curry|kebab|bacon|butty|buttie|sarnie|sandwich|roll|chippy|takeaway|cake|sponge|biscuits?|brownies?|"
    r"chocolate|roast|fry[ -]up|breakfast|lunch|dinner|crisps|chips|nandos|nando's|greggs|maccies|maccy\s*d'?s|mcdonald'?s|domino'?s|subway|spoons|kfc|doughnuts?|donuts?|"
    r"ice cream|pasty|pie|sausage roll|toastie|toasty|cheese\s+toastie|bacon\s+roll|panini|wrap|jacket\s+potato)\b"
)
FIRE_PRAISE = (r"\b(?:(?:is|was|are|were|so|proper|pure|lowkey|actually)\s+fire|best|love|loved|amazing|great|lit|banger|slaps|proud|congrat\w*|killed it|smashed it|nailed it|production|"
               r"performance|concert|(?:the|a|our|their) show|musical|panto|disco|prom|solo|choir|song|single|music video|dance|"
               r"art project|project|results?|peng|fit|hot|sexy|fancy|beautiful|gorgeous|stunning)\b")
# "bomb emoji for this result, year 13 smashed the mocks": praise of a result
EMOJI_PRAISE = r"(?:smashed|killed|nailed|aced|bossed|crushed) (?:it|the (?:mocks?|exams?|tests?|results?|gcses?|a[- ]?levels?))"
# "I'll shoot the PTA a message": something sent to someone
SEND_OBJ = r"(?:[a-z]+\s+){1,2}?(?:a|an)\s+(?:quick\s+)?(?:text|email|e-mail|message|msg|dm|pm|line|note|invite|link|reminder)\b"
# "shoot the music video on the field", "shoot some hoops": filming and sport, not guns
FILMING = r"(?:a|an|the|our|some|my|their|his|her)\s+(?:[a-z]+\s+){0,2}?(?:video|film|movie|scene|photos?|pictures?|pics|shots?|hoops|penalties|trailer|advert|documentary|vlog|tiktok)\b"
WHOEVER_MADE = r"whoever\s+(?:invented|came up with|thought of|designed|decided on|made up|wrote|set)\b"
WHO_LIVES = lx.alt(lx.YOU, lx.PRON3, r"your (?:mum|mom|family|kids?)", r"(?:his|her|their) (?:family|kids?)", r"(?:[a-z]+\s+){0,2}[a-z]+")
# rules-10: cutlery is not a weapon ("got my knife and fork ready for Christmas dinner day"),
# and a blade named as how someone copes is self-harm, not a threat to others
WEAPON_BENIGN = r"(?:sharpeners?\b|\bdangers?\s+of\s+(?:carrying\s+)?(?:knives|weapons|knife\s+crime|a\s+knife)|\bliaison\s+officer|(?:not\s+to|don'?t|do\s+not|never)\s+bring\s+(?:any\s+)?(?:craft\s+|stanley\s+)?(?:knives|knife|blades?|weapons?)\b|\bprop\s+(?:knife|knives|guns?|swords?|weapons?)\b|\brehears\w*|\bstage\s+(?:knife|knives|guns?|combat|fight)|\bfake\s+(?:knife|knives|guns?|blood)\b|kni(?:fe|ves)\s+(?:and|n|&)\s+forks?|butter\s+knife|bread\s+knife|palette\s+knife|cutlery|how\s+i\s+(?:cope|deal|get\s+through)|knife crime (?:awareness|talk|workshop|assembly|lesson|education|campaign|podcast|session|posters?|project)|(?:a|the|our|their|this) (?:talk|podcast|campaign|assembly|workshop|lesson|session|film|video) (?:(?:to|from|by|for) [a-z0-9 ]{1,30}? )?(?:about|on) (?:knife crime|carrying (?:knives|weapons))|talk(?:s|ed|ing)? (?:to [a-z0-9 ]{1,20} )?about (?:why |how |what )?(?:knife crime|carrying (?:knives|weapons|a (?:knife|blade)))|anti-knife|groomed into carrying (?:knives|weapons)|\b(?:awareness|police (?:talk|visit)|workshop|no knives|amnesty|history (?:lesson|trip|topic|project|of)|(?:history|drama|re|pshe|food tech|cooking|science|d&t|dt) lessons?|lessons? (?:on|about)|museum|cooking|food tech)\b|bomb(?:ed)? (?:the|my|that) (?:test|exam)|(?:photo|bath|stink|glitter|seed)\s*-?\s*bomb\w*|the bomb(?!\s+(?:the|at|in|to))|was the bomb|(?:fire|bomb) drill|fire alarm|fire brigade|fire station|gun ?powder|guy fawkes|bonfire|water guns?|nerf|glue gun|staple gun|\b(?:toys?|starting pistol|hammer throw|(?:the|a|school|our|their|year \d+) play|drama (?:club|lesson|production|performance|props?|studio)|musical|macbeth|romeo|shakespeare)\b|cut(?:ting|s)?\s+(?:the\s+|a\s+|my\s+|her\s+|his\s+)?(?:birthday\s+|leavers'?\s+|celebration\s+)?cake|cake\s+knife|bomb\s+calorimet\w*)"

# rules-38: a weapon as the subject of a law or a debate ("should the UK have stricter gun laws?")
NOT_POLICY = r"(?!\s+(?:laws?|control|legislation|debate|polic(?:y|ies)|ban|bans|amnesty|crime\s+(?:rates?|statistics|figures)))"
# rules-14: "the Year 11 concert was the bomb 💣🔥": the emoji repeats the praise
BOMB_PRAISE = r"\b(?:was|is|were|are|'s)\s+(?:the|da)\s+bomb\b"

# games and films, where killing is play: whole words ("cod", not "codes")
GAMES = r"\b(?:fortnite|minecraft|roblox|call of duty|cod|fifa|zombies?)\b|in the game\b"

# -- oblique threats: no harm verb, but a named target plus a warning about their safety,
# their movements, their family or their property ("Mr X won't make it home tonight")
SOMEONE = lx.alt(lx.TITLE_NAME, lx.STAFF, lx.PRON3, lx.PUPIL, r"the (?:boy|girl|lad|kid|teacher|one|woman|man) who [a-z' ]{1,30}?")
FAMILY = r"(?:kids?|child|children|daughter|son|wife|husband|family|little one|mum|mom)"
# rules-5: a harm word aimed at a machine, a game or a sibling who ate the chips
NOT_A_THREAT = (
    # rules-21: "Tom said he's going to slit his wrists tonight": self-harm, reported
    # rules-24: "gonna sl!t my wr!sts 2nite": one's own wrists are self-harm, never a threat
    r"(?:slit|slitting|cut|cutting|slash|slashing)\s+(?:my|me|m'|ma|mah|mi|me\s+own|my\s+own)\s+wrists?\b|"
    # rules-30: "tell Jade to slit her wrists": self-harm urged on her, not harm done to her
    r"\btell\s+(?:[a-z]+|her|him|them)\s+to\s+(?:go\s+|just\s+)?(?:slit|cut|slash)\s+(?:her|his|their)\s+(?:own\s+)?wrists?\b|"
    r"(?:he|she|they)(?:'s|s|\s+is|'re|\s+are|\s+was|\s+were)\s+(?:going\s+to|gonna|about\s+to|planning\s+to|gna)\s+(?:slit|cut|slash)\s+(?:his|her|their)\s+(?:own\s+)?wrists\b|"
    r"(?:kill|strangle|murder|throttle|smash|batter|destroy)\s+(?:the|my|this|that)\s+(?:[a-z]+\s+)?(?:printer|photocopier|laptop|computer|wifi|router|alarm|kettle|tablet|ipad|xbox|playstation|console|sat\s*nav)\b"
    r"|(?:smash|destroy|thrash|batter|beat|kill|murder|annihilate|wreck)\s+(?:you|u|them|him|her|ya)\s+(?:at|in|on)\s+(?:mario\s*kart|[a-z]+\s+kart|fifa|fortnite|chess|ping\s*pong|table\s+tennis|the\s+quiz|quiz|monopoly|uno|badminton|tennis|bowling|dodgeball|rounders|smash\s+bros|the\s+(?:bake[\s-]?off|spelling\s+bee|debate))"
    r"|(?:kill|murder|strangle)\s+my\s+(?:little\s+|big\s+|baby\s+|twin\s+)?(?:brother|sister|bro|sis)\b[^.!?]{0,40}\b(?:ate|eaten|eats|nicked|nicks|stole|steals|took|takes|borrowed|borrows|used|uses|finished|finishes|touches|for\s+eating)\b"
    # rules-28: "I'm going to kill whoever ate my yoghurt in the staff room fridge 😂"
    r"|(?:kill|murder|strangle|throttle)\s+(?:whoever|who\s?ever|the\s+(?:person|one|idiot|thief)\s+(?:who|that))\s+(?:has\s+|'s\s+)?"
    r"(?:ate|eaten|eats|drank|drunk|nicked|stole|stolen|took|taken|finished|pinched|borrowed|used|moved)\s+(?:my|our|the\s+last)\s+(?:[a-z]+\s+)?"
    r"(?:yog(?:h)?urts?|lunch|sandwich(?:es)?|biscuits?|cake|crisps|milk|chocolates?|snacks?|leftovers|food|coffee|tea|mug|pens?|stapler|charger|"
    r"pasta|soup|pizza|doughnuts?|donuts?|custard\s+creams?|hobnobs?|kitkats?|teabags?|parking\s+space|seat|chair)\b"
    # rules-7: a parent's "I'm gonna kill my son, he's left his PE kit at home again"
    r"|(?:kill|murder|strangle|throttle)\s+(?:my|our)\s+(?:son|daughter|kids?|boy|girl|husband|wife|hubby|other\s+half)\b[^!?]{0,80}?"
    r"\b(?:left|forgot|forgotten|lost|ate|eaten|broke|spilt|spilled|muddy|late|again|pe\s+kit|homework|lunch(?:box)?|charger)\b"
    # rules-8: the same said the other way round: "if my son loses another PE kit I'll kill him"
    r"|(?:my|our)\s+(?:son|daughter|kids?|boy|girl|husband|wife|hubby|other\s+half)\b[^!?]{0,60}?\b(?:loses|lost|forgets|forgot|leaves|left|breaks|broke|spills|spilt|eats|ate|loses)\b[^!?]{0,60}?\b(?:kill|murder|strangle|throttle)\s+(?:him|her|them)\b"
    r"|(?:heart|panic|asthma)\s+attack"
    # rules-10: a smell, the heat or a hill "is going to kill someone one day"
    r"|(?:smell|stench|stink|heat|cold|queue|traffic|workload|homework|stairs|hill|bins?|weather|food|dinners?|curry|potholes?)\s+(?:[a-z]+\s+){0,5}?"
    r"(?:is|are|'s)\s+(?:going\s+to|gonna|gunna)\s+(?:actually\s+)?kill\s+(?:someone|some1|somebody|me|us|every(?:one|1|body))"
    # rules-15: "going to smash Year 10 in the house final", "Mr Pike will kill you 😂 if you forget
    # your PE kit", "Mr Patel is going to murder us if we don't hand in the coursework lol"
    r"|(?:smash|destroy|thrash|batter|beat|kill|murder|annihilate|wreck|demolish|crush|hammer|smoke)\s+(?:[a-z0-9']+\s+){1,3}?(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+)?"
    r"(?:final|semi|semis|match|game|league|tournament|cup|quiz|derby|fixture|relay|race|sports\s+day|netball|football|rugby|hockey|dodgeball|rounders|debate|chess|tug\s+of\s+war)\b"
    # rules-31: "Water fight on the last day?? The head is going to murder us lol"
    r"|\b(?:mr|mrs|miss|ms|sir|coach|mum|mom|dad|teacher|my\s+(?:mum|mom|dad|parents)|the\s+(?:head|headteacher|head\s+teacher|head\s+of\s+year|hoy|caretaker|tutor|form\s+tutor|pe\s+teacher))\s+(?:[a-z]+\s+)?(?:will|'ll|is\s+gonna|is\s+going\s+to|gonna|going\s+to)\s+(?:literally\s+|actually\s+)?(?:kill|murder)\s+(?:us|you|u|me|him|her|them)\b"
    r"(?=[^.!?]{0,60}?(?:\b(?:if|when|unless|for|lol|lmao|haha)\b|😂|🤣|😭)|\s*$)"
    # rules-18: "killing all the teachers with kindness this week, cakes on Friday"
    r"|\bkill(?:ing|ed|s)?\s+[^.!?]{0,30}?\bwith\s+kindness\b"
    # rules-16: "I'll kill you if you spoil the end of the film before Friday's film club 😂"
    r"|(?:kill|murder|strangle)\s+(?:you|u|him|her|them)\s+if\s+(?:you|u|he|she|they)\s+(?:spoil\w*|give\s+away|tell\s+(?:me\s+|us\s+)?(?:the\s+)?(?:end|ending|score))"
    # rules-31: "Year 8 science: don't touch the Bunsen burners, they will burn you" (a safety warning),
    # "Photography club: we'll be shooting portraits in the quad Tuesday"
    r"|\b(?:don'?t|do\s+not|never)\s+(?:touch|hold|grab|pick\s+up|lean\s+on)\b[^.!?]{0,60}?\b(?:will|could|can|might|'ll)\s+(?:burn|cut|scald|shock|sting|bite|hurt)\s+(?:you|u)\b"
    r"|\bshoot(?:ing)?\s+(?:some\s+|the\s+|more\s+|a\s+few\s+)?(?:portraits?|headshots?|footage|scenes?|photos?|pics|hoops?|baskets|a\s+(?:short|music\s+video|trailer|scene))\b"
)
OBLIQUE: list[tuple[str, str]] = [  # (prefilter keys, pattern): each runs only on texts with its words
    ("make walking smiling teaching laughing see",
     rf"{SOMEONE}\s+(?:won'?t|wont|will not|will never|is not going to|isn'?t going to)\s+(?:make it (?:home|to (?:friday|monday|the weekend|christmas|half term|the end of)|out alive|through the (?:day|week|night))|be (?:walking|smiling|teaching|laughing|around) (?:to school |home )?(?:for long|much longer|next week|after|again|by|when|tomorrow)|see (?:christmas|the weekend|friday|monday|next week|the end of term|another day))"),
    ("shame pity",
     r"(?:shame|pity)\s+if\s+(?:something|anything)\s+(?:happened|were to happen|was to happen|happens)\s+to"),
    ("check",
     r"check\s+under\s+(?:his|her|their|your|ur)\s+(?:car|van)"),
    ("sleep",
     r"sleep\s+with\s+one\s+eye\s+open"),
    ("keep watch look mind",
     rf"(?:keep an eye on|watch|look after|mind)\s+(?:your|ur|his|her)\s+{FAMILY}[^.!?]{{0,20}}(?:if i were you|if i was you|just saying|wink|emj_wink)"),
    ("regret sorry shame careful see",
     rf"(?:regret|sorry|see what happens|shame|careful)[^.!?]{{0,40}}(?:when|while|once|next time)\s+(?:your|ur|his|her|their)\s+{FAMILY}\s+(?:is|are|'s|s|gets?|walks?)\s+(?:alone|on (?:his|her|their) own|home alone|walking home|by (?:him|her|them)sel(?:f|ves))"),
    ("tyres tires slash slashed slashing brick petrol acid fire firework",
     r"(?:tyres?|tires?)\s+(?:slashed|done in|let down|popped)|slash(?:ed|ing)?\s+(?:his|her|their|your|ur)\s+(?:tyres?|tires?|car)|brick\s+through\s+(?:the|his|her|their|your|ur)\s+(?:window|windscreen)|(?:petrol|acid|fire|firework)\s+through\s+(?:the|his|her|their|your|ur)\s+(?:door|letterbox|letter box|window)"),
    ("burn",
     r"burn(?:in[g']?)?\s+(?:the\s+(?:place|school|building|lot)|it|this\s+(?:place|school|dump)|that\s+(?:place|school|dump))\s+(?:to\s+the\s+ground|down)"),
    ("coming",
     r"coming\s+(?:down|up|round|over)?\s*(?:to\s+)?(?:the\s+)?(?:school|gates|your house)\s+(?:[a-z]+\s+){0,3}with\s+(?:his|my|the|their|some|our)\s+(?:boys|lads|mates|crew|gang|cousins|brothers|boys)"),
    ("sharp something summat sumthin smth",
     r"(?:bring|bringing|brought|got|have|carry|carrying|take|taking)\s+(?:something|summat|sumthin|smth)\s+(?:sharp|with (?:his|her|their|your|ur) name on it|in (?:on|tomorrow|monday|for))"),
    ("name",
     r"(?:blade|knife|bullet|shank|brick|bat)\s+with\s+(?:his|her|their|your|ur|[a-z]+'s)\s+name\s+on\s+it"),
    ("next when once moment if",
     r"(?:next time|when|once|the moment|if)\s+i\s+(?:see|catch|get|find)\s+[^.!?]{0,40}?\b(?:(?:is|are|'s|s|'re)\s+)?(?:getting it|getting (?:battered|sorted|hurt|slapped|jumped|done|smashed)|won'?t know what hit)"),
    ("getting gonna going",
     rf"(?:{lx.PUPIL}|{lx.TITLE_NAME}|{lx.PRON3}|{lx.STAFF})\s+(?:is|are|'s|s)\s+(?:getting|gonna get|going to get)\s+(?:sorted|done in|dealt with|a beating|a kicking|a slap|hurt|jumped|what'?s coming)(?!\s+(?:out|by the (?:office|school)))"),
    ("disappear",
     rf"make\s+(?:(?:that|the|this)\s+)?(?:{lx.TITLE_NAME}|{lx.STAFF}|him|her|them|you|u|[a-z]+ teacher)\s+disappear"),
    ("stay come",
     r"stay\s+(?:at\s+)?home\s+(?:tomorrow\s+|on (?:monday|tuesday|wednesday|thursday|friday)\s+)?if\s+(?:you'?re|you are|ur|u r|you know what'?s good)|don'?t\s+come\s+(?:in|into school|to school)\s+tomorrow\s+if"
     # rules-18: not "Don't come in tomorrow if you've had sickness, 48 hour rule"
     r"(?!\s+(?:you'?ve|you\s+have|your\s+child\s+has|they'?ve|u\s+have|uve)\s+(?:had\s+|got\s+)?(?:sickness|been\s+sick|a\s+temperature|diarrh\w*|vomit\w*|covid|chicken\s*pox|a\s+fever|symptoms|a\s+bug))"),
    ("going kicking gonna",
     r"(?:it'?s|its|it is)\s+(?:all\s+)?(?:going|kicking|gonna go)\s+(?:down|off)\s+(?:at|tomorrow|on|after|in)\s+(?:lunch|break|school|the|assembly|monday|tuesday|wednesday|thursday|friday|[0-9])"),
    ("forget",
     r"(?:one|a day|an assembly)\s+(?:they|you|everyone|this school|the school)(?:'ll| will)\s+never\s+forget"),
    ("done finished through",
     r"(?:after|when|once)\s+i'?m\s+(?:done|finished|through)\s+with\s+(?:him|her|them|you|u)(?=\s*(?:$|[.!,?]|emj_))"),
    ("ditch morgue river canal body coffin grave gutter",
     r"(?:end up|wind up|ends up|be found|turn up)\s+(?:in|at)\s+(?:a|the)\s+(?:ditch|morgue|river|canal|body bag|coffin|grave|gutter)"),
    ("wheelchair coffin body box ground",
     r"(?:he|she|they|you|u)(?:'ll| will| is going to| are going to| gonna| r gonna)\s+(?:be|end up)\s+in\s+(?:a\s+)?(?:wheelchair|coffin|body bag|box|the ground)\s+(?:by|before|after|when)"),
    ("wait waiting",
     rf"wait(?:ing)?\s+(?:(?:outside|at|by|round)\s+(?:the\s+)?(?:gates?|school|corner|bus stop)\s+)?(?:at\s+[0-9:.apm ]+\s+)?(?:(?:outside|at|by)\s+(?:the\s+)?(?:gates?|school)\s+)?for\s+(?:(?:that|this)\s+(?:[a-z]+\s+)?(?:teacher|head|lad|boy|girl|kid|supply|ta|sir|miss|{lx.YEAR})|{lx.TITLE_NAME})"),
    ("leave",
     r"leave\s+(?:him|her|them|you|u)\s+(?:in\s+a\s+(?:state|mess|heap|puddle)|for dead|bleeding|unable to)"),
    ("teach",
     rf"teach\s+(?:{lx.TITLE_NAME}|{lx.STAFF}|him|her|them|you|u|that\s+[a-z]+|the\s+[a-z]+)\s+a\s+lesson(?:\s+(?:he|she|they|you|u)\s+(?:won'?t|will never)\s+forget|\s*(?:$|[.!]))"),
    ("sure",
     rf"make\s+sure\s+{lx.alt(lx.TITLE_NAME, lx.PRON3, lx.STAFF)}\s+(?:never|doesn'?t|won'?t)\s+(?:teaches?|works?|walks?)\s+(?:again|anywhere)"),
    ("way",
     r"one\s+way\s+or\s+another"),
    ("gets getting get",
     r"(?:next (?:one|person|kid|boy|girl)|whoever|anyone who|any1 who|the first (?:one|person))[^.!?]{0,40}(?:gets?|getting|will get|is getting|gonna get)\s+(?:stabbed|shot|shanked|glassed|battered|merked|bodied|jumped|slapped|hurt|done in)"),
    ("know",
     r"(?:i|we)\s+know\s+(?:what|which)\s+(?:car|house|road|street|bus|route|door|flat|gym)\s+(?:[a-z']+\s+){0,3}(?:drives|lives|takes|is|uses|parks|goes)"),
    ("walks drives leaves goes parks jogs runs",
     rf"{lx.alt(lx.TITLE_NAME, lx.STAFF, r'[a-z]+')}\s+(?:walks|drives|leaves|goes home|parks|jogs|runs)\s+[^.!?]{{0,50}}(?:alone|on (?:her|his|their) own|every (?:evening|night|morning|day))[^!?]{{0,40}}(?:just saying|fyi|wink|emj_wink|be careful|careful|quiet (?:spot|place|road|lane|path|there)|(?:no one|nobody|no-one) (?:around|about|there)|no cameras)"),
    ("careful",
     r"(?:^|[.!?,]\s*|\b(?!(?:kids|children|pupils|students|everyone|parents|drivers|we|people|cyclists|you|u|they|all)\b)[a-z]+\s+)(?:needs? to|should|better|had better|wants? to)\s+be\s+(?:very\s+|real\s+|really\s+)?careful\s+(?:walking|going|on (?:his|her|their) way|after school|alone|at night|who (?:he|she) (?:grasses|snitches))"),
    # harm promised without a harm verb: the injury, the hospital, the place with no cameras
    ("ambulance hospital",
     r"(?:leav(?:e|ing)|go(?:ing)?\s+home|end(?:s|ing)?\s+up|carried\s+out)\s+in\s+an?\s+ambulance"
     r"|send(?:s|ing)?\s+(?:him|her|them|you|u)\s+to\s+(?:hospital|a&e)"
     r"|\bor\s+(?:you|u|he|she|they)(?:'ll| will)\s+(?:be\s+)?(?:going|go|end up)\s+(?:to|in)\s+(?:hospital|a&e)"),
    ("home teeth",
     r"(?:go(?:ing)?|be going|leav(?:e|ing)|walk(?:ing)?)\s+home\s+without\s+(?:any\s+|(?:his|her|their|your|ur)\s+)?teeth|knock\s+(?:[a-z']+\s+){0,2}teeth\s+(?:out|in)"),
    ("look looking shoulder",
     r"(?:keep|keeps|keeping|start|better|i'?d)\s+(?:keep\s+)?look(?:ing)?\s+over\s+(?:your|ur|his|her|their)\s+shoulders?"),
    ("find",
     r"find\s+(?:you|u|him|her|them)\s+before\s+(?:the\s+)?(?:police|cops|feds|school|they do)"),
    ("another next dunblane sandy uvalde parkland columbine",
     r"(?:another|the next|next|do a|pull a|deserves? a|needs? a)\s+(?:dunblane|sandy hook|uvalde|parkland|columbine)"),
    ("set alight fire ablaze",
     r"set\s+(?:the\s+|their\s+|his\s+|her\s+|your\s+|ur\s+)?(?:[a-z]+\s+)?(?:staff\s?room|school|building|classroom|car|house|office|hall|gym|block)\s+(?:alight|on fire|ablaze)"),
    ("spike spiking",  # "spike her coffee", a plan; "we spiked her drink" tells of one done (sexual, often)
     r"spik(?:e|ing)\s+(?:his|her|their|your|ur|the\s+(?:teacher|head)'?s?|[a-z]+'s)\s+(?:coffee|tea|drink|water|food|lunch|bottle)"),
    ("address",
     r"(?:your|ur|his|her|their)\s+address\s+(?:is\s+)?(?:going|goes|will go|gonna go)\s+(?:up|online|public|on here)"),
    ("cameras cctv witnesses",
     r"(?:finish|sort|deal with|settle|do|get)\s+(?:it|him|her|them|this|you|u)\s+(?:off\s+)?(?:where|when)\s+(?:there(?:'s|s| are| is)?\s+)?no\s+(?:cameras|cctv|witnesses)"),
    ("pay",
     r"(?:going to|gonna|will|'ll)\s+(?:[a-z]+\s+){0,6}?make\s+(?:you|u|him|her|them|the school|the head|the teachers?)\s+pay\s+for\s+(?:it|this|that|what)"),
    ("boys lads brothers cousins uncles",
     r"(?:me and the (?:boys|lads)|my (?:boys|lads|brothers|cousins))\s+(?:will|'ll|are gonna|are going to)\s+(?:see to|sort|deal with)\s+(?:that|him|her|them|it)"
     r"|(?:my|his|her)\s+(?:brothers|cousins|boys|lads|uncles)\s+(?:are|is)\s+(?:[a-z]+\s+){0,2}(?:keen|dying|waiting|looking forward)\s+to\s+(?:meet|see|visit)\s+(?:you|u|him|her|them)"),
    ("bricks",
     r"(?:find|found)\s+(?:their|his|her|your|ur)\s+car\s+on\s+bricks"),
    # drill slang: "wet him up" (stab), "gets wet up"; a grass "knows the ending"
    ("wet wetted wetting",
     r"(?:get|gets|getting|got|gonna get|going to get)\s+wet\s+up|wet\s+(?:him|her|them|dem|you|u|man|em|that\s+[a-z]+)\s+up\b"
     # rules-13: "sum1 is gettin wetted behind the MUGA on fri", "wetting man up"
     r"|(?:get|gets|getting|gettin|got|gonna\s+get|going\s+to\s+get)\s+wetted\b|\bwetting\s+(?:him|her|them|dem|man|em)\s+up\b"),
    # rules-13: "on my mum im puttin Dev in a body bag"
    ("bag bags",
     r"(?:put|putting|puttin|send|sending|sendin|leave|leaving)\s+(?:[a-z]+\s+){1,2}?in\s+a\s+body\s*bags?\b"),
    ("snitch snitches snitching snitched grass grassed grasses grassing",
     r"(?:snitch(?:es|ing|ed)?|grass(?:ed|es|ing)?)\b[^.!?]{0,60}?\b(?:knows?\s+the\s+ending|knows?\s+what\s+happens(?:\s+next)?|get\s+stitches|gets?\s+(?:wet|dealt with|what'?s coming))"),
    ("wish",
     r"(?:you|u|he|she|they)(?:'ll|ll| will| gonna| are gonna| r gonna| is gonna)\s+wish\s+(?:you|u|he|she|they)(?:'d|d| had| was| were)?\s+never\s+(?:been\s+born|born|come\s+(?:here|to this school)|crossed\s+me)"),
    ("find",
     r"(?:i|we)(?:'ll|ll| will|'m gonna| am gonna| are gonna|'re gonna| gonna)\s+find\s+(?:you|u|them|him|her|out who you are|whoever)\b[^.!?]{0,25}\band\s+(?:when\s+(?:i|we)\s+do|(?:you|u|they|he|she)(?:'ll| will))"),
    ("protect",
     r"(?:can'?t|cannot|can not|won'?t|wont|not gonna|isn'?t gonna)\s+protect\s+(?:you|u|him|her|them|(?:your|ur|his|her)\s+[a-z]+)\s+(?:forever|for ever|all the time|24/7|every day|outside (?:school|the gates)|after school)"),
    ("next",
     r"\b(?:or|else)\s+(?:they'?re|they are|he'?s|she'?s|he is|she is)\s+next(?=\s*(?:$|[.!?,;]|emj_))"),
    ("jump",
     rf"(?:help\s+(?:me|us)|let'?s|lets|we\s+should|we'?re\s+gonna|we\s+are\s+gonna|gonna|going\s+to|wanna|want\s+to)\s+jump\s+(?!{JUMPED_THING})(?:the\s+new\s+(?:kid|boy|girl|lad)|him|her|them|that\s+(?:kid|boy|girl|lad|year\s?\d+)|{lx.TITLE_NAME}|{lx.YEAR})"),
    ("going goin walking getting home",
     r"(?:you'?re|ur|you are|u r|he'?s|she'?s|they'?re)\s+(?:not|aint|ain'?t)\s+(?:going|goin|walking|getting)\s+home(?=\s*(?:$|[.!?,;]|emj_|in one piece|again|alive))"),
    ("strung",
     r"(?:should|ought to|needs? to|wants? to|will|gonna)\s+be\s+strung\s+up|(?:get|gets|getting)\s+strung\s+up"),
    ("bomb",
     r"\bbomb\s+(?:the|this|that)\s+(?:place|school|building|staff\s?room|hall|gym|canteen|office)\b"),
    ("eyes",
     r"(?:better|had better|best)\s+(?:have|grow)\s+eyes\s+in\s+the\s+back\s+of\s+(?:his|her|their|your|ur)\s+head"),
    ("hope",
     r"hope\s+(?:his|her|their|your|ur)\s+(?:legs|arms|knees|hands|face|teeth|car|windows|house)\s+(?:still\s+)?(?:work|works|hold up|holds up|survive|survives|heal|heals|stay|stays|look|looks)\b[^.!?]{0,20}\b(?:after|by|come)\s+(?:friday|monday|tuesday|wednesday|thursday|saturday|sunday|tomorrow|the weekend|next week|tonight)"),
    ("know",
     r"just\s+so\s+(?:you|u|she|he|they)\s+knows?\s+(?:i|we)\s+know\b"),
    ("across skull head jaw",
     r"(?:right|straight|smack)\s+(?:across|over|round)\s+(?:his|her|their|your|ur)\s+(?:skull|head|jaw)\b"),
    ("drag dragged dragging",
     rf"drag(?:ged|ging)?\s+(?:him|her|them|you|u|that\s+[a-z]+|the\s+[a-z]+|{lx.TITLE_NAME})\s+(?:[a-z]+\s+){{0,3}}?by\s+(?:his|her|their|the|your|ur)\s+(?:hair|neck|collar|throat|ankles)"),
    ("stop",
     r"(?:no\s*one|nobody|no-one)\s+(?:around|there|here|about|left)\s+to\s+stop\s+(?:me|us)"),
    ("twice",
     r"(?:doesn'?t|don'?t|won'?t|never)\s+ask\s+twice"),
    ("match lighter spark petrol",
     r"(?:go|goes|went|going)\s+up\s+(?:lovely|nicely|a treat|well|quick|quickly|fast|beautifully)\s+with\s+(?:a|one|some)\s+(?:match|lighter|spark|petrol)"),
    ("cross crosses crossed",
     r"cross(?:es|ed)?\s+(?:the|my|our|us|me|them)\b[^.!?]{0,30}?\bend\s+up\s+(?:regretting|sorry|hurt|in)"),
    ("face",
     r"(?:better|had better|best)\s+not\s+show\s+(?:her|his|their|your|ur)\s+face"),
    ("twice",
     r"think\s+twice\s+about\s+[^.!?]{0,40}\bif\s+i\s+(?:was|were)\s+(?:you|him|her|them|the)\b"),
    ("list",
     r"got\s+a\s+list\b[^!?]{0,30}(?:quite\s+long|it'?s\s+long|of\s+names|you'?re\s+on\s+it|everyone\s+on\s+it)"),
    ("snap",
     r"when\s+i\s+(?:finally\s+)?snap\b"),
    ("thought",
     r"should(?:\s+have|'?ve)\s+thought\s+about\s+(?:her|his|their|your|ur)\s+(?:kids|children|family|daughter|son|wife|husband)\s+before"),
    ("pictures photos pics picture photo",
     r"(?:took|taken|got|have)\s+(?:some\s+)?(?:pictures?|photos?|pics?)\s+of\s+(?:your|ur|his|her)\s+(?:house|home|front\s+door|car|kids|children)\b|(?:pictures?|photos?|pics?)\s+of\s+(?:your|ur)\s+(?:house|home|front\s+door)\s+came\s+out"),
    ("memories memory",
     r"long\s+memor(?:y|ies)\s+and\s+short\s+tempers?"),
    ("reminder remember remind",
     r"(?:reminder|remember|remind)\b[^.!?]{0,40}\b(?:her|his|your|ur|their)\s+(?:daughter|son|kids?|children|wife|husband)\s+(?:goes|go|walks|is|are)\b"),
    ("time",
     r"this\s+time\s+i\s+won'?t\s+just\s+(?:wait|watch|talk|shout|stand)"),
    ("chat talk",
     r"meet\s+(?:us|me)\b[^.!?]{0,50}[.!]?\s*not\s+for\s+a\s+(?:chat|talk|friendly)"),
    ("now",
     r"(?:lives|parks|walks)\b[^!?]{0,80}\b(?:nice\s+and\s+quiet|quiet)\b[^!?]{0,20}\bfor\s+now\b"),
    ("safe",
     r"(?:is|'s|s|are|'re)\s+not\s+safe\s+(?:there|here|at\s+[a-z]+)?\s*or\s+anywhere"),
    ("drill drills",
     r"(?:fire|bomb|lockdown)\s+drills?\b[^!?]{0,60}\b(?:need|needs|needing|have|get|do)\s+a\s+real\s+one\s+(?:soon|next|this)"),
    # rules-5 (round eight): arson, hospitals, coffins and lists; imperatives with no "I will"
    ("torch petrol",
     r"(?:torch|petrol\s+bomb)\s+(?:that|the|this|his|her|their|your|ur)\s+(?:[a-z]+\s+){0,2}(?:school|office|reception|building|house|car|cars|classroom|staff\s*room|block|place)\b"
     r"|(?:got|bought|brought|bring|bringing|getting)\s+(?:the\s+|some\s+)?petrol\b[^!?]{0,60}(?:deserved?|you'?ll\s+see|burn|watch\s+it|emj_fire|emj_boom)"
     r"|(?:cars?|school|house|building)\s*\+\s*petrol|petrol\s*\+\s*(?:cars?|school|house)"),
    ("hospital", r"pick\s+a\s+hospital\b|hospital\s+food\s+suits\s+(?:you|u)\b|(?:booked|book)\s+(?:you|u|him|her)\s+a\s+(?:hospital\s+)?bed\b"),
    ("list", r"(?:put|added|adding|putting|wrote|writing)\s+(?:her|his|their|your|ur|[a-z]+'s)\s+name\s+(?:on|to)\s+(?:the|my)\s+list\b"
             r"|(?:her|his|their|your|ur)\s+name\s+(?:added|put|written)\s+(?:on|to)\s+(?:the|my)\s+list\b"),
    ("coffin", r"(?:get|go\s+get|have|getting)\s+(?:ur|your|his|her|their)\s+coffin\s+(?:measured|ready|fitted|sorted)"),
    ("dragging kicking hiding beating battering",
     r"(?:wants?|needs?|deserves?)\s+dragging\s+(?:out\b[^.!?]{0,40}(?:hiding|kicking|beating|battering|doing)|outside|round\s+the\s+back)"
     r"|(?:owe|owes|owed)\s+(?:[a-z]+\s+){1,2}a\s+(?:proper\s+|good\s+|right\s+)?(?:kicking|hiding|beating|battering)\b"),
    ("meat", r"(?:is|'s|s|ur|you'?re)\s+(?:dead|ded)\s+meat\b"),
    ("alone", r"(?:^|[.!]\s*)come\s+alone\s*(?:[.!]|$)"),
    ("sleep", r"sleep\s+with\s+(?:ur|your)\s+lights?\s+on\b|sleep\s+with\s+the\s+lights?\s+on\s+(?:tonight|sir|miss|mr|mrs|ms)\b"),
    ("boom bang flames smoke", r"(?:school|place|building|academy)(?:'s|\s+is)\s+(?:going|gonna\s+go)\s+(?:boom|bang|up\s+in\s+(?:flames|smoke))"),
    ("knee caps kneecaps", r"knee\s*caps?\b[^.!?]{0,20}(?:monday|tuesday|wednesday|thursday|friday|tomorrow|tonight|emj_hammer|after\s+school)"),
    ("locker bag blazer", r"(?:blade|knife|shank|machete|blades|knives)(?:'s|\s+is|\s+are|'re)\s+in\s+my\s+(?:locker|bag|blazer|pocket)"),
    ("stay indoors inside", r"stay\s+(?:indoors|inside|home)\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|tomorrow|tonight)\s+if\s+(?:you|u)\b"),
    ("brakes brake", r"(?:tweak|cut|mess\s+with|loosen|fiddle\s+with)\s+(?:\w+\s+){0,3}(?:brakes?|brake\s+lines?)\b"),
    ("kids children son daughter", rf"(?:mr|mrs|ms|miss)\s+[a-z]+'s\s+{FAMILY}\s+go(?:es)?\s+to\b[^.!?]{{0,30}}(?:right\s*\?|don'?t\s+they|doesn'?t\s+she|doesn'?t\s+he|yeah\s*\?|emj_eyes)"),
    ("swinging", r"snaps?\s+and\s+(?:goes|go|going)\s+in\s+swinging"),
    ("shank stab batter merk", r"^\W*(?:sha+nk|sta+b|ba+tter|me+rk)\s+(?:him|her|them|[a-z]+)\s+(?:in|at|after|behind|outside|by)\b"),
    # rules-8 (round nine): hoaxes, tampering, a crew or a weapon brought, a home "for now"
    ("bomb",
     r"(?:there'?s|theres|there\s+is|planted|put|left|hid|hidden|placed|leaving|leave)\s+(?:a\s+)?bomb\s+(?:in|at|under|inside|behind)\b"
     r"|\bbomb\s+(?:in|at|under|inside)\s+(?:the\s+|our\s+|ur\s+|your\s+)?(?:[a-z]+\s+){0,2}?(?:studio|hall|gym|canteen|school|block|classroom|library|office|reception|staff\s?room|toilets?|building|lab|field|corridor|class|bus|minibus)\b"
     r"[^.!?]{0,60}?(?:not\s+(?:a\s+)?(?:joke|joking|kidding|lying)|no\s+joke|deadass|\bfr\b|for\s+real|i'?m\s+serious|swear)"),
    ("bring bringing bringin brought",
     r"(?:bring|bringing|bringin|brought)\s+(?:my|me|the|his|her|our)\s+(?:bros|brothers|boys|lads|cousins|mandem|crew|gang|olders|uncles)\b[^.!?]{0,40}?(?:emj_gun|emj_knife|emj_bomb)"
     r"|(?:emj_gun|emj_knife)[^.!?]{0,40}?(?:bring|bringing|bringin|brought)\s+(?:my|me|the|his|our)\s+(?:bros|brothers|boys|lads|cousins|mandem|crew|gang|olders)\b"),
    ("piece strap ting skeng shank blade knife gun",
     r"(?:get|getting|sneak|sneaking|smuggle|smuggling|bring|bringing|take|taking)\s+(?:a|my|the|his|her|me)\s+(?:piece|strap|ting|skeng|shank|blade|knife|gun)\s+"
     r"(?:in|into|in\s+to|past|through)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?(?:prom|school|gates|security|assembly|disco|class|building|canteen|leavers)\b"
     r"(?![^.!?]{0,30}\b(?:art|exhibition|gallery|display|show\s+case|showcase|jigsaw|puzzle|cake)\b)"),
    ("something summat sumthin stuff laxative laxatives bleach drops poison pills tablets meds",
     r"(?:put|putting|slip|slipping|add|adding|pour|pouring|tip|tipping|sprinkle|sprinkling|crush|crushing|mix|mixing)\s+"
     r"(?:(?:some|a\s+bit\s+of|a\s+few)\s+)?(?:laxatives?|bleach|eye\s*drops|rat\s+poison|poison|(?:my\s+)?(?:mum'?s|nan'?s|dad'?s)\s+(?:pills|tablets|meds))\s+"
     r"(?:in|into|in\s+to)\s+(?:the\s+|his\s+|her\s+|their\s+|(?:(?:mr|mrs|ms|miss|dr)\s+)?[a-z]+'s\s+)?(?:[a-z]+\s+){0,2}?(?:kettle|coffee|tea|brew|drink|drinks|water|bottle|lunch|food|dinner|cake|flask|mug|cup|juice|milk)\b"
     r"|(?:put|putting|slip|slipping|add|adding|pour|pouring|tip|tipping|sprinkle|sprinkling)\s+(?:something|summat|sumthin|stuff|a\s+little\s+something|something\s+special)\s+"
     r"(?:in|into|in\s+to)\s+(?:the\s+|his\s+|her\s+|their\s+|(?:(?:mr|mrs|ms|miss|dr)\s+)?[a-z]+'s\s+)?(?:[a-z]+\s+){0,2}?(?:kettle|coffee|tea|brew|drink|drinks|water|bottle|lunch|food|dinner|cake|flask|mug|cup|juice|milk)\b"
     r"(?!\s+(?:bank|banks|tech|hall|bin|box|collection|hamper|drive|budget|fund|van|stall|tin|jar|sale|rota))"
     r"[^!?]{0,60}?\b(?:sick|ill|poorly|the\s+runs|toilet|shits|hospital|see\s+how|like\s+that|emj_wink|emj_smirk|emj_skull|emj_pill)"),
    ("brakes brake",
     r"(?:brakes?|brake\s+lines?)\b[^.!?]{0,50}?(?:adjust\w*|tweak\w*|loosen\w*|fiddl\w*|seen\s+to)[^.!?]{0,40}?(?:emj_wink|emj_smirk|emj_eyes|just\s+saying|accidents?\s+happen)"),
    ("longer long",
     r"\blives?\s+(?:on|at|in|near|round|by)\b[^!?]{0,80}?\b(?:won'?t|wont|will\s+not|not)\s+be\s+for\s+(?:much\s+)?(?:longer|long)\b"
     r"(?![^.!?]{0,40}\b(?:moving|move|moved|selling|sold|sale|renting|lease|emigrat\w*|relocat\w*|house\s+move)\b)"),
    ("visitors visit",
     r"(?:see|find out)\s+how\s+(?:you|u|he|she|they)\s+(?:like|likes|enjoy)\s+(?:visitors|a visit)"
     r"|(?:he|she|they|you|u)(?:'ll| will| is going to| are going to| gonna)\s+(?:get|be getting)\s+a\s+(?:little\s+|wee\s+|friendly\s+)?visit(?!\s+from\s+(?:ofsted|the inspectors?|inspectors|the council|santa|father christmas))"),
    # rules-9 (round twelve), from the lines the blind sets of rounds nine to eleven missed:
    # a day to stay away, a building "well insured", a routine watched, payment "and I don't
    # mean money"
    ("send come",
     r"(?:don'?t|dont|do\s+not|wouldn'?t|would\s+not|i\s+wouldn'?t)\s+(?:send\s+(?:your|ur)\s+(?:kids?|children|child|son|daughter|lot)\s+in|come\s+in(?:to\s+school)?)\s+"
     r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|tomorrow)\b[^!?]{0,80}?"
     r"(?:that'?s\s+all\s+i'?(?:ll|m|\s+will|\s+am)\s+(?:say|saying)|friendly\s+(?:tip|warning|advice)|you'?ve\s+been\s+warned|you\s+have\s+been\s+warned|"
     r"trust\s+me|for\s+(?:your|their)\s+own\s+good|if\s+you\s+know\s+what'?s\s+good|people\s+(?:[a-z]+\s+){0,3}i\s+(?:actually\s+)?like)"),
    ("park parking walk walking cycle cycling",
     r"(?:don'?t|dont|do\s+not|wouldn'?t|stop)\s+(?:park(?:ing)?|walk(?:ing)?|cycl(?:e|ing))\s+(?:on|down|along|in|near|by)\s+[a-z ]{1,30}?\s+(?:any\s?more|again|after\s+dark)\b"
     r"[^!?]{0,60}?(?:friendly\s+(?:bit\s+of\s+)?(?:advice|tip|warning)|you'?ve\s+been\s+warned|emj_wink)"),
    ("insured",
     r"hope\s+(?:the|your|ur|his|her|their)\s+(?:new\s+)?(?:[a-z]+\s+){0,2}?(?:block|building|school|house|car|staff\s?room|hall|gym|office|windows?|classroom|van|flat|shop)\s+"
     r"(?:is|are|'s)\s+(?:well|fully|properly|good\s+and)\s+insured"),
    ("coming driving heading travelling getting",
     r"(?:boys|lads|mandem|crew|olders|cousins|brothers|uncles)\s+(?:are\s+|r\s+|is\s+)?(?:coming|driving|heading|travelling|getting\s+the\s+train)\s+(?:up\s+|down\s+|over\s+|round\s+|in\s+)?"
     r"(?:from\s+[a-z]+\s+)?for\s+(?!(?:the|a|an|christmas|easter|dinner|tea|lunch|it|that|this|some|my|our|his|her|their|your)\b)[a-z]+"
     r"[^!?]{0,60}?(?:knows?\s+what\s+(?:he|she|they)\s+(?:did|done)|knows?\s+why|(?:he|she)(?:'s|s|\s+is)\s+done)"),
    ("clocked clocking noted",
     r"(?:clocked|clocking|noted)\s+(?:which|what)\s+(?:house|car|flat|door|road|street)\s+(?:is\s+)?(?:yours|his|hers|theirs|(?:you|u|he|she|they)\s+(?:live|lives|drive|drives|park|parks))"),
    ("routine movements",
     r"(?:watching|clocking|tracking|studying|learning|following|noting)\s+(?:(?:the|that|this)\s+(?:[a-z]+\s+){0,2}?(?:teacher|head|caretaker|ta|coach|lady|man|woman|girl|boy)|(?:mr|mrs|miss|ms|sir|dr)\s+[a-z]+)'?s\s+(?:routine|movements)"),
    ("outside",
     r"(?:stood|waited|sat|parked|been)\s+(?:up\s+)?outside\s+(?:the\s+)?(?:staff\s+(?:entrance|car\s*park|room)|(?:her|his|their)\s+(?:house|flat|door|car|classroom|office))\b[^.!?]{0,40}?(?:nights?|evenings?|days)\s+(?:running|in\s+a\s+row)"),
    ("columbine dunblane sandy uvalde parkland virginia",
     r"(?:columbine|dunblane|sandy\s+hook|uvalde|parkland|virginia\s+tech)\b[^.!?]{0,30}?(?:had\s+the\s+right\s+idea|had\s+a\s+point|were\s+(?:legends|heroes|right)|(?:was|is)\s+(?:a\s+)?(?:legend|hero)|did\s+nothing\s+wrong|2\.0|sequel)"),
    ("mean",
     r"(?:pay|pays|paying)\s+for\s+(?:it|this|that)\b[^!?]{0,20}?(?:and\s+)?(?:i|we)\s+(?:don'?t|dont|do\s+not)\s+mean\s+(?:money|financially|in\s+cash|with\s+money)"),
    # rules-10 (round thirteen), from the lines holdout19 and holdout20 missed: a seat to
    # avoid on a named day, a "send off" that is "not a party", the walk home "not safe for
    # you anymore", "the last normal one", "better hope they're off sick"
    ("sit stand be come go",
     r"(?:don'?t|dont|do\s+not|i\s+wouldn'?t|wouldn'?t)\s+(?:sit|stand|be|come|go)\s+(?:near|in|at|by|into|to|anywhere\s+near)\s+[^.!?]{0,40}?"
     r"\b(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|tomorrow|tonight)\b[^!?]{0,30}?"
     r"(?:trust\s+me|you'?ve\s+been\s+warned|you\s+have\s+been\s+warned|friendly\s+(?:tip|warning|advice)|just\s+saying|that'?s\s+all\s+i'?m\s+say(?:ing)?|for\s+(?:your|ur)\s+own\s+good)"),
    # rules-14: "If I was you I wouldn't be at the leavers' assembly this year. Just a friendly tip."
    ("wouldn be come go",
     r"(?:if\s+i\s+(?:was|were)\s+(?:you|u)|i\s+wouldn'?t|i\s+would\s+not|wouldn'?t)\s+[^.!?]{0,20}?\b(?:be|come|go)\s+(?:at|to|in|near|into)\s+[^.!?]{0,40}?"
     r"\b(?:assembly|prom|sports\s+day|leavers|school|the\s+match|disco|the\s+show|concert|parents'?\s+evening|the\s+gates?|the\s+party|the\s+fair|the\s+trip)\b[^!?]{0,60}?"
     r"(?:friendly\s+(?:tip|warning|advice)|trust\s+me|you'?ve\s+been\s+warned|you\s+have\s+been\s+warned|just\s+saying|for\s+(?:your|ur)\s+own\s+good|that'?s\s+all\s+i'?m\s+say(?:ing)?)"),
    # rules-15: "ur mum's gonna be identifying you by ur trainers", "Year 7 parents might want to book
    # their kids a 'sick day' on Thursday. Just a friendly heads up 😉"
    ("identifying identify identified",
     r"identif(?:y|ying|ied)\s+(?:you|u|him|her|them|(?:ur|your|his|her|their)\s+body)\s+(?:by|from)\s+(?:ur|your|his|her|their)\s+(?:trainers|shoes|teeth|clothes|tattoos?|dental\s+records|uniform|blazer)\b"),
    ("keep book give",
     r"(?:keep|book|give)\s+(?:your|ur|their|the)\s+(?:kids?|children|child|son|daughter|lot)\s+(?:a\s+)?['\"]?(?:sick\s+day|day\s+off|at\s+home|home|off)['\"]?\s+(?:on\s+)?"
     r"(?:monday|tuesday|wednesday|thursday|friday|tomorrow)\b[^!?]{0,60}?(?:friendly|heads[\s-]+up|trust\s+me|warned|just\s+saying|emj_wink)"),
    # rules-17: "Anyone in a Hillcrest blazer near the rec after 3 is fair game", "Friendly advice to the
    # sixth form: skip assembly tomorrow.", "wnna see miss r0wntree in a b0dy bag"
    ("fair game",
     r"(?:after|at|near|by|outside|round)\s+[^.!?]{0,30}?\b(?:is|are|r)\s+fair\s+game\b"),
    ("friendly advice tip warning heads word",
     r"(?:friendly\s+(?:advice|tip|warning)|heads[\s-]+up|word\s+of\s+advice)\b[^.!?]{0,40}?\b(?:skip|avoid|stay\s+away\s+from|don'?t\s+(?:come|go)\s+(?:to|in|into))\s+"
     r"(?:[a-z']+\s+){0,3}?(?:tomorrow|today|monday|tuesday|wednesday|thursday|friday|assembly|school|prom|the\s+(?:hall|canteen|gates?|match|disco|show|trip))\b"),
    ("body bag bodybag",
     r"(?:see|want|wanna|wana|watch)\s+[^.!?]{0,30}?\bin\s+a\s+(?:body\s*bag|coffin|box)\b"),
    # rules-16: "Everyone who was in that group chat has a week. Clock's ticking.", "Tomorrow's the day
    # everyone finally listens to me. Don't sit in the canteen.", "when I'm done there won't be a
    # school left for any of you to complain about"
    # rules-18: "Could someone post the staff list with home addresses? No reason 🙂"
    ("addresses address",
     r"(?:staff|teachers?'?)\s+(?:list\s+)?(?:with\s+)?(?:their\s+)?home\s+address(?:es)?\b[^!]{0,40}?(?:no\s+reason|just\s+(?:because|curious|asking)|emj_smile|🙂)"),
    ("ticking", r"(?:has|have|got|gets)\s+(?:a|one|two|three|\d)\s+(?:weeks?|days?|months?)\b[^!?]{0,20}?\bclock(?:'s|s|\s+is)\s+ticking"),
    ("day sit stand be come go",
     r"(?:tomorrow|tmrw|monday|tuesday|wednesday|thursday|friday)(?:'s|s|\s+is)\s+the\s+day\b[^!?]{0,80}?(?:don'?t|dont|do\s+not)\s+(?:sit|stand|be|come|go)\s+(?:in|near|at|by|into)\s+"
     r"(?:the\s+)?(?:canteen|hall|library|playground|field|school|gates?|assembly|class|sports\s+hall|gym)"),
    ("left",
     r"there\s+(?:won'?t|will\s+not|wont)\s+be\s+(?:a|any|much\s+of\s+(?:a|the))\s+(?:school|building|class|staff\s*room|sixth\s+form|block)\s+left\b"),
    ("party celebration disco cake card",
     r"(?:send\s*off|sendoff|goodbye|leaving\s+present|surprise|something\s+to\s+remember)\b[^!?]{0,60}?"
     r"(?:not|n'?t)\s+(?:talking|on)\s+about\s+(?:a\s+)?(?:party|celebration|disco|cake|card)"),
    ("safe",
     r"(?:isn'?t|is\s+not|'s\s+not|s\s+not|aren'?t|are\s+not|won'?t\s+be|not)\s+safe\s+(?:for|4)\s+(?:you|u)\s+(?:any\s?more|no\s*more|after\s+(?:today|tonight|this))"),
    ("normal",
     r"(?:it'?s|its|was|be|that\s+was|is)\s+(?:the|your|ur|their)\s+last\s+normal\s+(?:day|one|week|lesson|monday|tuesday|wednesday|thursday|friday)\b"),
    ("hope pray",
     r"(?:better|should|had\s+better)\s+(?:hope|pray)\s+(?:they'?re|theyre|you'?re|youre|ur|he'?s|she'?s|they\s+are|you\s+are|u\s+r|(?:he|she|they|you|u)\s+(?:is|are|r|stay|stays))\s+"
     r"(?:off(?:\s+sick)?|absent|not\s+in|at\s+home|home|ill|away)\b"),
    # (from holdout17 and holdout18, no longer blind either)
    ("present gift card cake surprise",
     r"got\s+(?:something|summat|sumthin|a\s+little\s+something)\s+(?:for|4)\s+[a-z]+\b[^.!?]{0,30}?(?:and\s+)?it\s+(?:ain'?t|aint|isn'?t|is\s+not|won'?t\s+be)\s+(?:a\s+)?"
     r"(?:birthday\s+|christmas\s+|xmas\s+|nice\s+)?(?:present|gift|card|cake|surprise)"),
    ("yet",
     r"(?:clos(?:e|ing)|shut(?:ting)?(?:\s+down)?|not\s+open(?:ing)?)\s+(?:early\s+)?(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|tomorrow)?[^.!?]{0,20}?[,.]?\s*"
     r"(?:they|he|she|the\s+head|the\s+school|nobody|no\s*one)\s+(?:just\s+)?(?:don'?t|doesn'?t|do\s+not|does\s+not|dont)\s+know\s+(?:it\s+)?yet"),
    ("can",
     r"(?:sleep\s+well|sweet\s+dreams|sleep\s+tight|rest\s+easy)\s*,?\s*(?:mr|mrs|ms|miss|sir|dr)\b[^!?]{0,30}?while\s+(?:you|u|he|she|they)\s+(?:still\s+)?can\b"
     # rules-24: "Sleep well Connor. While you can."
     r"|(?:sleep\s+well|sweet\s+dreams|sleep\s+tight|rest\s+easy)\s*,?\s*[a-z]+\s*[.!,]+\s*while\s+(?:you|u)\s+(?:still\s+)?can\b"),
    ("back",
     r"(?:pay|paying|get|getting)\s+(?:them|him|her|em|every(?:one|1))?\s*back\s+(?:for\s+)?(?:what|everything)\s+(?:they|he|she|you|u)\s+(?:did|done)\b[^!?]{0,80}?"
     r"\b(?:day|monday|tuesday|wednesday|thursday|friday|tomorrow|assembly|prom|results)\b"),
    ("news headlines",
     r"remember\s+this\s+(?:post|tweet|comment|message)\b[^!?]{0,40}?(?:on\s+the\s+news|in\s+the\s+news|makes?\s+the\s+news|headlines)"),
    ("capable",
     r"(?:everyone|every1|they|you|u|the\s+(?:whole\s+)?school)(?:\s+will|\s+is\s+gonna|'ll|\s+are\s+gonna)?\s+(?:all\s+)?finds?\s+out\s+what\s+i'?m\s+(?:really\s+|actually\s+)?capable\s+of"),
    ("planning planned",
     r"(?:been\s+planning|planned|planning)\s+(?:this|it|monday|tuesday|wednesday|thursday|friday|the\s+day)\s+(?:for|since)\b[^!?]{0,80}?"
     r"(?:famous|remember\s+(?:the\s+date|the\s+day|me|my\s+name)|on\s+the\s+news|never\s+forget|history|first\s+thing)"),
    ("safer",
     r"park\s+it\s+somewhere\s+safer\b"),
    # rules-19: "The girl who started the rumour has till the end of the week. Everyone knows who I mean.",
    # "Just make sure you're not in the main hall at 11 on Wednesday. I like you, so I'm telling you."
    ("till until",
     r"(?:has|have|got|gets)\s+(?:'?til|till|until)\s+(?:the\s+end\s+of\s+)?(?:the\s+week|this\s+week|friday|monday|tuesday|wednesday|thursday|tomorrow|tonight|half\s+term|home\s*time)\b"
     r"[^!?]{0,40}?(?:every(?:one|1|body)\s+knows\s+who\s+i\s+mean|(?:you|u|she|he|they)\s+knows?\s+who\s+(?:you|u|she|he|they)\s+(?:are|is)\b|clock(?:'s|s|\s+is)\s+ticking"
     r"|(?:you|u)'?ve\s+been\s+warned)"),
    ("make sure",
     r"make\s+sure\s+(?:you'?re|youre|ur|u'?re|you\s+are|u\s+r|u\s+are)\s+not\s+(?:in|at|near|by|anywhere\s+near)\s+[^.!?]{0,40}?"
     r"\b(?:(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|tomorrow|tonight)|at\s+\d{1,2}(?:[:.]\d{2})?)\b[^!?]{0,60}?"
     r"(?:i\s+like\s+(?:you|u)|trust\s+me|(?:you|u)'?ve\s+been\s+warned|friendly\s+(?:tip|warning|advice)|just\s+saying|for\s+(?:your|ur)\s+own\s+good"
     r"|i'?m\s+(?:only\s+|just\s+)?(?:telling|warning)\s+(?:you|u)|that'?s\s+all\s+i'?m\s+say(?:ing)?)"),
    # rules-20 (round twenty-three), from the lines holdout41 and holdout42 missed: "ending it for
    # everyone in 10R ... Not me. Them.", a brother kept indoors because "the boys are looking for
    # your family", a teacher's daughters named with their primary school and pick-up time
    ("ending end finishing finish",
     r"(?:ending|end|finishing|finish)\s+it\s+for\s+(?:every(?:one|1|body)|them|all\s+of\s+(?:them|you|u))\b[^!?]{0,80}?\bnot\s+me\s*[.!]+\s*(?:them|you|u)\s*(?:[.!]|$)"),
    ("looking",
     r"keep\s+(?:your|ur)\s+[^.!?]{0,30}?\b(?:indoors|inside|in|at\s+home|home)\b[^!?]{0,60}?\b(?:boys|lads|mandem|man\s+dem|olders|crew|cousins)\s+(?:are|r|is)\s+(?:out\s+)?looking\s+(?:for|4)\s+"
     r"(?:you|u|him|her|them|(?:your|ur)\s+(?:family|fam|brother|bro|sister|sis|mum|mom|dad|kids?|son|daughter)|(?:your|ur)\s+(?:little|baby|big)\s+[a-z]+)\b"),
    ("primary nursery infants juniors",
     r"(?:you\s+have|you'?ve\s+got|u\s+have|u\s+got|your|ur)\s+(?:(?:two|three|four|\d)\s+)?(?:little\s+)?(?:daughters?|sons?|kids?|children|girls?|boys?|grandkids|grandchildren)\s+"
     r"(?:at|go\s+to|goes\s+to|in)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:primary|nursery|infants?|juniors?)\b[^!]{0,60}?(?:pick[\s-]?up|drop[\s-]?off|home\s*time|finish(?:es)?\s+at|walk\s+home)[^!.]{0,50}?(?:isn'?t\s+it|don'?t\s+they|right|yeah|innit|aren'?t\s+they)\s*\?"),
    # rules-21 (round twenty-four), from the tuning sets' threats read as self-harm: "Someone is
    # going to die at prom this year and I'm going to make sure it's Zack", "the bl@de's already in
    # my blazer pocket, ask for me at break"
    ("sure",
     r"(?:going\s+to|gonna|gna|will)\s+die\b[^.!?]{0,40}?[.!?,]?\s*(?:and\s+)?i'?m\s+(?:going\s+to|gonna|gna)\s+make\s+sure\s+(?:it'?s|its|it\s+is)\s+(?!me\b|not\b)[a-z]+"),
    ("already pocket blazer bag locker coat jacket waistband sock",
     r"(?:knife|blade|shank|skeng|machete|gun|strap|ting|piece|emj_knife|emj_gun)(?:'s|s|\s+is|\s+are)\s+(?:already\s+)?(?:in|inside)\s+my\s+(?:blazer|bag|pocket|locker|coat|jacket|waistband|sock|rucksack)\b"
     r"(?![^.!?]{0,40}\b(?:dt|d&t|craft|cooking|food\s+tech|for\s+(?:dt|cooking|art|the\s+lesson)|sharpener)\b)"),
    # rules-27 (round twenty-eight), from the lines holdout53 and holdout54 missed: "you're leaving on a
    # stretcher either way", "ur mum n ur lil sis safe? nah not 4 long 😈", "Nice to have the reg.",
    # "parks in the same spot every single morning at 7:40. Just noting it.", "I'd keep my kids off on
    # sports day ... Not saying why.", "Skip the leavers' assembly. Trust me on this one.", "make you
    # listen with my fists", "sign the slip with both hands in casts", "Her bedroom's the one above the garage."
    ("stretcher ambulance", r"(?:you'?re|youre|ur|u\s+r|you\s+are|you'?ll\s+be|u'?ll\s+be|you\s+will\s+be|he'?s|she'?s|he'?ll\s+be|she'?ll\s+be)\s+(?:leaving|going\s+home|getting\s+carried\s+out|carried\s+out)\s+(?:on|in)\s+(?:a|an)\s+(?:stretcher|ambulance|body\s*bag)\b"),
    ("long", r"\b(?:ur|your)\s+[^.!?]{0,40}?\b(?:safe|ok|okay|alright|protected)\s*\?+\s*(?:nah|no|not)\b[^.!?]{0,10}?\bnot\s+(?:4|for)\s+long\b"),
    ("reg", r"(?:saw|seen|spotted|clocked|noticed)\b[^!?]{0,100}?\b(?:nice|good|handy|useful)\s+to\s+(?:have|know)\s+the\s+(?:reg|registration|number\s+plate|plate)\b"),
    ("noting noted saying",
     r"(?:parks?|leaves?|arrives?|walks?|gets?\s+(?:in|out))\b[^.!?]{0,50}?\bevery\s+(?:single\s+)?(?:morning|day|night|evening|afternoon)\b[^!?]{0,40}?(?:just\s+noting\s+it|just\s+noting|noted|just\s+saying|just\s+so\s+(?:you|u)\s+know)"),
    ("kids children son daughter",
     r"(?:keep|kept)\s+(?:my|your|ur|their)\s+(?:kids?|children|son|daughter|little\s+ones?)\s+(?:off|home|at\s+home)\s+(?:on|this|tomorrow|next)\b(?![^!?]{0,50}\b(?:ill|sick|poorly|unwell|temperature|covid|bug|snow|strike)\b)[^!?]{0,80}?(?:not\s+saying\s+why|trust\s+me|(?:you|u)'?ve\s+been\s+warned|that'?s\s+all\s+i'?m\s+say(?:ing)?)"),
    ("skip", r"\bskip\s+(?:the\s+)?(?:[a-z']+\s+)?(?:assembly|prom|sports\s+day|disco|show|concert|fair|match)\b[.!,]*\s*trust\s+me\b"),
    ("fists", r"make\s+(?:you|u|him|her|them)\s+(?:listen|understand|pay|sorry|regret\s+it)\s+(?:with|wiv)\s+(?:my|me)\s+(?:fists|hands|boots|bat|knife)\b"),
    ("casts plaster slings", r"let'?s\s+see\s+(?:him|her|them|[a-z]+)\b[^.!?]{0,40}?\b(?:with\s+)?(?:both\s+)?(?:hands|arms|legs)\s+in\s+(?:casts|plaster|slings)\b(?![^.!?]{0,60}\b(?:poor|broke|broken|injur\w*|accident|skiing|fell|fall|get\s+well)\b)"),
    ("bedroom", r"(?:her|his|their)\s+bedroom(?:'s|s|\s+is)\s+the\s+one\s+(?:above|over|next\s+to|at\s+the\s+(?:back|front)|with|facing|by)\b"),
    # rules-28 (round twenty-nine), from the lines holdout59 and holdout60 missed: "k.i.l.l.i.n.g. miss
    # oakley is on my to do list", "Mr P3ndry bout to get d3aded", "lets go round and f*** her up
    # proper", "Tomorrow I finally even the score with the whole maths department", "Year 8s might want
    # to take a sick day on the 14th 🙂", "Those of you who made my life hell won't be around to see the 23rd."
    ("list", r"(?:kill|killing|stab|stabbing|shoot|shooting|murder|murdering|hurt|hurting|end|ending|batter|battering)\s+(?!myself\b|me\b)[^.!?]{1,40}?\b(?:is|'s|s|are|r)\s+(?:on|at\s+the\s+top\s+of)\s+my\s+(?:to[\s-]?do|hit|kill|bucket)\s+list\b"),
    ("deaded", r"(?<!\bi'm\s)(?<!\bim\s)(?<!\bi\sam\s)\b(?:get|gets|getting|gettin|got|gonna\s+get|going\s+to\s+get|bout\s+to\s+get|about\s+to\s+get|finna\s+get)\s+(?:\w+\s+)?deaded\b"),
    ("fuck fucking", r"\b(?:go|going|gonna|gna|let'?s|lets|we'?ll|we\s+will|i'?ll|ill|i\s+will|wanna|want\s+to|finna|bout\s+to)\s+(?:go\s+)?(?:round\s+(?:and|n|&)\s+|over\s+(?:and|n|&)\s+|down\s+(?:and|n|&)\s+)?fuck\s+(?:him|her|them|dem|em|you|u|(?!(?:it|this|that|things?|everything|all|stuff|me|myself|us|ourselves|up)\b)[a-z]+)\s+up\b"),
    ("score", r"(?:even|settle|settling|evening)\s+(?:the|my|our|a|an\s+old)\s+scores?\s+with\s+(?!myself\b)[^.!?]{0,50}?(?:[.!]\s*|\s+)(?:make\s+sure|be\s+(?:there|in)|you'?d\s+better|tomorrow|monday|tuesday|wednesday|thursday|friday|period\s+\d|at\s+\d)"
             r"|(?:tomorrow|monday|tuesday|wednesday|thursday|friday|next\s+week)\b[^.!?]{0,30}?\b(?:even|settle)\s+(?:the|my|a)\s+scores?\s+with\s+(?:the\s+)?(?:whole\s+)?(?:[a-z]+\s+)?(?:department|class|year|form|lot|staff|teachers?|school|sixth\s+form)\b"),
    ("sick sickie", r"(?:might|may|should|wanna|want\s+to|better)\s+(?:want\s+to\s+|wanna\s+)?(?:take|have|pull|book|throw)\s+(?:a\s+)?['\"]?(?:sick\s+day|sickie|day\s+off)['\"]?\s+(?:on|this|next|tomorrow)\b"
              r"(?![^!?]{0,40}\b(?:ill|poorly|unwell|strike|snow|inset|training\s+day|bug|covid|flu)\b)"),
    ("around alive here", r"(?:those\s+of\s+(?:you|u)|you\s+lot|all\s+of\s+(?:you|u)|every(?:one|1)|the\s+ones?|anyone|people)\s+(?:who|that)\s+[^.!?]{0,50}?\b(?:won'?t|wont|will\s+not|aren'?t\s+going\s+to|ain'?t\s+gonna)\s+be\s+(?:around|here|alive|breathing)\b"),
    # rules-29 (round thirty), from the lines holdout58 and holdout61 missed: "Hope Kayla's mum has good
    # home insurance 🙂", "pr3pare for a b/oodbath on monday x", "tht teacher gna get b@ttered n left in a
    # ditch", "send me Miss Quirke's home address, I'm going round to make her pay", "Keep talking Reece.
    # Your nan's still on Fernleigh Close right?", "Going in with a full kit tomorrow and I don't mean PE
    # kit", first aid "you're going to need it and it's not for the football"
    ("insurance", rf"hope\s+(?:{lx.YOU}|ur|your|he|she|they|[a-z]+'?s\s+(?:mum|mam|mom|dad|nan|nana|gran|family|parents|brother|sister)|{lx.TITLE_NAME})\s+"
                  r"(?:has|have|got|'s\s+got|'ve\s+got|has\s+got)\s+(?:good|decent|proper|enough|some|the\s+right)?\s*(?:home|house|contents|fire|buildings?)\s+insurance\b"),
    ("bloodbath blood bath oodbath",
     r"(?:(?:prepare|get\s+ready|be\s+ready|ready)\s+(?:yourselves\s+|urselves\s+|yourself\s+)?(?:for|4)\s+(?:a|the)\s+b[l/|1]ood\s?bath\b"
     r"|\bb[l/|1]ood\s?bath\s+(?:on|at|in|this|next|tomorrow|tmrw)\s+(?:the\s+)?(?:monday|tuesday|wednesday|thursday|friday|mon|tues?|weds?|thurs?|fri|school|skl|week|morning|assembly|break|lunch)\b)"
     r"(?![^.!?]{0,40}\b(?:mocks?|exams?|tests?|match|derby|game|finals?|league|fixtures?|results|sales?|quiz|tournament|cup|semis?|paper|marking|parents'?\s+evening)\b)"),
    ("ditch hedge canal", r"(?:get|got|getting|gettin)\s+(?:\w+\s+)?(?:battered|beaten|stabbed|shanked|merked|bodied|jumped|smashed|glassed|killed|done\s+in)\s+(?:and|n|&)\s+(?:left|dumped|thrown)\s+in\s+(?:a|the)\s+(?:ditch|hedge|canal|river|bin|skip|gutter|woods)\b"),
    ("pay", r"(?:i'?m|im|we'?re|were|gonna|going\s+to|i'?ll|ill|we'?ll|i\s+will|we\s+will|finna)\s+(?:[a-z']+\s+){0,4}?make\s+(?:her|him|them|you|u|yall|y'all|that\s+[a-z]+)\s+pay\b"
            r"(?!\s+(?:for|back|the|a|it|up|attention|their|his|her|in|\d|£))(?![^.!?]{0,60}\b(?:court|lawyers?|solicitors?|sue|suing|legal|complaint|ofsted|compensation|fine|bill|invoice|fees?|refund|tax)\b)"),
    ("still",
     r"(?:your|ur|yo)\s+(?:nan|nana|nanna|gran|granny|grandma|mum|mam|mom|dad|family|little\s+(?:sis|sister|brother|bro)|sister|brother|sis|bro)(?:'s|s|\s+is)?\s+still\s+(?:on|at|in|living\s+(?:on|at|in))\s+"
     r"[a-z]+\s+(?:close|road|rd|street|st|avenue|ave|lane|drive|way|crescent|grove|court|gardens|terrace|estate)\b[,\s]*(?:right|yeah|yh|ye|innit|init|isn'?t\s+(?:she|he|it|they))\s*\?"),
    ("mean need", r"and\s+i\s+(?:don'?t|dont|do\s+not)\s+mean\s+(?:the\s+|my\s+|a\s+|his\s+)?(?:pe|p\.e\.?|football|rugby|gym|school|sports?|footy)\s+kit\b"
                               r"|(?:you'?re|you\s+are|ur|u\s+r|you'?ll|u\s+will|you\s+will|they'?re|they'?ll)\s+(?:going\s+to|gonna|gna)?\s*need\s+it\b[^.!?]{0,30}?\b(?:not|isn'?t)\s+for\s+the\s+(?:football|match|game|rugby|netball|hockey|pitch|footy)\b"),
    # rules-26 (round twenty-seven), from the lines holdout51 and holdout52 missed: "Last warning
    # Harriet. After this it's not words anymore", "we've got your address off the group chat. see
    # you soon x"
    ("warning words",
     r"(?:last|final)\s+warning\s*,?\s*[a-z]+\s*[.!]+[^!?]{0,60}?(?:(?:it'?s|its|it\s+is|it\s+won'?t\s+be)\s+not\s+(?:just\s+)?words|not\s+(?:just\s+)?words\s+any\s?more|next\s+time\s+it'?s\s+not\s+(?:words|talking))"),
    ("address postcode",
     r"(?:got|have|found|know)\s+(?:your|ur)\s+(?:address|postcode|house\s+number)\s+(?:off|from|on)\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+)?"
     r"(?:group\s*chat|gc|snap|snapchat|insta|instagram|internet|someone|a\s+mate|(?:his|her|their)\s+(?:phone|mate))\b[^!?]{0,60}?(?:see\s+(?:you|u|ya)\s+soon|coming\s+(?:round|for\s+(?:you|u))|pay\s+(?:you|u)\s+a\s+visit|we'?ll\s+be\s+round)"),
    # rules-24 (round twenty-six), from the lines holdout47 and holdout48 missed: "u r a d3ad m4n
    # walkin", "no one can save u", "I'd stay well clear of the lower corridor after lunch tomorrow
    # if I was in year 7", "Ask Mia's mum if she's got good locks on her doors. Asking for a friend."
    ("walking walkin",
     r"(?:you|u)(?:'?re|\s+are|\s+r|re)\s+a\s+dead\s+(?:man|girl|boy|woman|ting|lad)\s+walk(?:ing|in)\b"),
    ("save",
     r"no\s*(?:one|body|1)\s+(?:can|could|will|gonna|is\s+gonna|is\s+going\s+to)\s+(?:save|help|protect)\s+(?:you|u|him|her|them)\b"
     r"(?!\s+(?:from|with|in|on|at)\s+(?:the\s+|this\s+|ur\s+|your\s+)?(?:exams?|mocks?|homework|tests?|detention|maths|revision|quiz|coursework|gcses?|boredom)\b)"),
    ("clear away",
     r"(?:i'?d|i\s+would|i'?d\s+be)\s+(?:stay(?:ing)?|keep(?:ing)?)\s+(?:well\s+)?(?:clear|away)\s+(?:of|from)\s+[^.!?]{0,50}?"
     r"\b(?:tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|after\s+(?:lunch|school|break))\b[^.!?]{0,40}?\bif\s+i\s+(?:was|were)\s+(?:in\s+(?:year|yr)\s?\d+|(?:a\s+)?(?:year|yr)\s?\d+)"),
    ("locks",
     r"(?:good|strong|decent|proper)\s+locks\s+on\s+(?:her|his|their|your|ur)\s+(?:doors?|windows?|house|front\s+door)\b[^!]{0,40}?(?:asking\s+for\s+a\s+friend|no\s+reason|just\s+(?:asking|wondering|curious)|emj_smile|🙂|😉)"),
    # rules-22: "Been sharpening something all weekend, can't wait for double maths"
    ("sharpening",
     r"\b(?:been|i'?ve\s+been|i'?m|im)\s+sharpening\s+(?:something|summat|sumthin|a\s+little\s+something)\b"),
    # rules-19: "you think the fire drill was scary? wait til the real one"
    ("drill alarm",
     r"\b(?:fire|lockdown|evacuation|bomb)\s+(?:drill|alarm)\b[^.!?]{0,40}[.!?]?\s*(?:just\s+)?wait\s+(?:til|till|until|for)\s+(?:the\s+)?real\s+(?:one|thing)\b"
     r"(?![^.!?]{0,20}?\b(?:we'?d|we\s+would|we'?ll|we\s+will|everyone\s+(?:would|will)|no\s*(?:one|body)\s+would)\b)"),
    ("being",
     r"done\s+being\s+(?:polite|nice|civil|reasonable|patient)\b[^!?]{0,80}?(?:whatever|anything\s+that)\s+happens\s+(?:next\s+|after(?:\s+that)?\s+|then\s+)?(?:is|'s)\s+on\s+(?:them|him|her|you|the\s+school|the\s+head)"),
    # rules-30 (round thirty-one), from the lines holdout64 and holdout65 missed: "brng ur own body bags for
    # the yr 11s on frday", "Some people at this school won't be around to sit their GCSEs. Remember I said
    # that.", "thinks she's safe because she's got an injunction lol. Paper doesn't stop anything.", "I
    # wonder how long the fire alarm would take to go off if it started in the library at lunch"
    ("bag bags bodybag bodybags",
     r"\b(?:bring|brng|need|needs|order|get|pack|buy)\s+(?:ur|your|yr|the|some|enough|a\s+few|extra)?\s*(?:own\s+)?body\s*bags?\b"
     r"[^.!?]{0,40}?\b(?:for|on|at|by|after)\b(?![^.!?]{0,40}\b(?:halloween|costume|fancy\s+dress|props?|drama|play|haunted|fright\s+night|scare)\b)"),
    ("around alive breathing making",
     r"\bsome\s+(?:people|ppl|of\s+(?:you|u|yall|them|you\s+lot))\s+(?:(?:at|in|from)\s+(?:this|that|our|the)\s+(?:school|skl|year|yr|form|class)\s+)?"
     r"(?:won'?t|wont|will\s+not|aren'?t\s+gonna|are\s+not\s+going\s+to|ain'?t\s+gonna)\s+(?:be\s+)?(?:around|here|alive|breathing|making\s+it)\s+"
     r"(?:to|for|by|after|next|much\s+longer|come)\b(?=[^!?]{0,80}?\b(?:remember\s+(?:i|what\s+i)\s+said|mark\s+my\s+words|you'?ll\s+see|just\s+wait|watch\s+this\s+space)\b)"),
    ("injunction restraining order paper",
     r"\b(?:thinks?|think)\s+(?:she|he|they)(?:'s|s|\s+is|'re|\s+are|\s+r)\s+safe\b[^.!?]{0,40}?\b(?:injunction|restraining\s+order|court\s+order|non-?molestation)"
     r"|\b(?:injunction|restraining\s+order|court\s+order|(?:a\s+)?(?:piece\s+of\s+)?paper)s?\s+(?:won'?t|wont|doesn'?t|does\s+not|will\s+not|can'?t|cannot|don'?t)\s+(?:stop|protect|save|keep)\s+(?:anything|anyone|her|him|them|you|u|me|nothing)\b"),
    ("burn alarm fire",
     r"\bwonder\s+how\s+(?:long|fast|quick(?:ly)?)\s+[^.!?]{0,60}?\b(?:burn|go\s+up|catch\s+fire|fire\s+alarm)\b[^.!?]{0,50}?\bif\s+(?:it|a\s+fire|one|something|someone|some1)\s+(?:started|start|starts|was\s+started|lit|set)\b"
     r"|\bwonder\s+how\s+(?:long|fast|quick(?:ly)?)\s+(?:it|the\s+[a-z]+(?:\s+block)?|this\s+(?:school|skl|place)|school|skl)\s+(?:would|will|wud|wld)\s+(?:take\s+to\s+)?burn\b"),
    # rules-31 (round thirty-two), from the lines holdout70 and holdout71 missed: a funeral bought for,
    # a house watched, a school that "won't be there", revenge "when I'm done", headstones for snitches
    ("funeral",
     r"\b(?:buy|get|find|wear|iron|save\s+up\s+for)\s+(?:something\s+black|(?:a|your|ur)\s+black\s+(?:suit|dress|tie|outfit))\s+(?:for|4)\s+(?:his|her|their|[a-z]+'s)\s+funeral\b"
     r"|\b(?:his|her|their|[a-z]+'s)\s+funeral\b[^.!?]{0,30}?\b(?:soon\s+enough|sooner\s+than|won'?t\s+be\s+long|coming\s+soon|any\s+day\s+now|real\s+soon)\b"),
    ("watching watched curtains",
     r"\b(?:been\s+)?watch(?:ing|ed)\s+(?:[a-z]+'s|his|her|their|ur|your)\s+(?:house|home|flat|window|bedroom|door)\b[^.!?]{0,20}?\b(?:for\s+(?:a|two|three|\d+)\s+(?:weeks?|days?|nights?|months?)|every\s+(?:night|day|evening)|all\s+week)\b"
     r"|\bnever\s+(?:shuts?|closes?|draws?)\s+(?:his|her|their|ur|your)\s+curtains\b"),
    ("school building block hall",
     r"\bthere\s+(?:won'?t|wont|will\s+not|ain'?t\s+gonna|isn'?t\s+gonna)\s+be\s+(?:a|any)\s+(?:school|skl|building|sports\s+hall|hall|[a-z]+\s+block)\s+(?:left\s+)?(?:to|for|by|after|on|come)\b"),
    ("done finished through wish",
     r"\bwhen\s+i'?m\s+(?:done|finished|through)\b[^.!?]{0,40}?\b(?:will|'ll|gonna|going\s+to)\s+(?:wish|regret|be\s+sorry)\b[^.!?]{0,30}?\b(?:nicer|kinder|left\s+me|messed|crossed|laughed)\b"),
    # rules-32 (round thirty-three), from the lines holdout74 and holdout75 missed: "there won't be a mock",
    # an aim practised for September, "you won't be around for them", a field that will be "a crime scene",
    # an evacuation demanded, a list of names, a gate not to use "just don't", a fire alarm "for real", "after
    # this it's not words", a pupil home alone told to keep laughing
    ("bother",
     r"\bdon'?t\s+bother\s+(?:revising|studying|coming|turning\s+up|doing)\b[^!?]{0,40}?\bthere\s+(?:won'?t|wont|will\s+not|ain'?t\s+gonna)\s+be\s+(?:a|an|any)\s+"
     r"(?:mock|mocks|exam|exams|test|school|lesson|assembly|sports\s+day|prom)\b"),
    ("aim",
     r"\bpracti[sc](?:e|ed|ing)\s+my\s+aim\b[^!?]{0,60}?\b(?:see|seeing)\s+(?:everyone|every1|everybody|you\s+all|y'?all|you\s+lot|u\s+all)\b"),
    ("worry",
     r"\b(?:you|u)\s+won'?t\s+(?:need|have)\s+to\s+worry\s+about\s+(?:your|ur|the)\s+[a-z]+\b[^.!?]{0,10}?\b(?:you|u)\s+won'?t\s+be\s+(?:around|here|alive|breathing)\b"),
    ("scene",
     r"\b(?:tomorrow|tmrw|2moro|at\s+break|at\s+lunch|after\s+school|on\s+(?:monday|tuesday|wednesday|thursday|friday))\b[^.!?]{0,50}?\b(?:is|'s|will\s+be)\s+"
     r"(?:going\s+to\s+be\s+|gonna\s+be\s+)?a\s+crime\s+scene\b"),
    ("evacuate",
     r"\bevacuate\b[^.!?]{0,60}?\bor\s+(?:people|everyone|every1|ppl|kids|you\s+all|pupils|students)\s+(?:will\s+)?(?:die|dies|get\s+hurt)\b|\bevacuate\b[^!?]{0,80}?\bthis\s+is\s+not\s+a\s+drill\b"),
    ("names",
     r"\bmy\s+list\b[^!?]{0,40}?\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+names\b"
     r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+names\b[^!?]{0,40}?\b(?:is|'s)\s+number\s+(?:one|1)\b"),
    ("just",
     r"\b(?:don'?t|do\s+not)\s+(?:use|go\s+(?:near|through|to|in)|come\s+(?:to|near|in|into))\s+(?:the\s+)?[a-z ]{1,25}?\b(?:tomorrow|tmrw|2moro|on\s+(?:monday|tuesday|wednesday|thursday|friday))\b"
     r"[^!?]{0,15}?\bjust\s+(?:don'?t|dont)\b"),
    ("real",
     r"\bgood\s+(?:day|week|time|morning)\s+for\s+(?:the\s+)?(?:fire\s+alarm|a\s+fire|the\s+school)\s+to\s+(?:go\s+off|burn|go\s+up)\s+for\s+real\b"),
    ("words",
     r"\b(?:after\s+this|next\s+time)\b[^.!?]{0,10}?\b(?:it'?s|it\s+is|it\s+won'?t\s+be)\s+(?:not\s+)?(?:just\s+)?words\s*(?:[.!]+|$)"
     # (not a teacher's "after this it's not words any more, it's a letter home")
     r"(?![^.!?]{0,40}\b(?:letter|e-?mail|phone\s+call|call\s+home|detention|meeting|sanction|isolation|parents?)\b)"),
    ("alone",
     r"\bkeep\s+laughing\b[^!?]{0,80}?\bhome\s+alone\b"),
    # rules-33 (round thirty-four), from the lines holdout76 and holdout77 missed: "Last day tomorrow. Not just
    # for me.", the quiet kid "quiet long enough", "last time someone did that they ended up needing a new
    # set of teeth", a daughter's bus stop and time "just checking", the main hall on fire so that they'd
    # listen, "enough for all of them"
    ("last day",
     r"\blast\s+day\b(?!\s+of\s+(?:term|school|the\s+(?:term|year)|year|exams?|half\s+term))[^!?]{0,30}?\bnot\s+just\s+(?:for\s+)?me\b(?![^.!?]{0,10}\bbut\b)"),
    ("quiet",
     r"\bquiet\s+(?:kid|one|boy|girl|lad)(?:\s+has\s+been|'s\s+been|\s+was|\s+been)\s+quiet\s+(?:long\s+enough|for\s+too\s+long|too\s+long)\b"),
    ("last time",
     r"\blast\s+time\s+(?:someone|some1|somebody|anyone|any1)\s+(?:did|said|tried|posted)\s+(?:that|this)\b[^.!?]{0,50}?\b(?:ended\s+up|needed|needing|in\s+hospital|in\s+a&e|lost)\b"),
    ("checking saying",
     r"\b(?:your|ur)\s+(?:daughter|son|kid|little\s+one|boy|girl|lad)\s+(?:gets?\s+off|walks|leaves|finishes|comes\s+out|waits)\b[^?]{0,60}?\?\s*(?:just\s+(?:checking|saying|asking)|noted)\b"
     # rules-36: "Whoever snitched, your mum works at the Co-op on Station Road yeah? Just checking."
     r"|\b(?:your|ur)\s+(?:mum|mom|dad|nan|sister|brother|little\s+(?:sister|brother)|family)\s+(?:works|lives|walks|finishes|parks)\b[^?]{0,60}?\?\s*(?:just\s+(?:checking|saying|asking)|noted)\b"),
    # rules-36: "Them man from Oakbridge think they're safe ... They're not."
    ("safe",
     r"\bthink\s+(?:they'?re|theyre|they\s+are|you'?re|ur|you\s+are|he'?s|she'?s|he\s+is|she\s+is)\s+safe\b[^!?]{0,60}?[.,]\s*(?:they'?re|theyre|they\s+are|you'?re|youre|you\s+are|ur|he'?s|she'?s|he\s+is|she\s+is)\s+not\b"),
    ("fire",
     r"\bif\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:hall|block|school|skl|building|library|canteen|gym)\s+(?:was|were)\s+on\s+fire\b[^.!?]{0,30}?"
     r"\b(?:they'?d|they\s+would|people\s+would|someone\s+would|they\s+might)\s+(?:finally\s+)?(?:listen|notice|care|pay\s+attention|take\s+(?:me|us)\s+seriously)"),
    ("enough",
     r"\bhow\s+many\s+of\s+them\b[^!?]{0,60}?\b(?:i'?ve|i\s+have)\s+got\s+enough\s+(?:for|4)\s+(?:all\s+of\s+them|every(?:one|1|body)|them\s+all|the\s+lot)\b"),
    ("emj_grave emj_coffin",
     r"\b(?:ppl|people|those|anyone|any1|whoever|snitch\w*|grass\w*|rats?)\b[^.!?]{0,30}?(?:=|gonna\s+be|will\s+be|r|are|get)\s*(?:emj_grave|emj_coffin)(?:\s*(?:emj_grave|emj_coffin))*\s*(?:soon|next|tmrw|tomorrow|monday|2moro)?"),
    # rules-38, from the lines holdout92-95 missed: a fight set for a place ("the lads are sorting it
    # behind the leisure centre after school")
    ("sort sorting sorted settle settling",
     r"\b(?:sort|sorting|sorted|settle|settling)\s+(?:it|him|them|this|her|things)\s+(?:out\s+)?behind\s+the\s+(?:[a-z]+\s+){0,2}?"
     r"(?:centre|center|shops|block|hall|field|gym|park|chippy|station|school|courts|muga|garages|flats|library|canteen|church)\b"),
    # rules-38: older friends who already know the victim's face ("I've got mates a lot older than you
    # Dominic and they've already seen your picture")
    ("older",
     r"\b(?:mates|friends|boys|cousins|brothers|bros|people|lads|mandem)\s+(?:a\s+lot\s+|way\s+|much\s+|loads\s+)?older\s+than\s+(?:you|u)\b[^.!?]{0,60}?"
     r"\b(?:(?:seen|got|have|know)\s+(?:your|ur)\s+(?:picture|pic|photo|face|address|name)|know\s+what\s+(?:you|u)\s+look\s+like|know\s+where)\b"),
    # rules-38: a teacher's address given with a shrug ("Mrs Patel lives on Larchmere Close doesn't she?
    # Number 14? Asking for a friend.")
    ("lives",
     r"\blives\s+(?:on|at|in)\s+(?:number\s+\d+\s+)?[a-z]+(?:\s+[a-z]+){0,2}\s+(?:close|road|rd|street|st|avenue|ave|lane|drive|way|crescent|grove|court|gardens|place|terrace|mews|walk)\b"
     r"[^!]{0,60}?\b(?:asking\s+for\s+a\s+friend|just\s+(?:saying|asking|checking|wondering)|no\s+reason)(?=\s*(?:$|[.!?,]|emj_|lol\b|x+\b|\.\.\.))"),
    # rules-38: an event foretold to be remembered for the wrong reasons ("Year 11 leavers day is going to
    # be remembered for a long time. Not for good reasons.")
    ("remembered remember",
     r"\b(?:going\s+to|gonna|will|'ll)\s+be\s+(?:remembered|one\s+to\s+remember)\b[^.!?]{0,40}?[.!?,]?\s*(?:and\s+|but\s+)?not\s+for\s+(?:good|the\s+right|nice|happy)\s+reasons\b"),
    # rules-38: "Friday I'm settling everything and they'll have to put it on the news"
    ("news papers",
     r"\b(?:settl\w+|sort\w*|finish\w*|end(?:ing)?|everything|all\s+of\s+(?:them|you)|had\s+enough)\b[^.!?]{0,60}?\b(?:have|having)\s+to\s+put\s+(?:it|us|me|this\s+place|this\s+school)\s+on\s+the\s+news\b"
     r"|\b(?:you'?ll|you\s+will|u\s+will|everyone\s+will|every1\s+will)\s+(?:all\s+)?(?:read|hear)\s+about\s+(?:it|me|this)\s+(?:on|in)\s+the\s+(?:news|papers)\b"),
]


# rules-9 (round twelve): violence named as an act, where no intent word comes first ("s t a b b i n g
# someone at the gates after skl today", "stabbing season starts monday"), mass harm ("hurt as
# many people as I can"), a beating "so bad she'll have to change schools", a chant of "die"
# at a teacher, pepper spray aimed at people, fists and an ambulance, a masked weapon brought
PLAIN: list[tuple[str, str]] = [
    ("stabbing shanking merking bodying killing",
     r"\b(?:stabbing|shanking|merking|bodying|killing)\s+(?:someone|somebody|some1|sum1|him|her|them|you|u|every(?:one|body|1)|"
     r"(?!(?:the|a|an|my|his|her|your|ur|our|their|this|that|it|in|into|through|at|up|down|of|off|out|back|myself|yourself|"
     r"practice|scene|incident|wounds?|victims?|pains?|sensation|season|time|me|us|off|herself|himself|themselves|themself|yourselves)\b)[a-z]+)\b[^.!?]{0,40}?"
     # (rules-18: "k i l l i n g Mr Grant after half term fr")
     r"\b(?:today|tonight|tomorrow|after\s+(?:school|class|lunch|break|pe|half\s+term|the\s+holidays|christmas|easter)|at\s+(?:lunch|break|the\s+gates?|school)|"
     r"at\s+\d{1,2}[:.]\d{2}(?![^.!?]{0,50}\b(?:final|match|game|tournament|fixture|netball|football|rugby|hockey|cricket|rounders|quiz|race|relay|sports\s+day|competition|league|cup|recital|concert|show|audition|debate)\b)|"  # rules-19: "k1ll1ng Jack Dawes at 3:20 behind the sp0rts hall"
     r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday)|no\s+cap|this\s+week|next\s+week)\b"
     r"|\b(?:stabbing|shanking|merking|bodying)\s+season\b"),
    ("many",
     r"(?:kill|hurt|stab|shoot|injure|take\s+out|get)\s+as\s+many\s+(?:people|kids|students|pupils|teachers|staff|of\s+(?:them|you|u|those))\s+as\s+(?:i|we|possible)\b"),
    ("bad badly hard",
     r"(?:gonna|going\s+to|i'?ll|ill|ima|imma|i\s+will|finna|about\s+to|wanna|want\s+to)\s+(?:hurt|batter|smash|beat|punch|slap|deck|jump)\s+"
     r"(?!(?:it|this|that|the|my|your|ur|you|u|him|them|yourself|myself|at|in|on)\b)[a-z]+\s+so\s+(?:bad|badly|hard)\b"
     r"|(?:hurt|batter|beat|smash)\s+(?:him|her|them|[a-z]+)\s+so\s+(?:bad|badly|hard)\s+(?:that\s+)?(?:she|he|they)(?:'ll|ll|\s+will|\s+has\s+to|\s+have\s+to|\s+needs?\s+to|\s+can'?t|\s+won'?t)\b"),
    ("die",
     r"\bdie\s+die(?:\s+die)*\s+(?:mr|mrs|ms|miss|sir|dr)\b|\bdie\s+die\s+die\b"),
    ("spray",
     r"\b(?:pepper|peppa|cs|mace|bleach|acid)\b[^.!?]{0,14}?\bspray\s+(?:the|them|him|her|you|u|those|that|this|every(?:one|body|1)|mr|mrs|miss|ms|sir)\b"),
    ("emj_",
     r"emj_fist[^.!?\n]{0,60}?emj_ambulance|emj_ambulance[^.!?\n]{0,60}?emj_fist"),
    ("over",
     r"(?:gonna|going\s+to|i'?ll|ill|ima|imma|i\s+will|finna|wanna|want\s+to)\s+(?:run|knock)\s+(?:him|her|them|you|u|(?:that|the|this)\s+(?:[a-z]+\s+)?"
     r"(?:lady|man|woman|teacher|kid|boy|girl|lad|head|warden|prefect|ta|caretaker|patrol))\s+over\b"),
    ("bring bringing bringin brnging brought carry carrying got",
     r"(?:bring|bringing|bringin|brnging|brought|carry|carrying|got)\s+(?:a|my|the|me|his|her)\s+" + lx.words(["shank", "knife", "blade", "skeng"], masked=True)),
    # rules-10 (round thirteen): a kill "at lunch" with no intent word, a building destroyed
    # with an explosive emoji, riding out on a year group, a gun ("the ting") pulled up with,
    # a "ride" against rivals with a knife
    ("kill stab shank merk batter",
     r"(?:^\W*|\b(?:see|watch)\s+me\s+|\blet\s+me\s+)(?:ki+ll|sta+b|sha+nk|me+rk|ba+tter)\s+(?!(?:it|this|that|time|some|the)\b)(?:him|her|them|[a-z]+)\s+(?:at|after|in|behind|outside|by|before)\s+"
     r"(?:lunch|break|school|the\s+gates?|pe|registration|assembly|home\s*time|the\s+bus\s+stop|the\s+park)\b"),
    ("emj_",
     r"(?:destroy|wreck|trash|blow\s+up|torch|burn\s+down|smash\s+up|level)\s+(?:the\s+|our\s+|this\s+|that\s+)?(?:[a-z]+\s+){0,2}?"
     r"(?:labs?|school|block|building|classroom|canteen|hall|gym|library|staff\s*room|office|reception)\b[^.!?]{0,40}?(?:emj_bomb|emj_boom|emj_gun)"),
    ("ride riding slide sliding",
     r"\bride\s+out\s+on\s+(?:the\s+|them\s+|those\s+)?(?:[a-z0-9]+\s+){0,2}?(?:(?:yr|year|y)\s?\d+s?|opps|lads|boys|girls|man\s+dem|mandem|them|him|her)\b"
     r"|(?:going|go|goin|gone|went)\s+on\s+a\s+(?:ride|riding\s+mission|glide)\b[^.!?]{0,30}?(?:emj_knife|emj_gun)"
     r"|\bopps\b[^.!?]{0,60}?\b(?:ride|riding|slide|sliding)\b[^.!?]{0,30}?(?:emj_knife|emj_gun)"),
    ("sight MASK",
     lx.words(["stab", "stabbing", "shank", "shanking", "merk", "merking", "batter", "battering", "smoke", "smoking", "jump", "jumping",
               "kill", "killing", "slap", "slapping", "deck", "decking", "punch", "punching", "bang", "banging"], masked=True)
     + r"[^.!?]{0,40}?\bon\s+sight\b(?![\s-]*read)"),
    ("bun burn torch",
     r"\b(?:bun|burn|torch)\s+(?:the|this|dat|that|our|ur|your)\s+(?:school|building|classroom|block|hall|staff\s*room)\b[^.!?]{0,40}?(?:locked\s+in|inside|still\s+in|emj_fire)"),
    ("taking bringing take bring",
     r"\b(?:gun|shotgun|rifle|pistol|knife|blade|machete|crossbow|axe)\b[^.!?]{0,60}?\b(?:i'?m|im|i\s+am|gonna|going\s+to|i'?ll|will)\s+(?:be\s+)?(?:taking|bringing|take|bring)\s+it\s+(?:to|into|in\s+to|in)\b"),
    # rules-14: "k.i.l.l. Mr Danvers. that's the plan.": a member of staff named as the one to kill
    ("kill stab shoot murder shank",
     r"(?:^|[.!?]\s+)\W*(?:kill|stab|shoot|murder|shank)\s+(?:mr|mrs|ms|miss|sir|dr)\s+[a-z]+\b(?![^.!?]{0,40}\b(?:game|fortnite|roblox|quiz|debate)\b)"),
    # rules-17: "G3t th3 knіfе ready, 3:30 back gate", "u gna get sh0t kai, tell ur mum 2 say bye"
    ("ready",
     r"(?:get|got|have|bring|getting|gettin)\s+(?:the|my|ur|your|a|his|her)\s+(?:knife|blade|shank|skeng|gun|strap|ting|machete|bat|emj_knife|emj_gun)\s+ready\b"),
    ("shot stabbed shanked merked jumped battered",
     r"\b(?:you|u|ur|you'?re|he|she|they|he'?s|she'?s)\s+(?:gna|gonna|going\s+to|bout\s+to|finna|gon|about\s+to)\s+(?:get|be|b)\s+(?:sh[o0]t|stabbed|shanked|merked|jumped|battered|bodied)\b"
     r"(?!\s+(?:with\s+(?:paint|water|nerf|foam|confetti|glitter|powder|colou?r\w*|silly\s+string|a\s+(?:water|nerf|camera))|for\s+the\s+(?:yearbook|photo|team|paper|magazine)|on\s+camera|at\s+(?:dawn|the\s+photo)))"),
    # rules-15: "bout to m4k3 Jess B bleed on the 4 bus"
    ("bleed",
     r"(?:gonna|going\s+to|bout\s+to|about\s+to|i'?ll|ill|ima|imma|finna|gna|gon|wanna|will)\s+make\s+(?!(?:it|this|that|my|me)\b)(?:[a-z]+\s+){1,2}?bleed\b"),
    # rules-18: "I'm going to smash up the prom venue and anyone in it", "burn1ng d0wn t he library w/ Miss Saddler in it"
    ("smash burn burning blow blowing torch torching wreck trash",
     r"(?:smash(?:ing)?\s+up|burn(?:ing)?\s+down|blow(?:ing)?\s+up|torch(?:ing)?|wreck(?:ing)?|trash(?:ing)?)\s+(?:the\s+|t\s?he\s+|our\s+)?(?:[a-z]+\s+){0,2}?"
     r"(?:venue|school|hall|building|block|library|canteen|classroom|gym|staff\s*room|house)\s+(?:and|with|w/|wiv|w)\s+"
     r"(?:anyone|everyone|every1|any1|all\s+of\s+(?:them|you)|(?:mr|mrs|miss|ms|sir)\s+[a-z]+|him|her|them|[a-z]+)\s+(?:in|inside)\s+it\b"),
    # rules-24: "my strap's ready 4 the ppl in my f0rm 💥💥"
    ("ready loaded",
     r"\bmy\s+(?:strap|ting|skeng|shank|blade|knife|gun|piece|burner|machete)(?:'s|s|\s+is)\s+(?:ready|loaded|sharp|sharpened)\s+(?:4|for)\s+"
     r"(?!(?:the\s+)?(?:lesson|food|dt|cooking|class|practice|chopping|veg|vegetables|tomorrow'?s?)\b)"),
    # rules-22: "Honestly planning to hit Leah with my car when she crosses by the lollipop man"
    ("hit run knock mow",
     r"(?:planning|plan|going|gonna|gna|want|wanna|about)\s+(?:to\s+)?(?:hit|run\s+over|run\s+down|knock\s+down|mow\s+down)\s+(?!(?:the|a|an|my|it|this|that)\b)[a-z]+\s+(?:with|in)\s+(?:my|me|mum'?s|dad'?s|the)\s+(?:car|van|moped|motor|truck)\b"),
    # rules-20: "I'm going to drive my car straight into the crowd at the school fair"
    ("drive driving plough ploughing plow ram ramming",
     r"(?:gonna|going\s+to|i'?ll|ill|ima|imma|i\s+will|finna|about\s+to|wanna|want\s+to|gna)\s+(?:drive|plough|plow|ram|steer)\s+(?:my|a|the|his|her|our|mum'?s|dad'?s)\s+(?:[a-z']+\s+)?(?:car|van|truck|lorry|motor)\s+"
     r"(?:straight\s+|right\s+)?(?:into|through)\s+(?:the\s+|a\s+|those\s+|them\s+)?(?:crowd|kids|children|pupils|people|parents|queue|playground|line|year\s?\d+s?)\b"),
    ("pull up",
     r"pull(?:ing|in|ed)?\s+up\s+(?:wiv|with|w|wid)\s+(?:the|a|my|his|our)\s+(?:ting|strap|skeng|piece|shank|blade|knife|gun|mash|burner)\b"
     # rules-19: "w3 r pullin up wiv str4ps on Gr4nge Rd, Tayo u ar3 d0ne"
     r"|pull(?:ing|in|ed)?\s+up\s+(?:wiv|with|w|wid)\s+(?:(?:the|our|my|his|them|dem)\s+)?(?:tings|skengs|shanks|blades|knives|guns|burners|machetes)\b"
     r"|pull(?:ing|in|ed)?\s+up\s+(?:wiv|with|w|wid)\s+(?:(?:the|our|my|his|them|dem)\s+)?straps\b(?!\s+(?:on\s+(?:the|my|his|her|their|our|its|your|ur|these|those)|for|and|of|from|that|which)\b)"),
    # rules-19 (round twenty-two), from the lines holdout39 and holdout40 missed: a beating or a
    # stabbing announced for a day ("teecher getin merked tmoz"), a year group rushed with bats
    # (and in OBLIQUE, whose exceptions do not excuse a fire drill: the drill as a rehearsal for the real one)
    ("getting gettin merked stabbed shanked bodied jumped battered glassed",
     r"\b(?:getting|gettin)\s+(?:merked|stabbed|shanked|bodied|jumped|battered|glassed)\s+"
     r"(?:tomorrow|today|tonight|after\s+(?:school|class|lunch|pe)|at\s+(?:lunch|break|home\s*time|the\s+gates?)|on\s+(?:monday|tuesday|wednesday|thursday|friday))\b"),
    ("bats bricks knives blades poles hammers chains machetes shanks bars crowbars bring",
     r"\b(?:rush|rushing|rushin|run\s+up\s+on|running\s+up\s+on|jump|jumping|jumpin|batter|battering|ambush|ambushing)\s+"
     r"(?:the\s+|them\s+|those\s+|dem\s+)?(?:(?:yr|year|y)\s?\d+s?|\d+[a-z]?s|opps|lads|boys|girls|kids|new\s+kids|him|her|them|[a-z]+\s+(?:kids|lot|lads|boys|girls|crew))\b"
     # (rules-24: or told to "bring bats": "jumping the year 8s from Brookfield at lunch, bring bats")
     r"[^.!?]{0,60}?\b(?:(?:with|wiv|w)\s+(?:(?:the|our|some|their|dem)\s+)?|bring\s+(?:your\s+|ur\s+|the\s+|some\s+)?)"
     r"(?:bats|bricks|knives|blades|poles|hammers|chains|machetes|shanks|metal\s+bars|crowbars)\b"
     r"(?![^.!?]{0,30}\b(?:balls?|pads|gloves|rounders|cricket|baseball|softball|practice|training|nets)\b)"),
]


def rules(names: Names) -> list[Rule | NearRule]:
    person = names.person
    target = names.target
    school = names.school
    # rules-28: or a teacher named by subject, or "my" teacher ("im bout to unalive my maths teacher"),
    # here and not in lx.STAFF, where the alternatives slowed every rule that names staff by 3-5%
    harm_target = lx.alt(target, lx.B + r"(?:my\s+)?" + lx.SUBJECT_TEACHER + lx.E, r"my\s+(?:form\s+)?teachers?" + lx.E)
    return [
        Rule(
            "threat.intent_harm_target", T,
            near(INTENT, near(HARM, rf"(?!{NOT_PERSON_OBJ}){harm_target}", lx.SP + r"(?:up\s+|down\s+)?(?:(?:that|this|the|those|these|every|all|all the|some|a|his|her|their|ur|your)\s+)?"), lx.GAP),
            0.95, "intent to harm a person or the school", keys=lx.keys(HARM_WORDS),
            unless=r"(?:fortnite|minecraft|roblox|call of duty|\bcod\b|fifa|in the game|zombies?)|" + NOT_A_THREAT,
        ),
        Rule(
            "threat.harm_you", T,
            rf"{lx.B}(?:kill|murder|stab|shoot|shank|strangle|batter|rape)\s+{lx.alt(lx.YOU, r'every(?:one|body|1)', r'all of (?:you|u|them)', r'the (?:teachers?|head|kids|lot of)')}{lx.E}(?!\s+{NOT_PERSON_OBJ})",
            0.85, "a harm verb aimed at you/everyone", keys=lx.keys("kill murder stab shoot shank strangle batter rape"),
            unless=r"(?:fortnite|minecraft|roblox|call of duty|\bcod\b|fifa|in the game|zombies?)|" + NOT_A_THREAT,
        ),
        Rule("threat.beat_up", T,
             lx.alt(rf"(?:beat|batter|kick|punch|smash)\s+{person}\s+(?:up|in|to death|senseless|to a pulp|black and blue)",
                    r"(?:beat|kick|knock|batter)\s+(?:the\s+(?:(?:absolute|actual|bloody|f\w*ing)\s+)?(?:shit|crap|hell|life|living daylights|fuck)|tf|shit|fuck)\s+(?:out\s+of|outta|outa)\b",
                    # rules-14: "that b*tch Chloe is gettin her f***ing head caved in at 3:15"
                    r"(?:get|gets|getting|gettin|got)\s+(?:her|his|their|ur|your)\s+(?:[a-z]+\s+)?(?:head|face|teeth|jaw|skull)\s+(?:caved|kicked|smashed|punched|bashed|knocked|stoved)\s+in\b",
                    r"(?:break|breaking|snap|snapping|smash|smsh|smashing|kick|kicking|punch|punching|cave|caving)\s+(?:your|ur|his|her|their)\s+(?:legs?|neck|face|fce|nose|arms?|jaw|skull|head|teeth)(?:\s+in)?",
                    # rules-16: "I'm going to break Ethan Morley's legs so he can't play in the final"
                    r"(?:break|breaking|snap|snapping)\s+(?:[a-z]+\s+)?[a-z]+'s\s+(?:legs?|arms?|neck|jaw|nose|skull|fingers?|kneecaps?|ankles?|wrists?)\b"),
             0.85, "threatens a beating", keys=lx.keys("beat batter kick kicking punch punching smash smsh smashing knock break breaking snap snapping cave caving caved"),
             # rules-17: "Those Year 8s on the trampoline are going to break their necks one day 😂"
             unless=NOT_A_THREAT + r"|break\s+(?:their|his|her|your|ur)\s+(?:own\s+)?necks?\s+one\s+day|\b(?:trampoline|climbing\s+(?:frame|wall)|skate\s*park|skateboard|scooter)s?\b"),
        Rule("threat.intent_violence", T,
             # rules-13: not oneself ("he keeps saying he's going to kill himself" is self-harm, reported)
             near(INTENT, VIOLENT + rf"(?!\s+(?:it\b|me\b|myself|himself|herself|themselves|themself|yourself|urself|meself|for\b|(?:this|that|the) (?:exam|test|game|quiz|level|match|interview|homework)|(?:my|his|her|their|your|ur) (?:eye)?brows?\b|{FOOD}|{NOT_PERSON_OBJ}|{SEND_OBJ}|{FILMING}|time|some time|{WHOEVER_MADE}))", lx.GAP),
             0.85, "intent to do serious violence",
             keys=lx.keys("stab stabbing shank shanking shoot shooting murder kill killing batter battering smash smashing slit strangle cave"),
             unless=GAMES + "|" + NOT_A_THREAT + r"|(?:kill(?:ing)?|pass(?:ing)?) (?:some |the )?time|time to kill|kill (?:it|this|that)\b|\bhunger games\b"
                    r"|\b(?:dog|cat|puppy|kitten)s? (?:is|are|'s|will|gonna|going to)(?: [a-z]+){0,2} (?:murder|kill|eat|destroy)"
                    r"|(?:(?:kill|smash|murder|destroy)(?:ed|ing)?|ac(?:e|ed|ing)) (?:the|this|that|my) (?:exam|test|mock)"
                    # rules-30: "I'm going to shoot hoops at lunch"
                    r"|\bshoot(?:ing)?\s+(?:some\s+)?(?:hoops?|baskets)\b"),
        Rule("threat.menace", T,
             lx.alt(
                 r"(?:better|should|needs? to|wanna)\s+watch\s+(?:himself|herself|themselves|yourself|urself|out|it|their back|his back|her back)",
                 r"(?:is|are|'s|s|r|you'?re|ur)\s+dead\s+(?:when|if|once|the moment)\s+i\s+(?:see|catch|get|find)",
                 r"(?:will|gonna|going to|is going to|are going to)\s+pay\s+(?:for|on|tomorrow|monday|tuesday|wednesday|thursday|friday|next|soon|when)",
                 r"(?:i'?ll|i will|im gonna|i'?m gonna|i'?m going to|gonna)\s+end\s+(?:you|u|him|her|them)\b",
                 r"put\s+(?:you|u|him|her|them|[a-z]+)\s+(?:\w+\s+)?in\s+(?:a\s+|the\s+)?(?:hospital|a&e|intensive care|the ground|a box|a coffin|a wheelchair)",
                 r"(?:set|setting)\s+fire\s+to\s+(?:the|this|that|our|his|her|their|your|ur)\s+",
                 # rules-18: "u best ❌ come 2 skl 2moro if u wanna live"
                 r"if\s+(?:you|u|ya)\s+(?:wanna|want\s+(?:to|2)|wish\s+to)\s+(?:live|liv|stay\s+alive|keep\s+(?:your|ur)\s+(?:teeth|legs|face|kneecaps))\b",
                 r"(?:won'?t|wont|will never)\s+(?:walk|talk|see)\s+again", r"dead\s+man\s+walking",
                 # rules-36: "six of us, he won't walk right after"
                 r"(?:won'?t|wont|will\s+never|never)\s+(?:walk|talk|see)\s+(?:right|straight|properly)\s+(?:again|after|afterwards)\b",
                 r"if\s+(?:you|u|he|she|they)\s+knows?\s+what'?s\s+good\s+for\s+(?:you|u|him|her|them)",
                 r"(?:get|gets|getting)\s+what'?s\s+coming\s+to\s+(?:you|him|her|them)",
                 r"(?:sort|sorting)\s+(?:you|u|him|her|them)\s+out\s+(?:after school|at the gates|properly|for good)",
                 r"(?:needs?|deserves?|wants?)\s+(?:a\s+)?(?:bullet|a beating|a kicking|stabbing|shooting|to be shot|to be stabbed)",
                 r"(?:got|have|brought|bringing)\s+something\s+(?:for|special for)\s+(?:you|u|him|her|them|[a-z]+)\s+(?:in\s+my\s+(?:bag|pocket|locker|coat)|tomorrow|on monday)",
             ),
             0.85, "a menacing warning",
             keys=lx.keys("watch dead pay end hospital fire walk talk coming sort bullet beating kicking stabbing shooting shot stabbed something good live liv alive"),
             unless=r"(?:watch (?:out|it) for (?:the|our)|set fire to (?:(?:the|a) (?:bunsen|candle|paper|pumpkin)|(?:his|her|their|my|your) own)|in the game|fortnite|minecraft)"),
        Rule("threat.weapon_with", T,
             r"(?:with|got|have|has|had|bring|brought|bringing|carry|carrying|pull|pulled|pulling)\s+(?:my|his|her|a|an|the|some|[a-z]+'?s)\s+(?:[a-z]+\s+)?"
             # rules-35: "bora" is London slang for a knife ("got my b0ra on me"); after "my", "a" and
             # the like, not the name
             r"(?:gun|knife|blade|machete|pistol|rifle|shotgun|axe|acid|crossbow|zombie knife|flick knife|stanley knife|bat|switchblade|bora|boras)\b",
             0.85, "says they will bring a weapon", keys=lx.keys(WEAPON_WORDS, "crossbow flick stanley bat bora boras"),
             # rules-37: "Just cleaned my fingernails with a knife"
             unless=WEAPON_BENIGN + r"|\b(?:clean|cleaned|cleaning|trim|trimmed|trimming|peel|peeled|peeling|open|opened|opening|spread|spreading)\s+(?:my|the|a|an|his|her|some)\s+(?:[a-z]+\s+)?(?:nails|fingernails|apples?|oranges?|box|boxes|parcel|letter|package|bread|toast|butter)\s+with\b"),
        # rules-35: "gonna show Ashcroft wat a sw1tchbl4de feels like"
        Rule("threat.weapon_feel", T,
             rf"(?:show|teach|let)\s+(?:[a-z]+\s+){{1,2}}(?:what|how)\s+(?:a|an|my|the|this|me)\s+(?:[a-z]+\s+)?{WEAPON}\s+(?:feels?|tastes?)\s+like\b",
             0.9, "says someone will feel a weapon", keys=lx.keys("feels feel tastes taste"),
             unless=WEAPON_BENIGN + r"|feels?\s+like\s+(?:in\s+(?:the|your|ur)\s+hands?|to\s+(?:hold|use|cut))|\b(?:chop|chopping|slice|slicing|onions?|carrots?|veg|vegetables|kitchen|chef)\b"),
        # rules-36 (round thirty-seven), from the lines holdout88-91 missed: a face to be cut, a
        # named pupil to be "jumped", "watch this school burn", "they think they're safe. They're not."
        Rule("threat.face", T,
             r"\b(?:cut|cutting|slash|slashing|slice|slicing|stab|stabbing|glass|glassing|carve|carving|scar|scarring)\s+(?:up\s+)?(?:your|ur|her|his|their|[a-z]+'s)\s+(?:pretty\s+|little\s+)?face\b",
             0.9, "threatens to cut someone's face", keys=lx.keys("face"),
             unless=WEAPON_BENIGN + r"|\bout\s+of\s+(?:the|a|this|that|every)\s+(?:[a-z]+\s+)?(?:photo|pic|picture|poster|shot)|\bface\s+(?:paint|mask|cream|wipes?)\b|\b(?:mr|mrs|the)\s+potato\b"),
        Rule("threat.jump_named", T,
             r"(?i:let'?s|lets|we'?re\s+gonna|we\s+are\s+gonna|gonna|going\s+to|gna|finna|about\s+to|bout\s+to)\s+(?i:jump)\s+"
             r"[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?\s+(?i:after|on\s+(?:his|her|their)\s+way|outside|behind|at\s+the\s+(?:gates?|park|shops?|bus|station))\b",
             0.85, "plans to attack a named person", view="clean", keys=lx.keys("jump"), unless=GAMES + "|" + NOT_A_THREAT),
        # rules-38: "imma end Leah 2moro ☠️" (to "end" a named person, with a time or the sentence's end)
        Rule("threat.end_named", T,
             r"(?i:imma|ima|i'?m\s+(?:gonna|going\s+to)|i'?ll|i\s+will|we'?re\s+gonna|we\s+are\s+gonna|we'?ll|gonna|gna|finna|bout\s+to|about\s+to)\s+"
             r"(?i:end|merk|body|wet|duppy)\s+"
             r"(?!(?:Year|Term|School|The|This|That|It|My|Our|Your|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter|Summer|Half|Prom|GCSEs?|Sports|Netflix|Spotify|Fortnite|Minecraft|Roblox|FIFA)\b)"
             r"[A-Z][a-z'-]+(?=\s*(?:$|[.!,?]|emj_|(?i:2moro|2morrow|tomorrow|tmrw|tmr|today|tonight|tonite|2nite|after|at|on|when|fr|deadass|no\s+cap|trust|watch)\b))",
             0.85, "plans to attack a named person", view="clean", keys=lx.keys("end merk body wet duppy"),
             unless=GAMES + "|" + NOT_A_THREAT + r"|\b(?:match|game|fixture|final|league|cup|tournament|score|goals?|points|derby|season|debate|quiz|netball|football|rugby|hockey|chess|rap\s+battle|battle|sports\s+day|water\s+(?:fight|balloons?|guns?|pistols?))\b"),
        Rule("threat.watch_burn", T,
             r"(?:want|wanna|gonna|going\s+to|will|'ll|ll|can'?t\s+wait\s+to)\s+(?:to\s+)?(?:watch|see)\s+(?:this|the|that|our|my|your|ur)\s+(?:school|skl|place|building|academy|college|hall|block)\s+burn\b",
             0.9, "wants to see the school burn", keys=lx.keys("burn"), unless=WEAPON_BENIGN),
        Rule("threat.getting_hurt", T,
             r"(?:is|are|'s|s|r)\s+(?:gonna\s+|going\s+to\s+|about\s+to\s+|defo\s+|definitely\s+)?(?:get|getting|gettin|be)\s+(?:stabbed|shot|jumped|battered|killed|merked|bodied|murdered|beaten up|shanked|smashed in|done in|glassed|sliced)",
             0.85, "says someone will be hurt", keys=lx.keys("stabbed shot jumped battered killed merked bodied murdered beaten shanked smashed done glassed sliced"),
             unless=GAMES + r"|\b(?:news|reported|police said|gaza|ukraine|war|in the film)\b"
                    # rules-29: "Year 7s are going to get battered in the rain on the field trip"
                    r"|\b(?:in|by)\s+(?:the\s+)?(?:rain|wind|winds|storm|weather|waves|hail|snow|sun|heat)\b"),
        Rule("threat.know_where_you_live", T,
             r"(?:i|we|we all|everyone|every1|u|you)\s+knows?\s+where\s+"
             + lx.alt(WHO_LIVES + r"\s+(?:lives?|stays?|sleeps?|go(?:es)?)",
                      # where a person parks or works: a person, not "where the minibus parks"
                      lx.alt(lx.YOU, lx.PRON3, lx.TITLE_NAME, r"(?:your|his|her|their) (?:mum|mom|dad|wife|husband|family|kids?)")
                      + r"\s+(?:parks?|works?|walks?)"),
             0.95, "says they know where someone lives", keys=lx.keys("know"), check=not_quoted,
             # rules-18: "'I know where you live' said the school librarian about my 3 overdue books 😂"
             unless=r"\b(?:said|says|joked)\s+(?:the|my|our)\s+(?:[a-z]+\s+){0,2}(?:librarian|teacher|mum|mom|dad|nan|coach|tutor|neighbour)\b|\boverdue\b"),
        Rule("threat.watch_your_back", T,
             lx.alt(r"watch\s+(?:your|ur|yr)\s+back", rf"{lx.YOU}(?:'?re| are| r|re)\s+(?:dead|so dead|finished|getting (?:jumped|battered|stabbed|shot|it))(?!\s+(?:funny|tired|right|wrong))",
                    r"(?:you|u)(?:'?ll| will)\s+(?:regret|pay for)\s+(?:this|it|that)(?!\s+if\s+(?:you|u)\s+(?:miss|don'?t|do not|dont|skip|forget))", r"you(?:'?re| are) next",
                    r"(?:ur|your)\s+(?:days are numbered|time is coming|gonna get it|going to get it)",
                    rf"{lx.alt(r'after', r'outside', r'at the gates? after')}\s+school\s+{lx.alt(lx.YOU, r'she|he|they')}(?:'?re| are| is| r)\s+(?:dead|getting)",
                    r"(?:i'?m|im|i am|we'?re|were|we are)\s+coming\s+(?:for|after)\s+(?:you|u|ya|him|her|them|your|ur)",
                    r"(?:won'?t|wont|will never|never)\s+see\s+(?:it|me|us)\s+coming",
                    r"meet\s+me\s+(?:outside|at the gates?|behind)[^.]{0,30}(?:fight|scrap|dead|batter|smash)"),
             0.9, "a menacing warning aimed at someone", keys=lx.keys("watch dead finished getting regret pay next days time gonna going meet coming"),
             unless=r"(?:mum|mom|dad|parents?) (?:will|is going to|gonna) (?:kill|be)|dead (?:tired|funny|good|easy)|posture|back (?:pain|injur)"
                    r"|\b(?:floors?|slippery|wet\s+floor|icy|polished|puddles?|ice\s+rink)\b"
                    # rules-17: "The Year 13 assassin game with water pistols is getting intense 😂 watch your backs"
                    r"|\b(?:assassin|killer|murder\s+mystery)\s+game|water\s+(?:pistols?|guns?|fights?|balloons?)|\bnerf\b|paintball|laser\s+tag", check=not_quoted),
        NearRule("threat.weapon_school", T, WEAPON + NOT_POLICY, lx.B + school + lx.E, 0.9, "a weapon together with the school",
                 keys=lx.keys(WEAPON_WORDS), unless=WEAPON_BENIGN + "|" + SELF_INJURY_EMOJI),
        Rule("threat.weapon_carried", T,
             # (rules-38: a weapon as a policy's subject is not one carried: "should the UK have stricter gun laws?")
             lx.alt(near(r"(?:bring|bringing|bringin|brnging|brought|take|taking|carry|carrying|have|got|pull|pulling|pulled)", near(r"(?:a|my|his|her|the|dad'?s)?", WEAPON + NOT_POLICY, r"\s*"), lx.SP + r"(?:[a-z']+\s+){0,2}"),
                    # rules-13: where it is kept ("K-N-I-F-E in my blazer since Tuesday")
                    WEAPON + r"\s+(?:is\s+|been\s+|stays\s+)?(?:in|inside)\s+(?:my|me|his|her)\s+(?:school\s+)?(?:bag|blazer|pocket|locker|coat|jacket|waistband|socks?|trackies|pencil\s+case)\b"),
             0.9, "a weapon carried", keys=lx.keys(WEAPON_WORDS), unless=WEAPON_BENIGN),
        NearRule("threat.emoji_weapon_target", T, EMOJI_WEAPON, target, 0.85,
                 "a weapon emoji next to a person or the school", max_words=3, keys=lx.keys("emj_"),
                 unless=EMOJI_PRAISE + "|" + SELF_INJURY_EMOJI + "|" + BOMB_PRAISE),
        Rule("threat.emoji_weapon_name", T,
             lx.alt(rf"{EMOJI_WEAPON}\s*(?:[,:.!-]\s*)?(?:@\w+|[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)?)",
                    rf"(?:@\w+|[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)?)\s*(?:[,:.!-]\s*)?{EMOJI_WEAPON}"),
             0.8, "a weapon emoji next to a name", view="clean", keys=lx.keys("emj_"), unless=SELF_INJURY_EMOJI),
        Rule("threat.emoji_weapon_repeat", T,
             rf"{EMOJI_WEAPON}\s*{lx.alt(EMOJI_WEAPON, EMOJI_DEATH)}", 0.7, "weapon emoji repeated", keys=lx.keys("emj_"),
             unless=SELF_INJURY_EMOJI + "|" + BOMB_PRAISE),
        Rule("threat.school_attack", T,
             lx.alt(
                 rf"(?:shoot|shooting|bomb|bombing|blow|blowing|burn|burning|torch|torching|attack|attacking|shoot\s*up|shooting\s*up)\s+(?:up\s+|down\s+)?{school}",
                r"(?:shoot|shooting|blow|blowing|burn|burning)\s+(?:up|down)\s+(?:[a-z'-]+\s+){0,2}(?:academy|school|college|high|primary)\b",
                r"(?:bomb|bombing|torch|torching)\s+(?:the\s+)?(?:[a-z'-]+\s+){0,1}(?:academy|school|college|primary)\b",
                 rf"{school}\s+(?:is going to|will|gonna|should)\s+(?:burn|blow up|explode|get shot up|be attacked|go up in flames)",
                 r"(?:bomb|bombing|shooting|massacre|columbine)\s+(?:at|in)\s+(?:school|the school|class)\s+(?:(?:on|this|next)\s+)?(?:tomorrow|today|monday|tuesday|wednesday|thursday|friday|mon|tues?|weds?|thurs?|fri|tmrw|tmr|next week|soon)\b",
                 r"(?:columbine|school shooting)\s+(?:2\.0|tomorrow|incoming|soon|vibes)",
                r"there(?:'ll| will| is going to|'s going to|s going to| gonna|'s gonna)\s+be\s+(?:a\s+)?(?:shooting|bombing|stabbing|massacre|bloodbath|school shooting)",
                 # rules-12: a bomb threat announced for a day ("b0mb threat 4 sure on thurs"), not one reported
                 r"(?<!a )(?<!the )bomb\s+threat\b(?![^.!?]{0,40}?\b(?:was|were|last|yesterday|drill|training|procedure|policy|earlier|hoax)\b)"
                 r"[^.!?]{0,30}?\b(?:tomorrow|tmrw|2moro|tonight|next\s+week|(?:on|this|next|4|for)\s+(?:mon|tues?|wed|weds|thurs?|fri)(?:day)?)\b",
                 # rules-12: everyone in a school group ("k i l l  a l l  t h e  y e a r  7 s")
                 r"(?:kill|killing|stab|stabbing|shoot|shooting|murder|gas|poison|blow\s+up)\s+(?:them\s+)?(?:all|every(?:one|1|body)|each)\s+(?:of\s+)?(?:the\s+|my\s+|those\s+|these\s+|our\s+)?"
                 r"(?:(?:year|yr|y)\s?\d{1,2}\s?s?|teachers|staff|pupils|kids|students|sixth\s+formers|prefects|(?:girls|boys)\s+in)\b",
                 # rules-11: a bomb said to be in a part of the school ("b.o.m.b in the science labs. evacuate")
                 r"(?<!the )(?<!da )(?<!bath )(?<!photo )(?<!stink )(?<!glitter )bomb\s+(?:is\s+|has\s+been\s+)?(?:planted\s+)?(?:in|under|inside)\s+(?:the\s+|our\s+|ur\s+|your\s+|d\s+|da\s+)?(?:[a-z]+\s+){0,2}?"
                 r"(?:labs?|hall|canteen|library|block|blok|building|school|gym|toilets?|classrooms?|corridors?|reception|office|playground|car\s*park|sports\s+hall|staff\s*room|bins?|lockers?|skips?)\b",
                 # rules-17: "the b0mb is in the b1n by the DT block... ⏰" (the bomb as the subject, not praise)
                 r"(?:^|[.!?]\s*)\W*the\s+bomb\s+(?:is|'s|has\s+been)\s+(?:planted\s+)?(?:in|under|inside|behind)\s+(?:the\s+|our\s+|a\s+)?(?:[a-z]+\s+){0,2}?"
                 r"(?:labs?|hall|canteen|library|block|building|school|gym|toilets?|classrooms?|corridors?|reception|office|playground|car\s*park|staff\s*room|bins?|lockers?|skips?)\b",
                 # fire emoji are praise far more often than arson: not where the post praises a show or a result
                 rf"{lx.alt(school, person)}(?![^.!?\n]{{0,40}}?{FIRE_PRAISE})[^.!?\n]{{0,40}}(?:emj_fire\s*){{2,}}(?!.*{FIRE_PRAISE})",
             ),
             0.95, "an attack on the school",
             keys=lx.keys("shoot shooting bomb bombing blow burn torch attack columbine massacre emj_ stabbing bloodbath kill killing stab murder gas poison"),
             unless=r"\b(?:fire drill|history (?:lesson|of|topic|project)|(?:history|pshe|citizenship|re) lesson|lessons? (?:on|about)|news (?:report|story|article)|breaking news|with kindness"
                    r"|awareness|pray(?:ing|ers)?(?: for)?|thoughts (?:and|&) prayers|thoughts are with|victims|memorial|america|us school|texas|florida)\b"
                    r"|emj_(?:peach|aubergine|splash|tongue|hearteyes)"
                    # rules-14: "how fire the new canteen wraps are 🔥🔥" (fire as praise)
                    r"|\b(?:how|so|too|proper|mad|lowkey|actually|well)\s+fire\b(?!\s+(?:to|at)\b)"
                    # rules-15: "Year 8 netball team are on fire this season 🔥🔥", "Hot chocolate Friday in the library 🔥🔥"
                    r"|\bon\s+fire\s+(?:this|today|tonight|lately|again|recently|at\s+the\s+(?:match|game|gala|tournament))\b|\bhot\s+chocolate\b"
                    # rules-29: fire emoji for looks ("Year 8 girls in the swimming pics lookin 🔥🔥"), a sexual remark
                    r"|\blook(?:s|ing|in|ed)?\s+(?:so\s+|well\s+|proper\s+|dead\s+)?emj_fire\b"
                    # rules-32: fire emoji on a sexual remark ("s3xy miss t in her gym kit 🔥🔥", "u send 1 i send 1 🔥🔥")
                    r"|\b(?:sexy|peng|thicc|buff|leng|tasty|hottie|gym\s+kit|leggings)\b|\b(?:u|you)\s+send\s+(?:1|one)\b"),
        Rule("threat.wish_death", T,
             lx.alt(rf"(?:i\s+)?hope\s+{lx.alt(lx.YOU, lx.PRON3, lx.TITLE_NAME, lx.STAFF, names.people)}\s+(?:die|dies|gets? (?:killed|shot|stabbed|hit by|run over|cancer)|burns?|rots?)",
                    rf"{lx.alt(lx.TITLE_NAME, lx.STAFF, names.people, lx.PRON3, lx.YOU)}\s+(?:should|deserves? to|needs? to)\s+(?:be\s+)?(?:shot|killed|hanged|hung|stabbed|die|burn(?:ed|t)?|beaten|put down|executed)"),
             0.85, "wishes death or violence on someone", keys=lx.keys("die dies killed shot stabbed hit run cancer burn burns rot rots hanged hung beaten executed put burned burnt")),
        *(
            Rule("threat.act", T, pattern, 0.85, "violence against someone named as an act: a time, a place, a weapon or a number",
                 keys=lx.keys(keys),
                 unless=GAMES + "|" + NOT_A_THREAT + "|" + WEAPON_BENIGN + r"|\b(?:in the (?:film|book|play)|news|reported|police said)\b")
            for keys, pattern in PLAIN
        ),
        *(
            Rule("threat.oblique", T, pattern, 0.85,
                 "a veiled threat: someone's safety, movements, family or property", keys=lx.keys(keys),
                 unless=r"(?:in the (?:film|book|game|play)|fortnite|minecraft|roblox|traffic|\bbus\b.*\blate\b|can someone (?:collect|pick up)"
                        r"|zig\s*zags?|(?:stop|keep|quit)\s+parking|parking\s+on\s+the\s+(?:yellow|pavement|kerb|grass)|speeding)")
            for keys, pattern in OBLIQUE
        ),
    ]


__all__ = ["HARM", "WEAPON", "rules"]
