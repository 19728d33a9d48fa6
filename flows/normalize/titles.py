"""Title (and, where the title is silent, the start of the description) -> role family, ML-role flag and
seniority. Pure regex work on strings; the rules are ordered, first match wins.

The families follow the labelling guide of the role gold set (benchmarks/gold/README.md):
- ML engineering (``ML_ENGINEERING_FAMILIES``): the hire builds, trains, evaluates, deploys, serves or
  operates models or the systems around them — ML engineers, AI engineers building on LLMs and agents,
  ML platform / inference / training infrastructure, applied scientists, research engineers (and
  researchers whose field is building models: training, post-training, evaluation, architecture).
- ML-related but not ML engineering (``ML_RELATED_FAMILIES``): research scientists (pure research), data
  scientists, and ``ai_adjacent``: AI product managers and designers, AI solutions, sales and
  forward-deployed engineers, red-teamers, AI strategists, data engineers feeding ML.
- ``other``: everything else, including sales, recruiting or marketing titles that mention AI.
"""

from __future__ import annotations

import re
from functools import lru_cache

ML_ENGINEERING_FAMILIES = ("ml_engineer", "ai_engineer", "mlops", "applied_scientist", "research_engineer")
ML_RELATED_FAMILIES = ("research", "data_scientist", "ai_adjacent")
ROLE_FAMILIES = (*ML_ENGINEERING_FAMILIES, *ML_RELATED_FAMILIES, "other")
# How much of the description is read when the title names no field: the opening says what the job is,
# and a bounded prefix keeps the rule cheap on long postings.
DESCRIPTION_PREFIX_CHARS = 1500
_DESCRIPTION_CUES_NEEDED = 2


def _rx(pattern: str) -> re.Pattern[str]:
    """Patterns are written in lower case and matched against lower-cased text (faster than re.I)."""
    return re.compile(pattern)


# --- vocabulary -------------------------------------------------------------------------------------

# Fields that are ML work in themselves.
_ML_FIELD = (
    r"(?:ml|m\.l\.|mle|machine[- ]learning|deep[- ]learning|(?:reinforcement|imitation|representation|federated|statistical) learning"
    r"|rl|nlp|natural language processing|computer vision|cv|perception|speech recognition|asr|tts|multi[- ]?modal"
    r"|(?<!3d )(?<!data )(?:modell?ing|models)|model (?:training|development|evaluation|architecture)s?|diffusion|foundation models?|llms?|large language models?|gen ?ai|generative ai|post[- ]?training"
    r"|pre[- ]?training|fine[- ]?tuning|distributed training|(?<!causal )(?<!statistical )(?<!bayesian )inference|mlops|ai/ml|ml/ai|recommendations?|recommender|recsys"
    r"|personali[sz]ation|search relevance|ranking|embeddings?|vision[- ]language)"
)
# Words that make a field ML only next to an engineering noun ("AI Engineer", "Agent Platform").
_AI_WORD = r"(?:ai|a\.i\.|artificial intelligence|agents?|agentic|prompt|rag|gpt|chatgpt|gemini|claude|llama|copilot)"
_ML_MENTION = _rx(rf"\b(?:{_ML_FIELD}|{_AI_WORD})\b")

# Engineering role nouns: any of them with an ML field is ML engineering ("Applied ML Lead").
_ROLE_NOUN = (
    r"(?:engineers?|engineering|developers?|architects?|programmers?|swes?|sdes?|mle|member of technical staff|mts"
    r"|technical staff|tech(?:nical)? lead|lead|leader|head|cto|co-?founder|founding|technologist|specialist|intern|hacker"
    r"|manager|director|scientists?|researchers?)"
)
# The stricter nouns a bare "AI" needs: "AI Engineer" is ML engineering, "AI Learning Lead" is not.
_ENGINEER_NOUN = (
    r"(?:engineers?|developers?|architects?|programmers?|swes?|sdes?|member of technical staff|mts|technical staff"
    r"|tech(?:nical)? lead|cto|technical co-?founder|head of (?:technology|engineering)|engineering (?:manager|lead|leader)s?"
    r"|(?:head|director|vp|vice president) of (?:applied )?(?:ai|artificial intelligence|genai|generative ai)|chief ai officer)"
)

# Work that mentions AI as the product or the customer's subject rather than the hire's craft: ML-related
# (``ai_adjacent``) when the title names AI or ML, otherwise not ML at all.
_ADJACENT_WORK = _rx(
    r"\b(?:product (?:manager|management|lead|director|owner)s?|pms?|(?:head|director|vp) of (?:ai )?product|(?:product |ux |ui )?designers?"
    r"|design lead|solutions? (?:engineer|architect|consultant|lead|specialist)s?|sales engineers?|pre-?sales|post-?sales"
    r"|(?:ai |ml |genai |deployment )strategists?|forward[- ]deployed|red[- ]team(?:er|ing)?|technical writers?|documentation"
    r"|data engineers?|analytics|analysts?|due diligence|program managers?|evangelist|developer advocate|advocate"
    r"|consultants?|security engineers?|security researchers?|(?:ai|ml|llm|model|agent) security)\b"
)
_ANALYTICS = _rx(r"\b(?:analytics|analysts?)\b")
# Data engineers count as ML-related when the data feeds models or research.
_DATA_FOR_ML = _rx(rf"\b(?:{_ML_FIELD}|{_AI_WORD}|research|training data)\b")

# Work that is never ML engineering, whatever it is about. Job nouns (recruiter, account executive,
# annotator...) decide alone; departments (marketing, finance, operations...) only in a title with no
# engineering noun, since "ML Engineer, Customer Support" is ML work in a customer-facing domain.
_NOT_ML_JOB = _rx(
    r"\b(?:marketers?|account (?:executive|exec|manager)s?|recruit\w*|sourcers?|counsel|attorneys?|paralegals?|accountants?"
    r"|bdrs?|sdrs?|business development representatives?|people partners?|executive assistants?|editors?|(?<!technical )writers?"
    r"|trainers?|annotators?|tutors?|data labell?ers?|linguists?|translators?|voice talent"
    r"|(?:support|success|customer|field|implementation|onboarding|integrations?) engineers?"
    r"|(?:ux|user|market|design|customer|qualitative) research(?:ers?)?)\b"
)
_NOT_ML_DEPARTMENT = _rx(
    r"\b(?:product marketing|marketing|sales|recruiting|talent|legal|customer|support|success|partnerships?|business development"
    r"|finance|financial|accounting|payroll|hr|office|administrative|communications|go[- ]to[- ]market|gtm|content"
    r"|(?<!ml )(?<!ai )(?<!llm )(?<!learning )operations"
    r"|(?:public|government|tech|technology|trade|economic|global|safety|ai) polic(?:y|ies)"
    r"|policy (?:manager|lead|analyst|advisor|adviser|director|specialist|associate|officer))\b"
)
_ENGINEERING_TITLE = _rx(r"\b(?:engineers?|developers?|architects?|programmers?|scientists?|researchers?|member of technical staff)\b")

# Product adjectives say what the company sells, not what the hire does ("AI-driven", "ex-Google AI").
_PRODUCT_ADJECTIVE = _rx(r"\b(?:ai|ml|llm|gen ?ai)[- ](?:driven|powered|native|first|enabled|assisted|based)\b|\(?\bex-[\w.]+(?: ai)?\)?")
# "<Name> AI" in a trailing segment is a company ("Founding Engineer – Acme AI"), unless the word before AI
# names a field of AI.
_TRAILING_SEGMENT = re.compile(r"(?:\s[-–—|@]\s|\sat\s)([^-–—|@]+)$")
_COMPANY_AI = re.compile(r"^\s*([A-Z][\w.&']*(?:\s[A-Z][\w.&']*)?)\s+AI\s*$")
_AI_FIELD_ADJECTIVES = frozenset({
    "applied", "generative", "gen", "conversational", "agentic", "responsible", "enterprise", "voice", "physical",
    "embodied", "multimodal", "open", "edge", "safe", "trustworthy", "vertical", "core", "frontier", "clinical",
    "creative", "ethical", "explainable", "human", "language", "spatial", "visual", "vision", "speech", "robotics",
    "the", "and", "for", "in", "of", "with",
})

# Front-end, mobile and test titles name AI as the product they work on ("Fullstack Engineer (AI Product)").
_NOT_MODEL_WORK = _rx(
    r"\b(?:full[- ]?stack|front[- ]?end|frontend|fe|ui|ux|mobile|ios|android|web|qa|quality|test|tests|testing|sdet)\b"
)

# --- rules --------------------------------------------------------------------------------------------

_RESEARCH_WORD = _rx(r"\bresearch")
_ENGINEER_WORD = _rx(r"\bengineer(?:s|ing)?\b")
_RESEARCH_ROLE = _rx(r"\b(?:researchers?|research (?:scientists?|fellows?|residents?|residency|interns?|leads?))\b")
# Research whose field is building models is ML engineering ("Researcher, Post-Training").
_MODEL_BUILDING = _rx(
    r"\b(?:(?:pre|post|mid)[- ]?training|(?:model |distributed |large[- ]scale )?training|fine[- ]?tuning|model architectures?"
    r"|architectures?|inference|evals?|evaluations?|benchmark\w*|model efficiency|scaling)\b"
)
_APPLIED_SCIENTIST = _rx(
    rf"\bapplied (?:ai |ml |machine learning |research )?(?:scientists?|researchers?)\b"
    rf"|(?<!research )\b(?:ai|ml|machine learning|deep learning|nlp|computer vision|cv|speech|llm|modell?ing) scientists?\b"
)
_DATA_SCIENTIST = _rx(r"\b(?:data|decision) scientists?\b")
_DATA_SCIENCE = _rx(r"\bdata science\b")
# A title that says outright it is ML engineering ("ML Engineer, Customer Support") skips the gates below.
_STRONG_ML_ROLE = _rx(
    r"\b(?:ml|machine[- ]learning|deep[- ]learning|ai|llm|gen ?ai|generative ai|nlp|computer vision|cv|applied (?:ml|ai)|ml ?ops)"
    r"(?: software| research| platform| infrastructure| infra)? (?:engineers?|developers?|scientists?)\b"
    r"|\bresearch engineers?\b|\bapplied scientists?\b"
)
_FORWARD_DEPLOYED = _rx(r"\bforward[- ]deployed\b")
_DATA_ENGINEER = _rx(r"data engineers?")
_MLOPS = _rx(
    r"\b(?:ml|llm|ai|gen ?ai)[ -]?ops\b|\bmlops\b"
    r"|\b(?:ml|machine learning|ai|model|inference|training|gpu|deep learning) (?:platforms?|infrastructure|infra|systems? engineer"
    r"|serving|deployment|performance|compute|runtime|efficiency|reliability)\b"
    r"|(?<!causal )(?<!statistical )(?<!bayesian )\binference\b|\b(?:distributed |large[- ]scale )?training (?:engineer|infrastructure|platform|systems?)\b"
    r"|\bmodel serving\b|\bserving (?:engineer|infrastructure)\b"
)
_ML_FIELD_RX = _rx(rf"\b{_ML_FIELD}\b")
_ROLE_NOUN_RX = _rx(rf"\b{_ROLE_NOUN}\b")
_ML_ROLE_PHRASE = _rx(r"\bmachine learning\b|\bmle\b|\b(?:vision-language |language |foundation |speech )?model engineer\b")
_LLM_WORK = _rx(r"\b(?:llms?|large language models?|gen ?ai|generative ai|rag|agents?|agentic|prompt)\b")
# "AI Engineer", "LLM Developer", "Agent Engineer": the AI word right before the engineering noun.
_AI_ENGINEER = _rx(
    rf"\b(?:{_AI_WORD}|genai|gen ai|generative ai|llm|applied ai|conversational ai|forward[- ]deployed ai)"
    rf"(?:\s*/\s*\w+)?\s+(?:software |backend |back-end |platform |systems |product |solutions )?{_ENGINEER_NOUN}\b"
)
_ENGINEER_NOUN_RX = _rx(rf"\b{_ENGINEER_NOUN}\b")
_AI_WORD_RX = _rx(rf"\b{_AI_WORD}\b")

# A title that names no field: a generic technical role with only seniority, place or company around it.
_GENERIC_ROLE = _rx(
    r"\b(?:engineers?|engineering manager|developers?|programmers?|member of technical staff|technical staff|mts|swe"
    r"|cto|chief technology officer|(?:technical )?co-?founders?|founding engineer|researchers?|research scientists?"
    r"|scientists?|research (?:fellow|resident|residency|intern)s?|forward[- ]deployed (?:software )?engineers?)\b"
)
_NAMED_FIELD = _rx(
    r"\b(?:back[- ]?end|front[- ]?end|full[- ]?stack|fullstack|mobile|ios|android|web|platform|infrastructure|infra|security"
    r"|devops|sre|reliability|data|test|tests|testing|qa|quality|automation|embedded|firmware|hardware|systems|product|growth"
    r"|payments?|billing|api|apis|ops|cloud|network(?:ing)?|database|generalist|sw|hw|design|ui|ux|tools|tooling|internal"
    r"|compiler|kernel|linux|python|java|go|golang|rust|ruby|rails|php|scala|kotlin|swift|react|node|typescript|javascript"
    r"|db|databases?|\.net|c\+\+|c#|elixir|blockchain|crypto|games?|graphics|integrations?|identity|auth\w*|robotics|electrical|algorithms?|cad|3d"
    r"|mechanical|civil|chemical|biology|chemistry|materials|clinical|sales|support|solutions|implementation|site"
    r"|distributed|storage|observability|developer experience|dx|desktop|gameplay|audio|video|search)\b"
)

_BRACKETED = re.compile(r"[(\[][^)\]]*[)\]]?")
_TAIL_SEPARATOR = re.compile(r"\s[-–—|@]\s|\s[-–—]|[-–—]\s|\sat\s|\s*\|\s*")
# Everything a silent title may hold besides places and names.
_SILENT_RESIDUE = _rx(
    r"\b(?:senior|sr|staff|principal|lead|junior|jr|mid|level|founding|founders?|co-?founders?|technical|early|first|1st|2nd"
    r"|3rd|new|grad|graduate|interns?|i|ii|iii|iv|v|[1-5]|l[3-7]|software|engineers?|engineering|managers?|developers?"
    r"|programmers?|member|members|of|staff|mts|swe|cto|chief|technology|officer|researchers?|research|scientists?"
    r"|fellows?|residents?|residency|forward|deployed|and|or|the|a|an|experienced|talented|passionate|exceptional"
    r"|remote|hybrid|onsite|on-site|full-time|fulltime|part-time|contract|multiple|several|all|levels)\b|[^\w\s]"
)

# --- the description, read only when the title is silent --------------------------------------------

# Statements of ML work: model-building words, not the company's "AI-powered" boilerplate.
_ML_WORK_CUE = _rx(
    r"\b(?:llms?|large language models?|retrieval[- ]augmented|rag|generative ai|gen ?ai|machine learning|deep learning"
    r"|fine[- ]tun\w*|(?:pre|post)[- ]?training|model training|train(?:ing)? (?:and (?:deploy|serv)\w* )?(?:ml |ai |large |foundation |frontier |our own )?models"
    r"|inference|computer vision|nlp|natural language processing|pytorch|tensorflow|jax|embeddings|vector (?:search|databases?)"
    r"|prompt engineering|agent(?:ic)?[- ](?:based|harness|framework|orchestration|system)s?|ai/ml|ml/ai"
    r"|ml (?:models?|systems?|pipelines?|infrastructure))\b"
)
_LLM_CUE = _rx(r"\b(?:llms?|large language models?|retrieval[- ]augmented|rag|generative ai|gen ?ai|prompt|agent(?:ic)?\w*)\b")
# Any mention of AI at all: enough to place a silent research title among ML research.
_AI_CUE = _rx(rf"\b(?:{_ML_FIELD}|ai|artificial intelligence)\b")


def _prepare(title: str) -> str:
    """The title in lower case and one spacing, without company names and product adjectives."""
    title = " ".join(title.split())
    segment = _TRAILING_SEGMENT.search(title)
    if segment:
        name = _COMPANY_AI.match(segment.group(1))
        if name and name.group(1).split()[0].lower() not in _AI_FIELD_ADJECTIVES:
            title = title[: segment.start()]
    return _PRODUCT_ADJECTIVE.sub(" ", title.lower())


def _engineering_family(title: str) -> str | None:
    """ML-engineering family the title names, or None."""
    if _RESEARCH_WORD.search(title) and _ENGINEER_WORD.search(title):
        return "research_engineer"
    if _RESEARCH_ROLE.search(title) and _MODEL_BUILDING.search(title):
        return "research_engineer"
    if _APPLIED_SCIENTIST.search(title):
        return "applied_scientist"
    if _RESEARCH_ROLE.search(title):
        return None  # pure research: decided by the caller
    if _MLOPS.search(title):
        return "mlops"
    fields = {m.group(0) for m in _ML_FIELD_RX.finditer(title)}
    if _ML_ROLE_PHRASE.search(title) or (fields and _ROLE_NOUN_RX.search(title)):
        if not all(_LLM_WORK.fullmatch(f) for f in fields):
            return "ml_engineer"
        # LLM words alone ask for an engineering noun, as "AI" does: "GenAI Specialist" may be anything.
        if _ENGINEER_NOUN_RX.search(title):
            return "ai_engineer"
    if _AI_ENGINEER.search(title):
        return "ai_engineer"
    if _AI_WORD_RX.search(title) and _ENGINEER_NOUN_RX.search(title) and not _NOT_MODEL_WORK.search(title):
        return "ai_engineer"
    return None


def _is_silent(title: str) -> bool:
    """True when the title is a generic technical role with only seniority, level, place or company names
    around it: parenthesised and dash-separated parts may be names or places unless they name a field, while
    the head of the title must hold nothing but generic words."""
    if not _GENERIC_ROLE.search(title):
        return False
    parts = _BRACKETED.findall(title)
    head = _BRACKETED.sub(" ", title)
    head, *tails = _TAIL_SEPARATOR.split(head)
    if any(_NAMED_FIELD.search(part) for part in (*parts, *tails)):
        return False
    return not _SILENT_RESIDUE.sub(" ", head).strip()


# Every ML rule above needs one of these substrings: titles with none (most of them) skip those rules.
_ML_HINTS = (
    "ml", "ai", "a.i", "artificial", "agent", "prompt", "rag", "gpt", "gemini", "claude", "llama", "copilot", "learn",
    "vision", "nlp", "natural", "percept", "speech", "asr", "tts", "modal", "model", "diffusion", "foundation", "llm",
    "gen", "train", "tun", "infer", "recommend", "recsys", "personali", "relevance", "ranking", "embedding", "ops",
    "gpu", "rl", "cv", "research", "scien", "applied", "mle", "m.l", "serving",
)
_ML_HINT = re.compile("|".join(map(re.escape, _ML_HINTS)))


# What the title alone cannot settle: the description decides (see role_family).
_ASK_SILENT, _ASK_RESEARCH, _ASK_FORWARD_DEPLOYED = "?silent", "?research", "?forward-deployed"


@lru_cache(maxsize=1 << 16)
def _title_family(title: str) -> str:
    """The family the title names, or one of the _ASK_* markers. Cached: a crawl sees the same titles weekly."""
    title = _prepare(title)
    hint = _ML_HINT.search(title) is not None
    if hint and _DATA_SCIENTIST.search(title):
        return "data_scientist"
    if not (hint and _STRONG_ML_ROLE.search(title)):
        if _NOT_ML_JOB.search(title):
            return "other"
        adjacent = _ADJACENT_WORK.search(title)
        if adjacent:
            ml = hint and (_DATA_FOR_ML if _DATA_ENGINEER.fullmatch(adjacent.group(0)) else _ML_MENTION).search(title)
            if ml and _ANALYTICS.search(title):
                # An analyst of "AI" may study the AI market; modelling work is named as ML.
                return "data_scientist" if _ML_FIELD_RX.search(title) else "other"
            if ml:
                return "ai_adjacent"
            if _FORWARD_DEPLOYED.search(title) and not _NAMED_FIELD.search(title):
                return _ASK_FORWARD_DEPLOYED
            return "other"
        if _NOT_ML_DEPARTMENT.search(title) and not _ENGINEERING_TITLE.search(title):
            return "other"
        if hint and _DATA_SCIENCE.search(title):
            return "data_scientist"
    family = _engineering_family(title) if hint else None
    if family:
        return family
    if hint and _RESEARCH_ROLE.search(title):
        return "research" if _ML_MENTION.search(title) else _ASK_RESEARCH
    return _ASK_SILENT if _is_silent(title) else "other"


def role_family(title: str | None, description: str | None = None) -> str:
    """The role family of a posting. ``description`` (its plain text) is read, up to
    ``DESCRIPTION_PREFIX_CHARS``, only when the title names no field ("Member of Technical Staff")."""
    if not title:
        return "other"
    family = _title_family(title)
    if not family.startswith("?"):
        return family
    opening = (description or "")[:DESCRIPTION_PREFIX_CHARS].lower()
    if family == _ASK_RESEARCH:
        # Research in a field the title does not tie to ML: ML research when the description speaks of AI
        # (and, with no description, the title's word for it).
        return "research" if not opening or _AI_CUE.search(opening) else "other"
    # Twice at least: one mention is as often the company's boilerplate or a nice-to-have as the job itself.
    if len(_ML_WORK_CUE.findall(opening)) < _DESCRIPTION_CUES_NEEDED:
        return "other"
    if family == _ASK_FORWARD_DEPLOYED:
        # A forward-deployed engineer places AI products at customers: ML-related, not ML engineering.
        return "ai_adjacent"
    return "ai_engineer" if _LLM_CUE.search(opening) else "ml_engineer"


def is_ml_role(family: str) -> bool:
    """ML engineering or ML-related work (data science, research, AI product and solutions roles)."""
    return family != "other"


def is_ml_engineering(family: str) -> bool:
    return family in ML_ENGINEERING_FAMILIES


SENIORITIES = ("intern", "junior", "mid", "senior", "staff", "principal", "lead", "manager", "director", "unspecified")
_SENIORITY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (level, re.compile(pattern, re.I))
    for level, pattern in (
        ("intern", r"\b(?:intern|internship|co-?op|werkstudent|working student|apprentice)\b"),
        ("director", r"\b(?:director|vp|vice president|head of|chief)\b"),
        ("manager", r"\b(?:manager|managing)\b"),
        ("principal", r"\b(?:principal|distinguished|fellow)\b"),
        ("staff", r"(?<!technical )\bstaff\b|\b(?:engineer|scientist|developer) iv\b|\bl6\b"),
        ("lead", r"\b(?:lead|tech lead|team lead)\b"),
        ("senior", r"\b(?:senior|sr\.?)\b|\b(?:engineer|scientist|developer) iii\b|\bl5\b"),
        ("junior", r"\b(?:junior|jr\.?|entry[- ]level|graduate|new grad|associate)\b|\b(?:engineer|scientist|developer) i\b"),
        ("mid", r"\b(?:mid[- ]level|intermediate)\b|\b(?:engineer|scientist|developer) ii\b"),
    )
)


def seniority(title: str | None) -> str:
    if not title:
        return "unspecified"
    for level, pattern in _SENIORITY_RULES:
        if pattern.search(title):
            return level
    return "unspecified"
