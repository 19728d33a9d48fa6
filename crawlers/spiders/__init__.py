"""Board spiders: one tiny declarative spider per ATS on :class:`crawlers.spiders.base.BoardSpider`."""
