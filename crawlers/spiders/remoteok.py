from crawlers.spiders.base import BoardSpider


class RemoteOkSpider(BoardSpider):
    """Remote OK public feed: one JSON array; its first element is a legal notice, not a job."""

    name = "remoteok"
    source = "remoteok"
    base_url_setting = "REMOTEOK_API_URL"
    endpoint = "/api"
    postings_key = None
    leading_non_postings = 1
    default_boards = ("remoteok",)
