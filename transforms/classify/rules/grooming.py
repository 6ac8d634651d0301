"""Grooming: an adult seeking private contact with a young person.

One signal is rarely enough ("DM us for tickets" is the school office). A flag needs two
kinds of signal together (secrecy, moving to a private channel, asking age or school,
asking for images, arranging to meet, flattery or gifts), or one that stands alone
("don't tell your parents", "age is just a number").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from schoolwatch.core.categories import Category
from transforms.classify import lexicon as lx
from transforms.classify.literals import Gated
from transforms.classify.normalise import Normalised
from transforms.classify.rules.base import MAX_SPANS, Hit, Names, Rule

G = Category.GROOMING
YOU = lx.YOU
YOUR = r"(?:your|ur|yr|ya)"

SIGNALS: dict[str, tuple[str, ...]] = {
    "secrecy": (
        # rules-20: "swap 2 snap, dis app shows evrythin 2 teachers", "m0ve 2 d!scord, dis app logs evrythin"
        r"(?:this|dis|da|the|that)\s+app\s+(?:shows|logs|saves|records|tracks|keeps|screenshots|reports)\s+(?:everything|all|our\s+(?:chats?|messages))\b",
        rf"(?:don'?t|dont|do not|never)\s+mention\s+(?:it|this|me|us|that)\s+to\s+(?:{YOUR}\s+)?(?:mum|mom|dad|parents?|teachers?|anyone|any1|family|friends)",
        r"(?:don'?t|do not|dont)\s+want\s+(?:your|ur|anyone|any1|them|people)\s+(?:parents\s+|mum\s+|dad\s+|family\s+)?(?:finding out|to find out|to know|knowing)",
        r"(?:my|our)\s+(?:little\s+)?secret", r"(?:delete|clear|wipe)\s+(?:my|all my|all the|all our)\s+(?:chats?|messages?|texts?|dms?|convo)",
        r"(?:you\s+can|u\s+can)\s+talk\s+to\s+me\s+about\s+anything",
        rf"(?:don'?t|dont|do not|never|no need to)\s+(?:tell|show|let)\s+(?:{YOUR}\s+)?(?:mum|mom|dad|parents?|mam|teachers?|anyone|any1|nobody|family|friends|carers?|the school)",
        r"(?:keep|kept)\s+(?:this|it|us|our chats?|this chat)\s+(?:a\s+|our\s+)?(?:little\s+)?(?:secret|between us|private|to yourself|quiet)",
        r"our\s+(?:little\s+)?secret", r"just\s+between\s+(?:us|you and me|me and you)",
        r"delete\s+(?:this|the|our|these)\s+(?:chat|messages?|texts?|convo|conversation|dms?)",
        r"(?:they|your parents|parents|adults)\s+(?:wouldn'?t|won'?t|don'?t|would never)\s+understand",
        r"(?:i\s+)?(?:won'?t|wont|will not|will never|never)\s+(?:show|tell)\s+(?:anyone|any1|anybody|nobody|your)",
        r"emj_shush", r"(?:you\s+can|u\s+can|just)\s+trust\s+me",
        r"(?:don'?t|dont|do not)\s+bring\s+(?:anyone|any1|anybody|your (?:mates|friends|mum|dad))|come\s+(?:alone|on (?:your|ur|yer) own|by (?:yourself|urself|ur self|yaself))",
        r"delete\s+(?:them|it|everything|our chats?|the chats?|these)(?:\s+after(?:wards)?)?",
        r"(?:you\s+can|u\s+can)\s+tell\s+me\s+anything", r"sneak(?:ing)?\s+out",
        r"(?:don'?t|dont|do not)\s+tell\s+(?:him|her|them|anyone|any1)\s+(?:i|we)\s+(?:messaged|texted|spoke|talked|talk|chat|met|dm)",
        r"(?:more|somewhere|some\s?where)\s+private",
        # rules-16: "s n a p me @liam_k_1990 its eazier 2 talk there 👻"
        r"(?:easier|eazier|better|safer)\s+(?:to|2)\s+(?:talk|chat)\s+(?:there|on\s+(?:there|snap|snapchat|whatsapp|insta|discord|telegram))\b", r"(?:your|ur)\s+(?:parents|mum|mom|dad|family)\s+(?:don'?t|do not|doesn'?t)\s+need\s+to\s+know",
        r"(?:do|does|will|would)\s+(?:your|ur)\s+(?:parents|mum|mom|dad|family)\s+(?:check|look at|go through|read)\s+(?:your|ur)\s+(?:phone|messages|chats?)",
        r"(?:nobody|no one|no1)\s+(?:needs|has)\s+(?:to|2)\s+kno(?:w)?\b",
        r"when\s+(?:no\s*one|nobody|no1)(?:'s|s| is)\s+looking", r"(?:texts?|messages?|chats?|dms?)\s+can\s+be\s+(?:read|seen|checked)",
        r"(?:nosy|nosey)\s+(?:people|parents|teachers|mods|eyes)|where\s+(?:no\s*one|nobody|we)\s+(?:can\s+(?:see|read)|won'?t\s+be\s+(?:interrupted|seen))",
        r"remember\s+what\s+we\s+(?:talked|spoke|chatted|said)\s+about",
        r"no\s+parents\s+(?:allowed|needed|invited|required)|skip\s+the\s+parents|without\s+(?:your|ur|their|his|her)\s+(?:parents|mum|mom|dad)\s+knowing|strictly\s+confidential|(?:sign\s+up|register|apply)\s+(?:with\s+me\s+)?privately",
        r"whenever\s+(?:his|her|their|your|ur)\s+(?:dad|mum|mom|parents)\s+(?:isn\'?t|aren\'?t|is not|are not)\s+(?:around|home|in|looking)",
        r"(?:if|when)\s+(?:someone|anyone|any1|people|they|(?:your|ur)\s+(?:mum|mom|dad|parents))\s+finds?\s+out\s+about\s+(?:us|me|this|what we)|(?:when|once|after)\s+(?:everyone|every1|(?:your|ur)\s+(?:parents|mum|mom|dad))(?:'s|s| is| are|'re)\s+asleep",
        # rules-14: "Stop replying on the comments, people can see. Check your requests."
        r"(?:stop|don'?t|dont|do\s+not)\s+(?:replying|commenting|answering|posting)\s+(?:on|in|under|to)\s+(?:the|my|these|this)\s+(?:comments?|post|page)\b"
        r"|\b(?:people|everyone|every1|ppl|others)\s+can\s+(?:see|read)\s+(?:this|these|it|them|the\s+comments|what\s+(?:we|you|u)\s+(?:write|say|post))\b",
        r"no\s+(?:mods|adults|teachers|parents)\s+(?:reading|watching|checking|around)|keep\s+(?:your|ur|the)\s+phone\s+hidden|hide\s+(?:your|ur)\s+phone|lock\s+(?:your|ur)\s+(?:bedroom\s+)?door",
        r"show\s+me\s+(?:you|u)\s+trust\s+me|(?:prove|show)\s+(?:you|u)\s+(?:trust|love)\s+me",
        # rules-10: "show me first before anyone else sees"
        r"(?:show|send)\s+(?:it\s+to\s+)?me\s+(?:[a-z]+\s+){0,2}?(?:first\s+)?before\s+(?:anyone|any1|anybody|everyone|every1)(?:\s+else)?",
        r"remember\s+what\s+we\s+(?:agreed|promised)|(?:less|fewer|no)\s+(?:ppl|people|eyes)\s+(?:watching|reading|looking)|\bwho\s+(?:don'?t|dont|dnt|never)\s+tell\b",
        # rules-28 (round twenty-nine), from the lines holdout59 and holdout60 missed: "delete after reading
        # 🔥🤫", "Can't give it you where people can see though", "a bit of money for the weekend ... No
        # questions asked", "dis app is 2 public"
        r"(?:delete|del|deleting)\s+(?:it\s+|this\s+)?(?:after|once|when)\s+(?:reading|you'?ve\s+read|u'?ve\s+read|u\s+read|you\s+read|read)\b",
        r"(?:can'?t|cant|cannot|won'?t|wont)\s+(?:give|hand|show)\s+(?:it\s+)?(?:to\s+)?(?:you|u)(?:\s+it)?\s+(?:where|when)\s+(?:people|anyone|any1|others|every(?:one|1)|ppl)\s+(?:can\s+)?(?:see|are\s+(?:looking|around))",
        r"\bno\s+questions\s+asked\b",
        r"(?:this|dis|da|the)\s+app\s+(?:is|'s|s|iz)\s+(?:too|2|to|way\s+too)\s+(?:public|open)\b",
    ),
    "private": (
        r"(?:message|msg|dm|text|chat|talk|speak)\s+(?:me\s+|you\s+|u\s+)?(?:privately|in private|on private)",
        # rules-28: "add my 2nd acc xx", "w/a me on 0 7 7 0 0 ...", "snap @t0mmy_rw"
        r"(?:add|follow|message|msg|dm)\s+(?:me\s+on\s+)?my\s+(?:2nd|second|other|priv|private|spam|alt|backup|new)\s+(?:acc|account|page|snap|insta|number)\b",
        r"(?:w/a|whatsapp|watsapp|whatsap)\s+me\b",
        r"\bsnap(?:chat)?\s*(?:me\s*)?(?:[:\-]|is|on|at)?\s*@\w+",
        r"(?:i\s+(?:could|can|will|'ll)|i'll|can\s+i|let\s+me)\s+(?:call|ring|phone|facetime|text|message)\s+(?:you|u)\b",
        r"(?:dm|pm|inbox|message|msg|text|snap|whatsapp|kik|telegram)\s+me", r"(?:add|follow)\s+me\s+on",
        rf"(?:what'?s|whats|wats|send\s+me|give\s+me)\s+{YOUR}\s+(?:snap|snapchat|insta|number|num|whatsapp|kik|discord|telegram|tiktok)",
        r"(?:private|secret)\s+(?:chat|account|message|convo|server|call)", r"(?:move|go|talk)\s+(?:to|on)\s+(?:snap|snapchat|whatsapp|kik|telegram|discord|private)",
        r"(?:video|facetime|cam)\s+(?:call|chat)|facetime|video\s*call", r"(?:chat|talk|message|msg|speak)\s+(?:on|over|via|through)\s+(?:snap|snapchat|whatsapp|kik|telegram|discord|insta|instagram|signal|wickr|tiktok)",
        r"(?:whats|what'?s|wats|got|have you got|send me)\s+(?:your|ur)\s+(?:number|no|digits|addy|address)",
        r"move\s+(?:this|the|our)\s+(?:chat|convo|conversation)\s+(?:to|on|over)",
        r"(?:different|another|other|safer|better)\s+(?:app|platform|site|chat)\s+(?:where|so|that)\b", r"call\s+me\s+instead\s+of\s+(?:texting|messaging|dming)",
        r"tell\s+(?:her|him|them)\s+to\s+(?:follow|add|message|msg|dm|text|look)\s+(?:me|me\s+up)|(?:tell|ask)\s+(?:her|him|them)\s+(?:an?|this|that)\s+(?:older|\d\d\s*(?:year old|yo))",
        r"(?:sent|send|sending)\s+(?:you|u|her|him)\s+a\s+(?:follow|friend)\s+request|accept\s+my\s+(?:follow|friend)\s+request|look\s+me\s+up\b|(?:my\s+)?(?:inbox|dms)\s+(?:is|are)\s+(?:always\s+)?open",
        r"(?:messages?|sends?|dms?|texts?)\s+me\s+(?:his|her|their)\s+(?:number|snap|insta|whatsapp)|(?:add|follow)\s+me\b(?!\s+(?:to|in|into|on\s+to)\s+(?:the|our|your)\s+(?:group|rota|list|chat|whatsapp))",
        r"get\s+on\s+(?:a\s+)?(?:call|cam|facetime|video|vc)\b|private\s+vc",
        # rules-10: "hmu on telegram"
        r"\bhmu\s+(?:on|via|over)\s+(?:snap|snapchat|telegram|whatsapp|kik|discord|insta|signal|wickr)",
        r"(?:move|go)\s+(?:2|to)\s+(?:snap|snapchat|whatsapp|kik|telegram|discord|signal|wickr)\b",
        # rules-19: "swap to 👻 babe, insta's 2 public"
        r"(?:swap|switch)\s+(?:2|to|over\s+to)\s+(?:snap|snapchat|whatsapp|kik|telegram|discord|signal|wickr|emj_ghost)(?!\w)",
        r"\b(?:insta|instagram|ig|facebook|fb|tiktok|here|this)(?:'s|s|\s+is)\s+(?:2|too|to{2,}|way\s+too|bit\s+too)\s+public\b",
        # rules-14: "Here's my Discord, drop me a line tonight", "Check your requests."
        r"(?:here'?s|heres|this\s+is|that'?s)\s+my\s+(?:discord|snap|snapchat|insta|whatsapp|kik|telegram|number|num|tiktok|private\s+account)\b",
        r"check\s+(?:your|ur)\s+(?:message\s+)?(?:requests|dms|inbox|hidden\s+(?:folder|messages))\b",
        # rules-15: "The girl second from the left, what's her username?"
        r"what'?s\s+(?:his|her|their)\s+(?:username|user\s+name|insta|instagram|snap|snapchat|handle|account|tiktok|@)",
    ),
    "age": (
        r"(?:saw|seen|noticed|watching|watched|spotted)\s+(?:you|u)\s+(?:at|outside|in|on|by|walking|leaving|getting|near|walk|go|leave|get)\b",
        r"(?:which|what)\s+(?:entrance|gate|exit|door|bus|way)\s+do\s+(?:you|u)\s+(?:come out|leave|use|take|get|walk)",
        r"(?:you(?:'re| are)|ur|u r)\s+only\s+(?:1[0-7]|[5-9])\b",
        rf"how\s+old\s+(?:are|r)\s+{YOU}", rf"what\s+(?:year|school|class|age)\s+(?:are|r|is)\s+{YOU}", r"(?:asl|a/s/l)",
        rf"(?:are|r)\s+{YOU}\s+(?:(?:like|only|even|over|under)\s+)?(?:1[0-8]|[8-9])\b", r"what\s+school\s+do\s+(?:you|u)\s+go\s+to",
        r"which\s+school\s+(?:are|do)\s+(?:you|u)", r"(?:you(?:'re| are)|ur|u r)\s+(?:so\s+|very\s+|really\s+)?mature\s+for\s+(?:your|ur)\s+age",
        r"age\s+(?:is|'s)\s+(?:just|only)\s+a\s+number", r"(?:young|old)\s+enough",
        # rules-20: "ѕnар mе 😘 14 is fine i dont judge"
        r"\b(?:1[0-5]|[89])\s+(?:is|'s|s)\s+(?:fine|ok|okay|cool|alright|not\s+(?:too\s+)?young)\b(?![^.!?]{0,30}\b(?:minutes?|mins?|degrees|pounds|quid|£|cm|kg|points|marks)\b)",
        r"(?:where|what road|what street|what area)\s+do\s+(?:you|u)\s+live",
        r"(?:look|looks|seem|seems)\s+(?:so\s+|much\s+|way\s+)?(?:older|younger|mature|grown up)\s+(?:than|for)",
        r"(?:so\s+|really\s+|very\s+)?(?:grown\s?up|mature|developed)\s+for\s+(?:(?:your|ur|a|an)\s+)?(?:age|year\s?\d+|\d+)",
        r"(?:older|younger)\s+than\s+(?:1[0-8]|[5-9])\b",
        r"i'?m\s+(?:only\s+)?(?:1[0-8])\s+(?:too|as well|also)", r"(?:still|are you|r u|you)\s+(?:at|in)\s+(?:school|year\s?\d+)",
        r"what\s+year\s*\?", r"(?:bit|little|few years|couple of years|only \d+ years?)\s+older\s+than\s+(?:you|u)",
        r"(?:1[0-7]|[5-9]|eleven|twelve|thirteen|fourteen|fifteen)\s+year\s+olds?\s+(?:are|is|r)\s+(?:as|so|this)\s+(?:smart|mature|clever|pretty|grown up|sensible)",
        r"(?:i\s+)?know\s+(?:your|ur)\s+(?:year group|form|school|class)\b",
        r"(?:how\s+old|what\s+age(?:\s+group)?|what\s+year|which\s+(?:school\s+)?year(?:\s+group)?)\s+(?:is|are|r)\s+(?:she|he|they|her|him|(?:the|that|this|those|these)\s+(?:[a-z]+\s+){0,2}?(?:girls?|boys?|lads?|lass|kids?|child|children|one|team|squad))\b",
        r"what\'?s\s+(?:his|her)\s+(?:real\s+)?name\b",
        r"(?:i\'?m|im|i am)\s+(?:[2-5][0-9])\b(?!\s*(?:%|minutes|mins|seconds|quid|pounds|miles|weeks|days))|(?:an?|this)\s+(?:[2-5][0-9])\s*(?:year old|yo|y/o)|(?:an?|this)\s+older\s+(?:guy|man|friend|boy|lad|bloke)",
        r"(?:the|that)\s+(?:[a-z]+\s+){0,3}?(?:girl|boy|lad|lass|kid|child)\s+(?:in|with|from|playing|wearing)\s+(?:the\s+)?(?:[a-z0-9]+\s+){0,3}?(?:pics?|photos?|pictures?|videos?|vids?|costume|dress|onesie|hoodie|kit|bow|braids)\b",
        # rules-14: a child's routine known or asked ("i kno ur bus gets in at 8:15", "who's picking
        # you up today?", "what does your dad do for work?")
        r"(?:i\s+)?(?:know|kno)\s+(?:ur|your|what)\s+(?:bus|train)\s+(?:gets?\s+in|leaves?|comes?|arrives?|is)\b",
        r"who'?s\s+(?:picking|collecting|taking)\s+(?:you|u)\s+(?:up|home)\b",
        r"what\s+(?:does|do)\s+(?:your|ur)\s+(?:dad|mum|mom|parents|step\s?dad|step\s?mum)\s+do\s+for\s+(?:work|a\s+living|a\s+job)\b",
        r"\b(?:girl|boy|lad|one)\s+(?:second|third|fourth|first|1st|2nd|3rd|4th)\s+(?:from|on)\s+the\s+(?:left|right)\b",
        # rules-16: "The one on the left, what's her Insta?"
        r"\bthe\s+(?:one|girl|boy|lad)\s+on\s+the\s+(?:left|right|end)\b",
    ),
    "images": (
        r"(?:send|snap|show)\s+(?:me\s+)?(?:a\s+|some\s+|more\s+)?(?:pics?|pictures?|photos?|selfies?|nudes|vids?|videos?)\s+(?:of\s+)?(?:you|u|yourself|urself|ur|your)",
        r"(?:send|snap)\s+(?:me\s+)?(?:nudes|a nude|something naughty|something sexy|a pic|a selfie)",
        r"show\s+me\s+(?:your|ur|what you look like|yourself|urself)", r"(?:turn|put)\s+(?:your|ur)\s+(?:cam|camera|webcam)\s+on",
        r"what\s+(?:are|r)\s+(?:you|u)\s+wearing",
        r"send\s+(?:me\s+)?(?:a\s+|some\s+|more\s+|another\s+|ur\s+|your\s+)?(?:pics?|photos?|pictures?|selfies?|vids?|videos?|snaps?)",
        r"(?:wear|put on|in)\s+(?:your|ur)\s+(?:school\s+)?(?:uniform|pe kit|swimsuit|bikini|pyjamas|pjs|skirt|tights|shorts|underwear|bra)",
        r"(?:photo|pic|picture|selfie|video|vid)s?\s+of\s+(?:you|u|yourself|urself)\b", r"(?:your|ur)\s+(?:pics|photos|selfies|pictures)",
        r"send\s+(?:me\s+)?(?:a\s+few|a\s+couple(?:\s+of)?|some|more)\s+(?:pics?|photos?|pictures?|selfies?|vids?|videos?)",
        r"sends?\s+me\s+(?:a\s+)?(?:pic|photo|selfie|video|picture)s?\b|photos?\s+for\s+my\s+[\'\"]?portfolio",
        r"thanks\s+for\s+the\s+(?:pic|photo|selfie|pics|photos)",
        r"(?:owe|owes)\s+me\s+(?:a|one|some|another)\s+(?:pic|photo|picture|selfie|snap|vid|video)\b",
        # rules-15: "send 1 pic pls ❤️ jus 4 me"
        r"send\s+(?:me\s+)?(?:1|one)\s+(?:pic|photo|picture|selfie|snap|vid|video)\b",
    ),
    "meet": (
        r"(?:are|r|is)\s+(?:your|ur)\s+(?:parents|mum|mom|dad|mam|family)\s+(?:home|in|out|away|around|at work|going out)",
        r"(?:when|while)\s+(?:you(?:'re| are)|ur|u r|your)\s+(?:in bed|in the bath|in the shower|alone|home alone|in your room|getting changed|changing)",
        r"(?:could|can|will|'ll)\s+pick\s+(?:you|u)\s+up",
        r"(?:meet|see)\s+(?:me|up|you|u)\s+(?:after school|tonight|this weekend|at the|at mine|somewhere|in person|alone|irl)",
        r"(?:are|r)\s+(?:you|u)\s+(?:home\s+)?alone", r"meet\s+(?:me|up)\b",
        r"(?:get|put)\s+(?:you|u)\s+(?:in|into)\s+my\s+(?:car|van|house|flat)", r"walk\s+to\s+the\s+(?:corner|end of the road|park|alley)",
        r"(?:i'?ll|i will|i can)\s+wait\s+(?:for\s+(?:you|u)\s+)?(?:round the corner|outside|at the|by the)", r"(?:i'?ll|i can|i will|i could)\s+(?:pick\s+(?:you|u)\s+up|come\s+get\s+(?:you|u)|drive\s+(?:you|u))",
        r"come\s+(?:round|over|back)\s+(?:to\s+)?(?:mine|my place|my house|my flat)", r"what\s+time\s+do\s+(?:you|u)\s+(?:finish|get out of|leave)\s+school",
        r"(?:wanna|want to)\s+meet\s+(?:up)?", r"(?:meet|meeting)\s+up\s+(?:sometime|soon|alone|just us)",
        r"(?:have|got|get|having)\s+the\s+(?:house|place|flat)\s+to\s+(?:ourselves|our selves)",
        r"(?:see|meet)\s+(?:you|u)\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|later|soon)\b",
        r"wait\s+(?:in|at|by|outside)\s+the\s+(?:car\s?park|gates?|bus\s+stop|corner)\s+for\s+(?:the|that|her|him)\b|(?:catch|surprise|meet)\s+(?:one\s+of\s+them|him|her|the\s+(?:boy|girl|lad|kid))\s+(?:at|by|after|outside)\s+(?:the\s+)?(?:gates?|school|club)",
        r"one[\s-]to[\s-]one\s+at\s+(?:my|mine)|at\s+my\s+(?:house|place|flat|pool)\b|(?:sleep|stay)\s+over\s+(?:at\s+mine|whenever|any\s?time)|can\s+sleep\s+over|(?:separate|private)\s+(?:camping\s+)?(?:trip|camp|sleepover)|sleepover\s+(?:sports\s+)?camp",
        r"what\s+time\s+(?:do|does)\s+(?:the\s+)?(?:year\s?\d+s?|kids|girls|boys|children|pupils|[a-z\']+\s+club)\s+(?:finish|get\s+out|leave|come\s+out)",
        r"get\s+in\s+(?:the|my)\s+(?:car|van)|(?:bring|bringing|take|taking)\s+(?:you|u)\s+(?:to|round\s+to)\s+(?:mine|my\s+(?:house|place|flat))",
        # rules-10: a lift offered, a meeting "in person", someone near the child's school; who
        # collects a child, and whether they walk home alone
        r"(?:save|spare)\s+(?:you|u)\s+the\s+walk|(?:see|meet)\s+(?:you|u)\s+in\s+person|(?:be|i'?ll\s+be|i'?m)\s+(?:near|outside|by)\s+(?:your|ur)\s+school",
        r"(?:does|do)\s+(?:any(?:one|1|body)|some(?:one|1|body))\s+(?:pick|collect)\s+(?:you|u)\s+up|(?:do|does)\s+(?:you|u)\s+(?:walk|get|go)\s+home\s+(?:alone|on\s+(?:your|ur)\s+own|by\s+(?:yourself|urself))",
        # rules-14: "ill b waitin by the shop", "I'm going to be nearby", "is he out much during the day?"
        r"(?:i'?ll|ill|i\s+will)\s+(?:b|be)\s+(?:waitin|waiting)\s+(?:by|near|round)\s+the\s+(?:shop|shops|corner|park|bus\s+stop|station|chippy|alley|car)\b",
        r"(?:i'?ll|ill|i\s+will|i'?m|im|i\s+am)\s+(?:be\s+|going\s+to\s+be\s+|gonna\s+be\s+)?(?:nearby|in\s+the\s+area|round\s+(?:there|your\s+way|ur\s+way))\b",
        r"\bis\s+(?:he|she)\s+(?:out|away|at\s+work)\s+(?:much|a\s+lot|often|during\s+the\s+day|in\s+the\s+day|after\s+school|in\s+the\s+evenings?)\b",
        r"(?:fancy|wanna|want\s+to\s+(?:get|grab))\s+(?:some\s+)?(?:food|lunch|dinner|a\s+drink|a\s+coffee|a\s+milkshake|maccies|mcdonald'?s|nando'?s|the\s+cinema|a\s+film)\b",
    ),
    "flattery": (
        # rules-28 (round twenty-nine): "Got something for your birthday. Can't give it you where people can
        # see though", "If you ever need a lift or a bit of money for the weekend, just say the word."
        r"(?:got|bought|have|found)\s+(?:(?:you|u)\s+)?(?:something|a\s+(?:little\s+)?(?:present|gift|surprise|treat))\s+for\s+(?:you|u|your\s+birthday|ur\s+birthday|ur\s+bday|your\s+bday)\b",
        r"(?:if\s+(?:you|u)\s+(?:ever\s+)?need|need)\s+(?:a\s+lift|money|cash|(?:a\s+)?(?:bit\s+of|little)\s+(?:money|cash)|a\s+lift\s+or\s+[^.!?]{0,30}?)\b[^.!?]{0,40}?(?:just\s+(?:say|ask|message|text|dm)|let\s+me\s+know|say\s+the\s+word)",
        r"(?:you(?:'re| are)|ur|u r)\s+(?:way\s+|so\s+|much\s+)?(?:cooler|prettier|more mature|better looking|smarter|nicer|fitter)\s+than\s+(?:the\s+)?(?:other|all|most)",
        r"(?:you|u)\s+(?:looked|look|looking)\s+(?:so\s+|really\s+|well\s+)?(?:lovely|nice|pretty|beautiful|gorgeous|cute|stunning)",
        r"\b(?:sweetheart|sweetie|baby ?girl|princess|darling|babes?)\b", r"special\s+to\s+me",
        r"(?:pay|paying)\s+for\s+(?:your|ur)\s+(?:phone|contract|credit|nails|hair|trainers|clothes)",
        r"(?:talent scout|model(?:ling)? (?:agent|scout|job|contract|agency)|i\s+(?:coach|manage|scout))",
        r"(?:you(?:'re| are)|ur|u r)\s+(?:so\s+|really\s+|very\s+)?(?:pretty|beautiful|gorgeous|cute|special|mature|sexy|hot|stunning)",
        # rules-18: "u r the prettiest gurl in yr 8", "Fancy food at the retail park? My treat"
        r"(?:you(?:'re| are)|ur|u r)\s+(?:the|da)\s+(?:prettiest|cutest|most\s+beautiful|fittest|hottest|best\s+looking)\b",
        r"\bmy\s+treat\b",
        r"(?:i'?ll|i will|i can|i could)\s+(?:buy|get|give)\s+(?:you|u)\s+(?:a|an|some|anything|whatever|money|robux|v-?bucks|credit|a phone|vapes?|gift)",
        r"(?:free|send you)\s+(?:robux|v-?bucks|gift cards?|money|credit)",
        r"(?:get|buy|give|send)\s+(?:you|u)\s+(?:some\s+|free\s+|loads of\s+)?(?:robux|v-?bucks|gift cards?|money|cash|credit|vapes?|a phone|trainers|clothes|presents?)",
        r"top\s+up\s+(?:your|ur)\s+(?:phone|credit|account)",
        r"(?:give|pay|send)\s+(?:you|u)\s+(?:£\s?\d+|\d+\s?(?:quid|pounds|£))",
        r"(?:send|get|buy|give)\s+(?:you|u)\s+(?:a|an)\s+(?:gift\s?card|present|phone|new phone|vape|voucher|top\s?up)",
        r"(?:earn|make)\s+(?:some\s+|easy\s+|quick\s+)?(?:money|cash|£)", r"(?:hey|hi|hello)\s+(?:sexy|hottie|beautiful girl|pretty girl)",
        r"(?:you|u)\s+(?:look|looks|seem)\s+(?:so\s+|really\s+|very\s+)?(?:mature|older|grown up|hot|sexy|pretty|beautiful|cute|gorgeous|fit)",
        # rules-16: "u look 18 in dat pic 😏", "Bella u wer stunning in da yr 8 show 😍"
        r"(?:you|u)\s+(?:look|looked)\s+(?:(?:so|way|much|like)\s+)?(?:1[6-9]|2[0-9])\b",
        r"(?:you|u)\s+(?:were|wer|was)\s+(?:so\s+|really\s+|well\s+)?(?:pretty|beautiful|gorgeous|cute|stunning|sexy|hot|fit)\b",
        r"(?:dm|message|msg|text)\s+me\s+(?:babe|baby|hun|sweetie|sexy|gorgeous|beautiful)", r"(?:hi|hey|hello|morning|night)\s+(?:sweetie|sweetheart|sweety|babe|baby girl|princess|gorgeous|beautiful|cutie|darling)", r"you(?:'re| are)\s+(?:my|the)\s+(?:only|favourite|special)",
        r"no\s*one\s+understands\s+(?:you|u)\s+like\s+(?:i|me)", r"(?:i|we)\s+(?:have|'ve)\s+a\s+special\s+(?:bond|connection|friendship)",
        r"(?:i\'?ll|i\s+will|i\'?d)\s+(?:give|pay|donate|send)\s+(?:£\s?\d+|\d+\s?(?:quid|pounds))\s+(?:to|if)\b|(?:give|giving|gives)\s+(?:out\s+)?(?:free\s+)?(?:v-?bucks|robux)|(?:pocket\s+money|pay\s+well)\b",
        r"(?:give|show)\s+(?:her|him)\s+something(?:\s+special)?\b|sugar\s+(?:daddy|daddies|mummy)|(?:big\s+brother|older\s+friend)\s+(?:figure)?|(?:would|i\'?d)\s+love\s+to\s+(?:mentor|chat\s+to|take)\s+(?:him|her)\b|(?:get|got)\s+(?:her|him)\s+a\s+sponsorship|(?:youth\s+)?modelling\s+agency|private\s+lessons",
        # rules-10: "such a lovely smile in the open evening pics", "hmu ... for free 💷"
        r"(?:such\s+a\s+)?(?:lovely|beautiful|gorgeous|pretty|cute|stunning)\s+(?:smile|face|eyes)\b|\bfree\s+emj_money",
        r"best\s+part\s+of\s+my\s+day|(?:send|give|pay)\s+(?:you|u)\s+(?:£{2,}|emj_money)",
        r"\bgood\s+girls?\b|(?:had|have)\s+something\s+special|all\s+to\s+myself|older\s+(?:mentor|boyfriend|girlfriend)|think\s+about\s+(?:you|u)\s+(?:a\s+lot|all\s+the\s+time|every\s+day|constantly)",
        # rules-14: "sent u a rblx gift card 🎮💳 now u owe me a pic"
        r"(?:sent|bought|got|gave)\s+(?:you|u)\s+(?:a|an|some|the|those)\s+(?:[a-z]+\s+)?(?:gift\s?cards?|present|phone|vapes?|voucher|top\s?up|robux|v-?bucks|skins?)\b",
    ),
}

# rules-6: the same signals told by a parent or a friend ("a man keeps messaging my son on
# Snapchat, told him not to tell us and offered to buy him trainers if he meets him"). A
# report of grooming is for the safeguarding lead as much as the messages themselves.
_CHILD = (r"(?:him|her|them|my\s+(?:little\s+|youngest\s+|eldest\s+)?(?:son|daughter|child|kid|boy|girl|lad|stepson|stepdaughter|nephew|niece)"
          r"|my\s+\d+\s*(?:yo|year\s+old))")
REPORTED: dict[str, tuple[str, ...]] = {
    "secrecy": (
        rf"(?:told|tells|telling|asked|asks|asking|made|makes|warned)\s+{_CHILD}\s+(?:not\s+to|to\s+not|never\s+to)\s+(?:tell|mention|say)\b",
        rf"(?:told|tells|telling|asked|asks|asking)\s+{_CHILD}\s+to\s+(?:keep\s+(?:it|this|them|their\s+chats?)\s+(?:a\s+)?(?:secret|quiet|private|between\s+them)"
        r"|delete\s+(?:the|their|his|her|all\s+the)\s+(?:messages|chats?|texts?|dms|snaps))",
        r"keep\s+it\s+(?:a\s+)?secret\s+from\s+(?:me|us|his\s+(?:mum|dad|parents)|her\s+(?:mum|dad|parents)|their\s+parents)",
        r"(?:said|says|saying|and)\s+(?:not\s+to|to\s+not|never\s+to|not)\s+tell\s+(?:us|me|his\s+(?:mum|dad|parents)|her\s+(?:mum|dad|parents)|their\s+parents)"
        r"|\band\s+(?:not\s+to\s+|not\s+|never\s+)tell\s+(?:anyone|any1|anybody)",
    ),
    "private": (
        rf"(?:keeps?|kept|been|started|starts)\s+(?:messaging|texting|dming|snapchatting|adding|contacting|chatting\s+to|talking\s+to)\s+{_CHILD}",
        rf"(?:messag|text|snapchatt)(?:ed|ing|es|s)?\s+{_CHILD}\s+(?:on|over|via)\s+(?:snap(?:chat)?|insta(?:gram)?|whatsapp|tiktok|discord|roblox|telegram|kik|fortnite|xbox|playstation)",
    ),
    "age": (
        rf"(?:asked|asking|asks)\s+{_CHILD}\s+(?:what|which)\s+(?:school|year|age|class|form)\b|(?:asked|asking|asks)\s+{_CHILD}\s+how\s+old",
    ),
    "meet": (
        rf"(?:wants?|wanted|asked|asking|asks|trying|tried|offered|offering|offers)\s+(?:to\s+)?(?:meet|pick\s+up|collect)\s+{_CHILD}"
        rf"|(?:wants?|wanted|asked|asking|asks|trying|tried|offered|offering|offers)\s+to\s+pick\s+{_CHILD}\s+up\b",
        r"if\s+(?:he|she|they)\s+(?:meets|met|meet)\s+(?:him|her|them)\b",
        r"to\s+meet\s+(?:him|her|them)\s+(?:behind|outside|round|near|after|at\s+(?:the\s+)?(?:park|rec|station|shops|leisure\s+centre|canal|woods))\b",
    ),
    "flattery": (
        rf"(?:offer(?:ed|ing|s)?|promis(?:ed|ing|es)?)\s+(?:to\s+(?:buy|get|give|send)\s+)?{_CHILD}\s+(?:[a-z0-9£]+\s+){{0,3}}?"
        r"(?:trainers|money|cash|£\d+|robux|v-?bucks|phone|vapes?|gifts?|presents?|credit|clothes|designer)",
        rf"(?:sends?|sent|sending|gives?|gave|giving|buys?|bought|buying)\s+{_CHILD}\s+(?:robux|v-?bucks|money|cash|£\d+|gifts?|presents?|vapes?|trainers)",
    ),
}
SIGNALS = {kind: (*patterns, *REPORTED.get(kind, ())) for kind, patterns in SIGNALS.items()}
_REPORTED_KEYS = ("told tells telling asked asks asking made makes warned keep keeps kept been started starts messaging texting dming "
                  "snapchatting adding contacting chatting talking messaged messages texted texts snapchatted wants wanted trying tried "
                  "offered offering offers if promised promising promises send sends sent sending give gives gave giving buy buys "
                  "bought buying said says saying")
GROUP_KEYS: dict[str, frozenset[str]] = {
    "secrecy": lx.keys("app if someone anyone people they asleep no no1 keep hide lock prove remember no skip without strictly sign register apply whenever when looking texts text messages message chats chat dms dm nosy nosey where mention want finding find secret delete clear wipe talk anything tell show keep kept secret between delete understand emj_shush trust check know bring come private more somewhere need sneak sneaking"),
    "private": lx.keys("get vc tell ask sent sending request accept look inbox dms open messages sends texts add follow different another other safer better call instead privately private call ring phone facetime chat speak dm pm inbox message msg text snap snapchat whatsapp kik telegram discord add follow private secret "
                       "video videocall facetime cam alone number insta tiktok instagram signal wickr digits addy move swap switch public"),
    "age": lx.keys("how what which DIGIT an this older the that eleven twelve thirteen fourteen fifteen know saw seen noticed watching watched spotted entrance gate exit door bus way only DIGIT old year age asl mature young enough school live DIGIT older younger grown developed still bit little few couple only"),
    "images": lx.keys("thanks without sends photos photo portfolio your ur send snap show pics pic picture pictures photo photos selfie selfies nudes vid vids video videos cam camera webcam wearing wear uniform in put"),
    "meet": lx.keys("get bring bringing take taking see meet wait catch surprise one at sleep stay can separate private sleepover what have got get having ourselves parents mum mom dad mam family bed bath shower alone room changed changing pick meet alone pick drive finish mine come get put walk wait"),
    "flattery": lx.keys("good had have all just only older think give pay donate send giving gives out pocket show sugar big older would love get got youth modelling private cooler prettier mature better smarter nicer fitter looked look looking lovely nice sweetheart sweetie baby princess darling babe babes special pay paying talent model modelling coach manage scout pretty beautiful gorgeous cute special mature sexy stunning buy robux bucks gift money credit "
                        "favourite understands bond connection free vbucks bucks cash vape vapes phone trainers presents top sweetie sweetheart babe princess cutie darling give pay earn make sexy hottie hey hi hello gift giftcard voucher you look looks seem dm message msg text"),
}
# rules-10's signals
GROUP_KEYS["secrecy"] |= lx.keys("show send before remember less fewer no who")
GROUP_KEYS["private"] |= lx.keys("hmu move go")
GROUP_KEYS["meet"] |= lx.keys("does do collect walk home save spare see meet be near outside")
GROUP_KEYS["age"] |= lx.keys("noticed saw seen watching watched spotted")
GROUP_KEYS["flattery"] |= lx.keys("lovely beautiful gorgeous pretty cute stunning smile face eyes free best send give pay")
# rules-14's signals
GROUP_KEYS["secrecy"] |= lx.keys("once after stop replying commenting answering posting people everyone every1 ppl others")
GROUP_KEYS["private"] |= lx.keys("here heres this that check")
GROUP_KEYS["age"] |= lx.keys("know kno who whos what does do")
GROUP_KEYS["meet"] |= lx.keys("ill will be im nearby area is")
GROUP_KEYS["flattery"] |= lx.keys("sent bought got gave")
GROUP_KEYS["images"] |= lx.keys("owe owes")
# rules-15's signals
GROUP_KEYS["images"] |= lx.keys("send DIGIT one")
GROUP_KEYS["private"] |= lx.keys("what whats")
GROUP_KEYS["age"] |= lx.keys("girl boy lad one")
# rules-16's signals
GROUP_KEYS["age"] |= lx.keys("left right end")
GROUP_KEYS["flattery"] |= lx.keys("u you look looked were wer was")
GROUP_KEYS["secrecy"] |= lx.keys("easier eazier better safer")
# rules-18's signals
GROUP_KEYS["flattery"] |= lx.keys("prettiest cutest most fittest hottest best treat")
GROUP_KEYS["meet"] |= lx.keys("fancy wanna want")
# rules-28's signals
GROUP_KEYS["secrecy"] |= lx.keys("del deleting delete can cant cannot won wont no questions dis da the this")
GROUP_KEYS["private"] |= lx.keys("add follow message msg dm w whatsapp watsapp whatsap snap snapchat")
GROUP_KEYS["flattery"] |= lx.keys("got bought have found need if")
GROUP_KEYS = {k: v | lx.keys(_REPORTED_KEYS) if k in REPORTED else v for k, v in GROUP_KEYS.items()}
STANDALONE_KEYS = lx.keys("good parked waiting wait park sat fine ok okay cool problem really kidding jk nobody no police feds quid pounds cash carry take drop run ran questions your ur without DIGIT tell show let age mature understand take send photo photos pic pics picture pictures selfie selfies video vid get like time come out only")
STANDALONE = ("secrecy_parents", "age_number")
_STANDALONE_RE: dict[str, Gated] = {
    # a stranger asking for pictures of a child in uniform or kit, or cutting a child off from
    # parents and teachers: each is enough alone
    "uniform_pic": Gated(r"(?:pic|pics|picture|pictures|photo|photos|selfie|selfies|video|vid)s?\s+of\s+(?:(?:you|u|yourself|urself)\s+)?(?:in\s+)?(?:your|ur)\s+(?:school\s+)?(?:uniform|pe kit|kit|swimsuit|swimming costume|bikini|pyjamas|pjs|underwear|bed|tights|skirt)(?!\s*(?:receipt|order|size|label|list|shop|policy|invoice|form|number|tag))"),
    "isolation": Gated(rf"{YOUR}\s+(?:parents|mum|mom|dad|family|teachers|friends)\s+(?:don'?t|doesn'?t|do not|never|wouldn'?t)\s+(?:get|understand|care about|listen to)\s+(?:you|u)\s+like\s+(?:i|me)"),
    "parents_wont_like": Gated(rf"{YOUR}\s+(?:mum|mom|dad|parents|family|mam)\s+(?:wouldn'?t|won'?t|would not|will not)\s+(?:like|want|approve|be happy)\s+(?:me|us|this|that we|it)"),
    "parents_away": Gated(rf"what\s+time\s+(?:does|do|will)\s+{YOUR}\s+(?:mum|mom|dad|parents|mam)\s+(?:get\s+(?:home|back)|come\s+home|leave|go out)"),
    "gate_out": Gated(r"(?:which|what)\s+(?:entrance|gate|exit|door)\s+do\s+(?:you|u)\s+come\s+out"),
    "only_age_but": Gated(r"(?:you(?:'re| are)|ur|u r)\s+only\s+(?:1[0-7]|[5-9])\s+but"),
    "tell_about_us": Gated(r"(?:don'?t|dont|do not|never)\s+tell\s+(?:anyone|any1|anybody|nobody|no one|{YOUR}\s+(?:teachers?|mum|mom|dad|parents|friends))\s+(?:about\s+(?:us|me|our)|(?:we|we'?ve|we have|we'?re|i'?ve|i)\s+(?:been\s+)?(?:talking|talked|chatting|chatted|messaging|messaged|met|meeting|texting))".replace("{YOUR}", YOUR)),
    "secrecy_parents": Gated(rf"(?:don'?t|dont|do not|never)\s+(?:tell|show|let)\s+{YOUR}\s+(?:mum|mom|dad|parents?|mam|carers?|family)\s+(?:about (?:me|us|this|our)|know|what (?:we|i)|that (?:we|i))"),
    "secrecy_parents_talk": Gated(rf"(?:don'?t|dont|do not|never)\s+tell\s+{YOUR}\s+(?:mum|mom|dad|parents?|mam|carers?|family)\s+(?:about\s+(?:me|us|this|our|the chats?)|we(?:'re)?\s+(?:talk|talking|chat|chatting|message|speak)|that\s+(?:we|i)|what\s+(?:we|i))"),
    "show_parents": Gated(rf"(?:don'?t|dont|do not|never)\s+show\s+{YOUR}\s+(?:mum|mom|dad|parents?|mam|carers?|family)\s+(?:these|this|the|our|my)\s+(?:messages|msgs|chats?|texts|pics|photos|dms)"),
    "mirror_pic": Gated(r"(?:take|send)\s+(?:a|some)\s+(?:pic|picture|photo|selfie|video)s?\s+of\s+(?:yourself|urself)\s+(?:in\s+(?:the\s+mirror|bed|your room|the bath|the shower)|for\s+me)"),
    "parents_wont_understand": Gated(r"(?:your|ur)\s+(?:parents|mum|mom|dad|family|carers?)\s+(?:wouldn'?t|won'?t|don'?t|do not|would never|will never)\s+understand"),
    "age_number": Gated(r"age\s+(?:is|'s)\s+(?:just|only)\s+a\s+number|mature\s+for\s+(?:your|ur)\s+age"),
    # criminal exploitation (county lines): a child paid to carry, mind or deliver, because
    # "nobody searches a 13 year old"
    "exploitation": Gated(r"(?:nobody|no\s*one|police\s+(?:won'?t|don'?t|never)|feds\s+(?:won'?t|don'?t|never))\s+(?:searches|search|stops?|suspects?|clocks?|will\s+clock|looks?\s+twice\s+at)\s+(?:a\s+)?(?:kid|\d+\s*year\s*old|school\s?kid|child|year\s?\d+|kid\s+in\s+a\s+blazer)"
                          r"|(?:£\s?\d+|\d+\s*(?:quid|pounds)|cash)\s+(?:for|to)\s+(?:a\s+(?:couple\s+of\s+|few\s+)?|some\s+)?(?:runs?|drops?|deliveries|parcels?)\b"
                          r"|(?:carry|take|drop)\s+(?:it|this|the\s+(?:bag|parcel|package))\s+to\s+(?:the|an?)\s+address"),
    "runaway_room": Gated(r"(?:run|ran)\s+away[^.!?]{0,50}(?:spare\s+room|stay\s+(?:at\s+)?(?:mine|with\s+me))|no\s+questions\s+asked[^.!?]{0,30}(?:mine|my\s+(?:house|place|flat))"),
    # rules-8 (round nine): praise for keeping quiet, "you know the car", an age waved
    # through or lied about
    "secret_praise": Gated(r"good\s+(?:girl|boy|lad|lass)\s+for\s+(?:not\s+(?:telling|saying|mentioning)|keeping\s+(?:it|this|that|our|quiet|schtum|shtum|mum)|deleting)"),
    "car_known": Gated(r"(?:parked|waiting|park|wait|sat)\s+(?:up\s+)?(?:on|at|in|by|round|outside|near)\b[^!?]{0,60}?\b(?:you|u)\s+know\s+(?:the|my|which)\s+car\b"
                       r"(?![^!?]{0,60}(?:\blove\s+(?:mum|mom|dad|nan|grandma|grandad)|\b(?:mum|mom|dad|nan)\s+x+\b))"),
    "age_fine": Gated(r"(?:1[0-5]|twelve|thirteen|fourteen|fifteen)\s+(?:is|'s)\s+(?:fine|ok|okay|cool|no\s+problem|not\s+a\s+problem)\b(?=[^.!?]{0,20}(?:emj_wink|emj_smirk|\bx+\b|cutie|babe|hun))"
                      r"|(?:cutie|babe|hun|sweetie|princess|gorgeous)\b[^.!?]{0,20}\b(?:1[0-5]|twelve|thirteen|fourteen|fifteen)\s+(?:is|'s)\s+(?:fine|ok|okay|cool)\b"),
    "age_lie": Gated(r"(?:i'?m|im|i\s+am)\s+(?:1[0-7]|twelve|thirteen|fourteen|fifteen|sixteen)\s+(?:too|2|as\s+well)\s*\(?\s*(?:not\s+really|jk|lol\s+not\s+really|kidding)\b"),
    "parents_in_the_way": Gated(r"(?:your|ur)\s+(?:mum|mom|dad|parents?)(?:'s|s|\s+is|\s+are|'re)\s+getting\s+in\s+the\s+way|without\s+(?:your|ur)\s+(?:mum|mom|dad|parents)\s+(?:knowing|there|finding\s+out)"),
}
BENIGN = r"(?:surprise(?!\s+(?:one|him|her|them|you|u|the (?:boy|girl|lad|kid))\b)|present for|mother'?s day|father'?s day|card signed|birthday|retirement|leaving (?:do|party|gift)|christmas|the school office|for tickets|for more (?:info|details)|parents'? evening|parent'?s evening|permission slip|the fair|the trip|bake sale|tombola|\bpta\b)"

# rules-5: a safety notice quotes what groomers say ("if anyone messages your child saying
# 'don't tell your mum', contact our DSL"); a groomer does not write one
SAFETY_NOTICE = (
    r"(?:online|internet|e-?)\s*safety\s+(?:notice|talk|session|evening|alert|week|day|advice|update|workshop|assembly)|\bgroomers?\b"
    r"|grooming\s+(?:red\s+flags|signs|awareness|warning)|warning\s+signs|contact\s+(?:our|the)\s+(?:dsl|safeguarding|designated)"
    r"|report\s+(?:it|them|this)\s+to\s+(?:us|the\s+school|ceop|the\s+police|our\s+dsl)|\bceop\b|safeguarding\s+(?:talk|team|lead|notice|evening|session)"
)

# a word, with the digits that end it where they are literal ("no1", as text_keys keys it;
# not the "1" of "y1[0-3]")
_LEAD = re.compile(r"[a-z_]+(?:[0-9]+(?![0-9\[\]{}?*+]))?")


def lead_keys(pattern: str) -> frozenset[str] | None:
    """Prefilter keys for a pattern: the first word of each top-level alternative.

    None (always run) when some alternative does not start with a plain word. An
    alternative that opens with a group ("(?:catch|surprise|meet)\\s+...") leads with the
    first word of every branch of that group.
    """
    words = _lead_words(pattern)
    return lx.keys(words) if words is not None else None


def _close(body: str, start: int) -> int:
    """The index of the ")" closing the group that opens at ``body[start]`` (-1: none)."""
    depth = 0
    for i in range(start, len(body)):
        ch = body[i]
        if ch == "(" and (i == 0 or body[i - 1] != "\\"):
            depth += 1
        elif ch == ")" and body[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _lead_words(body: str) -> list[str] | None:
    alts, depth, cur = [], 0, ""
    for i, ch in enumerate(body):
        if ch == "(" and (i == 0 or body[i - 1] != "\\"):
            depth += 1
        elif ch == ")" and body[i - 1] != "\\":
            depth -= 1
        if ch == "|" and depth == 0:
            alts.append(cur)
            cur = ""
        else:
            cur += ch
    alts.append(cur)
    words: list[str] = []
    for a in alts:
        a = a.removeprefix("\\b")
        if a.startswith("(?:"):
            end = _close(a, 0)
            if end < 0 or a[end + 1 : end + 2] == "{":
                return None
            inner = _lead_words(a[3:end])
            if inner is None:
                return None
            words.extend(inner)
            if a[end + 1 : end + 2] in ("?", "*"):
                # an optional first group: a match opens with it or with what follows it
                rest = _lead_words(a[end + 2 :]) if a[end + 2 :] else None
                if rest is None:
                    return None
                words.extend(rest)
            continue
        if a[:1].isdigit() or a.startswith("\\d") or (a[:1] == "[" and a[1:2].isdigit()):
            words.append("DIGIT")  # text_keys gives every text with a digit this key
            continue
        m = _LEAD.match(a)
        if not m:
            return None
        w = m.group(0)
        if a[m.end() : m.end() + 1] in ("?", "*", "{"):
            # rules-18: the word with its last letter as well as without it: "an?\\s+older" opens
            # "an older guy" (the key was "a" alone, so a text with "an" and no "a" was never tried)
            words.append(w)
            w = w[:-1]
        if not w:
            return None
        words.append(w)
    return words


_OPTIONAL_LEAD = re.compile(r"^(?:\\b|\(\?:[^()]*\)\?)")


class _Signal:
    """A signal pattern that opens with an optional group ("(?:so\\s+|really\\s+)?grown up")
    or a word boundary is first looked for without it: Python's regex engine tries such a pattern at every
    position of the text, but one that opens with a word only where the word's first letter
    is. Where the rest is absent the whole cannot match; where it is present the whole
    pattern finds the match (and its span) as before."""

    __slots__ = ("_core", "_full", "needles", "pattern")
    needles: tuple[tuple[str, ...], ...]

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._full = Gated(pattern)
        core = _OPTIONAL_LEAD.sub("", pattern, count=1)
        self._core = Gated(core) if core != pattern and core else None

    def __getattr__(self, name: str) -> Any:
        # ``needles``, the strings of which a text must hold one from each group for the
        # signal to match: worked out on first use, as ``Gated`` works out its own
        if name == "needles":
            self.needles = (self._core or self._full).needles
            return self.needles
        raise AttributeError(name)

    def search(self, text: str) -> re.Match[str] | None:
        if self._core is not None:
            if self._core.search(text) is None:
                return None
            # the core matched: the whole pattern itself finds the span (testing its needles would add nothing)
            return self._full.regex.search(text)
        return self._full.search(text)


# the words each standalone phrase must open with (None: no single word is certain)
_STANDALONE_LEAD: dict[str, frozenset[str] | None] = {k: lead_keys(rx.pattern) for k, rx in _STANDALONE_RE.items()}


_STANDALONE_ITEMS = list(_STANDALONE_RE.items())
# bit j: the j-th standalone phrase; a phrase without certain opening words is always tried
_STANDALONE_ALWAYS = sum(1 << j for j, (k, _) in enumerate(_STANDALONE_ITEMS) if _STANDALONE_LEAD[k] is None)
_STANDALONE_BY_KEY: dict[str, int] = {}
for _j, (_k, _) in enumerate(_STANDALONE_ITEMS):
    for _key in _STANDALONE_LEAD[_k] or ():
        _STANDALONE_BY_KEY[_key] = _STANDALONE_BY_KEY.get(_key, 0) | 1 << _j


def _standalone(text: str, woken: int) -> list[str]:
    """The standalone phrases in ``text`` among those woken (bit j: the j-th phrase)."""
    return [k for j, (k, rx) in enumerate(_STANDALONE_ITEMS) if woken >> j & 1 and rx.search(text)]


@dataclass
class GroomingRule:
    name: str = "grooming.signals"
    view: str = "deep"
    also: frozenset[str] | None = None
    keys: frozenset[str] | None = lx.keys(
        "tell show let keep kept secret between delete wouldn won don dont never emj_ dm pm inbox message msg text snap "
        "whatsapp kik telegram add follow what whats wats send give private move talk go video facetime cam alone old year "
        "school class age asl are mature young send pic show turn wearing meet see where pick come drive wanna want pretty "
        "beautiful gorgeous cute special buy get give free robux only favourite bond connection understands "
        # rules-4: the words that lead its newer signals and standalone phrases
        "thanks without hide lock asleep someone anyone finds trust prove bring bringing mine good older mentor think "
        "mods vc call cam skip sleepover camp parents mum dad request accept inbox look donate pay pocket sugar "
        "portfolio modelling agency sponsorship surprise catch wait old age run ran runs drops deliveries parcel "
        "nobody no1 police feds quid pounds cash carry drop questions "
        # rules-8: a word every match of each newer standalone phrase holds ("13 is fine",
        # "i'm 14 too (not really)" open with a number, which is no key of this rule's)
        "parked waiting park sat fine ok okay cool problem really kidding jk "
        # rules-10: the words that lead its newer signals
        "noticed saw seen watching watched spotted save spare hmu less fewer who before remember near outside be "
        "does do collect walk home lovely smile face eyes best "
        # rules-28: the words that lead its newer signals
        "del deleting can cant cannot won wont no dis da the this w whatsap watsapp got bought have found need if "
        + _REPORTED_KEYS
    )
    _signals: dict[str, list[tuple[frozenset[str] | None, _Signal]]] = field(
        default_factory=lambda: {k: [(lead_keys(p), _Signal(p)) for p in v] for k, v in SIGNALS.items()}
    )
    _benign: re.Pattern[str] = field(default_factory=lambda: re.compile(BENIGN))
    _notice: re.Pattern[str] = field(default_factory=lambda: re.compile(SAFETY_NOTICE))
    # the signal patterns flattened in kind order, and which of them each prefilter key
    # wakes: a text looks up its ~20 keys instead of testing ~130 patterns' key sets
    _flat: list[tuple[str, _Signal]] = field(init=False, repr=False)
    # per prefilter key, as bit masks: the signals it wakes (bit i: _flat[i]) and the kinds
    # whose group keys hold it (bit j: the j-th kind; the bit after them: STANDALONE_KEYS).
    # A text ORs the masks of its ~20 keys: one dictionary look-up per key, where sets of
    # indexes cost a union, a sort and a test of each signal's kind.
    _wake: dict[str, tuple[int, int, int]] = field(init=False, repr=False)  # ... and the standalone phrases it wakes
    _always: int = field(init=False, repr=False)
    _of_kinds: list[int] = field(init=False, repr=False)  # per set of kind bits: the signals of those kinds

    def __post_init__(self) -> None:
        self._flat = []
        kinds = list(self._signals)
        signals_of: dict[str, int] = {}
        kind_bits: dict[str, int] = {}
        kind_mask = [0] * len(kinds)
        self._always = 0
        for j, (kind, patterns) in enumerate(self._signals.items()):
            for keys, rx in patterns:
                i = len(self._flat)
                self._flat.append((kind, rx))
                kind_mask[j] |= 1 << i
                if keys is None:
                    self._always |= 1 << i
                else:
                    for k in keys:
                        signals_of[k] = signals_of.get(k, 0) | 1 << i
            for k in GROUP_KEYS[kind]:
                kind_bits[k] = kind_bits.get(k, 0) | 1 << j
        for k in STANDALONE_KEYS:
            kind_bits[k] = kind_bits.get(k, 0) | 1 << len(kinds)
        self._wake = {
            k: (signals_of.get(k, 0), kind_bits.get(k, 0), _STANDALONE_BY_KEY.get(k, 0))
            for k in signals_of.keys() | kind_bits.keys() | _STANDALONE_BY_KEY.keys()
        }
        self._of_kinds = [
            sum(m for j, m in enumerate(kind_mask) if bits >> j & 1) for bits in range(1 << len(kinds))
        ]

    def find(self, n: Normalised, present: set[str] | None = None, only: tuple[int, int] | None = None) -> list[Hit]:
        """``only``: (signals, phrases) as bit masks, the ones a scanner found; None: any."""
        text = n.deep.text
        kinds_here = list(self._signals)
        standalone = []
        if present is None:
            candidates = [(kind, rx) for kind in kinds_here for _, rx in self._signals[kind]]
            phrases = (1 << len(_STANDALONE_ITEMS)) - 1
        else:
            signals, bits, phrases = self._always, 0, _STANDALONE_ALWAYS
            wake = self._wake
            for k in present:
                w = wake.get(k)
                if w is not None:
                    signals |= w[0]
                    bits |= w[1]
                    phrases |= w[2]
            if only is not None:
                signals &= only[0]
                phrases &= only[1]
            n_kinds = len(kinds_here)
            kinds_here = [k for j, k in enumerate(kinds_here) if bits >> j & 1]
            if not kinds_here:
                if not bits >> n_kinds & 1:  # no standalone key either
                    return []
                standalone = _standalone(text, phrases)
                if not standalone:
                    return []
            # the woken signals of the kinds present, in _flat's order
            flat = self._flat
            candidates = []
            mask = signals & self._of_kinds[bits & ((1 << n_kinds) - 1)]
            while mask:
                low = mask & -mask
                candidates.append(flat[low.bit_length() - 1])
                mask ^= low
        if len(candidates) < 2 and not standalone:
            # one possible signal is never enough; only the standalone phrases could flag
            standalone = _standalone(text, phrases)
            if not standalone:
                return []
        found: dict[str, list[tuple[int, int]]] = {}
        for kind, rx in candidates:
            # most woken signals lack their needles: tested here, without a call per signal
            for group in rx.needles:
                for s in group:
                    if s in text:
                        break
                else:
                    break
            else:
                m = rx.search(text)
                if m is not None:
                    found.setdefault(kind, []).append(n.deep.original(*m.span()))
        if not standalone:
            standalone = _standalone(text, phrases)
        # two separate signals, of one kind or two ("want to meet up after school? i'll drive
        # you"); overlapping matches of one phrase count once
        spans_all = sorted(s for v in found.values() for s in v)
        n_signals = 0
        last_end = -1
        for s0, s1 in spans_all:
            if s0 >= last_end:
                n_signals += 1
            last_end = max(last_end, s1)
        if n_signals < 2 and not standalone:
            return []
        if self._notice.search(text):
            return []
        # "keep it a secret, it's for Miss's retirement": benign secrecy with nothing else
        if not standalone and self._benign.search(text) and len(found) < 3:
            return []
        kinds = sorted(found)
        spans = tuple(s for k in kinds for s in found[k])[:MAX_SPANS]
        score = min(0.99, 0.7 + 0.1 * len(found) + (0.15 if standalone else 0.0))
        reason = "grooming signals: " + ", ".join(kinds + [s for s in standalone if s not in kinds])
        return [Hit(G, score, self.name if not standalone else f"grooming.{standalone[0]}", reason, spans, True)]

    def scan_patterns(self) -> list[str]:
        """What a :class:`~transforms.classify.scanner.Scanner` looks for: each signal (in
        ``_flat``'s order), then each standalone phrase."""
        return [rx.pattern for _, rx in self._flat] + [rx.pattern for _, rx in _STANDALONE_ITEMS]

    def find_scanned(self, n: Normalised, found: list[int], present: set[str]) -> list[Hit]:
        """The hits in ``n``, where a scanner found the patterns ``found`` (indexes into
        :meth:`scan_patterns`): of the signals and phrases the keys wake, only those are
        searched (the others cannot match)."""
        n_signals = len(self._flat)
        signals = phrases = 0
        for j in found:
            if j < n_signals:
                signals |= 1 << j
            else:
                phrases |= 1 << (j - n_signals)
        return self.find(n, present, (signals, phrases))

# rules-9 (round twelve), from the lines the blind sets of rounds nine to eleven missed: each
# phrase is two signals in one, or one no school, club or parent writes in public ("a pretty
# face for a year 7", "wear the skirt you had on at the bus stop")
PHRASES: list[tuple[str, str]] = [  # (prefilter keys, pattern)
    ("safe safer private",
     r"(?:snap|snapchat|telegram|whatsapp|signal|wickr|kik|discord)\b[^.!?]{0,40}?(?:safe|safer|more\s+private)\s+(?:4|for)\s+us\b"),
    ("where",
     r"(?:app|one|chat)\s+where\s+(?:the\s+)?(?:messages|msgs|chats?|texts)\s+(?:disappear|vanish|delete\s+themselves)\b[^.!?]{0,30}?(?:better|safer|easier|best)\b"),
    # rules-30 (round thirty-one), from the lines holdout64 and holdout65 missed: "go on the app i told u about,
    # the one that deletes msgs 👻", "Is that your bedroom in the background of your TikTok? ... Who else is
    # usually home after school?"
    ("deletes wipes clears disappear",
     r"\b(?:go\s+on|get|download|use|switch\s+to|move\s+to|come\s+on|talk\s+on|chat\s+on|add\s+me\s+on)\s+(?:the|that|this|dat|da)\s+(?:app|one)\b[^.!?]{0,40}?"
     r"\b(?:deletes|auto[\s-]?deletes|wipes|clears)\s+(?:the\s+|all\s+the\s+|our\s+)?(?:msgs|messages|chats?|texts|convos?|everything)\b"),
    ("home",
     rf"\bwho(?:\s+else)?(?:\s+is|'s|s)\s+(?:usually\s+|normally\s+|ever\s+)?(?:home|in|at\s+home|in\s+the\s+house|around)\s+(?:after\s+school|when\s+{YOU}\s+get\s+(?:home|back|in)|in\s+the\s+(?:day|daytime|afternoons?|evenings?))\b"
     r"(?![^.!?]{0,40}\b(?:parcel|delivery|deliveries|plumber|engineer|meter|boiler|council|survey)\b)"),
    # rules-31 (round thirty-two), from the lines holdout70 and holdout71 missed: "Miss you already. Can't wait
    # for our next chat when everyone's asleep.", "Remember to clear your history x"
    ("asleep bed",
     r"\b(?:chat|talk|call|facetime|message|msg|text|speak)\w*\s+(?:when|once|after)\s+(?:everyone|every1|everybody|(?:ur|your|yr)\s+(?:mum|mom|dad|parents|family)|they)"
     r"(?:'s|'re|\s+is|\s+are|\s+has|\s+have)?\s+(?:gone\s+)?(?:asleep|(?:in|to)\s+bed)\b"),
    # rules-32: "Which of you lovely girls from 10R walks home along the canal?", "wen is ur mum @ wrk? cn i cum round"
    ("home",
     r"\bwhich\s+(?:of\s+(?:you|u)\s+)?(?:lovely\s+|pretty\s+|gorgeous\s+|cute\s+|young\s+)?(?:girls|boys|lads|ladies)\b[^?]{0,40}?\b(?:walks?|walking|goes|get|gets|cycles?)\s+home\b"),
    ("work wrk",
     r"\b(?:when|wen|wot\s+time|what\s+time)\s+(?:is|does|do|r|are|'s)\s+(?:ur|your|yr)\s+(?:mum|mom|dad|parents|mam)\s+(?:at|@|go\s+to|leave\s+for|back\s+from)\s+(?:work|wrk)\b"
     r"[^!]{0,30}?\b(?:come|cum|pop|swing)\s+(?:round|over|by)\b"),
    # rules-33: "sw1tch 2 wh4ts4pp bbz"
    ("whatsapp snap snapchat telegram signal kik wickr",
     r"\b(?:switch|swap|move|moving|come|go)\s+(?:2|to|over\s+to|on)\s+(?:whatsapp|snap|snapchat|telegram|signal|kik|wickr)\b[^!?]{0,20}?"
     # (not "hun" or "darling": parents say them to each other, "move to WhatsApp hun, easier for the PTA")
     r"\b(?:bbz|babe|babes|baby|sweetie|sweetheart|gorgeous|princess|beautiful|cutie)\b"),
    ("history chats chat messages msgs",
     rf"\b(?:clear|delete|wipe)\s+{YOUR}\s+(?:history|chats?|messages|msgs|search\s+history|browser\s+history)\b"
     r"(?:\s*(?:x{1,3}|emj_shush|emj_wink|😉|🤫)\s*$|\s+(?:after|when|once)\s+(?:we|u|you)\s+(?:talk|chat|speak|finish))"),
    ("word",
     r"(?:collect|pick\s+(?:you|u)\s+up|lift|meet|wait|car|gates?)\b[^!?]{0,60}?mum'?s\s+the\s+word"
     r"|mum'?s\s+the\s+word\b[^!?]{0,60}?(?:collect|pick\s+(?:you|u)\s+up|lift|meet|wait|car|gates?)\b"),
    ("schedule timetable routine",
     rf"what'?s\s+{YOUR}\s+(?:schedule|timetable|routine)\b[^.!?]*[.!?]*\s*(?:i'?m\s+|i\s+)?(?:might\s+|may\s+|could\s+|will\s+|i'?ll\s+)?(?:thinking\s+of\s+)?(?:swing(?:ing)?|pop(?:ping)?|com(?:e|ing)|stop(?:ping)?)\s+by"),
    ("reason",
     r"what\s+time\s+(?:does|do|will)\s+[^.!?]{0,40}?(?:finish|end|get\s+out|come\s+out|leave)\b[^!]{0,40}?asking\s+for\s+a\s+reason"),
    ("wait",
     rf"(?:i'?ll|ill|i\s+will|i\s+can)\s+wait\s+(?:4|for)\s+{YOU}\s+(?:by|at|behind|outside|round)\s+(?:the\s+)?(?:back\s+|side\s+|school\s+)?(?:gates?|car\s*park|corner|park|alley|field)\b"
     r"(?![^!?]{0,25}\b(?:mum|mom|mam|dad|nan|nana|gran|grandad|grandma|grandpa|auntie|aunty|uncle|love)\b)[^!?]{0,20}?(?:\bx+\b|emj_shush|emj_wink|don'?t\s+tell)"
     rf"|stay\s+after\s+(?:[a-z]+\s+){{0,3}}?(?:and|n|&)\s+(?:i'?ll|ill|i\s+will)\s+wait\s+(?:4|for)\s+{YOU}\b"),
    ("wear",
     rf"wear\s+(?:the|that)\s+(?:[a-z]+\s+)?(?:skirt|dress|top|uniform|shorts|leggings|tights)\s+{YOU}\s+(?:had\s+on|wore|were\s+wearing)"),
    ("uniform", rf"what\s+does\s+{YOUR}\s+(?:school\s+)?uniform\s+look\s+like"),
    ("one girl boy",
     rf"(?:were|was)\s+(?:{YOU}|that\s+you)\s+the\s+(?:one|girl|boy)\s+(?:in|with|at|wearing)\b[^\n]{{0,80}}?(?:follow\s+(?:me\s+)?back|accept\s+my|add\s+me|dm\s+me|message\s+me)"),
    ("for",
     r"(?:pretty|cute|beautiful|gorgeous|fit|hot|sexy|developed|grown\s+up)\s+(?:face\s+|girl\s+|boy\s+|smile\s+|legs\s+|body\s+)?for\s+(?:a|an)\s+"
     r"(?:year\s?\d+|yr\s?\d+|y\d+|\d+\s*(?:yo|year\s+old))\b"),
    ("through", r"(?:just\s+)?not\s+through\s+(?:the\s+)?school\b[^!?]{0,60}?(?:only\s+us|just\s+us|between\s+us|our\s+secret|private)"),
    ("thing", r"our\s+little\s+thing\b[^!?]{0,60}?(?:remember|weird|don'?t\s+tell|between\s+us|nobody|no\s*one|no1)"),
    ("secrets", rf"good\s+at\s+keeping\s+secrets\b[^!]{{0,10}}?(?:have|are|can|r)\s+{YOU}\b"),
    ("answer reply respond read",
     r"(?:answer|reply\s+to|respond\s+to|read)\s+my\s+(?:messages|texts|dms|msgs)\b[^.!?]{0,60}?(?:never\s+(?:be\s+)?short\s+of|buy\s+(?:you|u)|get\s+(?:you|u)|top\s+(?:you|u)\s+up|credit|robux|money)"),
    ("return",
     r"(?:gift\s*card|voucher|present|credit|top\s*up|robux|v-?bucks|money)\b[^.!]{0,60}?(?:thank\s*you|something|favou?r)\s+in\s+return"),
    ("drop send share give",
     rf"(?:drop|send|share|give)\s+(?:me\s+)?{YOUR}\s+(?:location|loc|live\s+location|address|postcode|pin)\b[^.!?]{{0,60}}?(?:come|pick|meet|see|visit)\b"
     r"[^.!?]{0,40}?(?:after\s+school|\bx+\b|emj_)"),
    ("which",
     r"which\s+one(?:'s|s|\s+is)\s+the\s+(?:little|cute|pretty|young|blonde|small)\b[^!]{0,60}?(?:say\s+hello|meet|chat|talk|message|dm|follow)"),
    # rules-10 (round thirteen): a child's training days asked with who collects them
    ("days time nights",
     rf"(?:what|which)\s+(?:days?|time|nights?)\s+(?:do|does)\s+{YOU}\s+(?:have|do|go\s+to|finish)\b[^!]{{0,60}}?"
     rf"(?:pick\s+{YOU}\s+up|walk\s+{YOU}\s+home|collect\s+{YOU}|on\s+{YOUR}\s+own|by\s+(?:yourself|urself)|alone)"),
    ("private secret secrets",
     r"(?:ok|okay|fine|normal|alright)\s+to\s+keep\s+(?:some\s+)?(?:things|stuff|secrets)\s+(?:private\s+|secret\s+)?from\s+(?:adults|grown[\s-]?ups|(?:your|ur)\s+(?:parents|mum|mom|dad|teachers))"),
    ("wearing",
     r"send\s+(?:me\s+)?(?:a\s+)?(?:pic|photo|picture|selfie|snap)\s+of\s+what\s+(?:you'?re|ur|u\s+r|you\s+are)\s+wearing"),
    ("send",
     rf"(?:£\s?\d+|money|cash|emj_money)[^.!?]{{0,40}}?\bif\s+{YOU}\s+send\s+(?:me\s+)?(?:that|the|a)\s+(?:pic|photo|picture|selfie|vid|video)"),
    # rules-18: the child in a team photo singled out and her age or handle asked ("The blonde girl on the far
    # left of the sports day photo, is she in Year 8?"), money for pictures ("i'll send £££ 4 sum pics"), an
    # adult comparing a child with people his own age ("so much more interesting than people my age")
    ("left right end from",
     r"(?:girl|boy|one|lad)\s+(?:on\s+the\s+(?:far\s+)?(?:left|right|end)|(?:second|third|first|2nd|3rd|1st)\s+from\s+the\s+(?:left|right))\b[^!]{0,60}?"
     r"(?:how\s+old|what\s+year|which\s+year|is\s+(?:she|he)\s+(?:in|only\s+in)\s+(?:year|yr|y)\s?\d|what'?s\s+(?:her|his)\s+(?:name|insta|snap|username|number))"),
    ("send give pay", rf"(?:send|give|pay)\s+(?:{YOU}\s+)?(?:£+|emj_money|money|cash)\s+(?:4|for)\s+(?:some\s+|sum\s+|a\s+few\s+|ur\s+|your\s+)?(?:pics?|photos?|selfies?|vids?|videos?)\b"),
    ("than", r"(?:more\s+(?:interesting|mature|fun|grown\s+up)|cooler|smarter|easier\s+to\s+talk\s+to)\s+than\s+(?:people|girls|boys|anyone|women|men)\s+my\s+(?:own\s+)?age\b"),
    # rules-17: "Use vanish mode when you reply so nothing's saved.", "That selfie from the school trip was
    # lovely. Any more from the trip you didn't put up?"
    ("vanish disappearing", r"(?:use|turn\s+on|switch\s+on|put\s+on|put\s+it\s+on)\s+(?:vanish\s+mode|disappearing\s+messages)"),
    ("more", r"any\s+more\s+(?:pics?|photos?|selfies?|pictures?|vids?|videos?)?\s*(?:from\s+[^.!?]{0,30}?)?\s*(?:(?:that\s+)?(?:you|u)\s+(?:didn'?t|did\s+not|never))\s+(?:put\s+up|post|posted|upload|uploaded|share|shared)"),
    # rules-24 (round twenty-six): "Saw the Year 7 trip pictures on the school page. Which one is you? 😊",
    # "Are your parents going away at all over half term?", "Need any money for lunch this week? Happy to
    # help, just say the word 😘"
    ("which", r"(?:pics?|pictures?|photos?|snaps?|album|gallery)\b[^.!?]{0,60}?[.!?]?\s*which\s+(?:one|girl|boy)\s+(?:is|'s)\s+(?:you|u)\s*\?"),
    ("parents mum dad",
     rf"(?:are|r|is)\s+{YOUR}\s+(?:parents|mum\s+(?:and|n|&)\s+dad|mum|dad|folks|mam)\s+(?:going\s+away|away|out|working\s+late|working\s+nights)\s+(?:at\s+all\s+)?(?:over|this|at|on|tonight|during|for)\b"
     r"(?![^!]{0,60}\b(?:form|contact\s+(?:number|details)|permission|consent|register|emergency)\b)"),
    ("money lunch cash",
     r"(?:need|want)\s+(?:any\s+|some\s+)?(?:money|cash|dosh|£+|emj_money)\s+(?:for|4)\s+(?:lunch|food|the\s+bus|your\s+phone|ur\s+phone|credit|snacks)\b[^.!]{0,40}?(?:😘|😉|just\s+say\s+the\s+word|happy\s+to\s+help|between\s+us|our\s+secret|don'?t\s+tell)"),
    # rules-26: "Which house on Orchard Way is yours? The one with the trampoline in the garden?", "Which
    # changing room do the Year 9 girls use at the leisure centre on Saturdays?", "Show me when you try it on?"
    ("house", r"which\s+(?:house|flat|door|one)\s+(?:on|in|along)\s+[a-z]+\s+(?:way|road|rd|street|st|close|avenue|ave|lane|drive|crescent)\s+(?:is|'s)\s+(?:yours|urs|your\s+house)\b"
     r"(?![^!]{0,80}\b(?:drop(?:ping)?\s+(?:off|round|by)|deliver\w*|raffle|parcel|post|invites?|lift|pick\s+up|collect\w*)\b)"),
    ("changing", r"which\s+changing\s+rooms?\s+do\s+(?:the\s+)?(?:year|yr)\s?\d+\s+(?:girls|boys)\s+use\b"),
    ("show", r"(?:look|looks|looked)\s+(?:so\s+)?(?:amazing|gorgeous|stunning|beautiful|lovely|hot|fit|sexy|pretty|great|perfect)\b[^!?]{0,80}?(?:show|send)\s+me\s+when\s+(?:you|u)\s+(?:try|put)\s+it\s+on\b"),
    # rules-27: "You'll have to be quick, my wife gets back at six. Come in through the side gate.", "Your
    # coach doesn't appreciate you the way I do."
    ("wife husband partner girlfriend",
     r"my\s+(?:wife|husband|partner|girlfriend|missus)\s+(?:gets|is|will\s+be|comes|'s)\s+(?:back|home|in)\b[^!?]{0,60}?\b(?:come|pop)\s+(?:in|round|over|through|by)\b"
     r"[^!?]{0,40}?(?:side\s+gate|back\s+(?:door|gate|way)|don'?t\s+(?:knock|ring|tell)|quietly)"
     r"|(?:be\s+quick|have\s+to\s+be\s+quick|before)\b[^!?]{0,30}?my\s+(?:wife|husband|partner|girlfriend|missus)\s+(?:gets|is|will\s+be|comes|'s)\s+(?:back|home|in)\b"),
    ("appreciate understand love see",
     r"(?:coach|teacher|tutor|mum|mom|dad|parents|friends|mates|boyfriend|girlfriend|bf|gf|family)\s+(?:doesn'?t|don'?t|does\s+not|do\s+not|never)\s+(?:appreciate|understand|get|love|see|value)\s+(?:you|u)\s+(?:the\s+way|like)\s+i\s+do\b"),
    # rules-15: "got ur uniform on? send pic 📸 😇"
    ("uniform kit pjs pyjamas swimsuit bikini",
     rf"(?:got|have|has|wearing|in)\s+{YOUR}\s+(?:school\s+)?(?:uniform|pe\s+kit|pjs|pyjamas|swimsuit|bikini)\s+on\b[^.!]{{0,30}}?\bsend\s+(?:me\s+)?(?:a\s+)?(?:pic|photo|selfie|snap)"),
    # rules-36 (round thirty-seven), from the lines holdout88-91 missed: which Year 7s walk home
    # alone, a stranger asking for a pupil in a photo ("the girl on the left is stunning, pass on
    # my Snapchat", "the girl in the yellow headband ... what her name is? Asking for a friend")
    ("walk home",
     r"\bwhich\s+(?:of\s+(?:the|these|those)\s+)?(?:kids|children|girls|boys|pupils|students|(?:year|yr)\s?\d+s?|little\s+ones)\b[^.!?]{0,40}?\b(?:walk|walks|go|goes|get|gets|cycle|cycles)\s+home\s+(?:alone|on\s+(?:their|his|her)\s+own|by\s+(?:themselves|himself|herself))\b"
     r"(?![^\n]{0,120}\b(?:walking\s+bus|buddy\s+(?:system|scheme)|rota|permission\s+slips?|consent\s+forms?|register|school\s+office|survey|road\s+safety)\b)"),
    ("girl boy grl stunning pretty gorgeous beautiful cute fit",
     r"\b(?:the\s+)?(?:girl|boy|grl|gurl|lad|one)\b[^.!?]{0,60}?\b(?:is|looks|'s)\s+(?:so\s+|really\s+|absolutely\s+)?(?:stunning|gorgeous|beautiful|pretty|cute|fit|peng)\b[^.!?]{0,10}[.,!]?\s*[^.!?]{0,30}?\b(?:pass\s+on\s+my|give\s+(?:her|him)\s+my|send\s+(?:her|him)\s+my|dm\s+me|message\s+me|what'?s\s+(?:her|his)\s+(?:name|snap|insta|number))"
     r"|\b(?:pretty|stunning|gorgeous|beautiful|cute|fit|peng)\s+(?:girl|grl|gurl|boy|lad|one)\s+(?:from|in)\s+(?:year|yr|y)\s?\d+\b[^.!?]{0,40}?\b(?:dm|message|msg|snap|add)\s+me\b"
     r"|\b(?:girl|boy|lad)\s+in\s+the\s+[a-z]+\s+(?:[a-z]+\s+)?(?:headband|top|shirt|jumper|dress|hoodie|cap|bow|scarf)\b[^?]{0,80}?\b(?:what|whats|what'?s)\s+(?:her|his)\s+name\b"),
    ("found school",
     r"(?:found\s+(?:you|u)|school'?s\s+(?:instagram|insta|page|website|facebook))\b[^\n]{0,80}?accept(?:ed)?\s+my\s+(?:friend\s+|follow\s+)?request"),
]


def rules(names: Names) -> list[GroomingRule | Rule]:
    return [
        GroomingRule(),
        *(
            Rule("grooming.phrase", G, pattern, 0.9, "grooming: secrecy, a private channel, a child's looks, age or routine, or a gift for contact",
                 pupils=True, keys=lx.keys(keys), unless=SAFETY_NOTICE)
            for keys, pattern in PHRASES
        ),
    ]


__all__ = ["SIGNALS", "rules"]
