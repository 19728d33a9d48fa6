from crawlers.spiders.base import BoardSpider


class GreenhouseSpider(BoardSpider):
    """Greenhouse job board API: one response per board, postings under ``jobs``."""

    name = "greenhouse"
    source = "greenhouse"
    base_url_setting = "GREENHOUSE_API_URL"
    endpoint = "/v1/boards/{board}/jobs?content=true"
