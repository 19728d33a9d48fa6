"""Concepts, practices and soft skills that postings phrase as sentences rather than name. Made-up lines:
each case gives a phrasing that must count for the skill and a near miss that must not."""

import pytest

from flows.skills import SkillExtractor, load_taxonomy


@pytest.fixture(scope="module")
def extractor():
    return SkillExtractor(load_taxonomy())


def found(extractor, text):
    return {skill for skill, _, _ in extractor.extract_text(f"Engineer\n{text}")}


@pytest.mark.parametrize(("skill", "phrased", "not_it"), [
    ("cross-functional", "You'll work closely with applied researchers, platform engineers and designers.",
     "You'll work with large tabular datasets every day."),
    ("cross-functional", "Partner with the search and ranking teams to ship new signals.",
     "Partner with a hospital to run the pilot."),
    ("ownership", "- Own the feature store roadmap and its delivery.", "Bring your own laptop setup."),
    ("ownership", "You will own the evaluation stack and its roadmap.", "Each squad has its own on-call."),
    ("ownership", "Drive end-to-end delivery of the ranking service.", "Build end-to-end tests for the app."),
    ("ownership", "You bring an owner mentality to everything you ship.", "Owner: the data platform group."),
    ("self-motivation", "A self-driven engineer with a bias for action.", "A data-driven engineering culture."),
    ("self-motivation", "Able to work independently and drive projects forward.", "Services are deployed independently."),
    ("self-motivation", "You'll operate with a high degree of autonomy.", "Experience with vehicle autonomy stacks."),
    ("leadership", "Lead technical projects from scoping to launch.", "This work leads to faster iteration."),
    ("leadership", "Spearhead the design of our retrieval stack.", "Qualified lead programs for the sales team."),
    ("problem-solving", "You enjoy tackling really hard problems.", "You will solve problems for customers."),
    ("problem-solving", "A pragmatic problem-solver.", "Report problems to the help desk."),
    ("adaptability", "You thrive amid changing priorities and uncertainty.", "You thrive in a fast-paced team."),
    ("adaptability", "Comfortable leading ambiguous projects from zero to one.", "The spec was reviewed twice."),
    ("communication", "Explain complex model results to non-technical partners.", "Explain the office policy."),
    ("communication", "A clear communicator and pragmatic engineer.", "Weekly internal newsletter."),
    ("collaboration", "Work alongside designers and researchers.", "Work on the payments backlog."),
    ("security", "Ensure the security and reliability of our APIs.", "Eligible for Social Security benefits."),
    ("security", "Build secure, sandboxed execution environments.", "We partner with Sales, Product, Security, and Legal."),
    ("system-design", "Experience designing scalable distributed systems.", "Designing onboarding flows in Figma."),
    ("model-deployment", "Train and deploy state-of-the-art speech models.", "Deploy the marketing website."),
    ("model-evaluation", "Own model training, deployment, evaluation and maintenance.", "A fair evaluation of every applicant."),
    ("model-evaluation", "Evaluate new speech and vision models.", "Evaluate new vendors for the office."),
    ("stakeholder-management", "Influence executive stakeholders with clear analyses.", "Stakeholder: finance department."),
    ("stakeholder-management", "Align diverse stakeholders on the roadmap.", "Our shareholders include two funds."),
    ("continuous-learning", "Curious and excited to learn new domains.", "You will learn about our benefits on day one."),
    ("continuous-learning", "You learn fast and enjoy new tools.", "Fast shipping for our customers."),
    ("performance-optimization", "Profile and optimize our training framework.", "Optimize the onboarding flow for signups."),
    ("performance-optimization", "Find and remove GPU bottlenecks in training.", "A performance improvement plan with HR."),
    ("time-management", "Able to prioritize effectively under tight deadlines.", "Our top priority is safety."),
    ("critical-thinking", "Strong analytical and communication skills.", "The analytics team sits in Berlin."),
    ("emotional-intelligence", "High EQ and genuine empathy for customers.", "Equity and a generous leave policy."),
    ("data-curation", "Curate high-quality training datasets for speech.", "A curated list of our favourite books."),
    ("benchmarking", "Build new benchmarks that measure agent reliability.", "Salaries are benchmarked against the market."),
    ("distributed-systems", "Experience with large-scale distributed data systems.", "A distributed team across four time zones."),
    ("clean-code", "Write clean, testable code and keep it maintainable.", "Keep the kitchen clean, please."),
    ("agents", "Add tool-calling to our assistant and design agent architectures.", "Our travel agent books your flights."),
    ("evals", "Build robust evaluations for new model capabilities.", "Annual performance evaluations in March."),
])
def test_phrased_concepts(extractor, skill, phrased, not_it):
    assert skill in found(extractor, phrased)
    assert skill not in found(extractor, not_it)


@pytest.mark.parametrize(("skill", "as_skill", "other_sense"), [
    ("optimization", "Background in optimization and probability.", "Drive cloud cost optimization across teams."),
    ("optimization", "Numerical optimization for forecasting models.", "Own paid campaign optimization."),
    ("programming", "Strong programming skills.", "We build autonomous coding agents."),
    ("programming", "Comfortable coding in Python.", "Three years as a clinical coding specialist."),
    ("data-science", "Experience with data science and analytics.", "Work closely with product managers and data scientists."),
    ("software-engineering", "Strong software engineering fundamentals.", "Work closely with designers and software engineers."),
    ("statistics", "Solid grounding in statistics and experiment design.", "An MS or PhD in Statistics, Physics or Economics."),
    ("optimization", "Optimization and numerical methods for planning.", "Experience with container image optimization."),
])
def test_word_in_another_sense(extractor, skill, as_skill, other_sense):
    assert skill in found(extractor, as_skill)
    assert skill not in found(extractor, other_sense)


def test_phrase_rules_run_in_groups_and_each_group_counts(extractor):
    from flows.skills.extract import PHRASES_PER_REGEX
    groups = extractor._phrase_groups
    assert len(groups) == len(extractor.patterns) > 1
    assert all(len(group) <= PHRASES_PER_REGEX for group in groups)
    # Rules in different groups both count on one line.
    last_skill = groups[-1][0][0]
    assert any(skill == last_skill for group in groups[-1:] for skill, _ in group)
    assert {"leadership", "adaptability"} <= found(extractor, "Comfortable leading technical projects in ambiguous situations.")


def test_phrase_rules_that_overlap_on_a_line_all_count():
    # One alternation would give "lead and grow a team" to the first rule only; each rule counts alone.
    from flows.skills.extract import SkillExtractor
    from flows.skills.taxonomy import Skill, Taxonomy

    taxonomy = Taxonomy("t", (
        Skill("leading", "Leading", "soft-skill", ("leadership",), patterns=(r"lead and grow a team",)),
        Skill("growing", "Growing", "soft-skill", ("mentorship",), patterns=(r"grow a team of engineers",)),
        Skill("hiring", "Hiring", "practice", ("recruiting",), patterns=(r"hire",)),
    ))
    extractor = SkillExtractor(taxonomy)
    skills = {s for s, _, _ in extractor.extract_text("Engineering Lead\nYou will lead and grow a team of engineers.")}
    assert skills == {"leading", "growing"}
