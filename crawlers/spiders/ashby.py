from crawlers.spiders.base import BoardSpider


class AshbySpider(BoardSpider):
    """Ashby posting API: one response per board (with compensation), postings under ``jobs``."""

    name = "ashby"
    source = "ashby"
    base_url_setting = "ASHBY_API_URL"
    endpoint = "/posting-api/job-board/{board}?includeCompensation=true"
