from crawlers.spiders.base import BoardSpider


class RemotiveSpider(BoardSpider):
    """Remotive public feed: one JSON object, postings under ``jobs`` (the body may start with a BOM,
    landed unchanged). Remotive asks for at most 4 calls a day: ``JOBTRENDS_DAILY_LIMITS`` holds
    ``{"remotive": 4}``, and a spent budget records the board ``skipped`` without a request."""

    name = "remotive"
    source = "remotive"
    base_url_setting = "REMOTIVE_API_URL"
    endpoint = "/api/remote-jobs"
    postings_key = "jobs"
    default_boards = ("remotive",)
