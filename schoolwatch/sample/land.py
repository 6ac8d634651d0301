"""Land the bundled sample pages as the connectors would: one verbatim item per line.

Run ids are fixed, so landing the sample twice writes nothing the second time and the
loader has nothing new to do: the demo doubles nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

from schoolwatch.core.clock import Clock
from schoolwatch.core.landing import LandingZone, Manifest, RunMeta, item_line

SAMPLE_RUN = "20261116T070000Z-sample"


@dataclass(frozen=True)
class SampleSource:
    platform: str
    stream: str
    source_id: str
    account_id: str | None
    endpoint: str


SOURCES = (
    SampleSource("x", "mentions", "x-main", "x-main", "GET /2/users/:id/mentions"),
    SampleSource("facebook", "comments", "facebook-page", "facebook-page", "GET /v21.0/{post-id}/comments"),
    SampleSource("facebook", "tagged", "facebook-page", "facebook-page", "GET /v21.0/{page-id}/tagged"),
    SampleSource("reddit", "mentions", "reddit-main", "reddit-main", "GET /message/mentions"),
    SampleSource("reddit", "search", "reddit-local", None, "GET /r/kestrelford/search"),
)


def load_pages(platform: str) -> dict[str, list[dict[str, Any]]]:
    text = resources.files("schoolwatch.sample").joinpath("pages", f"{platform}.json").read_text(encoding="utf-8")
    data: dict[str, list[dict[str, Any]]] = json.loads(text)
    return data


def _items(src: SampleSource, pages: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(native_id, verbatim item, context) for each item on each page."""
    for page in pages:
        if src.platform == "x":
            users = {u["id"]: u for u in page.get("includes", {}).get("users", [])}
            for t in page.get("data", []):
                author = users.get(t.get("author_id"))
                yield t["id"], t, ({"author": author} if author else {})
        elif src.platform == "facebook":
            for c in page["page"].get("data", []):
                yield c["id"], c, ({"post_id": page["post_id"]} if page.get("post_id") else {})
        elif src.platform == "reddit":
            for child in page["data"]["children"]:
                yield child["data"]["name"], child, {}


def land_sample(landing: LandingZone, clock: Clock, school_id: str) -> list[Manifest]:
    """Land every sample source once; returns the manifests written this time."""
    written: list[Manifest] = []
    by_source: dict[str, list[SampleSource]] = {}
    for src in SOURCES:
        by_source.setdefault(src.source_id, []).append(src)
    for n, (source_id, srcs) in enumerate(sorted(by_source.items())):
        first = srcs[0]
        meta = RunMeta(f"{SAMPLE_RUN}{n}", first.platform, source_id, school_id, first.account_id)
        if landing.manifest_path(meta).exists():
            continue
        started = clock.now()
        fetched: datetime = started
        lines = []
        pages_seen = 0
        for src in srcs:
            pages = load_pages(src.platform)[src.stream]
            pages_seen += len(pages)
            for native_id, item, context in _items(src, pages):
                lines.append(item_line(meta, stream=src.stream, endpoint=src.endpoint, fetched_at=fetched,
                                       native_id=native_id, item=item, context=context))
        path, count = landing.write_items(meta, lines)
        manifest = Manifest(
            run_id=meta.run_id, platform=meta.platform, source_id=source_id, school_id=school_id,
            account_id=first.account_id, started_at=started.isoformat(), finished_at=clock.now().isoformat(),
            status="ok", items=count, api_calls=pages_seen, pages=pages_seen,
            cursor_after={"sample": SAMPLE_RUN}, data_file=path.name if path else None,
            notes=["bundled sample data (invented), landed by `schoolwatch demo`"],
        )
        landing.write_manifest(manifest)
        written.append(manifest)
    return written
