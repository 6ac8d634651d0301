"""The same normalisers as SQL, for DuckDB to run over whole landing files at once.

The Python functions in this package are the definition of a ``posts`` row. These
SELECTs compute the same rows inside DuckDB for the payloads that have the plain,
expected shape (which is nearly all of them), so a large load never turns each line into
Python objects: DuckDB parses the JSON, normalises and hashes in C++ (issue 2's
throughput target). Every SELECT carries a *guard*: a line whose fields have any other
type or form (a number where a string was expected, a timestamp in another format, an
empty string where the Python code's ``or`` would fall through) is left out, and the
loader hands it to the Python normaliser, which either builds the row or gives the
quarantine reason. So the fast path can only be narrower than Python, never different;
``tests/normalise/test_fast_parity.py`` checks row-for-row equality on real payloads
and on mutated ones.

Each SELECT is written against ``sw_parsed``, a placeholder :func:`select_for` replaces
with the staging group's table of parsed lines (one row per landing line: ``f``,
``line_no``, the envelope fields and ``item``/``context`` as JSON text), and returns ``f``, ``line_no`` and
:data:`~transforms.normalise.POST_COLUMNS`. RSS has no fast path: feeds are small, and
its HTML unescaping and link unwrapping are Python's.
"""

from __future__ import annotations

from transforms.normalise import POST_COLUMNS

# A timestamp both Python's parse_time and DuckDB's cast read the same way.
ISO_UTC = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:?\d\d)"

# The envelope: what ``base_row`` reads, as plain strings.
ENVELOPE = """{"platform":"VARCHAR","source_id":"VARCHAR","school_id":"VARCHAR","account_id":"VARCHAR",
 "stream":"VARCHAR","endpoint":"VARCHAR","fetched_at":"VARCHAR","native_id":"VARCHAR","item":"JSON","context":"JSON"}"""
ENVELOPE_PATHS = "['$.platform', '$.source_id', '$.school_id', '$.account_id', '$.stream']"


def _strings(column: str, paths: list[str], *, required: tuple[str, ...] = ()) -> str:
    """Guard: each path of ``column`` is a string, JSON null or absent; ``required`` ones a
    non-empty string."""
    listed = ", ".join(f"'{p}'" for p in paths)
    parts = [f"list_bool_and(list_transform(json_type({column}, [{listed}]), lambda t: t IS NULL OR t IN ('VARCHAR', 'NULL')))"]
    parts += [f"coalesce({column} ->> '{p}', '') <> ''" for p in required]
    return " AND ".join(parts)


def _nonempty_or_null(expr: str) -> str:
    """Guard for a value the Python code tests with ``or``: absent, or a non-empty string."""
    return f"coalesce({expr}, 'x') <> ''"


def _time_ok(expr: str) -> str:
    return f"regexp_full_match({expr}, '{ISO_UTC}')"


# X: one parse for the values, one for their JSON types (each JSON function parses anew).
_X_TYPES = ("$.id", "$.text", "$.author_id", "$.created_at", "$.conversation_id", "$.edit_history_tweet_ids",
            "$.edit_history_tweet_ids[0]", "$.referenced_tweets")
X = f"""
SELECT f, line_no, 'x:' || it.id AS post_id, school_id, platform, it.id AS native_id, source_id, account_id,
  CASE stream WHEN 'mentions' THEN 'mention' WHEN 'replies' THEN 'reply' WHEN 'search' THEN 'search_hit'
              WHEN 'timeline' THEN 'post' ELSE 'mention' END AS item_kind,
  it.author_id, ctx.author.username AS author_handle, ctx.author.name AS author_name, it.text,
  CASE WHEN ctx.author.username IS NOT NULL THEN 'https://x.com/' || ctx.author.username || '/status/' || it.id
       ELSE 'https://x.com/i/web/status/' || it.id END AS url,
  CAST(it.created_at AS TIMESTAMPTZ) AS created_at,
  CASE WHEN len(it.edit_history_tweet_ids) > 1 AND it.edit_history_tweet_ids[1] <> it.id
       THEN CAST(it.created_at AS TIMESTAMPTZ) END AS edited_at,
  CASE WHEN t[8] = 'ARRAY' THEN 'x:' || list_filter(it.referenced_tweets, lambda r: r.type = 'replied_to')[1].id END AS parent_id,
  CASE WHEN it.conversation_id <> it.id THEN 'x:' || it.conversation_id END AS conversation_id,
  NULL::BOOLEAN AS is_hidden, stream, endpoint, fetched_at, item, context
FROM (
  SELECT * FROM (
    SELECT *,
      from_json(item, '{{"id":"VARCHAR","text":"VARCHAR","author_id":"VARCHAR","created_at":"VARCHAR","conversation_id":"VARCHAR",
                        "edit_history_tweet_ids":["VARCHAR"],"referenced_tweets":[{{"type":"VARCHAR","id":"VARCHAR"}}]}}') AS it,
      json_type(item, [{", ".join(f"'{p}'" for p in _X_TYPES)}]) AS t,
      from_json(context, '{{"author":{{"username":"VARCHAR","name":"VARCHAR"}}}}') AS ctx,
      json_type(context, ['$.author', '$.author.username', '$.author.name']) AS ct
    FROM sw_parsed
    WHERE env_ok AND platform = 'x'
  )
  WHERE t[1] = 'VARCHAR' AND it.id <> ''
    AND (t[2] IS NULL OR t[2] IN ('VARCHAR', 'NULL')) AND (t[3] IS NULL OR t[3] IN ('VARCHAR', 'NULL'))
    AND t[4] = 'VARCHAR' AND (t[5] IS NULL OR t[5] IN ('VARCHAR', 'NULL'))
    AND regexp_full_match(it.created_at, '{ISO_UTC}')
    AND coalesce(it.conversation_id, 'x') <> ''
    AND coalesce(t[6], 'NULL') IN ('ARRAY', 'NULL') AND coalesce(t[7], 'VARCHAR') IN ('VARCHAR', 'NULL')
    AND (coalesce(t[8], 'NULL') = 'NULL'
         OR t[8] = 'ARRAY' AND coalesce(list_bool_and(list_transform(json_extract(item, '$.referenced_tweets[*]'),
              lambda r: json_type(r) = 'OBJECT' AND json_type(r, '$.type') = 'VARCHAR' AND json_type(r, '$.id') = 'VARCHAR'
                        AND r ->> '$.id' <> '')), true))
    AND coalesce(ct[1], 'NULL') IN ('OBJECT', 'NULL')
    AND (ct[2] IS NULL OR ct[2] IN ('VARCHAR', 'NULL')) AND (ct[3] IS NULL OR ct[3] IN ('VARCHAR', 'NULL'))
    AND coalesce(ctx.author.username, 'x') <> ''
)
"""

FACEBOOK = f"""
SELECT f, line_no, 'facebook:' || it.id AS post_id, school_id, platform, it.id AS native_id, source_id, account_id,
  CASE WHEN stream = 'tagged' THEN 'post' WHEN it.parent.id IS NOT NULL THEN 'reply' ELSE 'comment' END AS item_kind,
  it."from".id AS author_id, NULL::VARCHAR AS author_handle, it."from".name AS author_name, it.message AS text,
  coalesce(it.permalink_url, 'https://www.facebook.com/' || it.id) AS url,
  CAST(it.created_time AS TIMESTAMPTZ) AS created_at,
  CASE WHEN it.updated_time IS NOT NULL AND it.updated_time <> coalesce(it.created_time, '')
       THEN CAST(it.updated_time AS TIMESTAMPTZ) END AS edited_at,
  CASE WHEN stream = 'tagged' THEN NULL ELSE 'facebook:' || coalesce(it.parent.id, ctx.post_id) END AS parent_id,
  CASE WHEN stream = 'tagged' THEN NULL ELSE 'facebook:' || ctx.post_id END AS conversation_id,
  CASE json_type(item, '$.is_hidden') WHEN 'BOOLEAN' THEN (item ->> '$.is_hidden')::BOOLEAN END AS is_hidden, stream, endpoint, fetched_at, item, context
FROM (
  SELECT *,
    from_json(item, '{{"id":"VARCHAR","message":"VARCHAR","permalink_url":"VARCHAR","created_time":"VARCHAR","updated_time":"VARCHAR",
                      "from":{{"id":"VARCHAR","name":"VARCHAR"}},"parent":{{"id":"VARCHAR"}}}}') AS it,
    from_json(context, '{{"post_id":"VARCHAR"}}') AS ctx
  FROM sw_parsed
  WHERE env_ok AND platform = 'facebook'
    AND {_strings("item", ["$.id", "$.message", "$.permalink_url", "$.created_time", "$.updated_time", "$.from.id", "$.from.name",
                           "$.parent.id"], required=("$.id",))}
    AND {_time_ok("item ->> '$.created_time'")}
    AND (coalesce(item ->> '$.updated_time', '') = '' OR {_time_ok("item ->> '$.updated_time'")})
    AND coalesce(json_type(item, '$.from'), 'NULL') IN ('OBJECT', 'NULL')
    AND coalesce(json_type(item, '$.parent'), 'NULL') IN ('OBJECT', 'NULL')
    AND {_nonempty_or_null("item ->> '$.parent.id'")}
    AND {_nonempty_or_null("item ->> '$.permalink_url'")}
    AND item ->> '$.updated_time' IS DISTINCT FROM ''
    AND {_strings("context", ["$.post_id"])}
    AND {_nonempty_or_null("context ->> '$.post_id'")}
    AND coalesce(stream, '') <> ''
)
"""

INSTAGRAM = f"""
SELECT f, line_no, 'instagram:' || it.id AS post_id, school_id, platform, it.id AS native_id, source_id, account_id,
  CASE WHEN stream = 'tags' THEN 'post' WHEN coalesce(it.parent_id, ctx.parent_id) IS NOT NULL THEN 'reply' ELSE 'comment' END AS item_kind,
  CASE WHEN stream = 'tags' THEN NULL ELSE it."from".id END AS author_id,
  CASE WHEN stream = 'tags' THEN it.username ELSE coalesce(it."from".username, it.username) END AS author_handle,
  NULL::VARCHAR AS author_name,
  CASE WHEN stream = 'tags' THEN it.caption ELSE it.text END AS text,
  CASE WHEN stream = 'tags' THEN it.permalink ELSE ctx.media.permalink END AS url,
  CAST(it."timestamp" AS TIMESTAMPTZ) AS created_at,
  NULL::TIMESTAMPTZ AS edited_at,
  CASE WHEN stream = 'tags' THEN NULL ELSE 'instagram:' || coalesce(it.parent_id, ctx.parent_id, ctx.media.id) END AS parent_id,
  CASE WHEN stream = 'tags' THEN NULL ELSE 'instagram:' || ctx.media.id END AS conversation_id,
  CASE WHEN stream = 'tags' THEN NULL WHEN json_type(item, '$.hidden') = 'BOOLEAN' THEN (item ->> '$.hidden')::BOOLEAN END AS is_hidden, stream, endpoint, fetched_at, item, context
FROM (
  SELECT *,
    from_json(item, '{{"id":"VARCHAR","text":"VARCHAR","caption":"VARCHAR","username":"VARCHAR","permalink":"VARCHAR",
                      "timestamp":"VARCHAR","parent_id":"VARCHAR","from":{{"id":"VARCHAR","username":"VARCHAR"}}}}') AS it,
    from_json(context, '{{"parent_id":"VARCHAR","media":{{"id":"VARCHAR","permalink":"VARCHAR"}}}}') AS ctx
  FROM sw_parsed
  WHERE env_ok AND platform = 'instagram'
    AND {_strings("item", ["$.id", "$.text", "$.caption", "$.username", "$.permalink", "$.timestamp", "$.parent_id",
                           "$.from.id", "$.from.username"], required=("$.id",))}
    AND {_time_ok("item ->> '$.timestamp'")}
    AND coalesce(json_type(item, '$.from'), 'NULL') IN ('OBJECT', 'NULL')
    AND {_nonempty_or_null("item ->> '$.parent_id'")}
    AND {_nonempty_or_null("item ->> '$.from.username'")}
    AND coalesce(json_type(context, '$.media'), 'NULL') IN ('OBJECT', 'NULL')
    AND {_strings("context", ["$.parent_id", "$.media.id", "$.media.permalink"])}
    AND {_nonempty_or_null("context ->> '$.parent_id'")}
    AND {_nonempty_or_null("context ->> '$.media.id'")}
)
"""

REDDIT = f"""
SELECT f, line_no, 'reddit:' || native AS post_id, school_id, platform, native AS native_id, source_id, account_id,
  CASE stream WHEN 'mentions' THEN 'mention' WHEN 'comment_replies' THEN 'reply' WHEN 'submission_replies' THEN 'reply'
              WHEN 'search' THEN 'search_hit' ELSE CASE WHEN kind = 't1' THEN 'comment' ELSE 'post' END END AS item_kind,
  d.author_fullname AS author_id,
  CASE WHEN d.author IN ('[deleted]', '[removed]') THEN NULL ELSE d.author END AS author_handle,
  NULL::VARCHAR AS author_name,
  CASE WHEN kind = 't1' THEN d.body
       WHEN coalesce(d.selftext, '') <> '' THEN coalesce(d.title, '') || chr(10) || chr(10) || d.selftext
       ELSE coalesce(d.title, '') END AS text,
  CASE WHEN starts_with(coalesce(d.permalink, d.context), '/') THEN 'https://www.reddit.com' || coalesce(d.permalink, d.context)
       ELSE coalesce(d.permalink, d.context) END AS url,
  to_timestamp(CAST(item ->> '$.data.created_utc' AS DOUBLE)) AS created_at,
  CASE WHEN json_type(item, '$.data.edited') IN ('DOUBLE', 'UBIGINT', 'BIGINT')
       THEN to_timestamp(CAST(item ->> '$.data.edited' AS DOUBLE)) END AS edited_at,
  'reddit:' || d.parent_id AS parent_id,
  CASE WHEN root <> native THEN 'reddit:' || root END AS conversation_id,
  NULL::BOOLEAN AS is_hidden, stream, endpoint, fetched_at, item, context
FROM (
  SELECT *, coalesce(d.name, kind || '_' || d.id) AS native,
    coalesce(d.link_id, 't3_' || nullif(regexp_extract(coalesce(d.context, ''), '/comments/([a-z0-9]+)/', 1), '')) AS root
  FROM (
    SELECT *, item ->> '$.kind' AS kind,
      from_json(item -> '$.data', '{{"name":"VARCHAR","id":"VARCHAR","author":"VARCHAR","author_fullname":"VARCHAR","body":"VARCHAR",
                      "title":"VARCHAR","selftext":"VARCHAR","permalink":"VARCHAR","context":"VARCHAR","parent_id":"VARCHAR",
                      "link_id":"VARCHAR"}}') AS d
    FROM sw_parsed
    WHERE env_ok AND platform = 'reddit'
      AND item ->> '$.kind' IN ('t1', 't3') AND json_type(item, '$.kind') = 'VARCHAR'
      AND json_type(item, '$.data') = 'OBJECT'
      AND {_strings("item", ["$.data.name", "$.data.id", "$.data.author", "$.data.author_fullname", "$.data.body", "$.data.title",
                             "$.data.selftext", "$.data.permalink", "$.data.context", "$.data.parent_id", "$.data.link_id"])}
      AND (coalesce(item ->> '$.data.name', '') <> '' OR coalesce(item ->> '$.data.id', '') <> '')
      AND {_nonempty_or_null("item ->> '$.data.name'")}
      AND {_nonempty_or_null("item ->> '$.data.permalink'")}
      AND {_nonempty_or_null("item ->> '$.data.context'")}
      AND {_nonempty_or_null("item ->> '$.data.parent_id'")}
      AND {_nonempty_or_null("item ->> '$.data.link_id'")}
      AND json_type(item, '$.data.created_utc') IN ('DOUBLE', 'UBIGINT', 'BIGINT')
      AND CAST(item ->> '$.data.created_utc' AS DOUBLE) BETWEEN 0 AND 32503680000
      AND CAST(item ->> '$.data.created_utc' AS DOUBLE) = floor(CAST(item ->> '$.data.created_utc' AS DOUBLE))
      AND (coalesce(json_type(item, '$.data.edited'), 'NULL') IN ('BOOLEAN', 'NULL')
           OR (json_type(item, '$.data.edited') IN ('DOUBLE', 'UBIGINT', 'BIGINT')
               AND CAST(item ->> '$.data.edited' AS DOUBLE) BETWEEN 1 AND 32503680000
               AND CAST(item ->> '$.data.edited' AS DOUBLE) = floor(CAST(item ->> '$.data.edited' AS DOUBLE))))
  )
)
"""

YOUTUBE = f"""
SELECT f, line_no, 'youtube:' || it.id AS post_id, school_id, platform, it.id AS native_id, source_id, account_id,
  CASE WHEN is_reply THEN 'reply' ELSE 'comment' END AS item_kind,
  it.snippet.authorChannelId.value AS author_id,
  CASE WHEN starts_with(it.snippet.authorDisplayName, '@') THEN it.snippet.authorDisplayName[2:] END AS author_handle,
  it.snippet.authorDisplayName AS author_name,
  coalesce(it.snippet.textOriginal, it.snippet.textDisplay) AS text,
  CASE WHEN video IS NOT NULL THEN 'https://www.youtube.com/watch?v=' || video || '&lc=' || it.id END AS url,
  CAST(it.snippet.publishedAt AS TIMESTAMPTZ) AS created_at,
  CASE WHEN coalesce(it.snippet.updatedAt, '') <> '' AND it.snippet.updatedAt <> it.snippet.publishedAt
       THEN CAST(it.snippet.updatedAt AS TIMESTAMPTZ) END AS edited_at,
  CASE WHEN is_reply AND thread IS NOT NULL THEN 'youtube:' || thread END AS parent_id,
  CASE WHEN is_reply AND thread IS NOT NULL THEN 'youtube:' || thread END AS conversation_id,
  NULL::BOOLEAN AS is_hidden, stream, endpoint, fetched_at, item, context
FROM (
  SELECT *, coalesce(it.snippet.parentId, ctx.thread_id) AS thread,
    coalesce(it.snippet.videoId, ctx.video_id) AS video,
    stream = 'replies' OR coalesce(it.snippet.parentId, '') <> '' AS is_reply
  FROM (
    SELECT *,
      from_json(item, '{{"id":"VARCHAR","snippet":{{"parentId":"VARCHAR","publishedAt":"VARCHAR","updatedAt":"VARCHAR",
                        "authorDisplayName":"VARCHAR","videoId":"VARCHAR","textOriginal":"VARCHAR","textDisplay":"VARCHAR",
                        "authorChannelId":{{"value":"VARCHAR"}}}}}}') AS it,
      from_json(context, '{{"thread_id":"VARCHAR","video_id":"VARCHAR"}}') AS ctx
    FROM sw_parsed
    WHERE env_ok AND platform = 'youtube'
      AND json_type(item, '$.snippet') = 'OBJECT'
      AND {_strings("item", ["$.id", "$.snippet.parentId", "$.snippet.publishedAt", "$.snippet.updatedAt",
                             "$.snippet.authorDisplayName", "$.snippet.videoId", "$.snippet.textOriginal", "$.snippet.textDisplay",
                             "$.snippet.authorChannelId.value"], required=("$.id",))}
      AND regexp_full_match(item ->> '$.id', '[A-Za-z0-9_.-]+')
      AND {_time_ok("item ->> '$.snippet.publishedAt'")}
      AND (coalesce(item ->> '$.snippet.updatedAt', '') = '' OR {_time_ok("item ->> '$.snippet.updatedAt'")})
      AND coalesce(json_type(item, '$.snippet.authorChannelId'), 'NULL') IN ('OBJECT', 'NULL')
      AND {_nonempty_or_null("item ->> '$.snippet.parentId'")}
      AND {_nonempty_or_null("item ->> '$.snippet.videoId'")}
      AND {_nonempty_or_null("item ->> '$.snippet.authorDisplayName'")}
      AND {_nonempty_or_null("item ->> '$.snippet.authorChannelId.value'")}
      AND {_strings("context", ["$.thread_id", "$.video_id"])}
      AND {_nonempty_or_null("context ->> '$.thread_id'")}
      AND {_nonempty_or_null("context ->> '$.video_id'")}
      AND regexp_full_match(coalesce(item ->> '$.snippet.videoId', context ->> '$.video_id', 'v'), '[A-Za-z0-9_.-]+')
  )
)
"""

BLUESKY = f"""
SELECT f, line_no, 'bluesky:' || it.uri AS post_id, school_id, platform, it.uri AS native_id, source_id, account_id,
  CASE WHEN stream = 'notifications' THEN CASE item ->> '$.reason' WHEN 'reply' THEN 'reply' ELSE 'mention' END
       WHEN it.record.reply.parent.uri IS NOT NULL THEN 'reply' ELSE 'search_hit' END AS item_kind,
  it.author.did AS author_id, it.author.handle AS author_handle, it.author.displayName AS author_name,
  it.record.text AS text,
  CASE WHEN coalesce(nullif(it.author.handle, 'handle.invalid'), it.author.did) IS NOT NULL
       THEN 'https://bsky.app/profile/' || coalesce(nullif(it.author.handle, 'handle.invalid'), it.author.did)
            || '/post/' || regexp_extract(it.uri, '[^/]*$') END AS url,
  CAST(it.record.createdAt AS TIMESTAMPTZ) AS created_at,
  NULL::TIMESTAMPTZ AS edited_at,
  'bluesky:' || it.record.reply.parent.uri AS parent_id,
  CASE WHEN it.record.reply.root.uri <> it.uri THEN 'bluesky:' || it.record.reply.root.uri END AS conversation_id,
  NULL::BOOLEAN AS is_hidden, stream, endpoint, fetched_at, item, context
FROM (
  SELECT *,
    from_json(item, '{{"uri":"VARCHAR","author":{{"did":"VARCHAR","handle":"VARCHAR","displayName":"VARCHAR"}},
                      "record":{{"text":"VARCHAR","createdAt":"VARCHAR","reply":{{"parent":{{"uri":"VARCHAR"}},"root":{{"uri":"VARCHAR"}}}}}}}}') AS it
  FROM sw_parsed
  WHERE env_ok AND platform = 'bluesky'
    AND starts_with(item ->> '$.uri', 'at://') AND json_type(item, '$.uri') = 'VARCHAR'
    AND json_type(item, '$.record') = 'OBJECT'
    AND coalesce(item ->> '$.record."$type"', 'app.bsky.feed.post') = 'app.bsky.feed.post'
    AND coalesce(json_type(item, '$.record."$type"'), 'VARCHAR') = 'VARCHAR'
    AND coalesce(json_type(item, '$.author'), 'NULL') IN ('OBJECT', 'NULL')
    AND coalesce(json_type(item, '$.record.reply'), 'NULL') IN ('OBJECT', 'NULL')
    AND coalesce(json_type(item, '$.record.reply.parent'), 'NULL') IN ('OBJECT', 'NULL')
    AND coalesce(json_type(item, '$.record.reply.root'), 'NULL') IN ('OBJECT', 'NULL')
    AND {_strings("item", ["$.author.did", "$.author.handle", "$.author.displayName", "$.record.text", "$.record.createdAt",
                           "$.record.reply.parent.uri", "$.record.reply.root.uri", "$.reason"])}
    AND {_time_ok("item ->> '$.record.createdAt'")}
    AND {_nonempty_or_null("item ->> '$.author.handle'")}
    AND {_nonempty_or_null("item ->> '$.author.did'")}
    AND {_nonempty_or_null("item ->> '$.record.reply.parent.uri'")}
    AND {_nonempty_or_null("item ->> '$.record.reply.root.uri'")}
)
"""

BY_PLATFORM: dict[str, str] = {
    "x": X,
    "facebook": FACEBOOK,
    "instagram": INSTAGRAM,
    "reddit": REDDIT,
    "youtube": YOUTUBE,
    "bluesky": BLUESKY,
}

_OUT = ", ".join(("f", "line_no", *POST_COLUMNS, "stream", "endpoint", "fetched_at"))


def payload(item: str, context: str) -> str:
    """SQL for the stored payload text, ``{"context": ..., "item": ...}`` of the landed JSON
    (DuckDB's compact serialisation, keys in the order the platform sent them). A missing or
    empty context is ``{}``, as in the Python path (``line.get("context") or {}``)."""
    empty = "('null', '{}', '[]', '\"\"', '0', 'false')"
    return (
        f"'{{\"context\":' || CASE WHEN {context} IS NULL OR {context} IN {empty} THEN '{{}}' ELSE {context} END"
        f" || ',\"item\":' || {item} || '}}'"
    )


def select_for(platform: str, source: str) -> str | None:
    """The fast SELECT for one platform over the parsed lines in table ``source``, or None:
    columns f, line_no, POST_COLUMNS, the line's stream, endpoint and fetched_at, and the
    stored payload with its SHA-256."""
    body = BY_PLATFORM.get(platform)
    if body is None:
        return None
    # The parsing subquery is MATERIALIZED (see _materialise): DuckDB would otherwise inline
    # it into every place that reads one of its fields, parsing the same JSON again each
    # time (measured 1.7x slower). The payload text is not: building it twice (for the
    # column and for its hash) costs less than materialising every column once more.
    return (
        f"SELECT {_OUT}, payload, sha256(payload) AS raw_sha256 FROM ("
        f"SELECT *, {payload('item', 'context')} AS payload FROM ({_materialise(body, source)}))"
    )


def _materialise(body: str, source: str) -> str:
    """Turn the innermost derived table (the one reading sw_parsed) into a MATERIALIZED CTE
    that reads ``source``."""
    at = body.index("FROM sw_parsed")
    start = body.rindex("(", 0, body.rindex("SELECT *,", 0, at))
    depth = 0
    for end in range(start, len(body)):
        depth += {"(": 1, ")": -1}.get(body[end], 0)
        if depth == 0:
            break
    inner = body[start + 1 : end].replace("FROM sw_parsed", f"FROM {source}")
    return f"WITH sw_p AS MATERIALIZED ({inner}) {body[:start]}sw_p{body[end + 1 :]}"
