"""Skills: the taxonomy (warehouse/reference/skills.toml), sections, the extractor and text facets."""

from flows.skills.extract import FACETS_BY_HASH, SKILL_SCHEMA, SkillExtractor
from flows.skills.taxonomy import Skill, Taxonomy, load_taxonomy

__all__ = ["FACETS_BY_HASH", "SKILL_SCHEMA", "Skill", "SkillExtractor", "Taxonomy", "load_taxonomy"]
