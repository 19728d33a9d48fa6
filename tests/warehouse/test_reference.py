"""Reference data (warehouse/reference/): the skills taxonomy and the guides' claims, tested like code.

The guide-dependent tests read ../shared/seeds in place (never copied) and skip when it is absent.
The alias matcher here mirrors flows/skills/extract.py (longest alias first, half word boundaries,
case-sensitive ``aliases_cs``) with Python's ``re`` so these tests do not depend on the extractor; one
test checks that the two agree.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "warehouse" / "reference"
SKILLS_FILE = REFERENCE / "skills.toml"
CLAIMS_FILE = REFERENCE / "claims.toml"
# The repo and shared/ sit side by side (/work/main and /work/shared here; CI clones the same way).
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

CATEGORIES = {
    "language", "ml-library", "data-tool", "database", "cloud", "cloud-ml", "mlops", "infra",
    "web", "business-software", "practice", "concept", "math", "soft-skill", "certification",
}
SKILL_KEYS = {
    "id", "name", "category", "aliases", "aliases_cs", "parent", "patterns", "ambiguous", "cues", "veto",
    "tacit", "defines_population",
}
# README "Tacit foundations": every maths area and soft skill is tacit; no named tool is.
ALWAYS_TACIT = {"math", "soft-skill"}
NEVER_TACIT = {
    "language", "ml-library", "cloud", "cloud-ml", "database", "infra", "mlops", "data-tool", "web", "business-software",
    "certification",
}
# README "Tacit foundations": the skills every ML-role job names by construction.
POPULATION_SKILLS = {"artificial-intelligence", "machine-learning"}
GUIDE_KEYS = {"doc", "title", "site", "year", "author"}
CLAIM_KEYS = {"claim_id", "point_id", "doc", "topic", "subjects", "stance", "quote", "test", "note", "segment", "reason"}
SKILL_ID = re.compile(r"^[a-z0-9][a-z0-9.+#-]*$")
CLAIM_ID = re.compile(r"^g\d{3}-[a-z0-9][a-z0-9.+#-]*$")
VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}\.\d+$")
# Stance -> the one threshold test it allows (README.md explains the numbers).
STANCE_TESTS = {
    "non-negotiable": (">=", 0.8), "essential": (">=", 0.5), "important": (">=", 0.25), "recommended": (">=", 0.1),
    "optional": ("<=", 1.0), "not-needed": ("<=", 0.1),
}
THRESHOLD_TEST = re.compile(r"^(?:each )?share (>=|<=) ([01](?:\.\d+)?)$")
COMPARISON_TEST = re.compile(r"^share\(([a-z0-9][a-z0-9.+#-]*)\) > share\(([a-z0-9][a-z0-9.+#-]*)\)$")
GROUP_TEST = re.compile(r"^share in (\S+) > share in (\S+)$")
MAX_QUOTE_WORDS = 25

# The skills the five guides name, as they spell them (case-sensitive substrings of the guides), each
# with the skill id(s) it must map to. Compiled by hand from a full reading of the guides.
GUIDE_TERMS: dict[str, str | tuple[str, ...]] = {
    # --- languages
    "Python": "python", "SQL": "sql", "R": "r", "C++": "c++", "Java": "java", "Scala": "scala",
    "Rust": "rust", "Julia": "julia",
    # --- ML libraries and frameworks
    "scikit-learn": "scikit-learn", "Scikit-learn": "scikit-learn", "TensorFlow": "tensorflow",
    "PyTorch": "pytorch", "Keras": "keras", "JAX": "jax", "XGBoost": "xgboost", "LightGBM": "lightgbm",
    "NumPy": "numpy", "Pandas": "pandas", "pandas": "pandas",
    "Hugging Face Transformers": "hf-transformers", "Hugging Face": "hugging-face",
    "Fast.ai": "fastai", "Triton": "triton-inference-server",  # "Triton/TensorRT: Model optimization and serving" "TensorRT": "tensorrt",
    # --- data tools
    "Spark": "spark", "Apache Spark": "spark", "Hadoop": "hadoop", "Airflow": "airflow", "dbt": "dbt",
    "Databricks": "databricks", "Workflow orchestration": "workflow-orchestration",
    "Jupyter notebook": "jupyter", "Matplotlib": "matplotlib",
    "Seaborn": "seaborn", "Plotly": "plotly",
    # --- databases
    "database": "databases",
    # --- cloud and cloud ML
    "AWS": "aws", "Amazon Web Services": "aws", "GCP": "gcp", "Google Cloud": "gcp",
    "Google Cloud Platform": "gcp", "Azure": "azure", "Microsoft Azure": "azure",
    "cloud computing": "cloud-computing", "Cloud Platforms": "cloud-computing",
    "Cloud services": "cloud-computing", "cloud environments": "cloud-computing",
    "cloud infrastructure": "cloud-computing",
    "AWS SageMaker": ("aws", "sagemaker"), "AWS Sagemaker": ("aws", "sagemaker"),
    "Google Vertex AI": "vertex-ai", "GCP Vertex AI": ("gcp", "vertex-ai"),
    "Google AI Platform": "vertex-ai", "Azure ML": "azure-ml", "Azure AI": "azure-ai",
    "cognitive services": "azure-ai", "Modal": "modal", "Replicate": "replicate",
    "OpenAI": "openai-api",
    # --- MLOps
    "MLOps": "mlops", "MLflow": "mlflow", "Weights & Biases": "weights-and-biases", "Kubeflow": "kubeflow",
    "DVC": "dvc", "Feast": "feast", "Tecton": "tecton", "Feature stores": "feature-store",
    "feature stores": "feature-store", "feature store": "feature-store", "TFX": "tfx",
    "TensorFlow Serving": "tf-serving", "model registries": "model-registry",
    "experiment tracking": "experiment-tracking", "data versioning": "data-versioning",
    "drift detection": "drift-detection", "model monitoring": "model-monitoring",
    "retraining": "model-retraining", "versioning": "model-versioning",
    "ML pipelines": "ml-pipelines", "training pipelines": "ml-pipelines", "LLM operations": "llmops",
    # --- infrastructure
    "Docker": "docker", "Kubernetes": "kubernetes", "containers": "containerization",
    "containerization": "containerization", "Ray": "ray", "GitHub": "github", "APIs": "apis",
    "REST APIs": "apis", "FastAPI": "fastapi", "Flask": "flask", "virtual environments": "virtual-environments",
    "ML infrastructure": "ml-infrastructure", "training infrastructure": "ml-infrastructure",
    # --- practices
    "A/B test": "ab-testing", "experimentation": "experimentation", "testing": "testing",
    "CI/CD": "ci-cd", "deployment automation": "ci-cd", "version control": "version-control",
    "standup": "scrum", "debugging": "debugging", "troubleshooting": "debugging",
    "package management": "package-management", "scripting": "scripting", "programming": "programming",
    "software engineering": "software-engineering", "production engineering": "production-engineering",
    "data structures": "dsa", "object-oriented design": "oop", "object-oriented programming": "oop",
    "ML system design": "system-design", "clean code": "clean-code", "documentation": "documentation",
    "READMEs": "documentation", "technical blog post": "technical-writing", "monitoring": "monitoring",
    "observability": "observability", "reproducibility": "reproducibility", "data quality": "data-quality",
    "data cleaning": "data-cleaning", "preprocessing": "data-cleaning",
    "data manipulation": "data-wrangling", "error analysis": "error-analysis", "ablations": "ablation-studies",
    "governance": "governance", "open-source": "open-source", "open source": "open-source",
    "Kaggle": "kaggle", "research papers": "research", "paper reading": "research",
    "Research Aptitude": "research", "arXiv": "research", "cybersecurity": "security",
    # --- ML / AI / data concepts
    "machine learning": "machine-learning", "ML": "machine-learning",
    "artificial intelligence": "artificial-intelligence", "AI": "artificial-intelligence",
    "deep learning": "deep-learning", "generative AI": "generative-ai", "NLP": "nlp",
    "computer vision": "computer-vision", "large language model": "llm",
    "ChatGPT": "gpt", "GPT-4": "gpt", "BERT": "bert", "fine-tuning": "fine-tuning", "Fine-tune": "fine-tuning",
    "Pre-trained models": "pretraining", "Transformers": "transformers", "transformers": "transformers",
    "supervised learning": "supervised-learning", "Supervised Learning": "supervised-learning",
    "unsupervised learning": "unsupervised-learning", "Reinforcement Learning": "reinforcement-learning",
    "reinforcement learning": "reinforcement-learning", "regression": "regression",
    "classification": "classification", "classifier": "classification", "clustering": "clustering",
    "dimensionality reduction": "dimensionality-reduction", "Linear regression": "linear-regression",
    "logistic regression": "logistic-regression", "decision trees": "decision-trees",
    "random forests": "random-forests", "gradient boosting": "gradient-boosting", "ensembles": "ensemble-methods",
    "SVMs": "svm", "K-Means": "k-means", "neural networks": "neural-networks", "CNNs": "cnn",
    "convolutional networks": "cnn", "RNNs": "rnn", "LSTMs": "lstm", "backpropagation": "backpropagation",
    "loss functions": "loss-functions", "batch norm": "normalization-layers", "layer norm": "normalization-layers",
    "Overfitting": "overfitting", "regularization": "regularization",
    "bias-variance tradeoffs": "bias-variance", "calibration": "calibration",
    "model interpretability": "interpretability", "hyperparameter tuning": "hyperparameter-tuning",
    "tuning hyperparameters": "hyperparameter-tuning", "feature engineering": "feature-engineering",
    "feature pipelines": "feature-engineering", "model selection": "model-selection",
    "cross-validation": "cross-validation", "validation strategies": "cross-validation",
    "leakage": "data-leakage", "model evaluation": "model-evaluation", "offline metrics": "model-evaluation",
    "evaluation metrics": "evaluation-metrics", "F1-score": "evaluation-metrics", "ROC-AUC": "evaluation-metrics",
    "large-model evaluation": "evals", "evaluation frameworks": "evals",
    "recommendation systems": "recommender-systems", "recommendation system": "recommender-systems",
    "recommendation engine": "recommender-systems", "ranking": "search-ranking",
    "search ranking": "search-ranking", "personalization": "personalization",
    "anomaly detection": "anomaly-detection", "fraud detection": "fraud-detection",
    "forecasting": "forecasting", "time-series analysis": "time-series",
    "sentiment analysis": "sentiment-analysis", "image classification": "image-classification",
    "Image recognition": "image-classification", "chatbots": "chatbots", "medical imaging": "medical-imaging",
    "multimodal systems": "multimodal", "distributed training": "distributed-training",
    "training at scale": "distributed-training", "distributed systems": "distributed-systems",
    "model serving": "model-serving", "inference": "model-serving", "real-time inference": "real-time-inference",
    "model deployment": "model-deployment",
    "model optimization": "inference-optimization", "inference latency": "inference-optimization",
    "cost-aware inference": "inference-optimization", "edge deployment": "edge-ai", "edge AI": "edge-ai",
    "embedded systems": "embedded-systems", "Internet of Things": "iot", "IoT": "iot",
    "robotics": "robotics", "self-driving cars": "autonomous-driving",
    "autonomous vehicles": "autonomous-driving", "data pipelines": "data-pipelines", "ETL": "etl",
    "Data transformation": "etl", "data ingestion": "data-ingestion", "data engineering": "data-engineering",
    "data science": "data-science", "data analysis": "data-analysis", "Visualization": "data-visualization",
    "Big Data": "big-data", "large datasets": "big-data", "predictive modeling": "predictive-modeling",
    "data-centric development": "data-centric-ai", "responsible AI": "responsible-ai",
    "privacy-aware ML": "privacy-preserving-ml", "drug discovery": "drug-discovery",
    "risk modeling": "risk-modeling", "predictive maintenance": "predictive-maintenance",
    "computational complexity": "computational-complexity", "memory management": "memory-management",
    "systems programming": "systems-programming", "domain knowledge": "domain-knowledge",
    # --- math
    "mathematics": "mathematics", "math": "mathematics", "statistics": "statistics", "Stats": "statistics",
    "probability": "probability", "Probability": "probability", "linear algebra": "linear-algebra",
    "Linear Algebra": "linear-algebra", "eigenvalues": "linear-algebra", "calculus": "calculus",
    "chain rule": "calculus", "optimization": "optimization", "Gradient descent": "gradient-descent",
    "Bayes' theorem": "bayesian-statistics", "Bayesian methods": "bayesian-statistics",
    "hypothesis testing": "hypothesis-testing",
    # --- soft skills
    "communication": "communication", "Communication": "communication", "collaboration": "collaboration",
    "Problem-solving": "problem-solving", "Problem Solving": "problem-solving",
    "stakeholder communication": "stakeholder-management", "stakeholder management": "stakeholder-management",
    "technical leadership": "leadership", "tech lead": "leadership", "mentorship": "mentoring",
    "Continuous Learning": "continuous-learning", "quantitative reasoning": "critical-thinking",
    "reasoning skills": "critical-thinking", "team dynamics": "people-management",
    "cross-functional": "cross-functional", "ownership": "ownership", "conference talks": "presentation-skills",
    # --- certifications (a named one rolls up to its platform through `parent`)
    "AWS Certified Machine Learning Engineer": "aws-ml-engineer-associate",
    "AWS Machine Learning Specialty": "aws-ml-specialty",
    "Google Cloud Professional Machine Learning Engineer": "gcp-ml-engineer",
    "Google Professional ML Engineer": "gcp-ml-engineer",
    "Azure AI Engineer Associate": "azure-ai-engineer",
    "TensorFlow Developer Certificate": "tensorflow-developer-certificate",
    "Databricks ML Associate": "databricks-ml-certification",
    "Microsoft Certified": "certification", "certifications": "certification", "Certifications": "certification",
    "Certification": "certification", "cloud certifications": "certification",
    "machine learning certification": ("machine-learning", "certification"),
}

# Terms the guides name that we judged not to be skills (or not safely matchable), and why.
NOT_SKILLS: dict[str, str] = {
    "CV": "'Computer vision' in 003, but CV usually means a resume in postings; 'computer vision' is the alias",
    "recommendations": "too generic ('make recommendations'); recommender-system phrasings are aliased",
    "algorithms": "'ML algorithms' vs CS algorithms is ambiguous; 'data structures and algorithms' is aliased",
    "orchestration": "container vs workflow orchestration is ambiguous; tools (Kubernetes, Airflow) are matched",
    "attention": "'attention to detail'; 'attention mechanism(s)' is aliased",
    "translation": "'prototype-to-product translation' in 000; 'machine translation' is aliased",
    "accuracy": "ordinary word; F1, ROC-AUC and 'evaluation metrics' are aliased",
    "precision": "ordinary word; 'precision and recall' is aliased",
    "recall": "ordinary word; 'precision and recall' is aliased",
    "Derivatives": "finance sense dominates; calculus covers it",
    "Distributions": "Linux distributions; 'probability distributions' is aliased",
    "Matrices": "sub-topic of linear algebra, generic word",
    "vectors": "clashes with vector databases/search; sub-topic of linear algebra",
    "dot products": "sub-topic of linear algebra",
    "latency": "a quality attribute; 'inference latency' is aliased",
    "throughput": "a quality attribute",
    "scalability": "a quality attribute",
    "infrastructure": "too generic; 'ML infrastructure', 'cloud infrastructure' are aliased",
    "supervised": "'supervised and unsupervised learning' (000); bare 'supervised' is an ordinary word",
    "trees": "ordinary word; 'decision trees' is aliased",
    "metrics": "ordinary word; 'evaluation metrics', 'offline metrics' are aliased",
    "Computer Science": "a degree field: it would measure degree requirements, not a skill",
    "electrical engineering": "a degree field",
    "LeetCode": "an interview-practice site, not a skill postings ask for",
    "HackerRank": "an interview-practice site",
    "Coursera": "a course provider (likewise edX, Udacity, Udemy, DataCamp, Springboard)",
    "MNIST": "a toy data set",
    "LinkedIn": "a networking site",
    "Medium": "a blogging site",
    "certificates": "bare 'certificate(s)' is mostly TLS or borrowing-base certificates in postings; named ones are aliased",
    "graduate certificates": "an academic credential, like a degree, not a certification a posting asks for",
    "Google DeepMind": "an employer (likewise Meta AI)",
    "healthcare": "an industry, not a skill (likewise finance, e-commerce, manufacturing)",
    "networking": "career networking in 004, not computer networking",
}

# Ordinary posting phrases built from words that are also skill names: none may match a skill.
ORDINARY_PHRASES = [
    "You will excel in a fast-paced team and spark new ideas.",
    "We go the extra mile; a ray of hope for the rust belt.",
    "Help us replicate results, react quickly and make swift decisions at the helm.",
    "Open the modal dialog. The bedrock of our culture is a feast of ideas, evidently.",
    "Carry the torch for the hive mind; we stand on guard rails and rails of trust.",
    "Singapore salary range: SGD 120,000. Lambda functions, glue code and a beam of light.",
    "Pay attention to accuracy and precision; recall our search recommendations.",
    "X-ray images, agent of change, an algorithm, the vertex of a graph.",
]

# Phrases whose skills are known exactly: symbols, case, and longer aliases absorbing shorter ones.
PHRASE_SKILLS = {
    "Experience with C++17, C# and CUDA": {"c++", "c#", "cuda"},
    "Python, R, SQL or Julia": {"python", "r", "sql", "julia"},
    "Golang or Rust": {"go", "rust"},
    "JavaScript and Java": {"javascript", "java"},
    "AWS SageMaker and Azure ML": {"aws", "sagemaker", "azure-ml"},
    "PySpark and Spark SQL": {"pyspark", "spark", "sql"},
    "Hugging Face Transformers": {"hf-transformers"},
    "regression testing and unit tests": {"testing"},
    "Faster R-CNN": {"cnn"},
    "our R&D team": {"research"},
    "present to C-suite executives": {"stakeholder-management"},
    "Objective-C": {"objective-c"},
    "cutting-edge AI": {"artificial-intelligence"},
    "multi-modal models": {"multimodal"},
    "statistical inference and causal inference": {"statistics", "causal-inference"},
    "CI/CD and A/B testing with W&B": {"ci-cd", "ab-testing", "weights-and-biases"},
    "Node.js and .NET": {"nodejs", "dotnet"},
    "distributed training on Ray": {"distributed-training", "ray"},
}


# --------------------------------------------------------------------------------------------------
# Loading and matching


@cache
def skills_data() -> dict:
    with SKILLS_FILE.open("rb") as handle:
        return tomllib.load(handle)


@cache
def claims_data() -> dict:
    with CLAIMS_FILE.open("rb") as handle:
        return tomllib.load(handle)


def skills() -> list[dict]:
    return skills_data()["skill"]


def skill_ids() -> set[str]:
    return {s["id"] for s in skills()}


def fold(alias: str) -> str:
    return " ".join(alias.casefold().split())


def collapse(text: str) -> str:
    return " ".join(text.split())


class Matcher:
    """A plain dictionary matcher with ``re`` (one alternation, longest alias first, whole words): does
    the taxonomy *name* each guide term? The project extractor adds sections, phrase rules and
    ambiguity checks on top (tests/skills/)."""

    def __init__(self, entries: list[dict]) -> None:
        self.ci: dict[str, str] = {}
        self.cs: dict[str, str] = {}
        parts: list[tuple[int, str]] = []
        for skill in entries:
            for alias in skill.get("aliases", []):
                self.ci[fold(alias)] = skill["id"]
                parts.append((len(alias), self._pattern(alias)))
            for alias in skill.get("aliases_cs", []):
                self.cs[collapse(alias)] = skill["id"]
                parts.append((len(alias), f"(?-i:{self._pattern(alias)})"))
        parts.sort(key=lambda part: -part[0])
        # \b{start-half} = no word character before; \b{end-half} = none after.
        self.regex = re.compile(r"(?<!\w)(?:" + "|".join(p for _, p in parts) + r")(?!\w)", re.IGNORECASE)

    @staticmethod
    def _pattern(alias: str) -> str:
        return r"\s+".join(re.escape(word) for word in alias.split())

    def skills_in(self, text: str) -> set[str]:
        found = set()
        for match in self.regex.finditer(text):
            skill = self.cs.get(collapse(match.group())) or self.ci.get(fold(match.group()))
            if skill:
                found.add(skill)
        return found


@cache
def matcher() -> Matcher:
    return Matcher(skills())


@cache
def guide_texts() -> dict[str, str]:
    """Seed file name -> whitespace-collapsed text; skips the test when ../shared/seeds is absent."""
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(f"../shared/seeds is not at {SEEDS}: the guide checks need the five guide captures (CI has them)")
    return {path.name: collapse(path.read_text(encoding="utf-8")) for path in files}


# --------------------------------------------------------------------------------------------------
# skills.toml


def test_skills_file_parses_and_is_versioned():
    data = skills_data()
    assert VERSION.match(str(data.get("version", ""))), "top-level version must look like 2026-11-23.1"
    assert isinstance(data.get("skill"), list) and data["skill"]
    for skill in skills():
        assert set(skill) <= SKILL_KEYS, f"{skill.get('id')}: unknown keys {set(skill) - SKILL_KEYS}"
        assert {"id", "name", "category", "aliases"} <= set(skill), f"{skill.get('id')}: missing keys"
        assert isinstance(skill["name"], str) and skill["name"].strip()
        assert isinstance(skill["aliases"], list) and isinstance(skill.get("aliases_cs", []), list)
        assert isinstance(skill.get("parent", ""), str)


def test_at_least_250_skills():
    assert len(skills()) >= 250


def test_ids_are_unique_and_well_formed():
    ids = [s["id"] for s in skills()]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"
    bad = [i for i in ids if not SKILL_ID.match(i)]
    assert not bad, f"ids must be lowercase [a-z0-9] and - . + # only: {bad}"


def test_categories_are_allowed():
    bad = {s["id"]: s["category"] for s in skills() if s["category"] not in CATEGORIES}
    assert not bad, f"unknown categories: {bad}"
    assert {s["category"] for s in skills()} == CATEGORIES, "every category should hold skills"


def test_aliases_are_clean():
    for skill in skills():
        aliases, aliases_cs = skill["aliases"], skill.get("aliases_cs", [])
        assert aliases or aliases_cs, f"{skill['id']}: no aliases"
        for alias in aliases + aliases_cs:
            assert isinstance(alias, str) and alias == alias.strip() and alias, f"{skill['id']}: alias {alias!r}"
            assert collapse(alias) == alias, f"{skill['id']}: alias {alias!r} has repeated whitespace"
        lowered = [a for a in aliases if a != a.lower()]
        assert not lowered, f"{skill['id']}: write case-insensitive aliases in lowercase: {lowered}"
        assert len({fold(a) for a in aliases}) == len(aliases), f"{skill['id']}: repeated alias"


def test_no_alias_under_two_skills():
    owner: dict[str, str] = {}
    clashes = []
    for skill in skills():
        for alias in skill["aliases"]:
            key = fold(alias)
            if owner.setdefault(key, skill["id"]) != skill["id"]:
                clashes.append(f"{alias!r}: {owner[key]} and {skill['id']}")
    cs_owner: dict[str, str] = {}
    for skill in skills():
        for alias in skill.get("aliases_cs", []):
            if cs_owner.setdefault(alias, skill["id"]) != skill["id"]:
                clashes.append(f"{alias!r} (case-sensitive): {cs_owner[alias]} and {skill['id']}")
            # A case-insensitive alias of another skill would match the same text.
            if owner.get(fold(alias), skill["id"]) != skill["id"]:
                clashes.append(f"{alias!r} (case-sensitive) in {skill['id']} vs case-insensitive in {owner[fold(alias)]}")
    assert not clashes, "aliases under two skills:\n" + "\n".join(clashes)


def test_parents_exist_and_do_not_cycle():
    parents = {s["id"]: s.get("parent") or None for s in skills()}
    missing = {child: parent for child, parent in parents.items() if parent and parent not in parents}
    assert not missing, f"unknown parents: {missing}"
    for start in parents:
        seen, current = {start}, parents[start]
        while current:
            assert current not in seen, f"parent cycle through {start}"
            seen.add(current)
            current = parents[current]


def test_flags_are_booleans():
    for skill in skills():
        for flag in ("tacit", "defines_population"):
            assert isinstance(skill.get(flag, False), bool), f"{skill['id']}: {flag} must be true or false"


def test_tacit_foundations_follow_the_rule():
    """README "Tacit foundations": maths areas and soft skills are tacit; languages, libraries,
    platforms, databases, infrastructure, MLOps and data tools, and certifications, never."""
    untacit = sorted(s["id"] for s in skills() if s["category"] in ALWAYS_TACIT and not s.get("tacit"))
    assert not untacit, f"maths areas and soft skills are tacit: {untacit}"
    listable = sorted(s["id"] for s in skills() if s["category"] in NEVER_TACIT and s.get("tacit"))
    assert not listable, f"named tools and certifications are never tacit: {listable}"


def test_population_skills():
    """Only machine learning and AI define the population; being named by construction, they are not tacit."""
    flagged = {s["id"] for s in skills() if s.get("defines_population")}
    assert flagged == POPULATION_SKILLS
    assert not [s["id"] for s in skills() if s["id"] in POPULATION_SKILLS and s.get("tacit")]


def test_taxonomy_loads_with_the_project_loader():
    taxonomy_module = pytest.importorskip("flows.skills.taxonomy")
    taxonomy = taxonomy_module.load_taxonomy(SKILLS_FILE)
    assert taxonomy.version == skills_data()["version"]
    assert len(taxonomy.skills) == len(skills())
    loaded = {s.id: s for s in taxonomy.skills}
    for skill in skills():
        assert loaded[skill["id"]].tacit is skill.get("tacit", False)
        assert loaded[skill["id"]].defines_population is skill.get("defines_population", False)
    bad = [problem for problem in taxonomy_module.validate(
        taxonomy_module.Taxonomy("t", (taxonomy_module.Skill("x", "X", "math", ("x",), tacit="yes"),)))]
    assert bad and "tacit must be true or false" in bad[0]


# --------------------------------------------------------------------------------------------------
# Matching: the guides' terms are covered, ordinary words are not


def test_guide_terms_are_matched_by_their_skills():
    unknown = {term: ids for term, ids in GUIDE_TERMS.items() if not set(as_tuple(ids)) <= skill_ids()}
    assert not unknown, f"GUIDE_TERMS name skills that do not exist: {unknown}"
    missed = {}
    for term, ids in GUIDE_TERMS.items():
        found = matcher().skills_in(term)
        if not set(as_tuple(ids)) <= found:
            missed[term] = (as_tuple(ids), sorted(found))
    assert not missed, f"guide terms not matched by the expected skill (expected, found): {missed}"


def test_guide_terms_are_spelled_as_in_the_guides():
    corpus = "\n".join(guide_texts().values())
    absent = [term for term in list(GUIDE_TERMS) + list(NOT_SKILLS) if term not in corpus]
    assert not absent, f"terms not found verbatim (case-sensitive) in any guide: {absent}"
    assert not set(GUIDE_TERMS) & set(NOT_SKILLS)


def test_every_guide_is_covered():
    """Each guide contributes to GUIDE_TERMS, and matching each whole guide finds its terms' skills."""
    for doc, text in guide_texts().items():
        terms = [term for term in GUIDE_TERMS if term in text]
        assert len(terms) >= 20, f"{doc}: only {len(terms)} guide terms"
        found = matcher().skills_in(text)
        assert {"python", "machine-learning"} <= found, doc


def test_ordinary_phrases_match_no_skill():
    for phrase in ORDINARY_PHRASES:
        assert matcher().skills_in(phrase) == set(), phrase


@pytest.mark.parametrize("phrase", sorted(PHRASE_SKILLS))
def test_phrases_match_exactly_their_skills(phrase):
    assert matcher().skills_in(phrase) == PHRASE_SKILLS[phrase]


def as_tuple(ids: str | tuple[str, ...]) -> tuple[str, ...]:
    return (ids,) if isinstance(ids, str) else ids


# --------------------------------------------------------------------------------------------------
# claims.toml


def guides() -> list[dict]:
    return claims_data()["guide"]


def claims() -> list[dict]:
    return claims_data()["claim"]


def test_claims_file_parses():
    assert guides() and claims()
    for guide in guides():
        assert set(guide) <= GUIDE_KEYS and {"doc", "title", "site", "year"} <= set(guide), guide
        assert isinstance(guide["year"], int) and (guide["year"] == 0 or 1990 <= guide["year"] <= 2100)
        assert guide["title"].strip()
    for claim in claims():
        assert set(claim) <= CLAIM_KEYS, f"{claim.get('claim_id')}: unknown keys {set(claim) - CLAIM_KEYS}"


def test_claims_follow_the_grammar():
    """Ids, docs, topics, subjects, stances, tests and segments (warehouse/reference.py checks them all)."""
    reference = pytest.importorskip("warehouse.reference")
    problems = reference.claim_problems(claims_data(), skill_ids())
    assert not problems, "\n".join(problems)


def test_claims_cover_every_guide():
    """Issue #5, narrowed by #12 to one claim per point: at least 15 points per guide, most testable; a
    withdrawn id is never reused and says why."""
    for guide in guides():
        points = {c["point_id"] for c in claims() if c["doc"] == guide["doc"]}
        assert len(points) >= 15, f"{guide['doc']}: only {len(points)} points"
    withdrawn = claims_data().get("withdrawn", [])
    assert all(w["reason"].strip() for w in withdrawn)
    assert not {w["claim_id"] for w in withdrawn} & {c["claim_id"] for c in claims()}
    untestable = [c for c in claims() if c["test"] == "untestable"]
    assert len(untestable) <= len(claims()) // 5, "most claims should be testable"


def test_claim_ids_are_unique_and_name_their_guide():
    ids = [c["claim_id"] for c in claims()]
    assert len(set(ids)) == len(ids), "duplicate claim_id"
    for claim in claims():
        assert CLAIM_ID.match(claim["claim_id"]), claim["claim_id"]
        assert claim["claim_id"][1:4] == claim["doc"][:3], f"{claim['claim_id']} is not numbered after {claim['doc']}"


def test_share_claims_test_their_stance_threshold():
    """An independent reading of README.md's table: the stance fixes the threshold."""
    for claim in claims():
        stance, test = claim["stance"], claim["test"]
        if test == "untestable":
            continue
        if stance == "comparison":
            if match := GROUP_TEST.match(test):
                assert match.group(1) != match.group(2), claim["claim_id"]
                continue
            match = COMPARISON_TEST.match(test)
            assert match, f"{claim['claim_id']}: a comparison tests 'share(a) > share(b)', not {test!r}"
            assert match.group(1) != match.group(2) and {*match.groups()} <= set(claim["subjects"]), claim["claim_id"]
        elif stance == "trend":
            assert test in ("share rising", "share falling"), f"{claim['claim_id']}: a trend is 'share rising|falling'"
        elif stance == "figure":
            assert test.startswith("median "), f"{claim['claim_id']}: a figure claim tests a median"
        else:
            match = THRESHOLD_TEST.match(test)
            assert match, f"{claim['claim_id']}: expected '[each ]share >= X' or '[each ]share <= X', not {test!r}"
            assert (match.group(1), float(match.group(2))) == STANCE_TESTS[stance], (
                f"{claim['claim_id']}: stance {stance} means 'share {STANCE_TESTS[stance]}', not {test!r}"
            )


def test_guide_mentions_are_current():
    """reference/guide_mentions.csv is what `jobtrends claims mentions` writes from the guides today
    (rerun it after changing the taxonomy)."""
    guide_texts()  # skips without ../shared/seeds
    from flows.claims_cli import guide_mentions, mentions_csv

    stored = (REFERENCE / "guide_mentions.csv").read_text(encoding="utf-8")
    assert mentions_csv(guide_mentions(SEEDS)) == stored, "run `uv run jobtrends claims mentions` and commit the file"


def test_claims_are_read_by_the_project_loader():
    reference = pytest.importorskip("warehouse.reference")
    loaded_guides, loaded_claims = reference.load_claims(CLAIMS_FILE)
    assert len(loaded_guides) == len(guides()) and len(loaded_claims) == len(claims())


def test_quotes_are_at_most_25_words():
    for claim in claims():
        words = len(claim["quote"].split())
        assert 0 < words <= MAX_QUOTE_WORDS, f"{claim['claim_id']}: {words} words"


def test_quotes_are_verbatim_in_their_guide():
    texts = guide_texts()
    for guide in guides():
        assert guide["doc"] in texts, f"{guide['doc']} is not in {SEEDS}"
    for claim in claims():
        assert collapse(claim["quote"]) in texts[claim["doc"]], f"{claim['claim_id']}: quote not verbatim"


def test_the_registry_names_what_the_extractor_produces():
    """warehouse/reference.py keeps its own copies of these lists (importing the extractor would cost every
    `jobtrends claims` call ~2 s of start-up); they must not drift from the code that produces the values."""
    reference = pytest.importorskip("warehouse.reference")
    from flows.normalize.titles import ROLE_FAMILIES
    from flows.skills.facets import DEGREE_FIELDS
    from flows.skills.taxonomy import CATEGORIES

    assert reference.SKILL_CATEGORIES == CATEGORIES
    assert reference.DEGREE_FIELDS == DEGREE_FIELDS
    assert set(reference.ROLE_FAMILIES) == set(ROLE_FAMILIES) - {"other"}
