"""Skills: the taxonomy (warehouse/reference/skills.toml) and the one-pass extractor."""

from flows.skills.extract import SKILL_SCHEMA, SkillExtractor
from flows.skills.taxonomy import Skill, Taxonomy, load_taxonomy

__all__ = ["SKILL_SCHEMA", "Skill", "SkillExtractor", "Taxonomy", "load_taxonomy"]
