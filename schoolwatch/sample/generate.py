"""Generate the bundled sample pages (deterministic; run after editing texts.py).

    python -m schoolwatch.sample.generate
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from schoolwatch.sample.texts import BENIGN, COMPLAINT, PROBLEM

OUT = Path(__file__).parent / "pages"
WEEK_START = datetime(2026, 11, 9, 7, 0, tzinfo=UTC)  # Monday of the sample week
FIRST_NAMES = ["Amara", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harvey", "Isla", "Jonah", "Kiran", "Lena",
               "Mo", "Nia", "Oscar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vic", "Wren", "Yusuf", "Zara"]
LAST_NAMES = ["Ashdown", "Brightwell", "Cole", "Dunmore", "Everett", "Farrow", "Galloway", "Hartigan", "Ives", "Jessop",
              "Kettering", "Lowther", "Marchbank", "Northcote", "Oakley", "Penhallow", "Quarrie", "Rowntree"]

# Messy real-data cases the normalisers and gates must survive.
MESSY = [
    "שלום, is there a Hebrew club? \u202eevil override\u202c test",
    "zero\u200bwidth\u200bspaces\u200din\u200cthis comment",
    "Fantastic term 🎉🎉🎉 " + "Thank you all so much for everything. " * 120,
    "👍",
]


def _texts(rng: random.Random, n: int, problem_every: int) -> list[tuple[str, str]]:
    """(label, text) pairs: mostly benign, about one in ten problematic, a few complaints."""
    out: list[tuple[str, str]] = []
    problems = list(PROBLEM)
    rng.shuffle(problems)
    for i in range(n):
        if i % problem_every == problem_every - 1 and problems:
            out.append(problems.pop())
        elif i % 17 == 5:
            out.append(("complaint", rng.choice(COMPLAINT)))
        elif i % 23 == 11:
            out.append(("none", rng.choice(MESSY)))
        else:
            out.append(("none", rng.choice(BENIGN)))
    return out


def _when(rng: random.Random) -> datetime:
    return WEEK_START + timedelta(seconds=rng.randrange(0, 7 * 86400))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def x_pages(rng: random.Random, texts: list[tuple[str, str]]) -> dict[str, list[dict]]:
    """Mentions and search pages, X API v2 shape (newest first, meta with tokens)."""
    tweets: list[dict[str, Any]] = []
    users: dict[str, dict[str, str]] = {}
    base_id = 1_988_000_000_000_000_000
    for i, (_, text) in enumerate(texts):
        uid = str(1_500_000 + rng.randrange(0, 40))
        name = _person(rng)
        users[uid] = {"id": uid, "name": name, "username": name.lower().replace(" ", "_")[:15]}
        tid = str(base_id + i * 7919)
        t: dict[str, Any] = {
            "id": tid,
            "text": f"@KestrelValeAcad {text}" if i % 2 == 0 else text,
            "author_id": uid,
            "created_at": _when(rng).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "conversation_id": tid,
            "edit_history_tweet_ids": [tid],
            "lang": "en",
        }
        if i % 5 == 1:
            root = str(base_id - 1000 - (i % 3))
            t["conversation_id"] = root
            t["in_reply_to_user_id"] = "1234567890"
            t["referenced_tweets"] = [{"type": "replied_to", "id": root}]
        if i == 3:  # an edited post: the new version has its own id, history lists both
            t["edit_history_tweet_ids"] = [str(base_id - 5), tid]
        tweets.append(t)
    tweets.sort(key=lambda t: t["created_at"], reverse=True)
    pages: list[dict[str, Any]] = []
    for n in range(0, len(tweets), 25):
        chunk = tweets[n : n + 25]
        authors = sorted({t["author_id"] for t in chunk})
        meta: dict[str, Any] = {"result_count": len(chunk), "newest_id": max(chunk, key=lambda t: int(t["id"]))["id"],
                "oldest_id": min(chunk, key=lambda t: int(t["id"]))["id"]}
        if n + 25 < len(tweets):
            meta["next_token"] = f"7140dibdnow9c7btw4{n:05d}"
        pages.append({"data": chunk, "includes": {"users": [users[a] for a in authors]}, "meta": meta})
    # duplicates across pages happen (a post arrives while paging): repeat one item
    pages[1]["data"].append(dict(pages[0]["data"][-1]))
    return {"mentions": pages}


def facebook_pages(rng: random.Random, texts: list[tuple[str, str]]) -> dict[str, list[dict]]:
    """Comments on the page's posts (Graph API v21.0 shape) plus one tagged page."""
    page_id = "109876543210987"
    posts = [f"{page_id}_{1000000000000 + k}" for k in range(6)]
    comments: list[tuple[str, dict[str, Any]]] = []
    for i, (_, text) in enumerate(texts):
        post = posts[i % len(posts)]
        cid = f"{post.split('_')[1]}_{2000000000000000 + i * 37}"
        c: dict = {
            "id": cid,
            "created_time": _when(rng).strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "from": {"name": _person(rng), "id": str(6012345678900000 + rng.randrange(0, 500))},
            "message": text,
            "is_hidden": False,
            "can_hide": True,
            "permalink_url": f"https://www.facebook.com/{page_id}/posts/{post.split('_')[1]}?comment_id={cid.split('_')[1]}",
        }
        if i % 9 == 4:
            del c["from"]  # the app cannot always see the author
        if i % 11 == 6 and comments:
            c["parent"] = {"id": comments[-1][1]["id"]}
        comments.append((post, c))
    # two bad records: one with no created_time, one with a url that is not http(s)
    bad1 = {**comments[7][1], "id": comments[7][1]["id"] + "9"}
    bad1.pop("created_time")
    bad2 = {**comments[8][1], "id": comments[8][1]["id"] + "9", "permalink_url": "javascript:alert(document.cookie)"}
    comments += [(comments[7][0], bad1), (comments[8][0], bad2)]
    by_post: dict[str, list[dict]] = {}
    for post, c in comments:
        by_post.setdefault(post, []).append(c)
    pages = []
    for post, cs in by_post.items():
        cs.sort(key=lambda c: c.get("created_time", ""), reverse=True)
        for n in range(0, len(cs), 25):
            page: dict = {"data": cs[n : n + 25], "paging": {"cursors": {"before": "QVFIUmFi", "after": f"QVFIUm{n:04d}"}}}
            if n + 25 < len(cs):
                page["paging"]["next"] = f"https://graph.facebook.com/v21.0/{post}/comments?limit=25&after=QVFIUm{n:04d}"
            pages.append({"post_id": post, "page": page})
    tagged = {"data": [{
        "id": "100044444444444_5555555555555",
        "message": "Proud mum moment at the Kestrel Vale Academy awards evening 🏅",
        "created_time": _when(rng).strftime("%Y-%m-%dT%H:%M:%S+0000"),
        "from": {"name": _person(rng), "id": "6012345678999999"},
        "permalink_url": "https://www.facebook.com/100044444444444/posts/5555555555555",
    }], "paging": {"cursors": {"before": "QVFIUmFi", "after": "QVFIUmNk"}}}
    return {"comments": pages, "tagged": [{"post_id": None, "page": tagged}]}


def reddit_pages(rng: random.Random, texts: list[tuple[str, str]]) -> dict[str, list[dict]]:
    """Inbox mentions and subreddit search, as praw's Listing JSON."""
    children: list[tuple[str, dict[str, Any]]] = []
    for i, (_, text) in enumerate(texts):
        created = _when(rng).timestamp()
        author = "[deleted]" if i % 13 == 7 else f"{rng.choice(FIRST_NAMES).lower()}{rng.randrange(10, 99)}"
        if i % 3 == 0:  # a search hit: a submission in the local subreddit
            rid = f"1k{i:05d}"
            data = {"id": rid, "name": f"t3_{rid}", "title": text[:120], "selftext": text if len(text) > 120 else "",
                    "author": author, "subreddit": "kestrelford", "subreddit_name_prefixed": "r/kestrelford",
                    "created_utc": created, "created": created, "permalink": f"/r/kestrelford/comments/{rid}/school/",
                    "url": f"https://www.reddit.com/r/kestrelford/comments/{rid}/school/", "num_comments": rng.randrange(0, 30),
                    "score": rng.randrange(0, 50), "removed_by_category": None, "edited": False}
            if author != "[deleted]":
                data["author_fullname"] = f"t2_{rng.randrange(100000, 999999)}"
            children.append(("search", {"kind": "t3", "data": data}))
        else:
            rid = f"kx{i:05d}"
            data = {"first_message": None, "first_message_name": None, "subreddit": "kestrelford", "likes": None,
                    "replies": "", "id": rid, "subject": "username mention", "associated_awarding_id": None,
                    "score": 1, "author": author, "num_comments": 3, "parent_id": f"t3_1abc{i % 4}",
                    "subreddit_name_prefixed": "r/kestrelford", "new": True, "type": "username_mention",
                    "body": f"u/KestrelValeAcademy {text}", "link_title": "Kestrel Vale news", "dest": "KestrelValeAcademy",
                    "was_comment": True, "name": f"t1_{rid}", "created": created, "created_utc": created,
                    "context": f"/r/kestrelford/comments/1abc{i % 4}/kestrel_vale_news/{rid}/?context=3", "distinguished": None}
            if author != "[deleted]":
                data["author_fullname"] = f"t2_{rng.randrange(100000, 999999)}"
            children.append(("mentions", {"kind": "t1", "data": data}))
    out: dict[str, list[dict]] = {}
    for stream in ("mentions", "search"):
        items = [c for s, c in children if s == stream]
        items.sort(key=lambda c: c["data"]["created_utc"], reverse=True)
        pages = []
        for n in range(0, len(items), 25):
            chunk = items[n : n + 25]
            after = chunk[-1]["data"]["name"] if n + 25 < len(items) else None
            pages.append({"kind": "Listing", "data": {"after": after, "dist": len(chunk), "modhash": None,
                                                      "geo_filter": "", "before": None, "children": chunk}})
        out[stream] = pages
    return out


def main() -> None:
    rng = random.Random(20261109)
    OUT.mkdir(exist_ok=True)
    labels: dict[str, str] = {}
    for platform, n, builder in (("x", 110, x_pages), ("facebook", 130, facebook_pages), ("reddit", 70, reddit_pages)):
        texts = _texts(rng, n, problem_every=10)
        pages = builder(rng, texts)
        (OUT / f"{platform}.json").write_text(json.dumps(pages, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for label, text in texts:
            if label != "none":
                labels[text] = label
    (OUT / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
