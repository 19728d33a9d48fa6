"""Load and validate the skills taxonomy file."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TAXONOMY_FILE = Path(__file__).resolve().parents[2] / "warehouse" / "reference" / "skills.toml"
CATEGORIES = (
    "language", "ml-library", "data-tool", "database", "cloud", "cloud-ml", "mlops", "infra",
    "web", "business-software", "practice", "concept", "math", "soft-skill", "certification",
)
# Tools are named things (languages, libraries, platforms, databases, infrastructure); concepts
# (methods, practices, math, soft skills) are often phrased rather than named. Certifications are
# credentials, neither: they do not support an ambiguous alias on their line as a tool does.
TOOL_CATEGORIES = (
    "language", "ml-library", "data-tool", "database", "cloud", "cloud-ml", "mlops", "infra", "web", "business-software",
)
CONCEPT_CATEGORIES = ("practice", "concept", "math", "soft-skill")
_ID = re.compile(r"^[a-z0-9][a-z0-9.+#-]*$")


class TaxonomyError(ValueError):
    pass


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    category: str
    aliases: tuple[str, ...]
    aliases_cs: tuple[str, ...] = ()
    parent: str | None = None
    # Phrase rules: regular expressions (the subset Python's re and Rust's regex share) for skills that
    # are phrased rather than named ("bring models to production").
    patterns: tuple[str, ...] = ()
    # Aliases that are also ordinary words ("Go", "Spark", "Ray"): a match by one of these counts only
    # when its line names another tool, matches ``cues``, and does not match ``veto``.
    ambiguous: tuple[str, ...] = ()
    cues: str | None = None
    veto: str | None = None
    # A tacit foundation: employers take it for granted rather than list it (README, "Tacit
    # foundations"), so a posting's silence on it is no evidence against a guide.
    tacit: bool = False
    # Named by nearly every ML-role job by construction (machine learning, AI): shown apart in rankings.
    defines_population: bool = False

    @property
    def is_tool(self) -> bool:
        return self.category in TOOL_CATEGORIES


@dataclass(frozen=True)
class Taxonomy:
    version: str
    skills: tuple[Skill, ...]

    def by_id(self) -> dict[str, Skill]:
        return {skill.id: skill for skill in self.skills}


@lru_cache(maxsize=4)
def load_taxonomy(path: Path = TAXONOMY_FILE) -> Taxonomy:
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    skills = tuple(
        Skill(
            id=entry["id"], name=entry["name"], category=entry["category"],
            aliases=tuple(dict.fromkeys(a.strip() for a in entry.get("aliases", []) if a.strip())),
            aliases_cs=tuple(dict.fromkeys(a.strip() for a in entry.get("aliases_cs", []) if a.strip())),
            parent=entry.get("parent") or None,
            patterns=tuple(entry.get("patterns", [])),
            ambiguous=tuple(entry.get("ambiguous", [])),
            cues=entry.get("cues") or None,
            veto=entry.get("veto") or None,
            tacit=entry.get("tacit", False),
            defines_population=entry.get("defines_population", False),
        )
        for entry in data.get("skill", [])
    )
    taxonomy = Taxonomy(version=str(data.get("version", "unversioned")), skills=skills)
    problems = validate(taxonomy)
    if problems:
        raise TaxonomyError(f"{path}: " + "; ".join(problems[:10]))
    return taxonomy


def validate(taxonomy: Taxonomy) -> list[str]:
    problems: list[str] = []
    ids = [s.id for s in taxonomy.skills]
    seen_alias: dict[str, str] = {}
    for skill in taxonomy.skills:
        if not _ID.match(skill.id):
            problems.append(f"bad id {skill.id!r}")
        if skill.category not in CATEGORIES:
            problems.append(f"{skill.id}: unknown category {skill.category!r}")
        if skill.parent and skill.parent not in ids:
            problems.append(f"{skill.id}: unknown parent {skill.parent!r}")
        for flag in ("tacit", "defines_population"):
            if not isinstance(getattr(skill, flag), bool):
                problems.append(f"{skill.id}: {flag} must be true or false, not {getattr(skill, flag)!r}")
        if not skill.aliases and not skill.aliases_cs and not skill.patterns:
            problems.append(f"{skill.id}: no aliases")
        for alias in skill.ambiguous:
            if alias not in skill.aliases_cs and alias.lower() not in {a.lower() for a in skill.aliases}:
                problems.append(f"{skill.id}: ambiguous alias {alias!r} is not one of its aliases")
        for pattern in (*skill.patterns, skill.cues or "", skill.veto or ""):
            try:
                compiled = re.compile(pattern)
            except re.error as error:
                problems.append(f"{skill.id}: bad pattern {pattern!r}: {error}")
                continue
            if compiled.groups:
                problems.append(f"{skill.id}: pattern {pattern!r} has a capturing group; use (?:...)")
        for key in [a.lower() for a in skill.aliases] + [f"cs:{a}" for a in skill.aliases_cs]:
            if key in seen_alias and seen_alias[key] != skill.id:
                problems.append(f"alias {key!r} under both {seen_alias[key]} and {skill.id}")
            seen_alias[key] = skill.id
    if len(set(ids)) != len(ids):
        problems.append("duplicate skill ids")
    return problems
