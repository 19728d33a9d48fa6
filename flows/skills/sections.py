"""Which lines of a posting count: sections from headings, boilerplate by content. Pure, vectorised.

A posting's text (see ``flows.normalize.html_text``) has one block per line. A *heading* is a short,
non-bullet line whose words say what follows ("What you'll do", "Preferred qualifications",
"About us", "Benefits"); every line below it belongs to that section until the next heading. Only
candidate-facing sections count for skills and facets:

==================  =========================================================  ==========
section             headings like                                              counts
==================  =========================================================  ==========
title               (the posting's title, line 0)                              yes
responsibilities    About the role, What you'll do, Your mission, Our stack    yes
requirements        Requirements, Qualifications, About you, What you bring    yes
preferred           Nice to have, Bonus points, Preferred qualifications       yes (level ``preferred``)
intro               (text before the first heading)                            see below
company             About us, About <Company>, Our story, Why <Company>?        no
benefits            Benefits, What we offer, Compensation, Perks               no
logistics           Location, How to apply, Hiring process                     no
eeo                 Equal opportunity, Privacy notice, Accommodations          no
==================  =========================================================  ==========

The intro counts whole when the posting has no candidate-facing heading (a short HN comment, a
plain description); otherwise it is usually the company blurb, and only its lines that talk about
the role or the reader ("you will", "we're looking for", "this role") count; a company paragraph
counts only when its first sentence does. In a company section, a line that turns to the role ("In
this role you will ...", "We are hiring a ...") counts. Equal-opportunity and legal sentences and
how-to-apply lines never count, wherever they sit; nor does a list of what the company has shipped
("A few things we've launched:"), nor any line of a post offering its writer for work ("SEEKING
WORK | Remote"), which is no job.
"""

from __future__ import annotations

import re

import polars as pl

CANDIDATE_SECTIONS = ("title", "responsibilities", "requirements", "preferred")
EXCLUDED_SECTIONS = ("company", "benefits", "logistics", "eeo")
SECTIONS = (*CANDIDATE_SECTIONS, "intro", *EXCLUDED_SECTIONS)
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 10

# Checked in this order against a heading-shaped line (lowercased, apostrophes straightened,
# bullets and trailing colons stripped); the first kind that matches names the section.
_HEADING_KINDS: tuple[tuple[str, str], ...] = (
    ("eeo", r"^(?:equal (?:employment )?opportunit|eeo\b|diversity|our commitment to (?:diversity|inclusion)"
            r"|we are an equal|(?:reasonable )?accommodations?\b|e-verify|.*\bprivacy (?:policy|notice|statement)"
            r"|.*\bapplicant privacy|fraud|recruitment fraud|safeguarding|disclaimer|important notice|notice to"
            r"|ai (?:usage|use|disclosure)|pay transparency|us export|export control|background check)"),
    ("logistics", r"^(?:location|locations|how to apply|(?:our )?(?:hiring|interview|application|recruiting) process"
                  r"|how we hire|snapshot|job details|employment type|working hours|start date|#li-|apply\b|next steps)"),
    ("benefits", r"^(?:(?:our |the |key |additional )?benefits|(?:[\w&'-]+ ){1,3}(?:benefits|perks)(?: (?:and|&) (?:perks|benefits))?$|(?:the )?perks|what we offer|we offer|what (?:do )?we provide"
                 r"|(?:total )?(?:compensation|rewards)|salary|pay\b|what you(?:'ll| will)? get|why (?:join|work)"
                 r"|why you'll love|our offer|in return|life at\b|what's in it for you|full-time employees .* enjoy"
                 r"|base (?:salary|pay)|(?:salary|pay) range|annual salary)"),
    ("preferred", r"^(?:nice[- ]to[- ]haves?|nice\b|bonus|(?:(?:\w+,? ){0,2})preferred\b|pluses|desired|desirable|ideally"
                  r"|good to have|extra credit|even better|stand out|it's a plus|would be a plus|additional (?:skills|qualifications)"
                  r"|(?:it would be )?great if you|plus(?:es)?\b|what would make you stand out|you might also have"
                  r"|not required but"
                  # Sentence-like: "The following would be an advantage:", "You'll have a head start if you have:"
                  r"|.*\b(?:would|will|is|are) be (?:an? )?(?:advantage|advantageous|plus|bonus|beneficial|helpful)\b"
                  r"|.*\b(?:is|are) (?:an? )?(?:advantage|plus|bonus)\b|.*\b(?:head|fast|quick|running) start\b"
                  r"|.*\bstand out\b|.*\bset you apart\b|.*\b(?:bonus|extra) points?\b)"),
    ("requirements", r"^(?:(?:minimum|basic|required|key|core|essential|must[- ]have|technical|desired|relevant) )?(?:requirements|qualifications|skills|experience)(?: (?:and|&) [a-z]+)?(?: \([^)]*\))?$"
                     r"|^what (?:you(?:'ll| will)? (?:need|bring|have)|(?:are )?we(?:'re| are)? looking for|we look for|you have|makes you)"
                     r"|^who (?:you are|we're looking for|we are looking for|you might be)|^about you\b|^you(?:'ll| will)? thrive"
                     r"|^you (?:have|bring|are|might be|may be|should have|could be)$|^(?:your )?dna$|^ideal (?:candidate|profile)|^(?:the )?ideal candidate"
                     r"|^your (?:profile|background|skills|experience|qualifications|toolkit)|^qualities|^traits|^is this you"
                     r"|^could (?:this|that) be you|^must[- ]haves?|^we(?:'re| are) looking for|^what we believe are important"
                     r"|^skills (?:and|&)|^experience (?:and|&)|^you might thrive|^candidate (?:profile|requirements)"
                     r"|^(?:job |role )?requirements|^what it takes|^(?:the )?right (?:person|candidate)|^to (?:be successful|succeed)"
                     # Sentence-like headings: "You are an ideal candidate if you have:", "This role is perfect for you if you:"
                     r"|.*\bideal candidate\b|.*\bperfect (?:for you|fit)\b|.*\b(?:great|good|strong) fit\b|.* if you(?: have| are)?$"),
    ("responsibilities", r"^(?:(?:key|main|your|core|primary|job|role|position|the) )?(?:responsibilities|duties|accountabilities)"
                         r"|^what you(?:'ll| will)? (?:do|be doing|work on|build|own|achieve|be working on)"
                         r"|^(?:about )?the (?:role|position|job|opportunity|team|work|project|challenge|impact)\b"
                         r"|^about (?:this|the) (?:role|position|job|opportunity|team)|^role\b|^in this role"
                         r"|^your (?:role|mission|impact|responsibilities|day|work)|^day[- ]to[- ]day|^you(?: will|'ll)(?: be)?(?: doing| working on)?$|^in this role,? you will$"
                         r"|^(?:additional )?job (?:description|summary|overview)|^position (?:overview|summary|description)|^overview of the role"
                         r"|^(?:our |the )?tech(?:nology|nical)? stack|^our (?:tech|stack|tools|technology)\b|^tools\b|^technologies"
                         r"|^why this role|^projects?$|^impact$|^what you'll learn|^the mission\b|^mission\b|^responsibility"
                         # "As a Member of Technical Staff, you will:"
                         r"|^as an? .*\byou(?:'ll| will)(?: be)?$|^in this (?:position|job)\b"
                         # "Projects you'll work on:", "We work across several domains:", "We're hiring for:"
                         r"|^(?:(?:the|some|example|sample) )?projects? (?:you|that you)\b|^(?:we|you(?:'ll| will)?) (?:work|could work) (?:across|on|in)\b"
                         r"|^we(?:'re| are) (?:hiring|seeking|searching)\b"),
    ("company", r"^about\b|^who (?:we are|are we)|^our (?:story|mission|company|culture|values|team|vision|approach|investors"
                r"|product|customers|principles|benefits)|^(?:the )?company\b|^meet\b|^what we do|^why\b|^how we work"
                r"|^what we value|.* in the news$|^what sets|^join us|^we are\b|^we're\b|^community$|^growth and future"
                r"|^backed by|^funding|^investors|^culture"),
)
# Headings that continue a company section they follow (see classify_lines).
_INHERITING_HEADINGS = ("mission", "the mission", "team", "the team", "the impact", "impact")
# Sentences that are legal boilerplate wherever they appear.
_BOILERPLATE = (
    r"(?i-u)equal (?:employment )?opportunity|without regard to|protected veteran|sexual orientation|gender identity"
    r"|national origin|reasonable accommodation|e-verify|affirmative action|pay transparency|privacy (?:policy|notice)"
    r"|fair chance|arrest (?:and|or) conviction|by applying|applicant privacy|recruiting agencies|unsolicited resumes"
)
# In an intro, a line that talks about the role or the reader rather than the company.
_ROLE_TALK = (
    r"(?i-u)\b(?:you|your|you'll|you're|we're looking for|we are looking for|we're hiring|we are hiring|seeking"
    r"|this role|the role|this position|the position|ideal candidate|candidates?|will be responsible|looking for an?)\b"
)
# In a company section, a line that turns to the role ("In this role you will ...", "We are hiring a data
# scientist to ...", "You will lead ..."): it counts. Narrower than _ROLE_TALK, since company text
# addresses the reader too ("you'll join a team of 200").
_ROLE_OPENING = (
    r"(?i-u)^[\s*#>-]*(?:in this (?:role|position)\b|this (?:role|position) (?:is|will)\b|the role (?:is|will)\b"
    r"|as (?:a|an|the|our) [\w /&-]{2,60}, you\b|you(?:(?:'|’)ll| will) (?:also )?(?:lead|own|build|design|develop|work|drive|be responsible)\b"
    r"|we(?:(?:'|’)re| are) (?:hiring|looking for|seeking) (?:a|an)\b)"
)
# In an intro, a sentence that describes the company ("Acme is a robotics company", "Acme builds
# software for ...", "Founded in 2019", "We offer: ..."): no candidate line unless it also talks about
# the role or the reader. Case-sensitive: a company opens with its capitalised name.
_COMPANY_TALK = (
    r"(?-u)^(?:[A-Z][\w.&'-]*(?:\s+[A-Z0-9][\w.&'-]*){0,3}(?:\s+\([\x20-\x28\x2A-\x7E]{1,60}\))?|We|We're|We are)\s+(?:is|are|was|were)\s+(?:an?|the|one of)\s"
    r"|^(?:[A-Z][\w.&'-]*(?:\s+[A-Z0-9][\w.&'-]*){0,3}(?:\s+\([\x20-\x28\x2A-\x7E]{1,60}\))?)\s+(?:builds|provides|helps|develops|makes|enables|creates|powers|empowers|offers"
    r"|delivers|was founded|is building|is transforming|is revolutionizing|is redefining|is reinventing|is on a mission)\b"
    r"|^(?:Founded|Backed|Headquartered)\s+(?:in|by)\b|^(?:Our|OUR)\s+(?:mission|vision|investors|customers)\b|^(?:We|WE)\s+(?:Offer|offer|OFFER)\b"
)
# A post offering oneself for work, not a job ("SEEKING WORK | Remote | Python, Go", "SEEKING | ML
# Engineer | Berlin" in an HN "Who is hiring?" thread, whose header shape is "Company | Role | Place"):
# its skills are the writer's, not a job's, so none of its lines count. "SEEKING FREELANCER" is a
# company looking for someone, and "Seeking an ML engineer to ..." a hiring sentence: both stay.
_SEEKER_HEADER = (
    r"(?i-u)^[\s*#>\[(-]*(?:seeking work|for hire|available for (?:work|hire)|looking for work|open to work)\b"
    r"|^[\s*#>\[(-]*seeking\s*[|:]"
)
# A list of what the company has shipped ("Some things we've launched recently:" followed by
# items): product news, not requirements. Only the list items under such a line are dropped;
# "We've built our stack on:" is a stack list and stays.
_SHOWCASE_INTRO = (
    r"(?i-u)(?:\bwe(?:'ve| have)?|\bwe(?:'|’)ve)\s+(?:recently\s+|just\s+)?(?:shipped|launched|released|announced|open[- ]sourced)\b"
    r"|\b(?:things|projects|products)\s+(?:that\s+)?we(?:(?:'|’)ve| have)?\s+(?:recently\s+)?built\b"
)
_LIST_ITEM = r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s"
# How to apply, wherever it sits ("Apply at jobs@acme.com with your GitHub", "To apply, send your CV"):
# the links and profiles it asks for are not skills. "Apply ML to ranking" is a responsibility.
_HOW_TO_APPLY = (
    r"(?i-u)^[\s*#>(-]*(?:to apply\b|apply (?:at|here|now|via|through|online|by email|by emailing|with)\b|apply\s*:"
    r"|(?:e-?mail|send) (?:us )?(?:your (?:cv|resume|resume)|a (?:cv|resume)))"
)
# "This is a senior role", "It is an onsite job": a capitalised first word that is no company's name.
_PRONOUN_SUBJECT = r"^(?:This|That|It|There|Here|These|Those|You|Your|Which|Each|Every|Both|The role|The position)\s"
_TITLE_ROLE_NOUN = (
    r"(?i-u)\b(?:engineer|developer|scientist|architect|analyst|researcher|designer|specialist|programmer"
    r"|consultant|intern|lead|manager|director)s?\b"
)
_PREFERRED_LINE = (
    r"(?i-u)nice[- ]to[- ]have|\bbonus\b|\bpreferred\b|\bpreferably\b|\ba plus\b|\bplus if\b|\bideally\b"
    r"|\bdesirable\b|\bdesired\b|\bnot required\b|\bwould be great\b|\bgood to have\b|\bpluses\b|\bnice if\b"
    r"|\ba bonus\b|\bbig plus\b|\bis a plus\b|\bhelpful\b|\bbeneficial\b|\ban advantage\b|\badvantageous\b"
)
# A marker that qualifies one item rather than the line: in brackets ("PostgreSQL (preferred)", "React
# (preferably)"), after a semicolon ("Strong Python; Go is a plus"), in a later sentence of a
# paragraph ("We need Python and SQL. Biology is a plus."), or a mid-line "preferably" /
# "ideally" after the required items ("PostgreSQL, Redis, and ideally GCP"). The line stays required:
# what precedes the marker is what the line asks for.
_ITEM_PREFERENCE = r"\([^)]*\)|[;.!?]\s+[A-Z].*$|;.*$|(?i-u:(\w)[,;]?\s+(?:(?:and|or|but)\s+)?(?:preferably|ideally)\b).*$"

LINE_SCHEMA = {
    "doc": pl.UInt32(), "line_no": pl.UInt32(), "line": pl.String(), "section": pl.String(),
    "candidate": pl.Boolean(), "preferred": pl.Boolean(),
}


def split_lines(docs: pl.DataFrame) -> pl.DataFrame:
    """``docs`` with ``doc`` and ``text`` -> one row per non-empty line: ``doc``, ``line_no``, ``line``."""
    return (
        docs.select("doc", pl.col("text").str.split("\n").alias("line"))
        .explode("line")
        .with_columns(pl.int_range(pl.len(), dtype=pl.UInt32).over("doc").alias("line_no"))
        .filter(pl.col("line").str.len_bytes() > 0)
        .select("doc", "line_no", "line")
    )


def classify_lines(lines: pl.DataFrame) -> pl.DataFrame:
    """Lines (``doc``, ``line_no``, ``line``; line 0 is the title) -> :data:`LINE_SCHEMA`: each line's
    section, whether it counts (``candidate``) and whether it is nice-to-have (``preferred``)."""
    if lines.is_empty():
        return pl.DataFrame(schema=LINE_SCHEMA)
    key = (
        pl.col("line").str.to_lowercase().str.replace_all("[’‘`]", "'")
        .str.replace(r"^[^a-z0-9#]+", "").str.replace(r"[\s:.!?*\-–—]+$", "")
    )
    # Cheap tests first; words are counted and heading words looked for only in the few short lines.
    short = (pl.col("line_no") > 0) & (pl.col("line").str.len_bytes() <= 4 * HEADING_MAX_CHARS) & ~pl.col("line").str.starts_with("- ")
    shaped = (
        lines.filter(short)
        .filter(
            (pl.col("line").str.len_chars() <= HEADING_MAX_CHARS) & (pl.col("line").str.count_matches(" ") < HEADING_MAX_WORDS)
            & ~pl.col("line").str.ends_with(".")  # a sentence, not a heading
            # "Experience with AWS or Azure" is a short requirement, not a heading: a heading ends in a
            # colon or is a few words without a comma.
            & (pl.col("line").str.strip_chars_end().str.ends_with(":")
               | ((pl.col("line").str.count_matches(" ") < 6) & ~pl.col("line").str.contains(",", literal=True)))
        )
        .select("doc", "line_no", key.alias("_key"))
    )
    kind = pl.lit(None, dtype=pl.String)
    for name, pattern in reversed(_HEADING_KINDS):  # the first pattern in order wins
        kind = pl.when(pl.col("_key").str.contains(pattern)).then(pl.lit(name)).otherwise(kind)
    headings = shaped.select("doc", "line_no", "_key", kind.alias("_heading")).filter(pl.col("_heading").is_not_null())
    # A bare "Mission" or "The team" right after "About us" goes on about the company; elsewhere it is
    # the role's ("The mission" of the job).
    headings = headings.with_columns(
        pl.when(pl.col("_key").is_in(_INHERITING_HEADINGS) & (pl.col("_heading").shift(1).over("doc") == "company"))
        .then(pl.lit("company")).otherwise(pl.col("_heading")).alias("_heading")
    )
    # "Ideally you'd have:" as a posting's only list of qualifications is its requirements list.
    headings = headings.with_columns(
        pl.when((pl.col("_heading") == "preferred") & pl.col("_key").str.starts_with("ideally")
                & ~(pl.col("_heading") == "requirements").any().over("doc"))
        .then(pl.lit("requirements")).otherwise(pl.col("_heading")).alias("_heading")
    ).drop("_key")
    frame = lines.join(headings, on=["doc", "line_no"], how="left", maintain_order="left")
    frame = frame.with_columns(
        # The title is line 0 only: the text under it, before any heading, is the intro.
        pl.when(pl.col("line_no") == 0).then(pl.lit("title"))
        .when(_repeated_title()).then(pl.lit("title"))
        .otherwise(pl.col("_heading").forward_fill().over("doc").fill_null("intro")).alias("section"),
        pl.col("_heading").is_in(["responsibilities", "requirements", "preferred"]).any().over("doc").alias("_has_role_headings"),
    )
    # A heading line counts only for what follows its colon ("Requirements: Python, SQL").
    heading_counts = pl.col("_heading").is_null() | (pl.col("line_no") == 0) | pl.col("line").str.contains(r":\s*\S")
    in_candidate_section = (
        pl.col("section").is_in(CANDIDATE_SECTIONS) & heading_counts
    ) | ((pl.col("section") == "intro") & ~pl.col("_has_role_headings"))
    frame = frame.with_columns(in_candidate_section.alias("_counts"))
    # Line-level tests run only where they can change the answer: intro and company lines, whose
    # counting depends on what they say, and the lines the sections let count.
    counted = frame.filter(pl.col("_counts") & (pl.col("section") != "intro")).select("doc", "line_no", "line", "section")
    intro = frame.filter(pl.col("section") == "intro").select("doc", "line_no", "line", "section", "_counts")
    company_talk = pl.col("line").str.contains(_COMPANY_TALK) & ~pl.col("line").str.contains(_PRONOUN_SUBJECT)
    intro = intro.with_columns(company_talk.alias("_company_talk"))
    # A company paragraph counts only when it turns to the role in its first sentence: "Acme is a
    # health AI company built on EHR data ... As an Acmer, you'll ..." is the blurb.
    blurb = intro.filter(pl.col("_company_talk")).filter(_first_sentence(pl.col("line")).str.contains(_ROLE_TALK))
    plain = intro.filter(~pl.col("_company_talk")).filter(pl.col("_counts") | pl.col("line").str.contains(_ROLE_TALK))
    turns_to_role = frame.filter(pl.col("section") == "company").filter(pl.col("line").str.contains(_ROLE_OPENING))
    maybe = pl.concat([
        counted, blurb.select(counted.columns), plain.select(counted.columns), turns_to_role.select(counted.columns),
    ])
    maybe = maybe.filter(~pl.col("line").str.contains(_BOILERPLATE) & ~pl.col("line").str.contains(_HOW_TO_APPLY))
    maybe = maybe.join(_not_a_job(frame), on=["doc", "line_no"], how="anti").select(
        "doc", "line_no", pl.lit(True).alias("candidate"),
        ((pl.col("section") == "preferred") | _line_head(pl.col("line")).str.contains(_PREFERRED_LINE)).alias("preferred"),
    )
    frame = frame.join(maybe, on=["doc", "line_no"], how="left", maintain_order="left")
    return frame.select(
        pl.col("doc").cast(pl.UInt32), pl.col("line_no").cast(pl.UInt32), "line", "section",
        pl.col("candidate").fill_null(False), pl.col("preferred").fill_null(False),
    )


def _repeated_title() -> pl.Expr:
    """The description's first line naming a role ("Data Engineer (Founding Team)"), as many
    descriptions open by repeating the title: it is the title, not the intro."""
    return (
        (pl.col("line_no") == 1) & pl.col("_heading").is_null() & (pl.col("line").str.len_chars() <= HEADING_MAX_CHARS)
        & ~pl.col("line").str.contains(r"[.!?]$|\|") & pl.col("line").str.contains(_TITLE_ROLE_NOUN)
    )


def _first_sentence(line: pl.Expr) -> pl.Expr:
    return line.str.replace(r"([.!?])\s+[A-Z\u201c\"].*$", "$1")


def _not_a_job(frame: pl.DataFrame) -> pl.DataFrame:
    """(doc, line_no) of lines that describe no job: every line of a post offering the writer for
    work, and the items of a list of what the company shipped. Both tests look at few lines first."""
    seekers = frame.filter(pl.col("line_no") <= 2).filter(pl.col("line").str.contains(_SEEKER_HEADER)).select("doc").unique()
    parts = [frame.join(seekers, on="doc", how="semi").select("doc", "line_no")]
    openers = frame.filter(pl.col("line").str.strip_chars_end().str.ends_with(":")).filter(
        pl.col("line").str.contains(_SHOWCASE_INTRO)
    )
    if not openers.is_empty():
        lines = frame.join(openers.select("doc").unique(), on="doc", how="semi").select("doc", "line_no", "line")
        item = pl.col("line").str.contains(_LIST_ITEM)
        lines = (
            lines.join(openers.select("doc", "line_no", pl.lit(True).alias("_opener")), on=["doc", "line_no"], how="left",
                       maintain_order="left")
            .with_columns(item.alias("_item"), pl.col("_opener").fill_null(False))
            .with_columns((~pl.col("_item")).cast(pl.UInt32).cum_sum().over("doc").alias("_run"))
        )
        parts.append(
            lines.filter(pl.col("_item") & pl.col("_opener").any().over("doc", "_run")).select("doc", "line_no")
        )
    return pl.concat(parts)


def _line_head(line: pl.Expr) -> pl.Expr:
    """The part of a line whose preference markers speak for the whole line (see _ITEM_PREFERENCE)."""
    return line.str.replace_all(_ITEM_PREFERENCE, "$1")


def heading_kind(line: str) -> str | None:
    """The section a heading line opens, or ``None`` (for tests and ``skills explain``)."""
    frame = classify_lines(pl.DataFrame({"doc": [0, 0], "line_no": [0, 1], "line": ["", line]},
                                        schema={"doc": pl.UInt32, "line_no": pl.UInt32, "line": pl.String}))
    section = frame["section"][1]
    return None if section in ("intro", "title") else section


# Compile once at import: a bad pattern fails here, not mid-run.
for _name, _pattern in _HEADING_KINDS:
    re.compile(_pattern)
