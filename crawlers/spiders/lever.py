from crawlers.spiders.base import BoardSpider


class LeverSpider(BoardSpider):
    """Lever postings API: a JSON array per page, paged with skip/limit until a short page."""

    name = "lever"
    source = "lever"
    base_url_setting = "LEVER_API_URL"
    endpoint = "/v0/postings/{board}?mode=json&skip={skip}&limit={limit}"
    page_size_setting = "LEVER_PAGE_SIZE"
    postings_key = None
