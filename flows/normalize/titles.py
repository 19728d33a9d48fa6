"""Title -> role family, ML-role flag and seniority. Pure; rules are ordered, first match wins."""

from __future__ import annotations

import re

ROLE_FAMILIES = (
    "ml_engineer", "mlops", "research", "applied_scientist", "data_scientist", "ai_engineer", "other",
)
_ML_CORE = r"(?:ml|machine[- ]learning|deep[- ]learning|nlp|computer vision|cv|perception)"
_ML = r"(?:ml|machine[- ]learning|deep[- ]learning|ai|a\.i\.|artificial intelligence|llms?|genai|gen ai|generative ai|nlp|computer vision|cv|perception)"

# Titles that mention AI/ML but are not ML engineering work (selling, designing, recruiting...).
_NOT_ENGINEERING = re.compile(
    r"\b(?:product manager|program manager|project manager|product marketing|marketing|sales|account (?:executive|manager)"
    r"|recruit\w*|sourcer|talent|designer|counsel|legal|attorney|paralegal|customer|support|success|partnerships?"
    r"|business development|bdr|sdr|finance|financial|accountant|accounting|payroll|writer|editor|people partner"
    r"|hr|office|executive assistant|administrative|communications|policy|go[- ]to[- ]market|gtm|solutions?"
    r"|evangelist|advocate|trainer|annotator|tutor|data labell?er|content)\b",
    re.I,
)
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (family, re.compile(pattern, re.I))
    for family, pattern in (
        ("mlops", r"\b(?:ml ?ops|llm ?ops|ai ?ops)\b|\b(?:ml|machine learning|ai|model|inference|training) (?:platform|infrastructure|infra|systems|ops|serving|deployment)\b"),
        ("applied_scientist", r"\bapplied (?:ai |ml |machine learning )?scientist\b"),
        ("research", rf"\bresearch (?:engineer|scientist)\b|\b{_ML} research(?:er)?\b|\bresearcher\b.*\b{_ML}\b|\b(?:ml|machine learning|ai) scientist\b"),
        ("data_scientist", r"\bdata scien(?:tist|ce)\b"),
        ("ai_engineer", r"\b(?:ai|genai|gen ai|generative ai|llm|agent|agentic|applied ai|prompt|conversational ai|forward[- ]deployed ai) engineer\b"),
        ("ml_engineer", rf"\b{_ML_CORE}\b.*\b(?:engineer|developer|architect)\b|\bengineering manager\b.*\b{_ML_CORE}\b|\b(?:engineer|developer|architect)\b.*\b{_ML_CORE}\b|\bmachine learning\b|\b(?:ranking|recommendation|recsys|search relevance) engineer\b|\bmle\b|\b(?:vision-language |language |foundation |speech )?model engineer\b"),
        # Loosest last: an engineer title that only names GenAI/LLMs/agents somewhere.
        ("ai_engineer", r"\bengineer\b.*\b(?:genai|generative ai|llms?|agents?|ai)\b"),
    )
)

SENIORITIES = ("intern", "junior", "mid", "senior", "staff", "principal", "lead", "manager", "director", "unspecified")
_SENIORITY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (level, re.compile(pattern, re.I))
    for level, pattern in (
        ("intern", r"\b(?:intern|internship|co-?op|werkstudent|working student|apprentice)\b"),
        ("director", r"\b(?:director|vp|vice president|head of|chief)\b"),
        ("manager", r"\b(?:manager|managing)\b"),
        ("principal", r"\b(?:principal|distinguished|fellow)\b"),
        ("staff", r"\bstaff\b|\b(?:engineer|scientist|developer) iv\b|\bl6\b"),
        ("lead", r"\b(?:lead|tech lead|team lead)\b"),
        ("senior", r"\b(?:senior|sr\.?)\b|\b(?:engineer|scientist|developer) iii\b|\bl5\b"),
        ("junior", r"\b(?:junior|jr\.?|entry[- ]level|graduate|new grad|associate)\b|\b(?:engineer|scientist|developer) i\b"),
        ("mid", r"\b(?:mid[- ]level|intermediate)\b|\b(?:engineer|scientist|developer) ii\b"),
    )
)


def role_family(title: str | None) -> str:
    if not title:
        return "other"
    if _NOT_ENGINEERING.search(title):
        return "other"
    for family, pattern in _RULES:
        if pattern.search(title):
            return family
    return "other"


def is_ml_role(family: str) -> bool:
    return family != "other"


def seniority(title: str | None) -> str:
    if not title:
        return "unspecified"
    for level, pattern in _SENIORITY_RULES:
        if pattern.search(title):
            return level
    return "unspecified"
