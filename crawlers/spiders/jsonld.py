"""Career pages carrying schema.org ``JobPosting`` JSON-LD; one board per site (e.g. ``openai``).

Where a site's pages come from, first match wins per site (both ``urls`` and a sitemap may be given):

1. page URLs: ``-a urls='{"<site>": ["https://...", ...]}'``, else the setting ``JSONLD_URLS``, else
   the site's ``urls`` in sources.toml ``[[site]]``;
2. a sitemap: ``-a sitemaps='{"<site>": "https://.../sitemap.xml"}'``, else ``JSONLD_SITEMAPS``, else
   the site's ``sitemap`` in sources.toml;
3. with neither: ``{JSONLD_BASE_URL}/<site>/sitemap.xml`` (replay: the server lists the site's saved
   pages there).

Sites are ``-a sites=a,b`` (or ``-a boards=a,b``), else every ``[[site]]`` in sources.toml. The
spider reads sitemaps for URLs only (``<urlset>`` pages; a ``<sitemapindex>`` is followed, gzip is
undone) — the JSON-LD itself is the parser's business — and requests each page, at most
``JSONLD_MAX_PAGES`` per site. Every response lands; lines carry ``"context"``: ``{"kind":
"sitemap"}`` for a sitemap (not a posting page: the land step should skip it), and for a page
``{"kind": "page", "url": <the URL asked for>}`` plus, when a sitemap listed it, ``"sitemap": <its
URL>`` and ``"lastmod": <as listed>`` (when listed). ``n_items`` counts pages landed with status 200; a sitemap-listed page answering 404 or 410 (a
posting closed since the sitemap was written) counts in ``n_skipped`` and does not fail the site.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import scrapy
from scrapy.utils.sitemap import Sitemap

from crawlers.sources import load_sites
from crawlers.spiders.base import BoardOutcome, BoardSpider, UnparseableBody, json_arg, split_arg

if TYPE_CHECKING:
    from scrapy.http import Response

HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
XML_ACCEPT = "application/xml,text/xml;q=0.9,*/*;q=0.8"
GONE_STATUSES = (404, 410)
# Nested sitemap indexes followed at most this deep.
MAX_SITEMAP_DEPTH = 3
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one uncompressed file


def sitemap_entries(body: bytes) -> tuple[str, list[dict[str, Any]]]:
    """(``"urlset"`` | ``"sitemapindex"``, entries with ``loc`` and maybe ``lastmod``) of a sitemap
    body, gzip-compressed or not. Raises :class:`UnparseableBody` for anything else."""
    if body[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as fh:
                body = fh.read(MAX_SITEMAP_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise UnparseableBody(f"bad gzip: {exc}") from exc
        if len(body) > MAX_SITEMAP_BYTES:
            raise UnparseableBody("sitemap larger than 50 MB uncompressed")
    try:
        sitemap = Sitemap(body)
        kind = sitemap.type
        entries = [e for e in sitemap if e.get("loc")] if kind in ("urlset", "sitemapindex") else []
    except Exception as exc:  # lxml raises several types on broken XML  # noqa: BLE001
        raise UnparseableBody(f"not a sitemap: {exc}") from exc
    if kind not in ("urlset", "sitemapindex"):
        raise UnparseableBody(f"not a sitemap: root element <{kind}>")
    return kind, entries


class JsonLdSpider(BoardSpider):
    name = "jsonld"
    source = "jsonld"
    base_url_setting = "JSONLD_BASE_URL"

    def __init__(
        self, *args: Any, sites: str | list[str] | None = None, sitemaps: str | dict[str, Any] | None = None,
        urls: str | dict[str, Any] | None = None, **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        if sites is not None:
            self.board_arg = split_arg(sites)
        self.sitemap_arg = json_arg(sitemaps, "sitemaps")
        self.urls_arg = json_arg(urls, "urls")
        self.pages: dict[str, set[str]] = {}
        self._sources: dict[str, Any] | None = None

    def new_outcome(self) -> BoardOutcome:
        return BoardOutcome(n_skipped=0)

    def sources_sites(self) -> dict[str, Any]:
        if self._sources is None:
            self._sources = {s.name: s for s in load_sites(self.settings.get("JOBTRENDS_SOURCES_FILE"))}
        return self._sources

    def boards(self) -> list[str]:
        if self.board_arg is not None:
            return self.board_arg
        return list(self.sources_sites())

    # --- where a site's pages are ---------------------------------------------------------------------

    def _configured(self, board: str, arg: dict[str, Any], setting: str) -> Any:
        if board in arg:
            return arg[board]
        return self.settings.getdict(setting).get(board)

    def _site(self, board: str) -> Any:
        """The site's ``[[site]]`` in sources.toml; never consulted when replaying (JSONLD_BASE_URL)."""
        if self.settings.get("JSONLD_BASE_URL"):
            return None
        return self.sources_sites().get(board)

    def page_urls(self, board: str) -> list[str]:
        urls = self._configured(board, self.urls_arg, "JSONLD_URLS")
        if urls is None:
            site = self._site(board)
            urls = list(site.urls) if site is not None else []
        if isinstance(urls, str) or not all(isinstance(u, str) for u in urls):
            raise ValueError(f"page URLs of site {board!r} must be a list of strings")
        return [u.strip() for u in urls if u.strip()]

    def sitemap_url(self, board: str) -> str | None:
        sitemap = self._configured(board, self.sitemap_arg, "JSONLD_SITEMAPS")
        if sitemap is None:
            site = self._site(board)
            sitemap = site.sitemap if site is not None else None
        if sitemap is not None and not isinstance(sitemap, str):
            raise ValueError(f"sitemap of site {board!r} must be a URL string")
        if sitemap and sitemap.strip():
            return sitemap.strip()
        if not self.page_urls(board) and self.settings.get("JSONLD_BASE_URL"):
            return f"{self.base_url()}/{quote(board, safe='')}/sitemap.xml"
        return None

    def check_board(self, board: str) -> None:
        if not self.page_urls(board) and not self.sitemap_url(board):
            raise ValueError(
                f"no sitemap or page URLs for site {board!r}: give -a sitemaps=/-a urls=, JSONLD_SITEMAPS/"
                "JSONLD_URLS, a [[site]] in sources.toml, or JSONLD_BASE_URL"
            )

    def board_url(self, board: str, skip: int = 0) -> str:
        return self.sitemap_url(board) or self.page_urls(board)[0]

    # --- requests -------------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for board in list(self.outcomes):
            self.pages[board] = set()
            for url in self.page_urls(board):
                request = self.page_request(board, url, {"kind": "page"})
                if request is not None:
                    yield request
            sitemap = self.sitemap_url(board)
            if sitemap:
                yield self.sitemap_request(board, sitemap, 0)

    def sitemap_request(self, board: str, url: str, depth: int) -> scrapy.Request:
        return self.request(url, board, self.parse_sitemap, priority=10, headers={"Accept": XML_ACCEPT}, depth=depth)

    def page_request(self, board: str, url: str, context: dict[str, Any]) -> scrapy.Request | None:
        seen = self.pages[board]
        if url in seen:
            return None
        if len(seen) >= self.settings.getint("JSONLD_MAX_PAGES"):
            self.crawler.stats.inc_value("jobtrends/jsonld/pages_over_limit")
            return None
        seen.add(url)
        context = {"kind": "page", "url": url, **{k: v for k, v in context.items() if k != "kind"}}
        return self.request(url, board, self.parse_page, headers={"Accept": HTML_ACCEPT}, context=context)

    # --- responses ------------------------------------------------------------------------------------

    def parse_sitemap(self, response: Response, board: str, depth: int) -> Iterator[Any]:
        yield self.land(response, board, {"kind": "sitemap"})
        self.crawler.stats.inc_value("jobtrends/jsonld/sitemaps")
        if not self.check_status(response, board):
            return
        try:
            kind, entries = sitemap_entries(response.body)
        except UnparseableBody as exc:
            self.unparseable(board, exc)
            return
        self.outcomes[board].succeed()
        if kind == "sitemapindex":
            if depth + 1 > MAX_SITEMAP_DEPTH:
                self.crawler.stats.inc_value("jobtrends/jsonld/sitemap_too_deep")
                return
            for entry in entries:
                yield self.sitemap_request(board, response.urljoin(entry["loc"]), depth + 1)
            return
        for entry in entries:
            context: dict[str, Any] = {"kind": "page", "sitemap": response.url}
            if entry.get("lastmod"):
                context["lastmod"] = entry["lastmod"]
            request = self.page_request(board, response.urljoin(entry["loc"]), context)
            if request is not None:
                yield request

    def parse_page(self, response: Response, board: str, context: dict[str, Any]) -> Iterator[Any]:
        yield self.land(response, board, context)
        outcome = self.outcomes[board]
        if response.status == 200:
            outcome.n_items += 1
            outcome.succeed()
        elif response.status in GONE_STATUSES and "sitemap" in context:
            # Listed by a sitemap, closed since: not a failure of the site. (A page we named
            # ourselves answering 404 is: the configuration is wrong.)
            self.crawler.stats.inc_value("jobtrends/jsonld/page_gone")
            outcome.skip()
        elif 200 <= response.status < 300:  # 2xx but not 200 (e.g. 204): landed, not a page
            self.crawler.stats.inc_value(f"jobtrends/jsonld/page_status_{response.status}")
            outcome.skip()
            outcome.succeed()
        else:
            self.check_status(response, board)
