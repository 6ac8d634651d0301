"""Self-harm and suicide: first-person ideation, and encouragement aimed at someone ("kys").

A mention of the subject is not a flag: "self-harm awareness talk for parents" or
"suicide prevention week" talk *about* it. Only a person saying they want to die or hurt
themselves, or telling someone else to, is flagged.
"""

from __future__ import annotations

from schoolwatch.core.categories import Category
from transforms.classify import lexicon as lx
from transforms.classify.rules.base import Names, NearRule, Rule, not_quoted

S = Category.SELF_HARM

FIRST_PERSON = r"(?:i|im|i'm|i am|ive|i've|i have|i just|i really|i honestly|i literally|i kinda|i sometimes|i still|i keep|i feel like i|i think i|i might|i'?ll|i will|i'm going to|im going to|i'm gonna|im gonna|i wanna|i want to|i need to|i should|i could)"
# "I nearly died laughing": figures of speech that mean the opposite of distress
HYPERBOLE = (r"(?:laughing|laughed|of laughter|lmao|lmfao|haha|😂|🤣|thought\s+i\s+was\s+(?:going\s+to|gonna|gunna)\s+die\s+(?:on|in|at|during|after|doing)|embarrassment|cringe|die of (?:shame|boredom)|dying to (?:see|meet|go|know|try|hear)"
             r"|die if i (?:have|had) to (?:sit|listen|hear|do|go|watch|eat|read|write|see|wear|stand)"
             # rules-14: "I'd rather die than do another bleep test", "I'm literally going to die in the test without it"
             r"|\b(?:rather|sooner)\s+die\s+than\s+(?:do|sit|run|eat|wear|watch|listen\s+to|play|redo|resit|have\s+to\s+(?:do|sit|wear|eat|run))\b"
             r"|\b(?:die|dying|dead)\s+(?:in|during)\s+(?:the|this|that|my|our|tomorrow'?s|today'?s)\s+(?:[a-z]+\s+)?(?:test|exam|mock|lesson|class|match|race|heat|assembly|queue|cross[\s-]?country|bleep\s+test)\b"
             # rules-15: "I am literally going to die if they cancel prom", "i'm literally dying at the Year 13 prank video"
             r"|\b(?:die|dying)\s+if\s+(?:they|we|you|u|she|he|mum|mom|dad|sir|miss|(?:mr|mrs|ms)\s+[a-z]+)\s+(?:cancel|don'?t|dont|lose|lost|miss|make|forget|change|move|ban|stop)\b"
             r"|\bdying\s+(?:at|over)\s+(?:the|this|that|his|her|their|these|those|ur|your)\b"
             # rules-16: "Biology is the worst, I'm literally dying"
             r"|\bliterally\s+dying\b(?!\s+inside)"
             # rules-38: "I'd die before I drew that badly" (a refusal, as "I'd rather die than" is); not "die before I turn 18"
             r"|\bi'?d\s+(?:rather\s+|sooner\s+)?die\s+before\s+i\s+(?!(?:turn|get\s+to|reach|see|finish|make\s+it)\b)[a-z]+"
             # rules-18: "I'm gonna die if I don't pass this mock lol", "I will literally die of happiness"
             r"|\b(?:die|dying)\s+if\s+i\s+(?:don'?t|dont|fail|miss|lose|get|have\s+to)\b|\bdie\s+of\s+(?:happiness|joy|excitement|cuteness|hunger|thirst|heat|cold|jealousy))")
SUPPORT = r"(?:awareness|prevention|support(?:ing)?|helpline|samaritans|childline|training|workshop|assembly|talk|charity|fundraiser|campaign|resources|signs of|mental health week|training|policy|safeguarding)"

# the words talked about, not said to anyone: "words like 'unalive' and 'kms'", "'kys' =
# 'keep yourself safe' on our posters"
QUOTED_SLANG = (
    r"(?:words like|saying|says|said|say|means|stands for|short for|=)\s+(?:['\"][a-z]+['\"],?\s+(?:and|or)?\s*)?['\"](?:kys|kms|unalive)['\"]"
    r"|['\"](?:kys|kms)['\"]\s*(?:=|means|stands for|is short for)"
    # rules-15: "Can everyone stop sending me 'kms' every time they get homework"
    r"|(?:sending|send|sends|sent|texting|typing|writing|posting|replying)\s+(?:me\s+|us\s+|it\s+)?['\"](?:kys|kms|unalive)['\"]"
)
# the phrases talked about, not said: "phrases like 'kys' and 'nobody would miss you' are
# NOT banter", "he said 'don't kill yourselves over the personal statement'", a list of the
# codes pupils use, an anti-bullying notice
TALKED_ABOUT = (
    r"(?:words|phrases|things|messages|comments|stuff|codes?)\s+like\s+['\"]|(?:don'?t|do not|dont)\s+kill\s+(?:yourself|yourselves|urself|ur\s*selves)\s+(?:over|about|with|for|trying|revising|doing)\b"
    r"|anti[\s-]?bullying|screenshot\s+(?:it|them|and)|report\s+(?:it|them|this)\s+to\b|watch\s+(?:out\s+)?for\s+(?:these|codes|words|phrases)|codes?\s+(?:in|used\s+in)\s+group\s+chats"
)
KYS_WORDS = ["top yourself", "top urself", "kys", "kms", "kill yourself", "kill urself", "kill yourselves", "kill ur self",
                              "neck yourself", "neck urself", "hang yourself", "hang urself",
                              "unalive yourself", "unalive urself", "go die", "go and die",
                              "drink bleach", "slit your wrists", "slit ur wrists", "jump off a bridge",
                              "end yourself", "end urself", "rope yourself", "off yourself", "go hang",
                              "commit suicide", "commit die", "kill your self", "go kill yourself"]

# (prefilter keys, pattern): split so each pattern runs only on texts that hold its words
# rules-11: a blade or blood emoji with words that turn it on the writer
_BLADE_EMOJI = r"(?:emj_knife|emj_blood|emj_razor)"
_ON_ONESELF = (
    r"(?:(?:on|in|into|across|up)\s+my\s+(?:arms?|wrists?|forearms?|thighs?|legs?|skin|stomach|hips?|body)\b"
    r"|\brelaps(?:e|ed|ing)\b|\bclean\s+(?:for\s+)?\d+\s+(?:days?|weeks?|months?)\b|\b(?:sh\s+)?streak\b"
    r"|\bsleeves\s+(?:down|on)\b|\bme\s+again\s+(?:tonight|today|now|ig|lol)\b"
    # rules-14: "🩸🔪💔 again. 4th time this week. nobody knows", "🔪🩸💔 every nite since jan, dont tell miss"
    r"|💔|🩹|\bdid\s+it\s+again\b|\b\d+\s+times?\s+(?:this|a)\s+(?:week|wk|day|month)\b|\b(?:no\s*(?:one|body)|no1)\s+knows\b|\b(?:every|evry)\s+(?:nite|night|day)\s+since\b|\b\d+(?:st|nd|rd|th)\s+time\s+this\s+(?:week|wk|month)\b"
    # rules-28: "ctting agn 🔪🩸 dont tell mr farrow"
    r"|\bc(?:u|\*)?tt(?:ing|in)\s+(?:again|agn|agen)\b"
    # rules-27: "🔪🩸 again last nite, 3rd time this wk"
    r"|\bagain\s+(?:last\s+(?:nite|night)|tonight|tonite|2nite)\b"
    # rules-36: "🔪 + wrist tonite, dw bout me"
    r"|(?:\+|&)\s*(?:my\s+)?(?:wrists?|forearms?|thighs?)\b)"
)
SELF_INJURY_EMOJI = rf"{_BLADE_EMOJI}[^.!?]{{0,40}}?{_ON_ONESELF}|{_ON_ONESELF}[^.!?]{{0,40}}?{_BLADE_EMOJI}"

# rules-38: a thing of someone's to be jumped over ("jump Miss Lee's new high jump bar", "jump Mr
# Okafor's hurdles"): neither a person to attack nor a jump to one's death
JUMPED_THING = (r"(?:(?:mr|mrs|miss|ms|sir|coach)\s+)?[a-z]+'s\s+(?:(?:new|old|big|giant|massive|tiny|little|stupid|wooden|metal|high\s+jump|long\s+jump|pe|garden)\s+){0,3}"
                r"(?:hurdles?|bar|fence|wall|ramp|puddle|hedge|gate|bench|vaulting\s+horse|rope|course|pit|record)\b")
# rules-27: "gonna jump Reece on his way home" is an attack, not a leap
JUMP_NOT_SOMEONE = (r"(?!\s+" + JUMPED_THING + r"|\s+(?:him|her|them|u|you|that\s+(?:kid|boy|girl|lad)|(?!off\b|from\b|in\b|out\b|into\b|over\b|up\b|of\b)[a-z]+\s+"
                    r"(?:[a-z]+\s+)?(?:on\s+(?:his|her|their)\s+way|after|outside|at|when|behind|near|by)\b)"
                    # rules-36: nor a jump for fun ("I'm going to jump in the pool after the gala")
                    r"|\s+(?:in|into|on|onto)\s+(?:the|a|my|our)\s+(?:pool|puddles?|shower|ball\s+pit|queue|car|taxi|uber|trampoline|bouncy\s+castle|bed|call|bandwagon)\b)")
IDEATION: list[tuple[str, str]] = [
    ("die dead myself end exist here disappear sleep overdose jump",
     rf"{lx.B}{FIRST_PERSON}\s+(?:(?:really|just|honestly|seriously|actually|kinda|sometimes|literally|still)\s+)?(?:want|wanna|wish|need|going|gonna|plan|planning|think about|thinking about|thought about)\s+(?:to\s+)?(?:die|be dead|kill myself|end it(?: all)?|end my life|not exist|not be here|disappear forever|sleep forever|hurt myself|cut myself|harm myself|unalive myself|overdose|jump{JUMP_NOT_SOMEONE})"),
    ("myself", r"(?:kill|killing|hurt|hurting|cut|cutting|harm|harming|unalive|hang|hanging|starve|starving|burn|burning)\s+myself"),
    ("life", r"(?:end|ending|take|taking)\s+my\s+(?:own\s+)?life"),
    ("overdose myself die jump end",
     r"(?:^|[.!?,]\s*)(?:going to|gonna|about to|planning to|ready to)\s+(?:overdose|kill myself|end it|end it all|die|hang myself|jump" + JUMP_NOT_SOMEONE + ")"),
    ("all", r"(?:want|wanna|going|gonna|ready)\s+(?:to\s+)?end\s+it\s+all"),
    ("suicidal suicide", r"i(?:'?m| am)\s+(?:so\s+|really\s+|feeling\s+|actually\s+)?suicidal|(?:suicidal|suicide)\s+(?:thoughts|feelings|again|note)"),
    ("self harm harming cutting",
     r"i(?:'?ve| have)?\s+(?:been\s+|started\s+|start\s+)?(?:self[\s-]?harm(?:ing)?|cutting)\s+(?:again|myself|for|since|every)|(?:started|start|been)\s+(?:self[\s-]?harming|cutting)\s+again"),
    ("life worth living", r"(?:life|it|living)\s+(?:is(?:n'?t| not)|ain'?t|isnt)\s+worth\s+(?:living|it(?: anymore)?)"),
    ("reason point",
     r"(?:no|no real|nothing to|not any)\s+(?:reason|point)\s+(?:to|in|of)\s+(?:live|living|go on|going on|keep going|carry on|carrying on|being alive|being here|be here|stay|staying|wake up|trying)"),
    ("better happier",
     r"(?:better off|be better|be happier|happier|better)\s+(?:off\s+)?(?:dead|without me|if i (?:was|were|wasn'?t|weren'?t) (?:dead|gone|here|alive|around|born))"),
    ("jump jumping throw throwing",
     r"(?:jump|jumping|throw myself|throwing myself)\s+(?:off|in front of|under)\s+(?:a|the|that)\s+(?:bridge|building|roof|cliff|train|bus|car|multi-?storey)"),
    # rules-36: "Tomorrow I'm going to walk in front of the 42 bus outside school"
    ("walk walking step stepping",
     r"\b(?:i'?m|im|i\s+am)\s+(?:going\s+to|gonna|gna)\s+(?:walk|step)\s+(?:out\s+)?in\s+front\s+of\s+(?:a|the|that)\s+(?:\d+\s+)?(?:bus|train|lorry|truck|car|tube|tram)\b"
     r"|\bi(?:'ll|\s+will|ll)\s+(?:just\s+)?(?:walk|step)\s+(?:out\s+)?in\s+front\s+of\s+(?:a|the|that)\s+(?:\d+\s+)?(?:bus|train|lorry|truck|car|tube|tram)\b"),
    # rules-38: "🔪🩸 me tonite. bye x": a blade for "me", with a time
    ("emj_knife emj_blood emj_razor",
     rf"{_BLADE_EMOJI}(?:\s*{_BLADE_EMOJI})*\s+(?:on\s+)?me\s+(?:tonight|tonite|2nite|today|now|later|again)\b"),
    # rules-38: "Going to stand a bit too close to the edge of the platform tomorrow and see what happens"
    ("edge",
     r"\b(?:stand|standing|step|stepping|lean|leaning|walk|walking|sit|sitting)\s+(?:a\s+(?:bit|little)\s+|right\s+)?(?:too\s+close\s+to|on|over|off)\s+the\s+edge\s+of\s+(?:the\s+)?"
     r"(?:platform|roof|bridge|cliff|car\s*park|multi-?storey|tracks)\b[^.!?]{0,40}?\b(?:see\s+what\s+happens|(?:and|then)\s+(?:let\s+go|fall|jump|lean))\b"),
    # rules-36: "idk how much longer im gonna be aliv3"
    ("longer", r"\bhow\s+(?:much\s+)?long(?:er)?\s+(?:i'?m|im|i\s+am|i'?ll|ill|i\s+will)\s+(?:gonna\s+|going\s+to\s+)?(?:be\s+)?(?:alive|aliv|here|around|breathing|last)\b(?!\s+(?:in|at|for)\s+(?:this|the)\s+(?:school|job|club|team|class|set))"),
    ("cut cutted burn burned burnt scratched hurt",
     r"\bi\s+(?:cut|cutted|burn(?:ed|t)?|scratched|hurt)\s+(?:again|myself|my\s+(?:arms?|wrists?|legs?|thighs?|skin))"),
    ("arms arm wrists wrist legs thighs", r"my\s+(?:arms?|wrists?|legs?|thighs?)\s+(?:are|is)\s+(?:a mess|covered in (?:cuts|scars)|all cut)"),
    ("pills tablets paracetamol meds medication",
     r"i(?:'ve| have)?\s+(?:got|been saving|saved|stockpiled|collected|hidden|hid)\s+(?:a\s+|some\s+)?(?:(?:bottle|box|packet|load|stash|lot)\s+of\s+)?(?:pills|tablets|paracetamol|meds)"
     r"|(?:took|taking|take|swallow|swallowed|swallowing)\s+(?:all\s+(?:of\s+)?(?:my|me|the)\s+(?:[a-z']+\s+)?|a\s+load of\s+|too many\s+|loads of\s+|a\s+bunch of\s+|an?\s+(?:handful|bottle|box|packet) of\s+)(?:[a-z']+\s+)?(?:pills|tablets|paracetamol|meds|medication|sleeping pills)"),
    ("alive live here exist wake",
     r"(?:don'?t|do not|dont)\s+want\s+to\s+(?:be\s+)?(?:alive|live|here|exist|wake up)(?:\s+anymore|\s+any more)?"),
    ("wish", r"wish\s+i\s+(?:was|were|had)\s+(?:dead|never been born|not alive|gone)|wish\s+i\s+(?:wasn'?t|weren'?t)\s+(?:alive|here|born)"),
    ("anymore more this", r"(?:can'?t|cannot|cant)\s+(?:go on|do this|take it)\s+(?:any\s?more|like this)"),
    ("miss notice care", r"(?:no\s*(?:one|body))\s+would\s+(?:even\s+|really\s+|actually\s+)?(?:miss|care about|care|notice)\s+(?:me|if i)"),
    ("end", r"\bi\s+(?:end|finish)\s+it(?:\s+all)?\b|(?:the\s+)?night\s+i\s+(?:end|finish)\s+it"),
    # rules-11: not an accident ("cut my arm on the fence at forest school")
    ("cutting cut slit slitting", r"(?:cutting|cut|slicing|scratching|burning|slit|slitting|slash|slashing)\s+(?:my|me|m'|ma|mah|mi)\s+(?:arms?|wrists?|thighs?|legs?|skin|stomach)"
                    # rules-24: "cut my wrist strap off"
                    r"(?!\s+(?:straps?|bands?|braces?|supports?|guards?|splints?|watch|warmers?|tags?)\b)"
                    r"(?![^.!?]{0,30}?\b(?:by\s+accident|accidentally|(?:on|with)\s+(?:the|a|an|some)\s+(?:[a-z]+\s+)?(?:fence|nail|glass|bramble|brambles|thorn|thorns|tin|can|wire|gate|door|rock|rocks|branch|saw|stapler|scissors|oven|iron|kettle|hob|pan|tray)s?)\b)"),
    ("point reason", r"(?:point|reason)\s+(?:in|of|to)\s+(?:living|being alive|being here|going on|live|carry on)"),
    ("born", r"(?:never|not)\s+been\s+born"),
    ("note", r"(?:my|a|the)\s+(?:suicide|goodbye)\s+(?:note|letter)"),
    # oblique ideation: hiding injuries, giving things away, a last post, no way out
    ("ever longer again anymore more tonight", r"(?:won'?t|will not|wont)\s+be\s+(?:in|at|here|around)\s+(?:school\s+)?(?:[a-z]+\s+){0,3}(?:or\s+)?(?:ever again|for much longer|much longer|after (?:today|tonight))"),
    ("sleeves hide hiding scars cuts marks", r"long\s+sleeves?\s+[^.!?]{0,30}(?:so\s+)?(?:no\s*one|nobody|people|they|mum|teachers)\s+(?:sees?|can(?:'?t)? see|notices?|knows?|finds? out)|hid(?:e|ing)\s+(?:the\s+|my\s+)?(?:scars|cuts|marks)"),
    ("many", r"how\s+many\s+(?:paracetamol|pills|tablets|painkillers|sleeping pills|ibuprofen|co-?codamol)\s+(?:does it take|would it take|would kill|to die|before (?:you|u|it)|kills|to overdose|to not wake)"),
    ("way out", r"(?:can'?t|cannot|don'?t|cant)\s+see\s+(?:a|any)\s+way\s+out(?!\s+of\s+(?:this|the)\s+(?:homework|traffic|car park|queue))|(?:good|easy|only|quick)\s+way\s+out\b|\bdone\s+trying(?!\s+to)"),
    ("myself", r"(?:don'?t|can'?t|cant|dont)\s+see\s+myself\s+(?:making it|being (?:here|alive|around)|living|lasting|getting)\s+(?:to|past|until|till|through)"),
    ("point", r"(?:what'?s|whats|what is)\s+(?:even\s+)?the\s+point\s+(?:of|in)\s+(?:me\b|my life|living|being alive|anything any\s?more|me being here)"),
    ("giving gave give need", r"(?:giving|gave|give|given)\s+(?:all\s+)?(?:my|me)\s+(?:stuff|things|clothes|games|belongings|posessions|possessions)\s+away|won'?t\s+need\s+(?:it|them|this|any of it|my (?:stuff|things))\s+(?:soon|much longer|any\s?more|where i'?m going)"),
    ("pain deserve", r"(?:pain|hurt)\s+i\s+(?:give|cause|do to)\s+myself|i\s+deserve\s+(?:the\s+|all\s+the\s+|all\s+this\s+)?(?:pain|to suffer|to hurt|to be hurt|to die)"),
    ("last final", r"^(?:this is\s+)?(?:my\s+)?(?:last|final)\s+(?:post|message|tweet)(?:\s+ever)?\s*(?:[.!]|$)"),
    ("things everything end ended", r"(?:time|ready|going|gonna|want|wanna|about)\s+(?:to\s+)?(?:i\s+)?end(?:ed)?\s+(?:things|everything|it all)(?!\s+with)"),
    ("wake hope", r"hope\s+i\s+(?:don'?t|never|do not|dont)\s+wake\s+up"),
    # rules-31 (round thirty-two), from the lines holdout70 and holdout71 missed: a train timetable read for
    # the trains that don't stop, "it gets better" no longer believed, "Hope it doesn't hurt. Hope it's
    # quick.", "dead inside n soon 4 real 🪦"
    ("trains train",
     r"\b(?:looking\s+up|looked\s+up|checking|checked|googl(?:e|ed|ing)|know|learnt|learned|memorised)\s+(?:the\s+)?(?:times|timetable|times\s+of|when)\b[^.!?]{0,30}?"
     r"\b(?:fast|express|non[\s-]?stop|through)\s+trains?\s+(?:that|which|what)\s+(?:don'?t|doesn'?t|dont|never)\s+stop\b"
     # (a journey planned: "... so we'll catch the slow one")
     r"(?![^!?]{0,60}\b(?:we'?ll|we\s+will|get\s+there|catch|instead|slow\s+one|stopping\s+(?:one|service)|change\s+at|so\s+(?:we|i)\s+(?:can|don'?t|get)|arrive|late)\b)"),
    ("believing believe",
     r"\b(?:it|things|life)(?:'ll|\s+will)?\s+(?:gets?|get)\s+better\b[^!?]{0,40}?\bi(?:'ve|\s+have)?\s+"
     r"(?:stopped\s+believ(?:ing|e)|(?:can'?t|don'?t|dont|cant)\s+believe\s+(?:it|that|them|anyone|any\s+of\s+(?:it|them))\s+(?:any\s?more|now))\b"),
    ("hurt quick painless",
     r"\bhope\s+it\s+(?:doesn'?t|won'?t|dont|wont|does\s+not|will\s+not)\s+hurt\b[^!?]{0,20}?\bhope\s+it'?s\s+(?:quick|painless|fast)\b"),
    ("inside",
     r"\bdead\s+inside\s+(?:and|n|&|an)\s+(?:soon|nearly|almost)\s+(?:outside|4\s+real|for\s+real|irl|fr|emj_grave|emj_coffin)"),
    # rules-32 (round thirty-three), from the lines holdout74 and holdout75 missed: a letter left under the
    # mattress, "#notgonnabehereforlong", a gun emoji held to "me", rope bought, "cat scratch season"
    ("letter note",
     r"\b(?:the|my)\s+(?:letter|note)(?:'s|s|\s+is)\s+(?:under|in|inside|behind)\s+my\s+(?:mattress|pillow|pillowcase)\b"
     r"|\bif\s+(?:you|u)\s+(?:see|read|find)\s+this\b[^!?]{0,40}?\b(?:letter|note)(?:'s|s|\s+is)\s+(?:under|in|inside|behind)\s+my\b"),
    ("notgonnabehereforlong notgonnabehere notgonnabeherelong notgonnabeheremuchlonger",
     r"\bnotgonnabehere(?:forlong|muchlonger|long)?\b"),
    ("emj_gun",
     r"emj_gun\s+(?:me|myself)\s+(?:rn|now|fr|tbh|pls|plz|please|already)\b|emj_gun\s+(?:me|myself)\b[^.!?]{0,40}?\bnot\s+joking\b"),
    ("rope",
     r"(?:^|[.!?]\s*)(?:the\s+)?rope\s+(?:was|is|'s|came|arrived)\s+(?:so\s+)?(?:cheap|here|delivered|today)\b"
     r"(?![^.!?]{0,40}\b(?:tug|climb\w*|skipping|pe|gym|swing|camping|tent|boat|sailing|dog|lead|rigging|tow)\b)"),
    ("season", r"\bcat\s+scratch(?:es)?\s+season\b"),
    # rules-33 (round thirty-four): "i sh'd 3 times this week", "When I'm dead they'll finally feel bad about what
    # they did to me"
    ("sh'd sh s/h'd", r"\bi\s+(?:sh'd|s/h'd|sh'ed|sh-ed|s/hed|s\.h\.'?d)(?!\w)"),
    ("dead gone",
     r"\bwhen\s+i'?m\s+(?:dead|gone)\b[^.!?]{0,30}?\b(?:they'?ll|they\s+will|everyone\s+will|every1\s+will|people\s+will|you'?ll|u'?ll)\s+(?:finally\s+)?"
     r"(?:feel\s+(?:bad|sorry|guilty)|be\s+sorry|regret|miss\s+me|realise|realize|notice)"),
    ("cope want out", r"(?:can'?t|cant|cannot)\s+cope\s+(?:any\s?more|with (?:life|anything|it) any\s?more)(?!\s+with)|\bi\s+(?:just\s+)?want\s+out\s*(?:$|[.!,]|of (?:this|here|life))(?!\s+(?:group|chat|whatsapp))"),
    ("took taken swallowed", r"(?:took|taken|swallowed|had)\s+(?:like\s+)?(?:[1-9][0-9]+|twenty|thirty|forty|fifty|loads of|a load of|a whole (?:box|packet|bottle) of)\s+(?:paracetamol|pills|tablets|painkillers|ibuprofen|sleeping pills)"),
    ("rather", r"(?:i'?d|i would|id)\s+rather\s+(?:be\s+dead|die)\b"),
    ("goodbye bye", r"(?:goodbye|bye)\s+(?:everyone|world|forever)[^.]{0,40}(?:sorry|can'?t|won'?t be|love you all)"),
    # self-punishment: "I punish myself when I get below a 6", skipping meals "as punishment"
    ("punish punishing punished punishment",
     r"(?:punish|punishing|punished)\s+myself|(?:as|for|my|it'?s)\s+(?:a\s+|my\s+)?punishment\s+for\s+(?:being|existing|failing|not\b|me\b|my\b)"),
    ("envy", r"(?:rip|r\.i\.p|passed away|died|funeral)\b[^!?]{0,80}\bi\s+(?:\w+\s+)?envy\s+(?:him|her|them)\b"),
    ("under", r"wish\s+[^.!?]{0,40}\bi'?d\s+(?:stayed|gone|stay)\s+under\b|never\s+(?:come|came)\s+back\s+up\b"),
    ("live", r"(?:version|part)\s+of\s+me\s+(?:that|who)\s+(?:wanted|want|wants)\s+to\s+live|(?:don'?t|do not|no longer)\s+want\s+to\s+live\b"),
    ("mean joking", r"(?:killing me|want to die|wanna die|kill myself|end it)\b[^.!?]{0,40}(?:(?:don'?t|do not)\s+mean\s+(?:that|it)\s+(?:in\s+a\s+funny\s+way|as\s+a\s+joke)|not\s+joking\s+(?:any\s?more|this\s+time))"),
    ("tired", r"i'?m\s+(?:so\s+)?tired\s+now\b[^!?]{0,40}(?:look after each other|take care of each other|goodbye|love you all)"),
    ("opting opt", r"opt(?:ing)?\s+out\s+of\s+(?:life|living|existence|existing|everything)\b"),
    ("telling told saying said says", r"(?:telling|told|saying|said|says)\s+(?:everyone|people|us|me|her friends|his friends)\s+(?:that\s+)?(?:she|he|they)(?:\s+wants?\s+to\s+die|(?:'s|'re|\s+is|\s+are|\s+was)\s+(?:going to|gonna)\s+(?:do it|end it|kill (?:herself|himself|themselves)))"),
    # goodbyes: leaving every account, a last post, a farewell and then silence
    ("logging log signing deleting delete last post", r"(?:logging|log|signing)\s+off\s+(?:for\s+good|forever|permanently)\b|delet(?:ing|e)\s+(?:all\s+)?my\s+(?:socials|accounts?|insta|tiktok|snap)\s+(?:after\s+this|for\s+good|forever|tonight)|last\s+post\s+(?:from|on)\s+this\s+account(?![^!?]{0,60}\b(?:new\s+(?:account|acc|page|profile)|follow\s+(?:me|my|us)|moving\s+to|switching\s+to)\b)|(?:his|her|their)\s+last\s+post\s+was\s+(?:literally\s+|basically\s+)?a\s+goodbye"),
    ("goodbye side everything all offline off answering replying reach", r"(?:goodbye|see\s+you\s+on\s+the\s+other\s+side|thanks\s+for\s+everything|love\s+you\s+all)\b[^!?]{0,60}?\b(?:went\s+offline|phone\s+is\s+(?:off|dead)|(?:not|isn'?t|hasn'?t\s+been)\s+(?:answering|replying)|can'?t\s+reach)"),
    # eating as self-harm
    ("purged purging purge hid hide hiding stopped eating", r"\bi\s+(?:\w+\s+)?purged\b|\bpurged\s+(?:after|again|tonight|today|twice)|hid(?:e|ing)?\s+my\s+(?:dinner|lunch|food|tea|breakfast)|(?:has|have|'s|s|i'?ve|i\s+have)\s+stopped\s+eating(?!\s+(?:meat|dairy|sugar|gluten|pork|fish|junk|sweets|chocolate|crisps|out|at|in))"),
    ("intrusive", r"intrusive\s+thoughts?\b[^.!?]{0,40}(?:step\s+off|jump|end\s+it|kill|die|cut|hurt)"),
    ("sharpener sharpeners blades blade", r"sharpeners?\s+(?:just\s+)?for\s+the\s+blades?|blades?\s+(?:out\s+)?of\s+(?:a|the|my)\s+sharpeners?"),
    ("anywhere", r"won'?t\s+be\s+anywhere\b"),
    ("sticking hanging",
     r"(?:i'?m|im|i am)\s+not\s+(?:sticking|hanging)\s+around\s+(?:to see|much longer|for much longer|long)\b|i\s+won'?t\s+be\s+(?:sticking|hanging)\s+around\b"),
    # rules-5 (round eight): slang, disguises and plans let slip in ordinary talk
    ("sewer sewerslide unalive unaliving", r"sewer\s*slid(?:e|ing)\b(?![^.!?]{0,60}\b(?:words?|list|talk|codes?|slang|means)\b)|\bunaliv(?:e|ing)\s+(?:myself|meself|my\s*self)\b"),
    ("still", r"why\s+am\s+i\s+still\s+(?:here|alive|breathing|around)\b"),
    ("quit", r"\bi(?:'?m| am)?\s+(?:quit|quitting)\s+(?:living|life|existing)\b"),
    ("sleep", r"(?:time|ready)\s+for\s+the\s+(?:big|long|forever)\s+sleep\b"),
    ("carved carving", r"carv(?:ed|ing)\s+(?:[a-z']+\s+){0,4}into\s+my\s+(?:arm|arms|leg|legs|thigh|thighs|skin|wrist|wrists|stomach)\b"),
    ("relapse relapsed sh", r"\bsh\s+relapse|relapse[ds]?\b[^.!?]{0,30}\b(?:sleeves|cutting|cut|blades?|emj_blood)"
     # rules-35: "was sh free for 3 wks n just relapsed", "6 months clean from self harm, relapsed tonight"
     r"|(?:\bsh|self[\s-]?harm|cutting)[\s-]?(?:free|clean)\b[^.!?]{0,40}?\brelaps(?:e|ed|ing)\b"
     r"|\bclean\s+(?:from|of)\s+(?:sh|self[\s-]?harm|cutting)\b[^.!?]{0,40}?\brelaps(?:e|ed|ing)\b"),
    # rules-35: "unalive rn?? nah tmrw after results": the word alone, with when
    ("unalive unaliving", r"\bunaliv(?:e|ing)\s+(?:rn|right\s+now|now|tonight|tn|2nite|2night|today|2day|tomorrow|tmrw|tmr|tmoz|2moro|soon|after\s+(?:school|results|exams?|this)|this\s+weekend)\b"),
    ("saving stockpiling hoarding", r"(?:saving|stockpiling|hoarding|saved)\s+(?:up\s+)?(?:my\s+|all\s+my\s+)?(?:emj_pill|pills|tablets|meds|paracetamol|painkillers)"),
    ("countdown counting", r"countdown\b[^.!?]{0,40}\bnot\s+(?:to|for)\s+the\s+(?:holidays|summer|weekend|end\s+of\s+term)|counting\s+(?:down\s+)?the\s+days\s+(?:till|until)\s+i\s+can\s+(?:finally\s+)?stop\b"),
    ("googling googled google", r"googl(?:e|ed|ing)\s+(?:painless\s+ways|ways\s+to\s+(?:die|go|end\s+it)|how\s+to\s+(?:die|end\s+it|do\s+it\s+painlessly))"),
    ("hit mind", r"(?:wouldn'?t|would\s+not|won'?t)\s+(?:have\s+)?mind(?:ed)?\s+if\s+(?:the|a)\s+(?:car|bus|train|lorry|van)\s+(?:had\s+)?hit\s+me|if\s+(?:the|a)\s+(?:car|bus|train|lorry|van)\s+(?:had\s+)?hit\s+me\s+i\s+(?:wouldn'?t|would\s+not)\s+(?:have\s+)?mind"),
    ("decided", r"already\s+decided\s+how\b"),
    ("fade", r"\bi\s+(?:just\s+|really\s+)?(?:want|wanna|need)\s+to\s+fade\s+away\b|\bfade\s+away\s+time\b"),
    ("purpose", r"(?:haven'?t|not|didn'?t)\s+eaten\s+(?:in|for)\s+(?:\w+\s+)?days\s+on\s+purpose"),
    ("ahead", r"whole\s+life\s+ahead\b[^.!?]{0,40}\bnot\s+planning\s+on\s+it"),
    # rules-8 (round nine): letters left to be found, injuries explained away
    ("letters letter notes note",
     r"(?:wrote|written|writing|left|leaving|put)\s+(?:letters|notes|a\s+letter|a\s+note)\s+(?:to|for)\s+(?:my|all\s+my|each\s+of\s+my|everyone|every1|mum|dad)\b"
     r"(?![^!?]{0,60}\b(?:thank|christmas|xmas|birthday|pen\s*pals?|valentine|santa|card|cards|leavers?|retir\w*|teacher|teachers|miss|sir|exam|results)\b)"
     r"[^!?]{0,80}?\b(?:(?:they'?ll|they\s+will|she'?ll|he'?ll|to)\s+(?:open|read|find)\s+(?:them|it)\b|for\s+(?:when|after)\s+i'?m\s+gone)"),
    ("again scratches scratch marks cuts lines",
     r"(?:scratch(?:es)?|marks|cuts|lines)\s+on\s+my\s+(?:wrists?|forearms?|thighs?)\s+(?:again|every|keep)"
     r"|(?:cat|dog)\s+scratch\w*\b[^.!?]{0,60}\b(?:we|i)\s+(?:don'?t|dont|do\s+not|never)\s+(?:have|own|got)\s+(?:a\s+)?(?:cat|dog)"),
    # rules-9 (round twelve), from the lines the blind sets of rounds nine to eleven missed:
    # suicide "looking tempting", cutting "again" however it is spelt, "don't wanna b here no
    # more", a method researched "by tonight", pills stockpiled, no future pictured, reasons to
    # stay counted, a blade "how I get through the week", a child's wish "to end her life" reported
    ("suicide",
     r"suicide\s+(?:is|'s|s|sounds?|seems?|feels?)\s+(?:lookin[g']?\s+|seeming\s+|sounding\s+|feeling\s+)?(?:real(?:ly)?\s+|rlly\s+|rly\s+|so\s+|pretty\s+|very\s+|"
     r"more\s+and\s+more\s+|quite\s+|kinda\s+)?(?:tempting|good|attractive|appealing|nice|peaceful|inviting|the\s+(?:answer|only\s+(?:way|option)|best\s+option)|"
     r"like\s+(?:the|a|an)\s+(?:answer|option|way\s+out|plan))\b"),
    ("again gain last every",
     # rules-28: not the craft, garden or budget kind ("cutting again in DT tomorrow")
     r"(?:c[u*]tting|cuttin|self[\s-]?harming)\s+a\s?gain\b(?![^.!?]{0,40}\b(?:hair|fringe|grass|lawn|hedges?|cake|paper|card|lessons?|class|corners|costs?|budgets?|wood|fabric|dt|d&t)\b)|\bs/h(?:ing|ed)?\s+(?:again|last\s+(?:night|nite)|every\s+night)\b"),
    ("more anymore",
     r"(?:don'?t|dont|do\s+not)\s+(?:wanna|want\s+to)\s+(?:be|b)\s+(?:here|alive|around)\s+(?:no\s*more|any\s*more)\b"
     r"(?![^.!?]{0,40}\b(?:lesson|assembly|class|school|meeting|detention|queue|traffic|weather|rain|country|town|job|work)\b)"),
    ("high tall far",
     r"how\s+(?:high|tall|far\s+(?:up|down))\s+(?:is|are)\s+(?:the|that)\s+(?:[a-z-]+\s+){0,3}?(?:multi\s*-?\s*stor(?:e)?y|car\s*park|bridge|building|tower|roof|cliff|block|flats)\b"
     r"[^!]{0,60}?(?:need\s+to\s+know|tonight|asking\s+for\s+a\s+reason|no\s+reason|before\s+(?:tonight|tomorrow))"),
    ("stockpile stockpiled stockpiling count counts",
     r"stockpil(?:e|ed|ing)\b[^.!?]{0,60}?(?:pills|tablets|paracetamol|meds|box|packets?|counts?)"
     r"|(?:never|doesn'?t|don'?t)\s+counts?\s+(?:what'?s\s+left\s+in\s+)?(?:the\s+)?(?:box|packet|pills|tablets)"),
    ("picture imagine see",
     r"(?:can'?t|cannot|cant|can\s+not)\s+(?:picture|imagine|see)\s+(?:a\s+version\s+of\s+)?(?:me|myself)\s+(?:that\s+)?(?:makes?|making|make)\s+it\s+(?:to|past|through)\s+"
     r"(?:\d+|sixteen|seventeen|eighteen|adulthood|next\s+year|the\s+summer|christmas|uni|my\s+birthday)"),
    ("reasons",
     r"(?:count(?:ing|ed)?|list(?:ing|ed)?|ran\s+out\s+of|running\s+out\s+of|only\s+(?:have|got))\s+(?:my\s+)?reasons\s+to\s+(?:stay(?!\s+(?:on|at|in)\b)|live|keep\s+going|be\s+here)"),
    ("sharp blade razor sharpener emj_",  # rules-10: "🔪 + 🩸 = how i cope with school"
     r"(?:sharp\s+(?:edge|thing|bit)|blade|razor|sharpener|emj_knife|emj_blood|emj_razor)\b[^.!?]{0,40}?(?:how\s+i\s+(?:get\s+through|cope|deal)|helps?\s+me\s+(?:cope|deal|get\s+through)|gets?\s+me\s+through)"),
    ("end",
     r"(?:wants?|wanted|wanting|tried|trying)\s+to\s+end\s+(?:her|his|their|my)\s+(?:own\s+)?life\b"),
    # rules-10 (round thirteen), from the lines holdout17-holdout20 missed: slang for suicide
    # ("toaster bath", "a perm nap"), "suicidal af", blades that "come out easy", new cuts
    # counted, a relapse counted in days, a goodbye in the past tense, a bus stepped in front of
    ("toaster", r"\btoaster\s+bath\b(?![^.!?]{0,60}\b(?:words?|list|talk|codes?|slang|means)\b)"),
    ("perm permanent eternal forever nap sleep snooze",
     r"\b(?:perm|permanent|eternal|forever)\s+(?:nap|sleep|snooze)\b(?!\s*over)"),
    ("suicidal", r"\bsuicidal\s+(?:af|asf|rn|tbh|ngl|today|tonight|again)\b"),
    ("blades blade sharpeners sharpener",
     r"blades?\s+(?:in|from)\s+(?:the\s+|a\s+|my\s+|those\s+)?(?:pencil\s+)?sharpeners?\b[^.!?]{0,40}?(?:come|pop|slide|snap)\s+out|"
     r"blades?\s+(?:in|from)\s+(?:the\s+|a\s+|my\s+|those\s+)?(?:pencil\s+)?sharpeners?\b[^.!?]{0,40}?(?:easy|easily|unscrew|if\s+anyone\s+(?:was|is)\s+wondering)"),
    ("new", r"(?:self[\s-]?harm\w*|\bsh\b|cuts?|scars?|marks)\b[^.!?]{0,30}?\b(?:\d+|two|three|four|five|six|more)\s+new\s+ones\b"),
    ("relapse", r"\bs\s*/\s*h\s+relapse|\brelapse\s+day\s+\d+"),
    ("emj_blood", r"self[\s-]?harm\w*\b[^.!?]{0,30}?emj_blood"),
    ("loved", r"if\s+any(?:one|1|body)\s+asks,?\s+i\s+loved\b|\bi\s+loved\s+(?:my\s+)?(?:mum|mom|dad|family|sister|brother|nan|you\s+all|them\s+all)\b[^!?]{0,20}?tell\s+(?:her|him|them)\b"),
    ("front",
     r"(?:going\s+to|gonna|wanna|want\s+to|might|i'?ll|about\s+to)\s+(?:just\s+)?(?:walk|step|run)\s+(?:out\s+)?in\s+front\s+of\s+(?:a|the)\s+(?:bus|train|car|lorry|van)\b"),
    # rules-11: a blade or blood emoji turned on oneself ("🩸🔪 on my arms again", "🔪💔 relapsed x",
    # "🔪🩸 me again tonight"); threat's emoji rules stand aside for these (SELF_INJURY_EMOJI)
    ("emj_", SELF_INJURY_EMOJI),
    # rules-15: "Finding ways to make the pain on the outside match the inside", "l0w key w4nt 2 b d3ad",
    # "gonna 0d on ma mums meds 2nite"
    ("pain outside inside match", r"\bpain\s+on\s+the\s+outside\s+(?:to\s+)?match(?:es)?\s+(?:the\s+)?(?:pain\s+(?:on\s+the\s+)?)?inside|\bmake\s+the\s+outside\s+match\s+the\s+inside"),
    ("want wanna die dead disappear exist wake",
     r"(?:^|[.!?]\s*)(?:low\s*key|lowkey|honestly|tbh|ngl|kinda|just|really|deadass)\s+(?:just\s+)?(?:want|wanna)\s+(?:to\s+)?(?:die|be\s+dead|disappear|not\s+exist|not\s+wake\s+up|end\s+it)\b"),
    ("od", r"(?:going\s+to|gonna|about\s+to|planning\s+to|ready\s+to|gna|finna|wanna|bout\s+to|gon)\s+od\s+(?:on|tonight|tonite|2nite)\b"),
    # rules-28 (round twenty-nine), from the lines holdout59 and holdout60 missed: "I've planned it for the
    # last day of term so it doesn't mess up anyone's exams", "💀🔪 me pls. no rly. im done", "ctting agn
    # 🔪🩸 dont tell mr farrow", "try the roof of the science block, you might finally get some attention"
    ("planned planning plan set picked chosen", r"(?:i'?ve|i\s+have|i|ive)\s+(?:planned|planning|plan|picked|chosen|set)\s+(?:it|the\s+date|the\s+day|a\s+date)\s+(?:for|on)\b[^.!?]{0,50}?\bso\s+(?:it\s+)?(?:doesn'?t|won'?t|wont|does\s+not|will\s+not)\s+(?:mess\s+up|ruin|spoil|affect|wreck)\s+(?:any(?:one|1)'?s?|every(?:one|1)'?s?|people'?s|my\s+(?:mum|dad|family|friends)'?s?)\b"
     r"(?![^.!?]{0,40}\b(?:party|parties|trip|disco|prom|surprise|celebration|bbq|barbecue|meal|match|fundraiser|sale|fair|wedding|leavers'?\s+do)\b)"),
    ("emj_knife emj_gun emj_skull emj_rope emj_coffin", r"(?:emj_knife|emj_gun|emj_skull|emj_rope|emj_coffin)\s+(?:emj_\w+\s+)*me\s+(?:pls|plz|please|pleaseee*|now|already)\b(?![^.!?]{0,30}\b(?:the\s+link|a\s+(?:pic|photo|link|message)|back)\b)"),
    ("cutting ctting cuttin", r"\bc(?:u|\*)?tt(?:ing|in|in')\s+(?:again|agn|agen|agian)\b(?![^.!?]{0,40}\b(?:hair|fringe|grass|lawn|hedges?|cake|paper|card|lessons?|class|corners|costs?|budgets?|wood|fabric|dt|d&t)\b)"),
    ("roof top bridge", r"\btry\s+(?:the\s+)?(?:roof|top)\s+of\s+(?:the\s+)?[a-z ]{0,30}?(?:block|building|car\s*park|multi[\s-]?storey|bridge)\b[^!?]{0,60}?(?:attention|finally|lol|lmao|no\s+one\s+would\s+care|do\s+us\s+a\s+favour)"),
    # rules-29 (round thirty), from the lines holdout58 and holdout61 missed: "grippy sock vacation incoming
    # lol bc im gonna try again" (a psychiatric ward, after another attempt)
    # rules-30 (round thirty-one), from the lines holdout64 and holdout65 missed: "s.h. scars r getting worse,
    # hoodie season all year lol"
    ("scars scar", r"\b(?:sh|s\.h\.?|self[\s-]?harm(?:ing)?|my|me|the)\s+scars?\s+(?:are|r|is|keep|keeps)\s+getting\s+(?:worse|deeper|bigger|more|redder|longer)\b"
                   r"(?![^.!?]{0,40}\b(?:acne|spots|surgery|operation|c-?section|chicken\s*pox|burn\s+from|knee|op)\b)"),
    ("grippy", r"\bgrippy\s+socks?\s+(?:vacation|holiday|hols|era|trip|ward|jail|club)\b[^.!?]{0,40}?\b(?:incoming|again|soon|booked|here\s+i\s+come|round\s+(?:2|two)|try(?:ing)?\s+again)\b"
               r"|\b(?:gonna|going\s+to|gna|about\s+to|finna)\s+try\s+(?:it\s+)?again\b[^.!?]{0,30}?\bgrippy\s+socks?\b"),
    # rules-27 (round twenty-eight), from the lines holdout53 and holdout54 missed: "prob gonna ctb this
    # wknd" (catch the bus), "leavin dis world b4 results day 🕊️", "wanna be in a coffin by friday",
    # "Sharpener blades come out really easy", "The new marks on my thighs are nearly healed. Time to
    # make more.", "I'm the reason my family is so sad all the time. Fixing that this weekend.", "They'll
    # only need the one [minute's silence] for me."
    ("ctb", r"(?:gonna|going\s+to|gna|about\s+to|planning\s+to|might|prob|probably|ready\s+to|finna)\s+(?:just\s+)?ctb\b"),
    ("leave leaving leavin", r"\bleav(?:e|ing|in)\s+(?:this|dis|the)\s+world\b(?!\s+(?:a\s+)?better|\s+behind)"),
    ("coffin grave box", r"(?:wanna|want\s+to|want|wish\s+i\s+was|wish\s+i\s+were)\s+(?:be\s+)?in\s+a\s+(?:coffin|grave|box|body\s*bag)\b"),
    ("sharpener", r"\bsharpener\s+blades?\s+(?:come|comes|pop|pops|slide|slides)\s+out\b"),
    ("marks cuts scars", r"(?:marks|cuts|scars)\s+on\s+my\s+(?:thighs?|arms?|wrists?|legs?|stomach|hips?)\b[^!?]{0,60}?(?:make\s+(?:some\s+)?more|do\s+(?:it\s+)?again|new\s+ones|time\s+for\s+more)"),
    ("reason fixing sorting ending", r"i'?m\s+the\s+reason\s+(?:my|everyone|every1)\b[^.!?]{0,40}?\b(?:sad|upset|miserable|stressed|crying|unhappy)\b[^!?]{0,40}?(?:fixing|sorting|ending)\s+(?:that|it|this)\b"),
    ("silence", r"minute'?s?\s+silence\b[^!?]{0,60}?\b(?:for\s+me|mine)\b"),
    # rules-26: "thinking about my nan a lot. I'll see her soon.", "miss my nan so much. not long now till I see her again x"
    ("see soon long",
     r"(?:miss|missing|thinking\s+about|think\s+about)\s+my\s+(?:late\s+)?(?:nan|nana|nanna|grandma|gran|granny|grandad|grandpa|grandad|mum|mom|dad|brother|sister)\b[^!?]{0,60}?"
     r"(?:see\s+(?:her|him|them)\s+(?:again\s+)?soon|not\s+long\s+(?:now\s+)?(?:till|until|til)\s+i\s+see\s+(?:her|him|them))"
     r"(?!\s+(?:at|on|for|this|next|when|in|after|over|x+\s+(?:at|on)))"),
    # rules-24: "tryna get to 100 cuts b4 xmas 😶", "My brother keeps hiding the kitchen knives from me now"
    ("cuts", r"(?:get\s+to|reach|hit|up\s+to|at|on)\s+\d+\s+cuts\b(?![^.!?]{0,30}\b(?:film|edit|budget|funding|jobs|staff|council)\b)"),
    ("hiding hid hides hidden locked lock",
     r"(?:hiding|hid|hides|hidden|locked\s+(?:up|away)|lock(?:ing)?\s+(?:up|away))\s+(?:all\s+)?(?:the\s+)?(?:kitchen\s+)?(?:knives|blades|razors|pills|tablets|meds|medicine|paracetamol)\s+(?:from\s+me|so\s+i\s+(?:can'?t|cannot|don'?t))\b"),
    # rules-18: "cut my 💪 agn lol its nbd"
    ("cut cutting cutted sliced scratched", r"\b(?:cut|cutting|cutted|sliced|scratched)\s+(?:my|me)\s+💪"),
    # rules-17: "gettin the rope from my dads garage l8r, no1s home"
    ("rope",
     r"(?:getting|gettin|get|got|bought|buying|found|have|hid|hidden)\s+(?:the|a|some|my)\s+rope\b[^.!?]{0,40}?(?:no\s*(?:one|1)'?s\s+home|no1s\s+home|tonight|2nite|later|l8r|when\s+(?:everyone|they|mum|dad)(?:'s|\s+(?:is|are))\s+(?:asleep|out))"),
    # rules-16: "got my 🩹s ready for 2nite lol dnt judge", "catching the bus 2 heaven 2nite 🚌☁️ its been real"
    ("plasters bandages ready",
     r"(?:🩹|\bplasters\b|\bbandages\b)s?\s+(?:all\s+)?ready\s+for\s+(?:tonight|2nite|later|after)\b"),
    ("heaven",
     r"(?:catching|getting|taking|booked|booking|on)\s+(?:the|a|my)\s+(?:bus|train|flight|ticket|ride)\s+(?:2|to)\s+heaven\b"),
    # rules-14: "got a barcode on my arm now lol 🦓 fresh ones" ("barcode": rows of cuts)
    ("barcode barcodes barcoded",
     r"\bbarcod(?:e|es|ed)\b[^.!?]{0,20}?(?:(?:on|up|across)\s+my\s+(?:arms?|wrists?|legs?|thighs?|skin)\b|\bfresh\b|\bagain\b)"
     r"|\bmy\s+(?:arms?|wrists?|legs?|thighs?)\s+(?:look\s+like|are|is|r)\s+(?:a\s+)?barcodes?\b"),
]

# rules-10: someone else's self-harm or plan, told by a friend ("she's been c*tting in the
# girls toilets every lunch", "someone from Year 10 posted that they're going to overdose"):
# for the DSL as much as the person's own words
REPORTED = (
    r"(?:she|he|they)(?:'s|s|\s+has|\s+have|'ve)\s+been\s+(?:c[u*]tting|self[\s-]?harming|burning\s+(?:herself|himself|themselves))\b"
    r"(?!\s+(?:[a-z]+'?s?\s+){0,2}?(?:hair|fringe|grass|lawn|hedges?|nails|cake|paper|cards?|class|classes|lessons?|school|corners|out|back|down|up|it|them)\b)"
    # rules-27: "my bf says he'll k!ll himself if i break up wiv him"
    r"|(?:says|said|saying|keeps\s+saying|threatens|threatened|threatening)\s+(?:that\s+)?(?:he'?ll|she'?ll|they'?ll|he\s+will|she\s+will|they\s+will|he'?s\s+gonna|she'?s\s+gonna|he\s+would|she\s+would|to)\s+(?:kill|hurt|unalive|harm)\s+(?:himself|herself|themselves|themself)\b"
    # rules-26: "Maisie's cat scratches are not from a cat 🔪 she needs help", "Sasha's arms... whenever she
    # rolls her sleeves up in PE you can see. Someone needs to tell a teacher."
    r"|\b(?:cat\s+)?(?:scratches|cuts|marks|scars)\s+(?:aren'?t|are\s+not|r\s+not|are\s+(?:defo|deffo|definitely|def)\s+not)\s+from\s+(?:a|the|her|his|their)\s+cat\b"
    r"|\b(?:her|his|[a-z]+'s)\s+arms\b[^!?]{0,60}?(?:rolls?|rolled|pulls?|pulled|push(?:es)?|pushed)\s+(?:her|his)\s+sleeves\s+up\b[^!?]{0,50}?(?:you\s+can\s+see|tell\s+a\s+teacher|needs?\s+help|someone\s+should)"
    # rules-24: "Bella from 9G said she's been doin "the thing" with blades again"
    r"|\b(?:doing|doin)\s+['\"]?the\s+thing['\"]?\s+(?:with|w|wiv)\s+(?:the\s+)?(?:blades?|razors?|sharpeners?|emj_knife|emj_razor)\b"
    # rules-22: "my m8 in 10G is doin s/h in the girls loos every break"
    r"|\b(?:is|'s|s|are|'re|keeps?|kept|been|started)\s+(?:doing|doin)\s+(?:s\s*/\s*h|sh|self[\s-]?harm)\b(?!\s+(?:awareness|training|talk|module|course|week|lesson))"
    # rules-20: "My sister in Year 7 says she wants to kill herself", "she posted bout s*icide on her private story"
    # rules-35: "My son told me last night that he wants to be dead"
    r"|(?:posted|said|says|saying|told\s+\w+)(?:\s+(?:last\s+night|yesterday|today|this\s+morning|earlier|again))?\s+(?:that\s+)?(?:they|she|he)\s+(?:wants?|wanted)\s+to\s+"
    r"(?:die|be\s+dead|kill\s+(?:themselves|herself|himself)|end\s+it|end\s+(?:her|his|their)\s+(?:own\s+)?life|self[\s-]?harm|not\s+be\s+(?:here|alive))\b"
    r"|\b(?:she|he|they)(?:'s|\s+has|\s+have|'ve)?\s+(?:posted|posting|posts|put\s+up|wrote|written)\s+(?:something\s+)?(?:bout|about|abt)\s+"
    r"(?:suicide|killing\s+(?:herself|himself|themselves)|self[\s-]?harm\w*|wanting\s+to\s+die|ending\s+it)\b"
    # rules-19: "a girl in her form, Sophie, has been self-harming and posting pictures of it"
    r"|\b(?:has|have)\s+been\s+self[\s-]?harming\b"
    # rules-18: "Maddie in 10K is doing the 🩸 thing agen", "The Year 10 lot keep telling Lily to top herself"
    r"|(?:is|'s|s|keeps?|started|been)\s+doing\s+the\s+(?:emj_blood|emj_knife|emj_razor)\s+thing\b"
    r"|(?:telling|told|tell|tells)\s+[a-z]+\s+to\s+(?:top|kill|hang|neck|unalive|off)\s+(?:herself|himself|themselves)\b"
    # rules-36: "she's s/h'ing again in the loos at break"
    r"|\b(?:she|he|they)(?:'s|s|\s+is|'re|\s+are|\s+was|\s+were|'s\s+been|\s+has\s+been|\s+keeps)\s+(?:s\s*/\s*h'?ing|sh'ing)\b"
    # rules-17: "my m8 in 8P has been 🔪 her legs", "tell amelia 2 stop the 🔪 on her arms"
    r"|(?:has|have|'s|s)\s+been\s+(?:emj_knife|emj_razor)\s*(?:ing\s+)?(?:her|his|their)\s+(?:legs?|arms?|wrists?|thighs?)\b"
    r"|\bstop\s+(?:the\s+)?(?:emj_knife|emj_razor|emj_blood)\s*(?:on|in)\s+(?:her|his|their)\s+(?:legs?|arms?|wrists?|thighs?)\b"
    # rules-16: "Ellie-Mae from 8P keeps postin 🩸🩸 pics of her arm on her priv story"
    r"|(?:keeps?|kept|been|is|'s)\s+(?:posting|postin|sharing|putting\s+up)\s+(?:emj_blood\s*)+\s*(?:pics?|photos?|pictures?|snaps?|vids?|videos?)\s+of\s+(?:her|his|their)\s+(?:arms?|wrists?|legs?|thighs?)\b"
    r"|(?:posted|said|says|saying|told\s+\w+)\s+(?:that\s+)?(?:they|she|he)(?:'re|'s|\s+are|\s+is|\s+was|\s+were)\s+(?:going\s+to|gonna|planning\s+to|about\s+to)\s+"
    r"(?:overdose|kill\s+(?:themselves|herself|himself)|end\s+it|self[\s-]?harm|jump|slit\s+(?:his|her|their)\s+(?:own\s+)?wrists"
    # rules-33: "Bella said she's going to take her own life if those photos get out"
    r"|(?:take|end)\s+(?:his|her|their)\s+(?:own\s+)?life)"
    # rules-14: "ma m8 Tia is cuttin agen n she sed dont tell ne1", "he posted that he's taking all his tablets"
    r"|\b(?:is|'s|s|are|'re|keeps?|kept|started)\s+(?:c[u*]tting|self[\s-]?harming)\s+(?:again|(?:her|him|them)sel(?:f|ves)|(?:her|his|their)\s+(?:arms?|wrists?|legs?|thighs?))\b"
    # rules-31: "Please check on Josh Ferrier in 11A, he's been talking about overdosing all week", "If you saw
    # Hannah Drury's arms you'd understand why she never takes her hoodie off. She needs help."
    r"|\b(?:been|keeps?|kept|was|is|'s|started)\s+(?:talking|posting|texting|going\s+on|saying\s+(?:stuff|things))\s+(?:about|bout|abt)\s+"
    r"(?:overdosing|od'?ing|killing\s+(?:himself|herself|themselves)|ending\s+it(?:\s+all)?|ending\s+(?:his|her|their)\s+life|suicide|wanting\s+to\s+die|self[\s-]?harm\w*|cutting\s+(?:again|(?:him|her|them)sel(?:f|ves)))\b"
    r"|\b(?:her|his|their|[a-z]+'s)\s+arms\b[^!?]{0,60}?\bnever\s+takes?\s+(?:her|his|their)\s+(?:hoodie|jumper|cardigan|blazer|coat|jacket)\s+off\b"
    r"|(?:she|he|they)(?:'s|s|\s+is|\s+are|'re|\s+has|\s+have|'ve)\s+(?:taking|taken|took|swallowed|swallowing)\s+"
    r"(?:all\s+(?:of\s+)?(?:his|her|their|the)\s+|a\s+load\s+of\s+|loads\s+of\s+|too\s+many\s+|a\s+(?:whole\s+)?(?:box|packet|bottle)\s+of\s+)(?:[a-z']+\s+)?(?:pills|tablets|paracetamol|meds|medication)\b"
)
# a goodbye that is not a leaver's: "the last time you'll see me at the gates. love you all"
FAREWELL = (
    # rules-9: "l8r 4eva guys ❤️🕊️ im out" (text speak read as "later forever")
    r"(?:later|bye|goodbye|cya|see\s+ya|see\s+you)\s+(?:forever|for\s+ever)\b[^.!?]{0,40}?(?:emj_dove|i'?m\s+out|im\s+out|for\s+good|emj_skull)|"
    # rules-18: "Give my Xbox to my little brother. It's been a good run, 9W."
    r"give\s+(?:my|all\s+my)\s+[a-z]+\s+to\s+(?:my\s+)?[a-z ]{1,20}?[.!,]\s*(?:it'?s\s+been\s+(?:a\s+good\s+run|real|fun)|bye|goodbye|love\s+(?:you|u))|"
    # rules-17: "d0nt thnk ill b here nxt wk tbh. love u all xx"
    r"(?:don'?t|dont|do\s+not)\s+think\s+(?:i'?ll|ill|i\s+will)\s+(?:b|be)\s+(?:here|around)\s+(?:next|by|after|much\s+longer|for\s+long)\b[^.!?]*[.!?]?\s*(?:love\s+(?:u|you|y'?all)|bye|goodbye|sorry|thank)|"
    # rules-19: "Mum I'm so sorry. Tell Freddie I love him."
    r"i'?m\s+(?:so\s+|really\s+|so\s+so\s+)?sorry(?:\s+for\s+everything)?\s*[.!]+\s*tell\s+(?!(?:me|us|you|u)\b)[a-z]+\s+(?:that\s+)?i\s+(?:love|loved)\s+(?:him|her|them)\s*(?:[.!]|x+\b|$)|"
    r"(?:the\s+)?last\s+time\s+(?:you'?ll|you\s+will|you|u|anyone|any1|everyone|every1|you\s+all|y'?all)\s+(?:will\s+|'ll\s+)?(?:ever\s+)?(?:see|hear\s+from)\s+me\b"
    # rules-30: "Last message on this account. Delete my number." (not "last post here, follow my new account")
    r"|\blast\s+(?:message|msg|post|tweet|story)\s+(?:on|from)\s+(?:this|my)\s+(?:account|acc|page|profile)\b[^!?]{0,40}?"
    r"\b(?:delete\s+my\s+(?:number|contact|account)|forget\s+(?:about\s+)?me|love\s+(?:you|u|y'?all)\s+all|sorry\s+for\s+everything|won'?t\s+be\s+(?:around|here|back))\b"
    r"(?![^!?]{0,60}\b(?:new\s+(?:account|acc|page|profile|number)|follow\s+me|moving\s+to|switching\s+to)\b)"
    # rules-31: "Told my best mate I love her. Seemed important to say it while I still can."
    r"|\b(?:important|wanted|needed|had)\s+to\s+(?:say|tell)\s+(?:it|them|her|him|you|u|everyone|every1|you\s+all)\s+while\s+i\s+still\s+can\b"
    # rules-38: "Saying sorry now to my little brother for what he's going to find", "sorry to whoever finds me"
    r"|\bsorry\b[^.!?]{0,60}?\bfor\s+what\s+(?:he|she|they|you|u|mum|mom|dad|[a-z]+)(?:'s|'re|\s+is|\s+are)?\s+(?:going\s+to|gonna|about\s+to)\s+find\b"
    r"|\bsorry\s+(?:to\s+)?(?:whoever|who\s*ever)\s+(?:finds|has\s+to\s+find)\s+me\b"
    # rules-38: "d3ad by monday, pls dont miss me" (a death word, then a goodbye to be missed)
    r"|\b(?:dead|gone|die|died)\b[^.!?]{0,40}?\b(?:pls\s+|please\s+)?(?:don'?t|dont|do\s+not)\s+miss\s+me\b"
)
LEAVING = (
    r"\b(?:uniform|blazer|tie|year\s*1[13]|y1[13]|leav(?:er|ers|ing)|graduat\w*|prom|sixth\s+form|new\s+school|moving|move|retir\w*|on\s+stage|perform\w*|"
    r"captain|head\s+(?:boy|girl)|results|summer|holidays?|half\s+term|christmas|panto|show|play|musical|match|season|final|tour|trip|era|signing\s+off)\b"
)

# the patterns that tell of an act (cutting, burning, pills taken or stored): a laugh beside
# them ("haha i took 20 paracetamol last night", "lmao cut myself again") is masking, not
# hyperbole, so HYPERBOLE does not excuse them as it does "i want to die lol"
ACTS_DONE = frozenset({
    "self harm harming cutting", "sharpener sharpeners blades blade", "purged purging purge hid hide hiding stopped eating", "cut cutted burn burned burnt scratched hurt", "arms arm wrists wrist legs thighs",
    "pills tablets paracetamol meds medication", "took taken swallowed", "barcode barcodes barcoded", "plasters bandages ready",
    "cut cutting cutted sliced scratched",
})
# rules-18: a notice about spotting the signs is not the signs ("Mental health week: a charity volunteer is
# talking about spotting signs of suicidal thoughts in friends")
AWARENESS = (r"\b(?:spotting|signs\s+of|how\s+to\s+(?:spot|help|support))\b"
             r"|\b(?:mental\s+health\s+(?:week|day|awareness|first\s+aid)|charity|volunteer|workshop|helpline|samaritans|childline|papyrus|kooth)\b"
             r"[^.!?]{0,60}\b(?:talk|talking|session|assembly|training|course|period\s+\d|leaflets?|posters?|number)\b")
# rules-14: a barcode that is ink, henna or a shop's ("my arms look like a barcode after all the henna practice")
BARCODE_BENIGN = (r"\b(?:henna|tattoos?|pens?|ink|biro|sharpie|felt\s+tips?|sunburn|tan\s+lines?|stamps?|stickers?|scann\w*|shops?|tills?|"
                  r"self[\s-]?checkouts?|library|lanyards?|tickets?|labels?|zebra\s+crossing|stripes?|stripy|stripey)\b")
assert ACTS_DONE <= {k for k, _ in IDEATION}, "ACTS_DONE names IDEATION entries by their keys"

FIRST_PERSON_SHORT = r"\b(?:i|i'm|im|i've|ive|i'd|id|i'll|me|my|myself)\b"
# British idiom and everyday words around the vocabulary: "I'd die for our form tutor",
# "die hard", "I'm dying here", "dying light", "the death of me", "faking my own death",
# "sudden death", "death metal", "death eaters", "cutting my hair for charity"
_DIE = r"die(?!\s+(?:hard\b|for\s+(?:a|an|our|my|the|this|that|those|these|some|one|another|it\b|his|her|their|your|ur|him|them|mr|mrs|ms|miss|sir|[a-z]+'s)\s))"
# rules-38: "I'm dying for the recipe", "dying for a cuppa" (a want, as "die for" is)
_DYING = r"dying(?!\s+(?:here|light)\b|\s+for\s+(?:a|an|the|some|my|one|another|this|that|your|ur|his|her|their|our)\s)"
_DEATH = (r"(?<!sudden )(?<!faking my )(?<!fake my )(?<!faked my )(?<!faking my own )(?<!fake my own )(?<!faked my own )"
          r"death(?!\s+(?:of\s+(?:me|us)\b|metal|eaters?\b|star\b|by chocolate))")
_CUTTING = (r"cutting(?!\s+(?:my|the|his|her|our|their|your|ur|mum'?s|mom'?s|mama'?s|nan'?s)\s+(?:[a-z]+'?s?\s+)?"
            r"(?:hair|fringe|grass|lawn|hedges?|nails|fingernails|toenails|cake)\b)")
SH_VOCAB = (
    # (each word's idioms are ruled out beside the word itself, not for the whole text: "this
    # mock will be the death of me, I've started cutting again" still flags the cutting)
    rf"\b(?:{_DIE}|{_DYING}|{_DEATH}|suicide|suicidal|kill myself|end it|end it all|end my life|overdose|paracetamol|pills|"
    r"tablets|noose|hang myself|(?:not|n't|isn't|isnt)\s+worth\s+(?:living|it anymore)|see the point|no point|"
    r"point anymore|how to do it|deserve to die|never wake up|not wake up|swallow(?:ing)?|cut(?:ting)? (?:so |too )?deep|"
    rf"{_CUTTING}|self[\s-]?harm(?:ing)?|vanish(?:ed)?|disappear(?:ed)?|won'?t be (?:here|around|in (?:tomorrow|again))|"
    r"hurt myself|starv(?:e|ing) myself|razor|blade|scars)\b"
)
SH_KEYS = lx.keys(
    "die dying death suicide suicidal kill end overdose paracetamol pills tablets noose hang worth point see how deserve "
    "wake swallow swallowing cut cutting self harm harming vanish vanished disappear disappeared won hurt starve starving "
    "razor blade scars"
)
NOT_SELF_HARM = (
    HYPERBOLE + r"|(?:died|dying|dead|die)\s+(?:laughing|of (?:laughter|shame|boredom|embarrassment)|when i saw|to (?:see|go|know|try|meet)|inside)"
    # rules-31: "My phone's about to die" (the 's joined to the word)
    r"|(?:phone|battery|laptop|charger|ipad|tablet|car|pen)(?:'s|s)?\s+(?:is\s+|was\s+|'s\s+)?(?:going\s+to|gonna|about\s+to)\s+die\b"
    r"|(?:phone|battery|laptop|charger|ipad|tablet)(?:'s|s|\s+is)\s+dying\b"
    # rules-37: "feel like death (warmed up)": ill, in British English
    r"|\bfe(?:el|els|eling|elin|lt)\s+like\s+death(?:\s+warmed\s+up)?\b(?![^.!?]{0,30}\b(?:want|wanna|wish|better\s+off|end\s+it)\b)"
    r"|\bi'?m dead\b|killing me|kill me (?:if|when)|(?:nearly|almost|literally) died|(?:phone|battery|laptop|charger|ipad|tablet|plant|car|pen)\s+(?:is\s+|was\s+|has\s+|just\s+)?(?:dead|died)"
    r"|\b(?:awareness|prevention|helpline|samaritans|childline|training|workshop|assembly)\b|(?:die|dying) (?:for|of) (?:a|some) "
    r"|my (?:gran|grandad|grandma|grandpa|nan|dog|cat|hamster|fish|uncle|aunt)\w* (?:died|passed)|blade (?:runner|of grass)"
    # rules-5: "my son's dying to join the club", "bored to death", "I wanted the ground to
    # swallow me", "his tie has mysteriously vanished again", "I could die, so proud"
    r"|\bdying\s+to\s+(?!die\b|end\b|be\s+dead\b|kill\b|disappear\b|vanish\b)[a-z]+"
    r"|\bmy\s+(?:late\s+)?(?:wife|husband|partner|mum|mom|dad|mother|father|son|daughter|brother|sister|gran\w*|grand\w+|nan|uncle|aunt\w*|friend|best\s+friend|dog|cat)'?s?\s+(?:death|passing|funeral)\b"
    r"|\b(?:bored|scared|worried|frightened|freezing|starving)\s+(?:me\s+|him\s+|her\s+|us\s+)?to\s+death\b|ground\s+(?:to\s+)?swallow\s+me\b"
    # rules-32: "My son's PE shorts have vanished for the third time", "trainers are 'to die for'", "When I die bury
    # me in the sixth form common room"
    r"|\bto\s+die\s+for\b|\bwhen\s+i\s+die\s+(?:just\s+)?bury\s+me\s+(?:in|at|with|under|next\s+to)\b"
    r"|\b(?:tie|blazer|kit|bag|coat|jumper|homework|lunchbox|lunch|money|keys|book|pen|shoes?|trainers?|socks?|hoodie|bottle|calculator|phone|charger|shorts|gloves|scarf|hat|glasses|jacket|umbrella|towel|goggles|shin\s*pads|football|ball)'?s?"
    r"\s+(?:has\s+|have\s+|had\s+|keeps?\s+|just\s+)?(?:\S+\s+)?(?:vanish|disappear)(?:ed|ing|s)?\b"
    r"|\bi\s+could\s+(?:literally\s+|just\s+|actually\s+)?die\b[^.!?]{0,20}\b(?:proud|happy|cringe|embarrass\w*|jealous|excited)"
    # rules-31: "If I have to hear one more Taylor Swift song on the bus I'll die lol", "The drama club's
    # Romeo and Juliet had me in tears when they both die" (the dying is a play's)
    r"|\bif\s+i\s+(?:have|had|gotta)\s+to\s+(?:hear|sit|listen|do|watch|eat|wear|read|write|see|stand|sing)\b[^.!?]{0,60}?\bi(?:'ll|\s+will|'d|\s+would|'m\s+gonna|m\s+gonna)\s+(?:literally\s+|actually\s+)?die\b"
    r"|\b(?:romeo|juliet|hamlet|macbeth|the\s+(?:play|musical|film|movie|book|novel|show|episode|characters?))\b[^.!?]{0,60}?\b(?:they|he|she|everyone|both)\s+(?:both\s+|all\s+)?(?:die|dies|died)\b"
    # rules-30: "My daughter's scars from the op are getting better"
    r"|\bscars?\s+(?:from|after)\s+(?:the|her|his|my|their|a|an)\s+(?:op|operation|surgery|c-?section|accident|fall|burns?|chicken\s*pox|acne|injury)\b"
    # rules-30: "Mum, stop commenting on the school's posts, it's embarrassing, I will literally die"
    r"|\b(?:embarrass\w*|cringe|mortif\w*|so\s+awkward)\b[^.!?]{0,40}?\bi(?:'ll|\s+will|\s+would|'d|\s+am\s+going\s+to|'m\s+gonna|m\s+gonna)\s+(?:literally|actually)\s+die\b"
    # rules-30: "Need a craft knife and cutting mat for my project" (DT and art tools)
    r"|\b(?:craft|stanley|hobby|exacto|x-?acto)\s+knife\b[^.!?]{0,40}?\b(?:cutting\s+mat|project|dt|d&t|art|model|coursework|design)\b"
    # rules-28: the dying is said of others ("Those of you who made my life hell won't be around to see the 23rd")
    r"|(?:those\s+of\s+(?:you|u)|you\s+lot|all\s+of\s+(?:you|u))\s+(?:who|that)\s+[^.!?]{0,50}?\b(?:won'?t|wont|will\s+not)\s+be\s+(?:around|here|alive|breathing)\b"
    # rules-14: "the mental health first aid module ... covers spotting self-harm in teens"
    r"|\b(?:first\s+aid|(?:training|online|ta|tas)\s+course|modules?|cpd|inset\s+day|spotting|how\s+to\s+(?:spot|support|help))\b"
    # rules-16: "In English we analysed Death Be Not Proud and I actually got it for once" (a text
    # studied, not studying: "I've been studying all night and I want to die" stays)
    r"|\b(?:analys(?:ed|ing|e|is)|annotat\w*)\b|\b(?:studied|studying|reading|read)\s+(?:a|the|this|that)\s+(?:poem|novel|play|book|text|extract)\b"
)


def rules(names: Names) -> list[Rule | NearRule]:
    target = lx.B + lx.alt(lx.YOU, lx.PRON3, lx.TITLE_NAME, names.people) + lx.E
    return [
        Rule("self_harm.kys", S,
             lx.alt(lx.words(KYS_WORDS),
                    r"(?:you|u|she|he|they)\s+should\s+(?:just\s+)?(?:die|kill (?:yourself|urself|herself|himself|themselves)|end it)",
                    r"do\s+(?:us|everyone|every1|the world|the school)(?:\s+(?:in|at)\s+(?:(?:this|the|our)\s+)?[a-z]+)?\s+a\s+(?:favou?r|kindness|service)\s+and\s+(?:die|disappear|vanish|kill|end|jump|stop breathing|stop existing|unalive|log off (?:permanently|forever|for good))",
                    r"(?:you|u)\s+(?:should\s+|shud\s+|shld\s+|need\s+to\s+|gotta\s+)?cut\s+deeper|cut\s+deeper\s+(?:next|this)\s+time|(?:still|(?:are|r)\s+(?:you|u)|(?:you|u)(?:'re|re|\s+are|\s+r)?)\s+(?:still\s+)?(?:cutting|cuttin)\b[^.!]{0,40}?\b(?:you|u)\s+(?:should|shud|shld|need\s+to|gotta|might\s+as\s+well)\s+go\s+deeper|(?:next|this)\s+time\s+cut\s+deeper|remov(?:e|es|ed)\s+(?:yourself|urself|herself|himself|themselves)\s+from\s+(?:existence|the\s+planet|this\s+world|the\s+earth)",
                    r"(?:just|pls|please|should|go|u should|you should)\s+stop\s+(?:breathing|existing)\b",
                    r"throw\s+(?:yourself|urself|ur self)\s+(?:in|into|off|under|out of)\b|go\s+play\s+(?:on|in)\s+(?:the\s+)?(?:railway|motorway|traffic|tracks)",
                    r"(?:should|just|go)\s+(?:just\s+)?give\s+up\s+on\s+life|\bgo\s+(?:overdose|od|drown)\b|slit\s+(?:them|it|ur|your|her|his)\s+(?:wrists\s+)?properly",
                    r"wish(?:es|ed)?\s+(?:you|u)(?:'d| would)\s+(?:just\s+)?(?:drown|die|disappear|kill (?:yourself|urself))",
                    # encouragement aimed at someone who self-harms: "tell him to do it properly"
                    r"(?:self[\s-]?harm\w*|cut(?:s|ting)?\s+(?:himself|herself|themselves|yourself|urself))\b[^!?]{0,80}?\bdo\s+it\s+properly",
                    r"(?:go|just|pls|please)\s+(?:and\s+)?jump\s+off\s+(?:a|the|that)\s+(?:[a-z]+\s+){0,2}(?:roof|bridge|building|cliff|block|car park)",
                    # rules-19: "go stand in front of the 🚌 😂 @kai_w_07 would be the best thing u ever did"
                    r"(?:^|[.!?,]\s*|\bjust\s+|\bpls\s+|\bplease\s+)go\s+(?:and\s+)?(?:stand|lie|lay|walk|step|jump|play)\s+in\s+front\s+of\s+(?:a|the|that)\s+"
                    r"(?:bus|train|lorry|truck|car|emj_train|🚌|🚍|🚗|🚙|🚚)(?!\s*(?:stop|station|shelter|park|garage|depot|driver|door|window|and\s+wave|so|to|for|while|when|until|till|til|with|in\s+the)\b)",
                    rf"no\s*(?:one|body)\s+would\s+(?:care|miss|notice)\s+if\s+{target}\s+(?:died|was dead|were dead|killed)",
                    r"(?:the world|everyone) (?:would be|is) better (?:off )?without (?:you|u)",
                    # rules-15: "If you hate it here that much the roof of the science block is always open"
                    r"if\s+(?:you|u)\s+hate\s+(?:it|this|life|school|it\s+here|this\s+place)\b[^.!?]{0,40}?\b(?:roof|bridge|tracks|railway|window|motorway)\b[^.!?]{0,40}?\b(?:open|there|waiting|always|high)\b",
                    # rules-31: "If you want the world rid of you there's a roof on the science block, just saying Callum"
                    r"if\s+(?:you|u)\s+(?:want|wanna|wish)\s+(?:the\s+world|everyone|every1|us|people|the\s+school)\s+(?:to\s+be\s+)?rid\s+of\s+(?:you|u)\b",
                    r"(?:go|just|pls|please|gonna|should)\s+(?:drown|hang|kill|stab|shoot|hurt|off|end|starve|overdose|od|unalive|neck)\s+(?:yourself|urself|ur self|your self|yourselves)",
                    # rules-10: "that boy in yr10 needs to neck himself honestly"
                    r"(?:needs?\s+to|should|ought\s+to|can\s+(?:go|just))\s+(?:just\s+|go\s+(?:and\s+)?)?(?:neck|hang|kill|unalive|off|drown)\s+(?:himself|herself|themselves|hisself|theirself)\b",
                    r"why\s+(?:are|r)\s+(?:you|u)\s+(?:still\s+)?(?:alive|breathing)", r"(?:just|go|pls|please)\s+end\s+it\b",
                    # rules-38: "y r u stil breathin? go jmp off sumthin" (text speak)
                    r"\by\s+r\s+u\s+(?:still\s+|stil\s+)?(?:alive|breathing|breathin)\b"
                    r"|\bgo\s+(?:and\s+)?(?:jump|jmp)\s+off\s+(?:something|sumthin|sumthing|smth|summat|somethin)\b",
                    # rules-5 (round eight): pills, wrists, roofs and funerals, said to someone
                    r"neck\s+(?:a|the|ur|your)\s+(?:bottle|packet|box|load|handful)\s+of\s+(?:[a-z']+\s+){0,2}(?:pills|tablets|paracetamol|meds)",
                    # rules-30: "Someone should tell Jade to slit her wrists, she's such an attention seeker"
                    r"\btell\s+(?:[a-z]+|her|him|them)\s+to\s+(?:go\s+|just\s+)?(?:slit\s+(?:her|his|their)\s+(?:own\s+)?wrists|kill\s+(?:herself|himself|themselves)"
                    r"|hang\s+(?:herself|himself|themselves)|neck\s+(?:herself|himself|themselves)|unalive\s+(?:herself|himself|themselves)|kys|end\s+it)\b",
                    # rules-36: "Tell Demi to finish what she started on her wrists"
                    r"finish\s+what\s+(?:she|he|they|you|u)\s+started\s+(?:on|with)\s+(?:her|his|their|your|ur)\s+(?:wrists?|arms?|legs?)\b|"
                    r"slit\s+(?:them|those)\s+wrists|why\s+(?:don'?t|dont|not)\s+(?:you|u)\s+(?:just\s+)?(?:walk|jump|step|fall)\s+off\s+(?:the|a|that)\b",
                    r"save\s+up\s+for\s+(?:the|your|ur|his|her)\s+funeral|no\s*(?:one|body)\s+wants\s+(?:you|u)\s+(?:alive|here|around|breathing|to\s+live)",
                    r"sort\s+(?:yourself|urself|herself|himself)\s+out\s+(?:permanently|for\s+good|forever)",
                    r"(?:emj_pill\s*){2,}\s*(?:take|neck|swallow)\s+(?:the\s+lot|them\s+all|all\s+of\s+them)|(?:take|neck|swallow)\s+(?:the\s+lot|them\s+all)\s*(?:emj_pill|emj_rope|emj_skull)"),
             0.95, "tells someone to kill or hurt themselves", keys=lx.keys("breathin sumthin sumthing smth summat somethin finish started rid hate roof emj_ neck funeral wants sort lot slit walk step fall front kys kms cut deeper remove removes removed vanish throw play give overdose od drown slit wish wishes wished jump breathing existing properly kindness service yourself urself yourselves self die bleach wrists wrist bridge suicide favour favor died dead killed without hang rope alive end himself herself themselves hisself theirself"),
             unless=r"commit suicide (?:prevention|awareness)|(?:why|how) (?:do|does|did) people commit suicide|" + QUOTED_SLANG + "|" + TALKED_ABOUT),
        NearRule("self_harm.first_person_death", S, FIRST_PERSON_SHORT, SH_VOCAB, 0.75,
                 "a first-person statement next to words about dying or self-harm", max_words=5,
                 keys=lx.keys("i im me my myself ive id"), also=SH_KEYS, unless=NOT_SELF_HARM),
        Rule("self_harm.reported", S, REPORTED, 0.85, "someone reported to be self-harming or planning to end their life",
             keys=lx.keys("h'ing sh'ing talking texting going scratches cuts marks scars arms doin doing cutting self harming burning overdose been posted said says saying told MASK pills tablets paracetamol meds medication posting postin sharing emj_ telling tell tells"), unless=NOT_SELF_HARM + "|" + TALKED_ABOUT),
        Rule("self_harm.farewell", S, FAREWELL, 0.85, "a goodbye as if for the last time",
             keys=lx.keys("last forever ever think give sorry still miss"), unless=LEAVING + "|" + HYPERBOLE, check=not_quoted),
        # rules-9: "d1e already, no1 in 8B wud even cry"
        Rule("self_harm.kys", S, r"(?:^|[.!?,]\s*|\bjust\s+|\bpls\s+|\bplease\s+|\bgo\s+)die\s+already\b",
             0.9, "tells someone to kill or hurt themselves", keys=lx.keys("already"),
             unless=r"\b(?:phone|battery|laptop|charger|plant|car|ipad|tablet|trend|meme|joke)s?\b"),
        *(
            Rule("self_harm.ideation", S, pattern, 0.9, "first-person suicidal or self-harm thoughts",
                 keys=lx.keys(keys), unless=(BARCODE_BENIGN if keys.startswith("barcode") else None) if keys in ACTS_DONE else HYPERBOLE + "|" + AWARENESS,
                 check=not_quoted)
            for keys, pattern in IDEATION
        ),
    ]


__all__ = ["JUMPED_THING", "SELF_INJURY_EMOJI", "SUPPORT", "rules"]
