-- Statistics the views and the report queries share.

-- Wilson score interval for k successes in n trials, 95 % (z = 1.959964).
CREATE OR REPLACE MACRO wilson_low(k, n) AS CASE WHEN n > 0 THEN greatest(0,
    (k / n + 1.959964 ^ 2 / (2 * n) - 1.959964 * sqrt(k / n * (1 - k / n) / n + 1.959964 ^ 2 / (4 * n * n)))
    / (1 + 1.959964 ^ 2 / n)) END;
CREATE OR REPLACE MACRO wilson_high(k, n) AS CASE WHEN n > 0 THEN least(1,
    (k / n + 1.959964 ^ 2 / (2 * n) + 1.959964 * sqrt(k / n * (1 - k / n) / n + 1.959964 ^ 2 / (4 * n * n)))
    / (1 + 1.959964 ^ 2 / n)) END;
-- An interval [lo, hi] against an expected range [exp_lo, exp_hi] (NULL = unbounded).
CREATE OR REPLACE MACRO interval_verdict(lo, hi, exp_lo, exp_hi) AS CASE
    WHEN lo >= coalesce(exp_lo, -1e300) AND hi <= coalesce(exp_hi, 1e300) THEN 'supported'
    WHEN hi < coalesce(exp_lo, -1e300) OR lo > coalesce(exp_hi, 1e300) THEN 'not supported'
    ELSE 'partly supported' END;
