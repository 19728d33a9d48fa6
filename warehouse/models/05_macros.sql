-- Statistics the views and the report queries share.

-- Wilson score interval for k successes in n trials, 95 % (z = 1.959964).
CREATE OR REPLACE MACRO wilson_low(k, n) AS CASE WHEN n > 0 THEN greatest(0,
    (k / n + 1.959964 ^ 2 / (2 * n) - 1.959964 * sqrt(k / n * (1 - k / n) / n + 1.959964 ^ 2 / (4 * n * n)))
    / (1 + 1.959964 ^ 2 / n)) END;
CREATE OR REPLACE MACRO wilson_high(k, n) AS CASE WHEN n > 0 THEN least(1,
    (k / n + 1.959964 ^ 2 / (2 * n) + 1.959964 * sqrt(k / n * (1 - k / n) / n + 1.959964 ^ 2 / (4 * n * n)))
    / (1 + 1.959964 ^ 2 / n)) END;
-- An interval [lo, hi] against an expected band [exp_lo, exp_hi] (NULL = unbounded): a figure whose
-- interval lies outside the band is contradicted.
CREATE OR REPLACE MACRO band_verdict(lo, hi, exp_lo, exp_hi) AS CASE
    WHEN lo >= coalesce(exp_lo, -1e300) AND hi <= coalesce(exp_hi, 1e300) THEN 'supported'
    WHEN hi < coalesce(exp_lo, -1e300) OR lo > coalesce(exp_hi, 1e300) THEN 'contradicted'
    ELSE 'partly supported' END;

-- Upper tail of the standard normal, P(Z > z) for z >= 0 (Abramowitz & Stegun 26.2.17, error < 1e-7):
-- DuckDB has no erf.
CREATE OR REPLACE MACRO norm_sf(z) AS exp(-z * z / 2) / sqrt(2 * pi()) * (
    0.319381530 * (1 / (1 + 0.2316419 * z)) - 0.356563782 * (1 / (1 + 0.2316419 * z)) ^ 2
    + 1.781477937 * (1 / (1 + 0.2316419 * z)) ^ 3 - 1.821255978 * (1 / (1 + 0.2316419 * z)) ^ 4
    + 1.330274429 * (1 / (1 + 0.2316419 * z)) ^ 5);
-- Two-sided p-value of a z statistic.
CREATE OR REPLACE MACRO p_two_sided(z) AS least(1, 2 * norm_sf(abs(z)));
-- The design effect of a share k/n whose n jobs fall in m employer clusters, ss = sum over employers
-- of (k_c - p n_c)^2: the cluster-robust variance of the share over the binomial one, at least 1.
-- At 0 or 1 there is no variance to estimate it from: the effective size is then the number of
-- employers (deff = n / m). One employer: deff = n (one effective observation).
CREATE OR REPLACE MACRO design_effect(n, k, m, ss) AS CASE
    WHEN n IS NULL OR n = 0 THEN NULL
    WHEN k = 0 OR k = n THEN n / m
    WHEN m = 1 THEN n
    ELSE greatest(1, (m / (m - 1)) * ss / (n * n) / ((k / n) * (1 - k / n) / n)) END;
-- Newcombe's hybrid score interval for a difference of shares pa - pb, from each share's Wilson interval.
CREATE OR REPLACE MACRO newcombe_low(pa, la, ua, pb, lb, ub) AS (pa - pb) - sqrt((pa - la) ^ 2 + (ub - pb) ^ 2);
CREATE OR REPLACE MACRO newcombe_high(pa, la, ua, pb, lb, ub) AS (pa - pb) + sqrt((ua - pa) ^ 2 + (pb - lb) ^ 2);
-- Does a job fall in a claim's population or group (a STRUCT of lists; a NULL list: no condition)?
CREATE OR REPLACE MACRO in_population(pop, role_family, seniority, country, state, remote) AS
    (pop.role IS NULL OR list_contains(pop.role, role_family))
    AND (pop.seniority IS NULL OR list_contains(pop.seniority, seniority))
    AND (pop.country IS NULL OR list_contains(pop.country, country))
    AND (pop.state IS NULL OR list_contains(pop.state, state))
    AND (pop.remote IS NULL OR list_contains(pop.remote, remote));
