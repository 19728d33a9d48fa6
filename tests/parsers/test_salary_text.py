"""Free-text salary shapes (crawlers.parsers.salary_text). Every snippet is made up for these tests."""

import pytest

from crawlers.parsers.salary_text import parse_salary_text


def read(text):
    salary = parse_salary_text(text)
    return salary.min, salary.max, salary.currency, salary.period


@pytest.mark.parametrize("text,expected", [
    # The thousands written once, on the upper end only.
    ("$170-195,000", (170000, 195000, "USD", "year")),
    ("90 - 120.000 €", (90000, 120000, "EUR", "year")),
    ("$170k–$195k", (170000, 195000, "USD", "year")),
    ("170K to 195K USD", (170000, 195000, "USD", "year")),
    ("$60–80/hr", (60, 80, "USD", "hour")),
    ("$40 to $55 an hour", (40, 55, "USD", "hour")),
    ("$5,000 - $7,000 a month", (5000, 7000, "USD", "month")),
    ("€4,000 - €5,000 per month", (4000, 5000, "EUR", "month")),
    ("€70.000 - €90.000 gross per year", (70000, 90000, "EUR", "year")),
    ("£45k-£55k", (45000, 55000, "GBP", "year")),
    ("£500 - £600 per day", (500, 600, "GBP", "day")),
    ("C$120,000–C$140,000", (120000, 140000, "CAD", "year")),
    ("CAD 120k-140k", (120000, 140000, "CAD", "year")),
    ("₹25-35 LPA", (2_500_000, 3_500_000, "INR", "year")),
    ("INR 25 to 35 lakh per annum", (2_500_000, 3_500_000, "INR", "year")),
    ("15-20 LPA", (1_500_000, 2_000_000, "INR", "year")),  # lakh are rupees even unnamed
    ("$1,500/week", (1500, 1500, "USD", "week")),
    ("₹18,00,000 - ₹24,00,000 per annum", (1_800_000, 2_400_000, "INR", "year")),  # Indian digit grouping
    ("INR 12,50,000", (1_250_000, 1_250_000, "INR", "year")),
    ("60-80 USD/hour", (60, 80, "USD", "hour")),
])
def test_shapes(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Base salary $150k-$180k; OTE $250k-$300k", (150000, 180000, "USD", "year")),
    ("OTE $200k-$250k (50/50 split), base $120k-$140k", (120000, 140000, "USD", "year")),
    ("$120k-$140k base, $200k OTE", (120000, 140000, "USD", "year")),
    ("Earn up to $300k OTE. Base $120k - $150k.", (120000, 150000, "USD", "year")),
    ("Total compensation $250k-$350k, base $180k-$220k", (180000, 220000, "USD", "year")),
    ("$55K-$70K + OTE $85K-$100K + Equity", (55000, 70000, "USD", "year")),
    ("$150K - $200K + 0.5% - 1.0% equity", (150000, 200000, "USD", "year")),
    ("Equity 0.1%-0.5%, salary $140k-$160k", (140000, 160000, "USD", "year")),
    # The only figure, labelled total compensation: postings use it for the pay range itself.
    ("Total compensation: $200k-$250k", (200000, 250000, "USD", "year")),
])
def test_base_pay_apart_from_ote_and_equity(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    "OTE $200k-$250k",            # on-target earnings only: no base salary stated
    "Base: $150K-$250K OTE",      # the label right after the figure binds it
    "$300k on-target earnings",
    "0.5% - 1.0% equity",
])
def test_no_base_pay(text):
    assert not parse_salary_text(text).found


def test_hourly_range_is_not_scaled_to_thousands():
    # Only a "195,000"-shaped upper end carries thousands over; "60-80" stays hourly.
    assert read("$60-80 per hour") == (60, 80, "USD", "hour")
    assert read("$5-10,000 one-off") == (5000, 10000, "USD", "year")
