"""Regenerates the bundled replay SAMPLE deterministically: ``python crawlers/replay/sample/build_sample.py``.

Everything in this folder (the dated snapshot folders, their ``robots.txt`` and the README) is written
from the data below: invented companies, invented postings, invented text, shaped like the public
Greenhouse, Lever and Ashby job-board API responses, the Hacker News Firebase API ("Who is hiring?"
threads), the Remote OK and Remotive APIs and a schema.org JSON-LD career site. There is no randomness: ids are uuid5 / arithmetic
on fixed keys and the few "jittered" values (seconds, milliseconds) come from a SHA-256 of fixed keys,
so running the script again reproduces every file byte for byte.

    python crawlers/replay/sample/build_sample.py          # rewrite the files, print the summary
    python crawlers/replay/sample/build_sample.py --check  # fail if the files on disk differ

Only the files this script knows are written; nothing else in the folder is touched or removed.
"""

from __future__ import annotations

import argparse
import re
import hashlib
import html
import json
import sys
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent

SNAPSHOTS = ["2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"]
ROBOTS = "User-agent: *\nAllow: /\n"
NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://jobtrends.invalid/replay-sample")


def _h(*parts: object) -> int:
    """A stable integer from fixed keys (used for seconds / milliseconds jitter and ids)."""
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:8], "big")


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(NS, "/".join(map(str, parts))))


# --- time zones (rules for 2026 written out, so the output does not depend on the tz database) -----

def _offset(tz: str, utc: datetime) -> timedelta:
    if tz == "America/New_York":  # EDT from 2026-03-08 07:00Z to 2026-11-01 06:00Z
        dst = datetime(2026, 3, 8, 7, tzinfo=timezone.utc) <= utc < datetime(2026, 11, 1, 6, tzinfo=timezone.utc)
        return timedelta(hours=-4 if dst else -5)
    if tz == "Europe/London":  # BST from 2026-03-29 01:00Z to 2026-10-25 01:00Z
        dst = datetime(2026, 3, 29, 1, tzinfo=timezone.utc) <= utc < datetime(2026, 10, 25, 1, tzinfo=timezone.utc)
        return timedelta(hours=1 if dst else 0)
    raise ValueError(tz)


def gh_time(utc: datetime, tz: str) -> str:
    """Greenhouse style: local time with offset, no fraction (``2026-07-17T08:48:22-04:00``)."""
    return utc.astimezone(timezone(_offset(tz, utc))).isoformat(timespec="seconds")


def ashby_time(utc: datetime, key: str) -> str:
    """Ashby style: UTC with milliseconds (``2025-09-10T13:45:28.557+00:00``)."""
    ms = _h("ms", key) % 1000
    return utc.strftime("%Y-%m-%dT%H:%M:%S") + f".{ms:03d}+00:00"


def lever_time(utc: datetime, key: str) -> int:
    """Lever style: epoch milliseconds."""
    return int(utc.timestamp()) * 1000 + _h("ms", key) % 1000


# --- the data model ---------------------------------------------------------------------------------

@dataclass
class Salary:
    currency: str  # USD GBP EUR CAD
    min: int
    max: int
    interval: str = "year"  # year | hour
    note: str | None = None  # extra pay text (commission, OTE...)


@dataclass
class Company:
    ats: str
    token: str
    name: str
    about: list[str]
    benefits: list[str]
    eeo: str
    headings: dict[str, str]
    tz: str = "America/New_York"
    pay_note: str = ""
    extras: dict[str, object] = field(default_factory=dict)


@dataclass
class Posting:
    board: str
    key: str
    title: str
    team: str
    location: str
    country: str  # ISO 3166 alpha-2
    workplace: str  # remote | hybrid | onsite | unspecified
    weeks: tuple[int, int]  # first and last snapshot (1-based, inclusive)
    published: str  # UTC, "YYYY-MM-DD HH:MM"
    intro: list[str]
    do: list[str]
    need: list[str]
    nice: list[str]
    salary: Salary | None = None
    ml: bool = True
    employment: str = "FullTime"  # FullTime | Intern | Contract
    department: str | None = None
    edits: dict[int, dict[str, object]] = field(default_factory=dict)  # from week -> changed fields
    edited_at: str | None = None  # UTC of the edit (Greenhouse updated_at from then on)
    extra: dict[str, object] = field(default_factory=dict)

    def version(self, week: int) -> "Posting":
        """The posting as served in snapshot *week* (applies the edits made up to then)."""
        fields = {}
        for since in sorted(self.edits):
            if week >= since:
                fields.update(self.edits[since])
        if not fields:
            return self
        return Posting(**{**self.__dict__, **fields, "edits": {}})

    @property
    def published_utc(self) -> datetime:
        base = datetime.strptime(self.published, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)
        return base + timedelta(seconds=_h("s", self.board, self.key) % 60)

    def in_week(self, week: int) -> bool:
        return self.weeks[0] <= week <= self.weeks[1]


# =====================================================================================================
# Companies (all invented)
# =====================================================================================================

COMPANIES: dict[str, Company] = {}


def _company(c: Company) -> None:
    COMPANIES[c.token] = c


_company(Company(
    ats="greenhouse", token="lumenforge", name="Lumenforge Labs",
    about=[
        "Lumenforge Labs builds the retrieval and inference layer that lets large organisations put "
        "language models to work on their own documents. Our platform indexes contracts, manuals and "
        "support histories, answers questions with citations, and runs inside infrastructure our "
        "customers control.",
        "We are about 140 people across San Francisco, New York and Toronto, funded by long-horizon "
        "investors and profitable on our core product.",
    ],
    benefits=[
        "Medical, dental and vision coverage for you and your dependents, with employee premiums fully covered",
        "Meaningful equity in a growing company",
        "401(k) with a 4% match (RRSP matching in Canada)",
        "Flexible time off with a 15-day minimum that we actually track",
        "A $1,500 yearly learning budget for courses, books and conferences",
        "20 weeks of paid parental leave for all parents",
    ],
    eeo="Lumenforge Labs is an equal opportunity employer. We welcome applicants of every race, colour, "
        "religion, sex, sexual orientation, gender identity, national origin, age, disability or veteran "
        "status, and we provide reasonable accommodations throughout our hiring process.",
    headings={"role": "About the role", "do": "What you'll do", "need": "What you'll bring",
              "nice": "Nice to have", "benefits": "What we offer"},
    tz="America/New_York",
    pay_note="The range below is the base salary we expect to offer for this role in the listed location. "
             "Final offers depend on level, skills and experience; total compensation also includes equity "
             "and benefits.",
    extras={"id_base": 5402100, "id_step": 2917, "id_suffix": "003", "internal_base": 4107300,
            "req_prefix": "LF-", "req_base": 1040},
))

_company(Company(
    ats="greenhouse", token="quillmetric", name="Quillmetric",
    about=[
        "Quillmetric helps lenders across Europe decide faster and more fairly. Our risk and fraud models "
        "score millions of credit applications and card transactions every day for banks, "
        "buy-now-pay-later providers and building societies.",
        "Founded in London in 2019, we now have around 220 people in London, Berlin and Bengaluru.",
    ],
    benefits=[
        "25 days of annual leave plus public holidays, and your birthday off",
        "Private medical insurance and an employee assistance programme",
        "Pension contributions of 6% with salary sacrifice",
        "Hybrid working: two days a week in the office, plus up to four weeks a year working from anywhere",
        "Share options for every permanent employee",
        "A personal development budget of £1,000 (€1,200 in Germany, ₹80,000 in India)",
    ],
    eeo="Quillmetric is committed to equal opportunities. We do not discriminate on the basis of age, "
        "disability, gender reassignment, marriage or civil partnership, pregnancy or maternity, race, "
        "religion or belief, sex or sexual orientation. If you need any adjustments during the process, "
        "tell your recruiter and we will make them.",
    headings={"role": "The role", "do": "Responsibilities", "need": "Requirements",
              "nice": "Preferred qualifications", "benefits": "Benefits"},
    tz="Europe/London",
    pay_note="Quillmetric publishes a salary band for every role. Where you land in the band depends on "
             "the experience you bring; the band does not include share options or benefits.",
    extras={"id_base": 7130400, "id_step": 3331, "id_suffix": "008", "internal_base": 6021900,
            "req_prefix": "QM", "req_base": 310, "custom_url": "https://quillmetric.example/careers/open-roles?gh_jid="},
))

_company(Company(
    ats="lever", token="harborlight", name="Harborlight Health",
    about=[
        "Harborlight Health builds clinical AI that gives nurses and physicians their time back. Our "
        "ambient documentation and triage tools are used in more than 90 hospitals across the United "
        "States and Canada, where they draft visit notes, flag deteriorating patients and route "
        "messages to the right care team.",
        "We are a Boston-based company of roughly 180 people, and practising clinicians review our work at "
        "every step.",
    ],
    benefits=[
        "Comprehensive medical, dental and vision plans, with HSA contributions",
        "401(k) with a 5% company match",
        "Equity for all full-time employees",
        "16 weeks of paid parental leave",
        "A home-office stipend for remote employees and commuter benefits for office-based staff",
        "An annual wellness and learning allowance of $2,000",
    ],
    eeo="Harborlight Health is an equal opportunity employer and does not discriminate on the basis of "
        "race, color, religion, sex, sexual orientation, gender identity, national origin, age, "
        "disability, genetic information, veteran status or any other protected characteristic. "
        "Candidates who need an accommodation during the interview process can write to "
        "accommodations@harborlight.example.",
    headings={"about": "About Harborlight", "role": "The Role", "do": "What you'll do",
              "need": "What we're looking for", "nice": "Bonus points", "benefits": "Benefits"},
))

_company(Company(
    ats="lever", token="tessellar", name="Tessellar",
    about=[
        "Tessellar turns satellite and aerial imagery into maps that stay current. Our models detect "
        "buildings, roads, crops and construction activity across whole continents, and insurers, "
        "logistics companies and public agencies use the results to plan, price risk and respond to "
        "disasters.",
        "We are headquartered in Munich, with engineering teams in Bengaluru and London and a commercial "
        "office in Austin.",
    ],
    benefits=[
        "30 days of paid vacation (or the local equivalent)",
        "Company pension scheme and virtual stock options",
        "Hybrid work with flexible hours and up to 30 days a year of working abroad",
        "Germany: Deutschlandticket and a subsidised gym membership; India: health cover for you, your "
        "spouse and your parents",
        "A yearly conference budget and dedicated learning time every other Friday",
    ],
    eeo="Tessellar is an equal opportunity employer. Applications are assessed on skills and potential "
        "alone, whatever your ethnicity, gender, religion, age, disability, sexual identity or "
        "nationality.",
    headings={"about": "Who we are", "role": "Your mission", "do": "Your responsibilities",
              "need": "Your profile", "nice": "Nice to have", "benefits": "What we offer"},
))

_company(Company(
    ats="ashby", token="fernwave", name="Fernwave",
    about=[
        "Fernwave builds voice agents that answer the phone for utilities, airlines and healthcare "
        "providers. Our speech and language models hold natural conversations, resolve routine requests "
        "end to end and hand complex calls to people with a full summary.",
        "We are remote-first, with a hub in New York, and backed by leading seed and Series B investors.",
    ],
    benefits=[
        "Competitive salary and equity",
        "Medical, dental and vision insurance with 100% of premiums covered for employees",
        "Unlimited PTO with a recommended minimum of four weeks",
        "A $2,000 home-office setup budget and a monthly internet stipend",
        "Twice-yearly company offsites",
    ],
    eeo="Fernwave is proud to be an equal opportunity employer. We do not discriminate based on race, "
        "religion, color, national origin, sex, sexual orientation, gender identity, age, veteran status "
        "or disability.",
    headings={"about": "About Fernwave", "role": "The role", "do": "What you'll do",
              "need": "What you'll need", "nice": "Nice to have", "benefits": "Benefits"},
    extras={"style": "h2", "workplace_key": True, "comp_extra": "Equity"},
))

_company(Company(
    ats="ashby", token="cobaltgrid", name="Cobalt Grid",
    about=[
        "Cobalt Grid forecasts electricity demand and renewable generation for utilities and grid "
        "operators. Our models predict load and solar and wind output from minutes to weeks ahead, "
        "helping operators balance the grid, cut curtailment and bring more clean energy online.",
        "We have offices in Denver and Berlin and colleagues working remotely across the US and Europe.",
    ],
    benefits=[
        "Health, dental and vision coverage (US) or supplementary health insurance (Germany)",
        "Retirement plan with employer contributions",
        "Stock options",
        "Flexible hours and a four-day work week every August",
        "An annual climate-action day to volunteer for a cause of your choice",
    ],
    eeo="Cobalt Grid is an equal opportunity employer. All qualified applicants will receive "
        "consideration for employment without regard to race, color, religion, sex, sexual orientation, "
        "gender identity, national origin, disability, age or protected veteran status.",
    headings={"about": "About Cobalt Grid", "role": "About the role", "do": "Responsibilities",
              "need": "Qualifications", "nice": "Preferred qualifications", "benefits": "Benefits"},
    extras={"style": "strong", "workplace_key": True, "comp_extra": "Equity"},
))

_company(Company(
    ats="ashby", token="petalcrest", name="Petalcrest Bio",
    about=[
        "Petalcrest Bio designs enzymes and binding proteins with machine learning and tests them in our "
        "own automated wet lab. Every week our robots express and assay thousands of designs, and the "
        "results flow straight back into the models.",
        "We are a team of 45 scientists and engineers in South San Francisco.",
    ],
    benefits=[
        "Fully paid medical, dental and vision insurance",
        "Generous equity",
        "Catered lunches on lab days",
        "Relocation support for on-site roles",
    ],
    eeo="Petalcrest Bio is an equal opportunity employer and welcomes applicants from all backgrounds.",
    headings={"about": "Who we are", "role": "The opportunity", "do": "Key responsibilities",
              "need": "Qualifications", "nice": "Preferred", "benefits": "Perks"},
    extras={"style": "h2", "workplace_key": False, "comp_extra": "Equity"},
))


# =====================================================================================================
# Postings (all invented). weeks=(first, last) index SNAPSHOTS from 1.
# =====================================================================================================

POSTINGS: list[Posting] = []


def _p(**kw: object) -> None:
    POSTINGS.append(Posting(**kw))  # type: ignore[arg-type]


# --- lumenforge (Greenhouse) -------------------------------------------------------------------------

_L1_INTRO = (
    "Our customers run Lumenforge inside their own clouds, which means every millisecond and every GPU we "
    "use is one they pay for. The Inference team owns the serving stack that runs our embedding, "
    "reranking and generation models in production."
)
_L1_INTRO_2 = (
    "As a Senior Machine Learning Engineer on the team, you will make those models faster and cheaper "
    "without making them worse, and you will build the tooling that lets the rest of engineering ship new "
    "models safely."
)
_p(board="lumenforge", key="sr-mle-inference", title="Senior Machine Learning Engineer, Inference",
   team="Inference", department="Engineering", location="San Francisco, CA", country="US",
   workplace="hybrid", weeks=(1, 5), published="2026-09-21 17:40",
   salary=Salary("USD", 210000, 260000),
   intro=[_L1_INTRO, _L1_INTRO_2],
   do=["Profile and optimise model serving for latency and throughput across NVIDIA A100, H100 and L4 GPUs",
       "Own our model-serving runtime built on Triton Inference Server and TensorRT, from kernel choices to "
       "request batching",
       "Design quantisation and distillation experiments and decide, with evaluation data, what ships",
       "Build load-testing and regression dashboards so that performance changes are visible before release",
       "Work with customer-facing engineers to size deployments on Kubernetes in AWS, GCP and Azure"],
   need=["4+ years of experience building and operating machine learning systems in production",
         "Strong Python and working knowledge of C++",
         "Hands-on experience with PyTorch and at least one inference runtime such as TensorRT, ONNX Runtime "
         "or Triton",
         "Experience running GPU workloads on Kubernetes and Docker",
         "A BS in Computer Science or a related field, or equivalent practical experience"],
   nice=["Experience writing or tuning CUDA kernels",
         "Familiarity with profiling tools such as Nsight Systems",
         "Contributions to open-source ML infrastructure"],
   edited_at="2026-10-29 16:05",
   edits={3: dict(
       intro=[_L1_INTRO + " This quarter we are moving our generation models onto vLLM and adding "
              "retrieval-augmented generation (RAG) to every deployment, and we need help leading that "
              "migration.", _L1_INTRO_2],
       do=["Profile and optimise model serving for latency and throughput across NVIDIA A100, H100 and L4 GPUs",
           "Lead the migration of our generation models from a custom Triton setup to vLLM, including "
           "continuous batching, paged attention and prefix caching",
           "Optimise the end-to-end RAG path, from embedding lookup and reranking to streaming generation",
           "Design quantisation and distillation experiments and decide, with evaluation data, what ships",
           "Build load-testing and regression dashboards so that performance changes are visible before release",
           "Work with customer-facing engineers to size deployments on Kubernetes in AWS, GCP and Azure"],
       need=["5+ years of experience building and operating machine learning systems in production, "
             "including at least two years serving large language models (LLMs)",
             "Strong Python and working knowledge of C++",
             "Hands-on experience with PyTorch and with vLLM, TensorRT-LLM or a similar LLM serving framework",
             "Experience running GPU workloads on Kubernetes and Docker",
             "A BS in Computer Science or a related field, or equivalent practical experience"],
       nice=["Experience writing or tuning CUDA kernels",
             "Experience with speculative decoding or KV-cache offloading",
             "Contributions to open-source ML infrastructure"],
   )})

_p(board="lumenforge", key="mle-retrieval", title="Machine Learning Engineer, Retrieval",
   team="Retrieval", department="Engineering", location="New York, NY", country="US",
   workplace="hybrid", weeks=(1, 5), published="2026-08-31 14:05",
   salary=Salary("USD", 170000, 215000),
   intro=["Retrieval is the heart of Lumenforge: if we fetch the wrong passage, no language model can save "
          "the answer. The Retrieval team builds the embedding models, indexes and rerankers behind every "
          "query our customers run.",
          "You will join a team of five engineers in New York and own parts of the pipeline end to end, "
          "from training data to production latency."],
   do=["Train and fine-tune embedding and cross-encoder reranking models with PyTorch and Hugging Face "
       "Transformers",
       "Build hybrid search that combines BM25 and dense vectors over indexes with billions of passages",
       "Create retrieval evaluation sets with our customers and track recall and answer quality for every "
       "release",
       "Improve chunking, metadata filtering and citation grounding in our RAG pipeline",
       "Ship changes safely behind feature flags and online A/B tests"],
   need=["3+ years of industry experience in information retrieval, search or NLP",
         "Strong Python skills and solid software engineering practices (testing, code review, CI)",
         "Experience with PyTorch and the Hugging Face ecosystem",
         "Working knowledge of a vector database or search engine such as Elasticsearch, OpenSearch, Qdrant "
         "or pgvector",
         "Comfort with SQL and with analysing experiment results"],
   nice=["An MS or PhD in a related field",
         "Experience with multilingual retrieval",
         "Publications or open-source work in information retrieval"])

_p(board="lumenforge", key="mlops", title="MLOps Engineer",
   team="ML Platform", department="Engineering", location="Remote - US", country="US",
   workplace="remote", weeks=(1, 3), published="2026-09-08 13:30",
   salary=Salary("USD", 150000, 190000),
   intro=["Our applied teams train dozens of models a month, and they should not have to think about how "
          "their jobs are scheduled, tracked or deployed. As an MLOps Engineer you will build and run the "
          "platform that makes that true."],
   do=["Operate our training and batch-inference infrastructure on Kubernetes with Kubeflow Pipelines",
       "Maintain the MLflow model registry and the promotion workflow from experiment to production",
       "Automate data and training pipelines with Airflow",
       "Manage cloud infrastructure as code with Terraform across AWS (including SageMaker) and GCP",
       "Improve monitoring for model drift, data quality and GPU utilisation"],
   need=["At least three years in DevOps, SRE or ML infrastructure roles",
         "Strong experience with Docker, Kubernetes and Terraform",
         "Proficiency in Python and Bash; Go is a plus",
         "Experience with at least one ML lifecycle tool such as MLflow, Kubeflow or SageMaker",
         "Clear written communication; we are a remote-first team"],
   nice=["Experience with GPU scheduling and NVIDIA device plugins",
         "Knowledge of Prometheus and Grafana",
         "Exposure to SOC 2 controls"])

_p(board="lumenforge", key="rs-language-models", title="Research Scientist, Language Models",
   team="Research", department="Research", location="San Francisco, CA", country="US",
   workplace="onsite", weeks=(1, 5), published="2026-07-13 18:20",
   salary=Salary("USD", 230000, 300000),
   intro=["The Research team asks how smaller language models can reason reliably over long enterprise "
          "documents. We publish our work, and the best ideas reach the product within months.",
          "We are looking for a Research Scientist to lead projects on long-context modelling, grounded "
          "generation and evaluation."],
   do=["Propose and lead research on long-context language models and retrieval-augmented training",
       "Pre-train and fine-tune models from 1B to 30B parameters on our GPU cluster",
       "Design rigorous evaluations for faithfulness and citation accuracy",
       "Publish at top venues (NeurIPS, ICML, ACL) and mentor junior researchers",
       "Partner with the Inference and Retrieval teams to bring results into production"],
   need=["PhD in Computer Science, Machine Learning, Statistics or a related field",
         "A strong publication record in machine learning or natural language processing",
         "Deep experience with PyTorch or JAX for large-scale training",
         "Solid grounding in probability, statistics and linear algebra",
         "Ability to explain complex results to engineers and product managers"],
   nice=["Experience with distributed training frameworks such as DeepSpeed, FSDP or Megatron-LM",
         "Experience with reinforcement learning from human feedback"])

_p(board="lumenforge", key="ae-mid-market", title="Account Executive, Mid-Market",
   team="Sales", department="Go-to-Market", location="New York, NY", country="US",
   workplace="hybrid", weeks=(1, 5), published="2026-09-28 15:10", ml=False,
   salary=Salary("USD", 120000, 140000,
                 note="On-target earnings are double the base salary, split 50/50 between base and commission."),
   intro=["We are growing our go-to-market team in New York and are hiring an Account Executive to bring "
          "Lumenforge to mid-market companies in financial services, insurance and legal."],
   do=["Own a quota and the full sales cycle, from first call to signed contract",
       "Run discovery with technical and business buyers and build mutual action plans",
       "Partner with solutions engineers on demos and proofs of concept",
       "Keep Salesforce accurate and forecast your pipeline every week",
       "Share what you hear from customers with product and marketing"],
   need=["3–5 years of closing experience in B2B SaaS, ideally selling to technical buyers",
         "A track record of meeting or beating quota",
         "Excellent written and verbal communication",
         "Curiosity about AI products; no engineering background required"],
   nice=["Experience selling data, security or developer tools",
         "Familiarity with MEDDPICC or a similar qualification framework"])

_p(board="lumenforge", key="llm-engineer-toronto", title="LLM Engineer",
   team="Applied AI", department="Engineering", location="Toronto, Ontario, Canada", country="CA",
   workplace="hybrid", weeks=(2, 5), published="2026-10-22 14:45",
   intro=["We are opening our Toronto office and hiring an LLM Engineer to build the generation side of our "
          "product: prompts, tools, guardrails and the evaluation harness that keeps them honest."],
   do=["Build retrieval-augmented generation (RAG) features on top of our search platform",
       "Write and maintain evaluation suites for answer quality, grounding and refusal behaviour",
       "Prototype agent workflows with LangChain and LlamaIndex, then harden the ones that work",
       "Fine-tune open-weight LLMs with LoRA and serve them with vLLM",
       "Work directly with design partners to turn their workflows into product features"],
   need=["2+ years of software engineering experience in Python; TypeScript is a plus",
         "Hands-on experience building applications on LLMs, whether hosted APIs or open-weight models",
         "Understanding of embeddings, vector search and prompt design",
         "Good judgement about when a language model is the wrong tool"],
   nice=["Experience with Hugging Face PEFT or TRL",
         "Experience shipping user-facing products at a startup",
         "French language skills"])

_p(board="lumenforge", key="staff-ml-platform", title="Staff Machine Learning Platform Engineer",
   team="ML Platform", department="Engineering", location="Remote - US", country="US",
   workplace="remote", weeks=(3, 5), published="2026-10-30 16:20",
   salary=Salary("USD", 240000, 290000),
   intro=["As we move from dozens to hundreds of customer deployments, our ML platform needs to schedule "
          "training, evaluation and LLM serving across thousands of GPUs. We are hiring a Staff engineer to "
          "set its technical direction."],
   do=["Define the architecture for distributed training and serving on Ray and Kubernetes",
       "Build a multi-tenant LLM serving layer on vLLM with autoscaling and GPU bin-packing",
       "Lead design reviews and mentor engineers across the Inference and Retrieval teams",
       "Write performance-critical services in Go and Python",
       "Set reliability targets and lead incident reviews for the platform"],
   need=["10+ years of software engineering experience, with at least four on ML infrastructure",
         "Deep knowledge of Kubernetes, including operators and GPU scheduling",
         "Production experience with Ray, vLLM or comparable distributed systems",
         "Proficiency in Go or Rust as well as Python",
         "A history of leading cross-team technical projects"],
   nice=["Understanding of CUDA, NCCL and GPU interconnects",
         "Experience operating infrastructure in customer-managed clouds"])

_p(board="lumenforge", key="mle-intern-2027", title="Machine Learning Engineer Intern (Summer 2027)",
   team="University", department="Engineering", location="San Francisco, CA", country="US",
   workplace="onsite", weeks=(1, 2), published="2026-10-05 16:00", employment="Intern",
   salary=Salary("USD", 55, 65, interval="hour"),
   intro=["Spend twelve weeks on a real project with one of our ML teams. Past interns shipped a new "
          "reranker, a latency dashboard and a dataset de-duplication tool that we still use every day."],
   do=["Own a scoped project with a dedicated mentor",
       "Train and evaluate models with Python, PyTorch and scikit-learn",
       "Present your results to the whole company at the end of the summer"],
   need=["Currently pursuing a BS, MS or PhD in Computer Science, Statistics or a related field, graduating "
         "in 2027 or 2028",
         "Coursework or projects in machine learning",
         "Proficiency in Python",
         "Available for 12 weeks between May and September 2027"],
   nice=["Experience with PyTorch or TensorFlow",
         "A link to a project on GitHub that you are proud of"])

_p(board="lumenforge", key="product-designer", title="Product Designer",
   team="Design", department="Product", location="New York, NY", country="US",
   workplace="hybrid", weeks=(2, 5), published="2026-10-20 15:30", ml=False,
   salary=Salary("USD", 145000, 175000),
   intro=["Lumenforge answers are only useful if people trust them. As our second product designer, you will "
          "shape how users ask questions, check sources and share answers with their teams."],
   do=["Design end-to-end flows for search, answers and citations in our web app",
       "Run research sessions with customers and turn findings into concrete designs",
       "Prototype in Figma and work closely with engineers through implementation",
       "Contribute to and maintain our design system"],
   need=["4+ years of product design experience on B2B software",
         "A portfolio that shows your process as well as polished outcomes",
         "Strong interaction design and visual design skills",
         "Comfort with ambiguity, and with engineers who like to argue"],
   nice=["Experience designing for AI or search products",
         "Front-end prototyping skills in HTML, CSS or React"])

_p(board="lumenforge", key="ai-engineer-agents", title="AI Engineer, Agents",
   team="Agents", department="Engineering", location="San Francisco, CA", country="US",
   workplace="hybrid", weeks=(4, 5), published="2026-11-04 17:05",
   salary=Salary("USD", 185000, 230000),
   intro=["Customers increasingly want Lumenforge not just to answer questions but to complete tasks: fill "
          "in a compliance checklist, draft a reply, update a record. The new Agents team will build that "
          "capability, and you would be one of its first engineers."],
   do=["Design tool-calling agents on top of LLMs and our retrieval APIs",
       "Build evaluation and tracing for multi-step agent runs",
       "Integrate with customer systems such as Salesforce, ServiceNow and SharePoint",
       "Use LangChain or LangGraph where it helps, and plain Python where it does not",
       "Ship features quickly and iterate with design partners"],
   need=["3+ years of software engineering experience in Python or TypeScript",
         "Experience building products on LLMs, including prompt engineering, function calling and RAG",
         "Strong API design and testing habits",
         "A BS in Computer Science or equivalent experience"],
   nice=["Experience with reinforcement learning or model fine-tuning",
         "Background in enterprise integrations"])

# --- quillmetric (Greenhouse) ------------------------------------------------------------------------

_p(board="quillmetric", key="mle-fraud", title="Machine Learning Engineer, Fraud",
   team="Fraud ML", department="Data & ML", location="London, United Kingdom", country="GB",
   workplace="hybrid", weeks=(1, 5), published="2026-09-15 09:20",
   salary=Salary("GBP", 75000, 95000),
   intro=["Our fraud models decide in under 50 milliseconds whether a card payment looks like its owner. "
          "You will join the Fraud ML team, which owns those models and the feature pipelines behind them, "
          "and help us move from nightly retraining to continuous learning."],
   do=["Build and improve gradient-boosted and neural models for transaction fraud with Python, "
       "scikit-learn, LightGBM and PyTorch",
       "Develop streaming features with Spark Structured Streaming and Kafka",
       "Orchestrate training and backtesting pipelines in Airflow",
       "Monitor model performance and data drift in production, and respond when fraud patterns change",
       "Work with analysts and client teams to explain model decisions"],
   need=["3+ years of experience building machine learning models that run in production",
         "Strong Python and SQL",
         "Experience with Spark or another distributed data framework",
         "A good understanding of model evaluation on imbalanced data",
         "A degree in a quantitative subject, or equivalent experience"],
   nice=["Experience in payments, fraud or financial crime",
         "Knowledge of graph-based features or graph neural networks",
         "Familiarity with AWS"])

_p(board="quillmetric", key="sr-ds-credit-risk", title="Senior Data Scientist, Credit Risk",
   team="Credit Risk", department="Data & ML", location="London, United Kingdom", country="GB",
   workplace="hybrid", weeks=(1, 5), published="2026-08-24 10:05",
   salary=Salary("GBP", 85000, 105000),
   intro=["Lenders use our credit risk scores to decide who gets a loan and at what price. We are looking "
          "for a Senior Data Scientist to lead the next generation of those scores, balancing predictive "
          "power with explainability and fairness."],
   do=["Build probability-of-default and affordability models using Python and SQL",
       "Design and analyse A/B tests and champion–challenger experiments with clients",
       "Apply survival analysis and causal inference to understand repayment behaviour",
       "Document models for regulators and for client model-risk teams",
       "Mentor two junior data scientists"],
   need=["At least five years of experience in data science, with a focus on credit risk or a similar "
         "regulated domain",
         "An MS or PhD in Statistics, Mathematics, Economics or a related field",
         "Excellent command of statistics, including regression, survival models and experimental design",
         "Fluency in Python (pandas, statsmodels, scikit-learn) and SQL",
         "Strong communication skills with non-technical stakeholders"],
   nice=["Experience with fairness metrics and bias mitigation",
         "Familiarity with the UK Consumer Duty and the EU AI Act"])

_p(board="quillmetric", key="mle-tensorflow-berlin", title="Machine Learning Engineer (TensorFlow)",
   team="Document Verification", department="Data & ML", location="Berlin, Germany", country="DE",
   workplace="hybrid", weeks=(1, 2), published="2026-09-01 08:45",
   salary=Salary("EUR", 70000, 88000),
   intro=["Our document-verification product checks payslips and bank statements for tampering. Its models "
          "were built with TensorFlow and run on Google Cloud, and we need an engineer to own and extend "
          "them."],
   do=["Maintain and improve image and sequence models built with TensorFlow and Keras",
       "Run training pipelines on GCP Vertex AI and TFX",
       "Serve models with TensorFlow Serving and keep latency within our SLAs",
       "Label, curate and version training data with the operations team"],
   need=["3+ years of experience with TensorFlow in production",
         "Solid Python and software engineering skills",
         "Experience with Google Cloud Platform, ideally Vertex AI",
         "A Bachelor's degree in Computer Science or a related field"],
   nice=["Experience with OCR or document understanding",
         "German language skills"])

_p(board="quillmetric", key="backend-jvm", title="Backend Engineer (Java/Kotlin)",
   team="Platform", department="Engineering", location="Berlin, Germany", country="DE",
   workplace="hybrid", weeks=(1, 5), published="2026-09-29 09:50", ml=False,
   salary=Salary("EUR", 72000, 90000),
   intro=["The Platform team builds the APIs that lenders call millions of times a day. You will work on "
          "high-throughput, low-latency services that return our scores and their explanations."],
   do=["Design and build services in Kotlin and Java on the JVM",
       "Own service reliability, including on-call for the systems you build",
       "Work with PostgreSQL, Kafka and Redis at scale",
       "Improve our CI/CD pipelines and observability"],
   need=["4+ years of backend development experience with Java or Kotlin",
         "Experience designing REST or gRPC APIs",
         "Knowledge of relational databases and SQL",
         "Good written English; German is not required"],
   nice=["Experience in fintech or other regulated environments",
         "Familiarity with Kubernetes"])

_p(board="quillmetric", key="technical-recruiter", title="Technical Recruiter",
   team="Talent", department="People", location="London, United Kingdom", country="GB",
   workplace="hybrid", weeks=(1, 4), published="2026-09-10 11:15", ml=False,
   intro=["We plan to hire 60 engineers and data scientists next year across three countries. As a "
          "Technical Recruiter you will run searches end to end and help us keep our process fair and fast."],
   do=["Partner with hiring managers to define roles and interview plans",
       "Source candidates for engineering, data science and machine learning roles",
       "Manage candidates through the process in Greenhouse and keep them well informed",
       "Report on pipeline health and diversity metrics"],
   need=["2+ years of in-house or agency technical recruiting experience",
         "An understanding of software engineering and data roles",
         "Strong organisation and communication skills"],
   nice=["Experience hiring in Germany or India",
         "A second European language"])

_p(board="quillmetric", key="applied-scientist-docai", title="Applied Scientist, Document AI",
   team="Document AI", department="Data & ML", location="Bengaluru, India", country="IN",
   workplace="hybrid", weeks=(3, 5), published="2026-10-28 05:30",
   intro=["We are starting a Document AI team in Bengaluru to read the bank statements, payslips and "
          "invoices that lenders receive. The team will combine OCR with large language models to extract, "
          "check and explain what is in each document."],
   do=["Build extraction models that combine layout-aware transformers with LLMs",
       "Fine-tune open-weight models with Hugging Face Transformers and PyTorch",
       "Use retrieval-augmented generation (RAG) to ground extracted fields in the source pages",
       "Design labelling guidelines and evaluation sets for dozens of document types",
       "Collaborate with the London and Berlin teams on deployment"],
   need=["MS or PhD in Computer Science, Machine Learning or a related field, or a BS with 4+ years of "
         "relevant experience",
         "2+ years of applied experience in NLP or computer vision",
         "Strong Python and PyTorch",
         "Experience with LLMs and prompt design"],
   nice=["Publications in document understanding",
         "Experience with vLLM or other efficient inference tools"])

_p(board="quillmetric", key="ml-eng-manager", title="Machine Learning Engineering Manager",
   team="Fraud ML", department="Data & ML", location="London, United Kingdom", country="GB",
   workplace="hybrid", weeks=(4, 5), published="2026-11-05 10:40",
   salary=Salary("GBP", 115000, 135000),
   intro=["We are hiring a manager for the Fraud ML and Credit ML engineering teams, ten engineers in total. "
          "You will be responsible for delivery, hiring and growth, and you will stay close enough to the "
          "code to make good technical calls."],
   do=["Lead and grow two machine learning engineering teams",
       "Own the roadmap for our model-training platform built on Databricks, Spark and MLflow",
       "Hire engineers in London and Berlin",
       "Set engineering standards for testing, model monitoring and incident response",
       "Work with product and risk leadership on priorities"],
   need=["7+ years of experience in software or machine learning engineering, including at least two years "
         "managing engineers",
         "A hands-on background in Python, Spark and ML lifecycle tooling such as MLflow",
         "Experience delivering ML systems in a regulated industry",
         "A track record of developing people"],
   nice=["Experience with LLM applications in financial services",
         "An advanced degree in a quantitative field"])

# --- harborlight (Lever) -----------------------------------------------------------------------------

_p(board="harborlight", key="mle-clinical-nlp", title="Machine Learning Engineer, Clinical NLP",
   team="Machine Learning", department="R&D", location="Boston, MA", country="US",
   workplace="hybrid", weeks=(1, 5), published="2026-09-03 14:20",
   salary=Salary("USD", 165000, 200000),
   intro=["Clinical notes are long, messy and full of abbreviations. The Clinical NLP team builds the models "
          "that read them: extracting diagnoses, medications and care gaps, and linking them to structured "
          "records.",
          "You will own models from data curation through deployment, working side by side with our "
          "clinical informatics team."],
   do=["Train and evaluate transformer models for clinical named-entity recognition, relation extraction "
       "and classification",
       "Build data pipelines over de-identified notes and FHIR resources",
       "Deploy models as services on AWS with Docker and SageMaker",
       "Measure model performance across patient subgroups and care settings",
       "Write clear documentation for clinical and regulatory reviewers"],
   need=["3+ years of experience in NLP or machine learning engineering",
         "Strong Python and experience with PyTorch and Hugging Face Transformers",
         "Experience with spaCy or similar NLP tooling",
         "A BS or MS in Computer Science, Biomedical Informatics or a related field",
         "You care about patient privacy and data security"],
   nice=["Experience with clinical vocabularies such as SNOMED CT, ICD-10 or RxNorm",
         "Experience working under HIPAA"])

_p(board="harborlight", key="sr-data-scientist", title="Senior Data Scientist",
   team="Data Science", department="R&D", location="Remote - US", country="US",
   workplace="remote", weeks=(1, 5), published="2026-08-17 15:00",
   salary=Salary("USD", 160000, 190000),
   intro=["Harborlight needs to know, with evidence, whether our products make care better. As a Senior Data "
          "Scientist you will design the studies and metrics that answer that question for our customers "
          "and for ourselves."],
   do=["Design experiments and quasi-experimental studies of product impact in hospitals",
       "Define and own core product metrics with product managers",
       "Build dashboards and analyses with SQL, Python and Looker",
       "Apply causal inference methods such as difference-in-differences and propensity matching",
       "Present findings to hospital leadership and to our executive team"],
   need=["5+ years of experience as a data scientist or analyst",
         "Expert SQL and strong Python or R",
         "Deep knowledge of statistics and A/B testing",
         "MS in Statistics, Epidemiology, Economics or a related field, or equivalent experience",
         "Excellent communication skills"],
   nice=["Experience with healthcare data such as EHR or claims",
         "Familiarity with dbt and Snowflake"])

_p(board="harborlight", key="research-engineer-speech", title="Research Engineer, Speech",
   team="Speech", department="R&D", location="Toronto, ON", country="CA",
   workplace="onsite", weeks=(1, 3), published="2026-09-24 13:35",
   salary=Salary("CAD", 150000, 180000),
   intro=["Our ambient documentation product listens to patient visits and drafts the note. The Speech team "
          "trains the speech recognition and speaker diarization models that make that possible in noisy "
          "exam rooms."],
   do=["Train and adapt automatic speech recognition models for medical conversations",
       "Improve diarization and robustness to accents, masks and background noise",
       "Optimise models for real-time inference with CUDA and C++",
       "Build evaluation sets with our clinical annotation team"],
   need=["2+ years of experience training deep learning models for speech or audio",
         "Strong Python and PyTorch",
         "Working knowledge of C++",
         "An MS in Electrical Engineering, Computer Science or a related field"],
   nice=["A PhD in speech processing",
         "Experience with streaming ASR architectures",
         "French or Spanish language skills"])

_p(board="harborlight", key="dl-engineer-tensorflow", title="Deep Learning Engineer (TensorFlow)",
   team="Machine Learning", department="R&D", location="Boston, MA", country="US",
   workplace="onsite", weeks=(1, 1), published="2026-08-03 16:10",
   intro=["Our early-warning product predicts patient deterioration from vital signs and lab results. Its "
          "first models were written in TensorFlow, and we need an engineer to keep them accurate and move "
          "them to a modern serving stack."],
   do=["Maintain and retrain time-series models built with TensorFlow and Keras",
       "Migrate model serving from a legacy TensorFlow Serving setup",
       "Work with clinicians to review alerts and reduce false alarms",
       "Write validation reports for each model release"],
   need=["Three or more years of experience with TensorFlow",
         "Solid Python and SQL",
         "Experience with time-series or sequence models",
         "A BS in Computer Science, Engineering or similar"],
   nice=["Experience with medical device software processes (IEC 62304)",
         "Experience converting models to ONNX"])

_p(board="harborlight", key="enterprise-ae", title="Enterprise Account Executive, Health Systems",
   team="Sales", department="Commercial", location="Remote - US", country="US",
   workplace="remote", weeks=(1, 5), published="2026-09-09 14:00", ml=False,
   salary=Salary("USD", 130000, 150000,
                 note="The base salary range is shown above. This role is also eligible for commission, with "
                      "on-target earnings of $260,000–$300,000."),
   intro=["Hospitals buy software slowly and carefully, for good reasons. We are hiring an Enterprise Account "
          "Executive who enjoys long sales cycles, many stakeholders and the chance to change how clinicians "
          "work."],
   do=["Own new business with health systems in the Eastern and Central US",
       "Build relationships with CMIOs, CNOs, CIOs and finance leaders",
       "Lead contract negotiations with procurement and legal teams",
       "Coordinate pilots with our clinical success team",
       "Travel to customer sites up to 40% of the time"],
   need=["7+ years of enterprise sales experience, including at least three selling to health systems",
         "A history of closing multi-year contracts worth $500,000 or more",
         "Excellent presentation and negotiation skills"],
   nice=["Experience selling clinical or AI software",
         "A clinical background (RN, PharmD or similar)"])

_p(board="harborlight", key="llm-engineer-summarization", title="LLM Engineer, Clinical Summarization",
   team="Machine Learning", department="R&D", location="Boston, MA", country="US",
   workplace="hybrid", weeks=(3, 5), published="2026-10-27 15:45",
   salary=Salary("USD", 185000, 225000),
   intro=["Our newest product summarises a patient's chart before every visit. It is built on large language "
          "models, and getting it right means being accurate, concise and honest about what is missing.",
          "You will build the generation pipeline, the retrieval over patient records and the evaluation "
          "that clinicians trust."],
   do=["Build retrieval-augmented generation (RAG) pipelines over structured and unstructured patient data",
       "Fine-tune and evaluate open-weight LLMs and serve them with vLLM inside our HIPAA-compliant "
       "environment",
       "Design guardrails that detect unsupported statements and missing information",
       "Run evaluation studies with physicians and turn their feedback into datasets",
       "Track cost and latency per summary"],
   need=["4+ years of machine learning engineering experience, including recent work with LLMs",
         "Strong Python and PyTorch",
         "Experience with RAG, embeddings and vector search",
         "Experience deploying models on Kubernetes or a managed cloud platform"],
   nice=["A background in clinical NLP",
         "Experience with LangChain or DSPy",
         "Published work on LLM evaluation"])

_p(board="harborlight", key="ml-intern", title="Machine Learning Intern (Summer 2027)",
   team="Machine Learning", department="R&D", location="Boston, MA", country="US",
   workplace="hybrid", weeks=(2, 5), published="2026-10-21 13:00", employment="Intern",
   salary=Salary("USD", 42, 48, interval="hour"),
   intro=["Join Harborlight for the summer of 2027 and work on a research or engineering project that matters "
          "to clinicians. Interns are paired with a mentor and present their work at our summer demo day."],
   do=["Work on a scoped project in clinical NLP, speech or forecasting",
       "Write production-quality Python and test it",
       "Analyse results and present them to the team"],
   need=["Enrolled in a BS, MS or PhD programme in Computer Science, Data Science or a related field",
         "Coursework in machine learning and statistics",
         "Experience with Python and with scikit-learn, PyTorch or TensorFlow"],
   nice=["An interest in healthcare",
         "Experience with SQL"])

# --- tessellar (Lever) -------------------------------------------------------------------------------

_p(board="tessellar", key="cv-engineer-munich", title="Computer Vision Engineer",
   team="Perception", location="Munich, Germany", country="DE",
   workplace="hybrid", weeks=(1, 5), published="2026-09-02 07:30",
   extra={"salary_text": "The salary range for this role in Munich is €75,000–€95,000 per year, depending on "
                         "experience, plus virtual stock options."},
   intro=["Our perception models segment buildings, roads and vegetation in imagery from a dozen satellite "
          "and aerial sources. As a Computer Vision Engineer in Munich you will improve those models and the "
          "pipelines that run them across millions of square kilometres every month."],
   do=["Train semantic and instance segmentation models with PyTorch",
       "Handle multi-spectral and SAR imagery, including preprocessing with GDAL and rasterio",
       "Optimise inference on large tiles with CUDA and TensorRT",
       "Write efficient geometry post-processing in C++ and Python",
       "Evaluate model quality against ground-truth surveys"],
   need=["3+ years of experience in computer vision or deep learning",
         "Strong Python and PyTorch; working knowledge of C++",
         "Experience with OpenCV and image processing fundamentals",
         "An MS in Computer Science, Electrical Engineering, Geoinformatics or a related field"],
   nice=["Experience with remote sensing data",
         "Experience with vision transformers or self-supervised pre-training"])

_p(board="tessellar", key="sr-mle-geospatial", title="Senior Machine Learning Engineer, Geospatial",
   team="ML Platform", location="Austin, TX", country="US",
   workplace="onsite", weeks=(1, 5), published="2026-08-26 15:10",
   salary=Salary("USD", 175000, 210000),
   intro=["Our US customers want change detection across whole states every week. You will design and build "
          "the distributed pipelines that make that affordable, from tiling and feature extraction to model "
          "inference and vectorisation."],
   do=["Build large-scale inference pipelines on AWS with Spark, Ray and Kubernetes",
       "Develop change-detection models in PyTorch",
       "Design storage layouts for petabytes of imagery and predictions",
       "Set up monitoring for pipeline cost, throughput and model quality",
       "Mentor engineers in Austin and Bengaluru"],
   need=["At least five years of experience in machine learning engineering or data engineering",
         "Expert Python; experience with Scala or Java is a plus",
         "Production experience with Spark and Kubernetes on AWS",
         "Experience with PyTorch",
         "A BS in Computer Science or equivalent experience"],
   nice=["Experience with geospatial formats such as GeoTIFF, COG and GeoParquet",
         "Experience with AWS SageMaker"])

_p(board="tessellar", key="backend-tiling", title="Backend Engineer, Tiling Service",
   team="Platform", location="Bengaluru, India", country="IN",
   workplace="hybrid", weeks=(1, 5), published="2026-09-16 05:00", ml=False,
   intro=["Every map our customers see is served by our tiling service. We are rewriting its hot paths and "
          "need a backend engineer who cares about latency and correctness."],
   do=["Build and maintain tile-serving APIs in Go and Rust",
       "Work with PostgreSQL and PostGIS for spatial queries",
       "Improve caching with a CDN and Redis",
       "Write load tests and take part in on-call"],
   need=["3+ years of backend development experience",
         "Proficiency in Go or Rust",
         "Strong SQL and database design skills",
         "A Bachelor's degree in Computer Science or Engineering"],
   nice=["Experience with vector tiles or map rendering",
         "Experience with gRPC"])

_p(board="tessellar", key="mle-tensorflow-bengaluru", title="Machine Learning Engineer (TensorFlow/Keras)",
   team="Perception", location="Bengaluru, India", country="IN",
   workplace="hybrid", weeks=(1, 3), published="2026-08-12 06:20",
   intro=["Our crop-type classification models for agriculture customers are built in TensorFlow. We are "
          "hiring an engineer in Bengaluru to maintain them, add new regions and improve accuracy during the "
          "monsoon season, when clouds hide the ground."],
   do=["Train and tune TensorFlow and Keras models on time series of satellite images",
       "Serve models with TensorFlow Serving on Kubernetes",
       "Build cloud-masking and data augmentation pipelines",
       "Work with agronomists to validate predictions in the field"],
   need=["2–4 years of experience with deep learning, primarily TensorFlow",
         "Good Python and NumPy skills",
         "An understanding of convolutional and recurrent neural networks",
         "A B.Tech or M.Tech in Computer Science or a related field"],
   nice=["Experience with Google Earth Engine",
         "Knowledge of agriculture or remote sensing"])

_p(board="tessellar", key="principal-rs-eo-foundation", title="Principal Research Scientist, Earth Observation Foundation Models",
   team="Research", location="London, United Kingdom", country="GB",
   workplace="hybrid", weeks=(2, 5), published="2026-10-23 09:00",
   salary=Salary("GBP", 140000, 170000),
   intro=["We believe a single pre-trained model can replace dozens of task-specific ones across imagery "
          "sources. We are hiring a Principal Research Scientist to lead that effort and to build a small "
          "research team in London."],
   do=["Set the research agenda for foundation models over multi-spectral, SAR and aerial imagery",
       "Pre-train vision transformers with self-supervised objectives on petabyte-scale data",
       "Lead a team of three to five researchers and engineers",
       "Publish and represent Tessellar in the research community",
       "Work with product teams to turn research into features"],
   need=["A PhD in Machine Learning, Computer Vision or a related field",
         "10+ years of research experience after your PhD, with a strong publication record",
         "Expertise in PyTorch or JAX and in large-scale distributed training",
         "Experience leading research projects and mentoring scientists"],
   nice=["Experience with remote sensing",
         "Experience with multimodal vision-language models"])

_p(board="tessellar", key="mlops-munich", title="MLOps Engineer",
   team="ML Platform", location="Munich, Germany", country="DE",
   workplace="unspecified", weeks=(1, 4), published="2026-09-18 08:00",
   intro=["We are a small ML Platform team supporting forty researchers and engineers. You will own the tools "
          "they use to train, track and ship models on Azure."],
   do=["Operate Kubeflow and MLflow on Azure Kubernetes Service",
       "Automate infrastructure with Terraform and GitHub Actions",
       "Build reproducible training environments with Docker",
       "Manage GPU quotas and cloud cost"],
   need=["3+ years in DevOps, platform or MLOps roles",
         "Hands-on experience with Azure, Kubernetes and Terraform",
         "Good Python scripting skills",
         "Fluent English; German is a plus"],
   nice=["Experience with Azure Machine Learning",
         "Experience with Argo Workflows"])

_p(board="tessellar", key="ae-public-sector-dach", title="Account Executive, Public Sector (DACH)",
   team="Sales", location="Munich, Germany", country="DE",
   workplace="hybrid", weeks=(1, 5), published="2026-09-07 08:30", ml=False,
   intro=["Municipalities, states and federal agencies in Germany, Austria and Switzerland use Tessellar maps "
          "for planning and disaster response. We are looking for an Account Executive to grow that "
          "business."],
   do=["Win new public-sector customers in the DACH region",
       "Navigate public tenders and framework agreements",
       "Work with solution engineers on demonstrations and pilots",
       "Represent Tessellar at trade fairs and conferences"],
   need=["5+ years of B2B sales experience, at least two of them in the public sector",
         "Experience with public procurement in Germany",
         "Fluent German and English"],
   nice=["A background in GIS or geospatial data",
         "An existing network in civil protection agencies"])

_p(board="tessellar", key="junior-data-scientist", title="Junior Data Scientist",
   team="Analytics", location="Bengaluru, India", country="IN",
   workplace="onsite", weeks=(3, 5), published="2026-10-29 05:45",
   intro=["This is an entry-level role for a graduate who wants to learn how machine learning products are "
          "measured. You will analyse model outputs and customer usage, and build the reports our teams rely "
          "on."],
   do=["Analyse model accuracy across regions and imagery sources",
       "Write SQL and Python to build datasets and reports",
       "Build simple baseline models with scikit-learn",
       "Present insights to engineering and product teams"],
   need=["A Bachelor's degree in Statistics, Mathematics, Computer Science or a related field",
         "0–2 years of experience; internships count",
         "Python (pandas, scikit-learn) and SQL",
         "Solid foundations in statistics and linear algebra"],
   nice=["Experience with geospatial data or GIS tools",
         "Experience with a BI tool such as Superset or Tableau"])

_p(board="tessellar", key="vlm-engineer", title="Vision-Language Model Engineer",
   team="Perception", location="Remote - Europe", country="DE",
   workplace="remote", weeks=(4, 5), published="2026-11-06 10:15",
   salary=Salary("EUR", 90000, 115000),
   intro=["Customers want to ask questions of our imagery catalogue in plain language, such as \"show me new "
          "warehouses near Rotterdam since June\". We are building a vision-language model and a retrieval "
          "system to answer them."],
   do=["Fine-tune multimodal LLMs on paired imagery and text with PyTorch and Hugging Face Transformers",
       "Build retrieval-augmented generation (RAG) over our imagery catalogue and vector index",
       "Serve models efficiently with vLLM",
       "Create evaluation sets with our analysts"],
   need=["3+ years of experience in deep learning, with recent work on LLMs or vision-language models",
         "Strong Python and PyTorch",
         "Experience with embeddings and vector databases",
         "MS or PhD in a relevant field, or equivalent experience"],
   nice=["Experience with geospatial data",
         "Contributions to open-source multimodal projects"])

# --- fernwave (Ashby) --------------------------------------------------------------------------------

_p(board="fernwave", key="sr-mle-asr", title="Senior Machine Learning Engineer, Speech Recognition",
   team="Speech", department="Engineering", location="Remote - North America", country="US",
   workplace="remote", weeks=(1, 5), published="2026-09-11 16:30",
   salary=Salary("USD", 190000, 240000),
   extra={"is_remote": None, "address": {"addressCountry": ""}},
   intro=["Phone audio is narrowband, noisy and full of interruptions. Our speech team builds streaming "
          "recognition models that still get the account number right.",
          "As a Senior ML Engineer you will own major parts of our ASR stack, from training recipes to the "
          "low-latency decoder that runs in production."],
   do=["Train and fine-tune streaming ASR models in PyTorch on tens of thousands of hours of call audio",
       "Improve recognition of names, numbers and domain vocabulary with contextual biasing",
       "Optimise inference with CUDA, C++ and Triton to stay under 200 ms of end-to-end latency",
       "Build data pipelines for weak supervision and active learning",
       "Help define our speech roadmap with product and research"],
   need=["5+ years of experience in speech recognition or related deep learning work",
         "Expert Python and PyTorch; proficient in C++",
         "Experience shipping real-time ML systems",
         "A BS, MS or PhD in Computer Science, Electrical Engineering or a related field"],
   nice=["Experience with telephony audio (8 kHz) and codecs",
         "Experience with k2, ESPnet or NeMo"])

_p(board="fernwave", key="nlp-engineer", title="NLP Engineer",
   team="Conversation", department="Engineering", location="New York, NY", country="US",
   workplace="hybrid", weeks=(1, 5), published="2026-09-22 14:10",
   salary=Salary("USD", 160000, 200000),
   intro=["Our conversation team decides what a voice agent should say next. As an NLP Engineer you will "
          "build models for intent detection, entity extraction and dialogue state tracking, and combine "
          "them with LLMs where that helps."],
   do=["Build and deploy intent and entity models with PyTorch and Hugging Face Transformers",
       "Design dialogue state tracking for multi-turn calls",
       "Create labelled datasets and annotation guidelines",
       "Measure task success and containment rates with A/B testing"],
   need=["3+ years of NLP or machine learning experience in industry",
         "Strong Python; familiarity with spaCy and Transformers",
         "An understanding of classic NLP evaluation and statistics",
         "Clear communication with product managers and customers"],
   nice=["Experience with conversational AI or contact-centre products",
         "Knowledge of prompt engineering for LLMs"])

_p(board="fernwave", key="staff-mle-llm-serving", title="Staff Machine Learning Engineer, LLM Serving",
   team="Inference", department="Engineering", location="Remote - United States", country="US",
   workplace="remote", weeks=(2, 5), published="2026-10-20 17:25",
   salary=Salary("USD", 250000, 310000),
   intro=["Voice agents have no patience for slow models: the caller hears every extra 100 milliseconds. We "
          "are hiring a Staff engineer to own how we serve LLMs in real time."],
   do=["Own our LLM serving stack built on vLLM and TensorRT-LLM",
       "Reduce time-to-first-token with speculative decoding, prefix caching and careful batching",
       "Build GPU autoscaling on Kubernetes across two clouds",
       "Write high-performance components in Rust and Python",
       "Set technical direction for the Inference team"],
   need=["8+ years of engineering experience, including significant work on ML inference systems",
         "Deep knowledge of LLM serving (vLLM, TensorRT-LLM or SGLang)",
         "Experience with CUDA and GPU performance profiling",
         "Proficiency in Rust, C++ or Go"],
   nice=["Contributions to vLLM or similar open-source projects",
         "Experience with streaming speech pipelines"])

_p(board="fernwave", key="founding-recruiter", title="Founding Recruiter",
   team="Talent", department="People", location="New York, NY", country="US",
   workplace="onsite", weeks=(1, 3), published="2026-09-04 15:00", ml=False,
   salary=Salary("USD", 130000, 160000),
   intro=["We are 40 people today and plan to double next year. Our first dedicated recruiter will build the "
          "hiring process that gets us there."],
   do=["Run full-cycle recruiting for engineering, research and go-to-market roles",
       "Build our employer brand and outbound sourcing",
       "Set up interview training and structured scorecards in Ashby",
       "Advise the founders on headcount planning"],
   need=["4+ years of recruiting experience, ideally at early-stage startups",
         "Experience hiring machine learning engineers or researchers",
         "Excellent judgement and communication"],
   nice=["Experience building a recruiting function from scratch"])

_p(board="fernwave", key="ai-engineer-voice-agents", title="AI Engineer, Voice Agents",
   team="Applied AI", department="Engineering", location="Remote - Canada", country="CA",
   workplace="remote", weeks=(3, 5), published="2026-10-30 15:40",
   salary=Salary("CAD", 160000, 200000),
   intro=["AI Engineers at Fernwave turn a customer's call flows into working voice agents. You will combine "
          "LLMs, retrieval and integrations into agents that resolve real calls, and you will improve the "
          "platform so that the next agent is easier to build."],
   do=["Build agent workflows with LLM tool calling, LangChain and our internal SDK",
       "Set up retrieval-augmented generation (RAG) over customer knowledge bases",
       "Integrate with CRMs, scheduling systems and payment providers",
       "Analyse call transcripts to find and fix failure modes"],
   need=["3+ years of software engineering experience in Python or TypeScript",
         "Experience building with LLM APIs and RAG",
         "Strong debugging skills and comfort talking to customers"],
   nice=["Experience with voice or telephony products",
         "Experience with evaluation frameworks such as Ragas"])

_p(board="fernwave", key="mle-wake-word-tflite", title="Machine Learning Engineer, Wake Word (TensorFlow Lite)",
   team="Speech", department="Engineering", location="Remote - United States", country="US",
   workplace="remote", weeks=(1, 2), published="2026-08-20 16:00",
   intro=["Some of our customers run a Fernwave agent on in-store kiosks. We need a small, accurate "
          "keyword-spotting model that runs on the device, and an engineer to build it."],
   do=["Train keyword-spotting models in TensorFlow and convert them to TensorFlow Lite",
       "Quantise models for ARM CPUs and microcontrollers",
       "Build on-device evaluation and false-accept testing",
       "Write C++ integration code for our kiosk SDK"],
   need=["3+ years of experience with TensorFlow",
         "Experience deploying models to embedded or mobile devices",
         "Proficiency in C++ and Python"],
   nice=["Experience with audio front-ends and noise suppression"])

_p(board="fernwave", key="sr-backend-telephony", title="Senior Backend Engineer, Telephony",
   team="Platform", department="Engineering", location="Remote - United States", country="US",
   workplace="remote", weeks=(1, 5), published="2026-09-17 15:20", ml=False,
   intro=["Every Fernwave call passes through our telephony platform. You will build the services that "
          "connect phone networks to our agents reliably, at thousands of concurrent calls."],
   do=["Build and operate call-handling services in Go",
       "Work with SIP, RTP and WebRTC",
       "Design for reliability: failover, graceful degradation and observability",
       "Work with PostgreSQL and Redis"],
   need=["6+ years of backend engineering experience",
         "Proficiency in Go",
         "Experience with real-time or telephony systems",
         "Experience running services on Kubernetes"],
   nice=["Experience with Twilio or FreeSWITCH"])

_p(board="fernwave", key="rs-conversational-llms", title="Research Scientist, Conversational LLMs",
   team="Research", department="Research", location="New York, NY", country="US",
   workplace="hybrid", weeks=(4, 5), published="2026-11-03 16:50",
   salary=Salary("USD", 220000, 280000),
   intro=["We are starting a small research group to train conversational LLMs that are fast, polite and "
          "hard to derail. You would be one of its first members."],
   do=["Post-train LLMs for spoken dialogue with supervised fine-tuning and RLHF or DPO",
       "Study turn-taking, interruptions and latency-aware generation",
       "Build evaluation methods for spoken conversations",
       "Publish selected results"],
   need=["A PhD in Machine Learning, NLP or a related field, or equivalent research experience",
         "Experience training large models with PyTorch or JAX",
         "A strong publication record or open-source track record"],
   nice=["Experience with speech-language models",
         "Experience with distributed training at scale"])

# --- cobaltgrid (Ashby) ------------------------------------------------------------------------------

_p(board="cobaltgrid", key="ds-load-forecasting", title="Data Scientist, Load Forecasting",
   team="Data Science", department="Forecasting", location="Denver, CO", country="US",
   workplace="hybrid", weeks=(1, 5), published="2026-09-14 15:30",
   salary=Salary("USD", 135000, 165000),
   intro=["Utilities use our load forecasts to decide how much power to buy and which plants to run. As a "
          "Data Scientist you will improve those forecasts for new customers and for new kinds of demand, "
          "such as electric vehicle charging and heat pumps."],
   do=["Build and evaluate probabilistic forecasting models for electricity demand",
       "Engineer features from weather, calendar and smart-meter data using Python, SQL and Spark",
       "Analyse forecast errors with our customers' grid operators",
       "Communicate uncertainty clearly to non-technical users"],
   need=["2+ years of experience in data science or quantitative analysis",
         "Strong knowledge of statistics and time-series methods",
         "Proficiency in Python and SQL",
         "A Master's degree in Statistics, Engineering, Economics or a related field"],
   nice=["Experience in the energy sector",
         "Experience with gradient boosting and deep learning forecasters"])

_p(board="cobaltgrid", key="sr-mle-forecasting-platform", title="Senior Machine Learning Engineer, Forecasting Platform",
   team="ML Platform", department="Forecasting", location="Berlin, Germany", country="DE",
   workplace="hybrid", weeks=(1, 5), published="2026-09-07 09:45",
   salary=Salary("EUR", 85000, 110000),
   extra={"secondary": [("London, United Kingdom", "London", "England", "United Kingdom")],
          "tiers": [("Germany", Salary("EUR", 85000, 110000)),
                    ("United Kingdom", Salary("GBP", 75000, 95000))]},
   intro=["We run tens of thousands of forecasting models every hour. The Forecasting Platform team builds "
          "the system that trains, backtests, serves and monitors them, and we are looking for a senior "
          "engineer to help scale it."],
   do=["Design training and backtesting pipelines with Ray and Airflow",
       "Serve models on Kubernetes and run managed training jobs on GCP Vertex AI",
       "Build a feature store for weather and grid data",
       "Improve model monitoring and automated retraining",
       "Work with data scientists to productionise PyTorch and LightGBM models"],
   need=["5+ years of software or ML engineering experience",
         "Strong Python and experience with PyTorch",
         "Production experience with Kubernetes and a major cloud provider (GCP preferred)",
         "Experience with workflow orchestration such as Airflow, Prefect or Dagster"],
   nice=["Experience with Ray",
         "Knowledge of time-series databases"])

_p(board="cobaltgrid", key="mle-tensorflow-nowcasting", title="Machine Learning Engineer (TensorFlow)",
   team="Forecasting", department="Forecasting", location="Denver, CO", country="US",
   workplace="onsite", weeks=(1, 2), published="2026-08-27 16:15",
   salary=Salary("USD", 140000, 170000),
   intro=["Our solar nowcasting models read sky-camera images and satellite data to predict the next hour of "
          "solar output. They were built in TensorFlow, and we are hiring an engineer to improve and extend "
          "them."],
   do=["Train and maintain TensorFlow and Keras models for solar nowcasting",
       "Build image pipelines with TensorFlow Datasets on GCP",
       "Deploy models to edge devices at solar plants",
       "Monitor accuracy in production"],
   need=["3+ years of experience with deep learning frameworks, especially TensorFlow",
         "Experience with computer vision",
         "Strong Python skills",
         "A BS in Computer Science, Physics or a related field"],
   nice=["Experience with meteorological data"])

_p(board="cobaltgrid", key="product-designer-grid-ops", title="Product Designer, Grid Operations",
   team="Design", department="Product", location="Remote (US)", country="US",
   workplace="remote", weeks=(1, 5), published="2026-09-30 16:40", ml=False, employment="Contract",
   extra={"is_remote": None},
   intro=["Grid operators watch our forecasts during their busiest, most stressful hours. We are looking for "
          "a Product Designer on a six-month contract to redesign our operator console."],
   do=["Lead the redesign of our forecasting console for control rooms",
       "Run usability studies with grid operators",
       "Create prototypes and hand off detailed specifications",
       "Extend our design system for dense data visualisation"],
   need=["5+ years of product design experience",
         "Experience designing data-heavy professional tools",
         "A strong portfolio showing research and interaction design"],
   nice=["Experience designing for control rooms or operations centres"])

_p(board="cobaltgrid", key="applied-scientist-energy-markets", title="Applied Scientist, Energy Markets",
   team="Energy Markets", department="Research", location="Berlin, Germany", country="DE",
   workplace="hybrid", weeks=(2, 5), published="2026-10-21 08:30",
   salary=Salary("EUR", 90000, 120000),
   intro=["Battery operators use our forecasts to decide when to charge and discharge. The Energy Markets "
          "team builds models and optimisers that turn forecasts into bidding strategies."],
   do=["Develop optimisation and reinforcement learning methods for battery bidding",
       "Model electricity price dynamics in European markets",
       "Implement research prototypes in Python and JAX",
       "Backtest strategies and quantify risk"],
   need=["A PhD or MS in Operations Research, Applied Mathematics, Computer Science or a related field",
         "A strong background in optimisation, probability and statistics",
         "Experience implementing models in Python; JAX or PyTorch is a plus",
         "At least two years of industry or postdoctoral research experience"],
   nice=["Knowledge of European power markets",
         "Experience with stochastic programming"])

_p(board="cobaltgrid", key="manager-data-science", title="Manager, Data Science",
   team="Data Science", department="Forecasting", location="Denver, CO", country="US",
   workplace="hybrid", weeks=(1, 5), published="2026-08-19 15:00",
   salary=Salary("USD", 185000, 215000),
   intro=["We are looking for a manager to lead our six-person data science team. You will set priorities "
          "across customer projects and research, and grow a team known for careful, honest forecasting."],
   do=["Lead, coach and hire data scientists",
       "Own forecast quality targets across our customer base",
       "Shape the research roadmap with the ML Platform and Energy Markets teams",
       "Represent data science in conversations with utility executives"],
   need=["8+ years of experience in data science, including three or more managing people",
         "Deep expertise in statistics and forecasting",
         "Fluency in Python and SQL",
         "Excellent communication skills"],
   nice=["Experience in energy or utilities",
         "An advanced degree in a quantitative field"])

_p(board="cobaltgrid", key="ai-engineer-operator-copilot", title="AI Engineer, Operator Copilot",
   team="Applied AI", department="Product", location="Remote (US)", country="US",
   workplace="remote", weeks=(4, 5), published="2026-11-05 16:20",
   salary=Salary("USD", 170000, 205000),
   intro=["During a grid event, operators have to read dozens of alerts, forecasts and procedures. We are "
          "building a copilot that answers their questions with citations to procedures and live data."],
   do=["Build RAG over operating procedures, forecasts and event logs",
       "Use LLMs on Azure OpenAI with LangChain to answer operator questions",
       "Design evaluations with operators and domain experts",
       "Harden the system for reliability and auditability"],
   need=["3+ years of software engineering experience, including LLM applications",
         "Strong Python",
         "Experience with vector search and RAG",
         "A bachelor's degree or equivalent experience"],
   nice=["Experience with Azure",
         "Experience in safety-critical domains"])

# --- petalcrest (Ashby) ------------------------------------------------------------------------------

_p(board="petalcrest", key="ml-scientist-protein-design", title="Machine Learning Scientist, Protein Design",
   team="ML", department="Research", location="South San Francisco, CA", country="US",
   workplace="onsite", weeks=(1, 3), published="2026-09-09 17:00",
   salary=Salary("USD", 175000, 220000),
   intro=["Our machine learning team builds generative models that propose new protein sequences and "
          "structures, and our lab tells us within a week whether they work."],
   do=["Develop generative models for protein sequences and structures, including diffusion and language "
       "models",
       "Train models in PyTorch and JAX on our GPU cluster",
       "Design active-learning loops with lab scientists",
       "Analyse assay data and feed the results back into model training"],
   need=["A PhD in Computational Biology, Machine Learning, Physics or a related field",
         "Experience with deep generative models",
         "Strong Python; PyTorch or JAX",
         "Ability to collaborate closely with experimental scientists"],
   nice=["Experience with protein structure prediction tools",
         "Publications in machine learning for biology"])

_p(board="petalcrest", key="ml-research-intern", title="Machine Learning Research Intern",
   team="ML", department="Research", location="South San Francisco, CA", country="US",
   workplace="onsite", weeks=(1, 3), published="2026-09-25 16:30", employment="Intern",
   salary=Salary("USD", 52, 60, interval="hour"),
   intro=["A 12-week summer internship for PhD students in machine learning or computational biology. You "
          "will work on an open research question with a mentor from our ML team."],
   do=["Carry out a research project on protein modelling",
       "Run experiments on our GPU cluster",
       "Write up and present your findings"],
   need=["Currently enrolled in a PhD programme in a relevant field",
         "Experience with PyTorch or JAX",
         "Research experience in machine learning"],
   nice=["A background in biochemistry"])

_p(board="petalcrest", key="bioinformatics-ds", title="Bioinformatics Data Scientist",
   team="Data", department="Research", location="Remote (US)", country="US",
   workplace="remote", weeks=(1, 3), published="2026-08-31 17:30",
   intro=["Our lab generates sequencing and assay data every day. We need a data scientist to build the "
          "pipelines and analyses that turn it into reliable training data."],
   do=["Build analysis pipelines for next-generation sequencing and assay data",
       "Develop statistical quality-control methods",
       "Maintain datasets in SQL and cloud storage",
       "Collaborate with the lab and ML teams"],
   need=["An MS or PhD in Bioinformatics, Statistics or a related field",
         "3+ years of experience with Python or R",
         "Strong statistics and experience with SQL"],
   nice=["Experience with Nextflow or Snakemake"])

_p(board="petalcrest", key="sr-mle-lab-data-platform", title="Senior Machine Learning Engineer, Lab Data Platform",
   team="Platform", department="Engineering", location="South San Francisco, CA", country="US",
   workplace="hybrid", weeks=(5, 5), published="2026-11-12 17:10",
   salary=Salary("USD", 185000, 225000),
   intro=["As our lab scales, we need a platform that tracks every design from model to assay result and "
          "makes the data ready for training. You will build it."],
   do=["Build data and training pipelines with Airflow and Python",
       "Run model training on AWS SageMaker and Kubernetes",
       "Track experiments and models with MLflow",
       "Work with scientists to design data schemas"],
   need=["5+ years of experience in ML engineering or data engineering",
         "Strong Python and SQL",
         "Experience with AWS, Docker and Kubernetes",
         "A BS in Computer Science or equivalent experience"],
   nice=["Experience with laboratory information systems",
         "A background in biology"])


# =====================================================================================================
# Rendering: each ATS's shapes
# =====================================================================================================

def _esc(text: str) -> str:
    """Text node -> HTML (what a rich-text editor stores: & < > escaped, quotes left alone)."""
    return html.escape(text, quote=False)


def _gh_escape(markup: str) -> str:
    """Greenhouse serves `content` HTML-escaped once more (``&lt;p&gt;``, ``&quot;``, ``&#39;``)."""
    return (markup.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


SYMBOL = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$"}


def _money(amount: int, currency: str) -> str:
    return f"{SYMBOL[currency]}{amount:,}"


def _week_date(week: int) -> datetime:
    return datetime.strptime(SNAPSHOTS[week - 1], "%Y-%m-%d").replace(tzinfo=timezone.utc)


def _sorted_seq(board: str) -> dict[str, int]:
    """Per-board sequence numbers in order of publication (ids grow over time, as in the real ATSs)."""
    ps = sorted((p for p in POSTINGS if p.board == board), key=lambda p: p.published_utc)
    return {p.key: i + 1 for i, p in enumerate(ps)}


# --- Greenhouse --------------------------------------------------------------------------------------

GH_DEPARTMENTS: dict[str, dict[str, int]] = {}
GH_OFFICES: dict[str, dict[str, int]] = {}


def _gh_dept_id(c: Company, name: str) -> int:
    return int(f"{4050000 + _h('dept', c.token, name) % 90000}{c.extras['id_suffix']}")


def _gh_office(c: Company, p: Posting) -> dict[str, object]:
    if p.location.startswith("Remote"):
        name = "Remote"
    else:
        name = p.location.split(",")[0]
    return {"id": int(f"{4030000 + _h('office', c.token, name) % 90000}{c.extras['id_suffix']}"),
            "name": name, "location": None if name == "Remote" else p.location,
            "child_ids": [], "parent_id": None}


def gh_content(c: Company, p: Posting) -> str:
    hd = c.headings
    heading = (lambda t: f"<h2>{_esc(t)}</h2>") if c.token == "lumenforge" else \
        (lambda t: f"<p><strong>{_esc(t)}</strong></p>")
    ul = lambda items: "<ul>\n" + "".join(f"<li>{_esc(i)}</li>\n" for i in items) + "</ul>"
    parts = ['<div class="content-intro">' + "\n".join(f"<p>{_esc(a)}</p>" for a in c.about) + "</div>"]
    body = [heading(hd["role"])] + [f"<p>{_esc(t)}</p>" for t in p.intro]
    body += [heading(hd["do"]), ul(p.do), heading(hd["need"]), ul(p.need), heading(hd["nice"]), ul(p.nice)]
    parts.append("\n".join(body))
    if p.salary is not None:
        s = p.salary
        hourly = s.interval == "hour"
        what = "hourly rate for this internship" if hourly else "base salary range for this full-time position"
        note = f"<p><em>{_esc(c.pay_note)}</em></p>"
        if s.note:
            note += f"<p><em>{_esc(s.note)}</em></p>"
        parts.append(
            '<div class="content-pay-transparency"><div class="pay-input"><div class="description">'
            f'{note}</div><div class="title">The {what} in {_esc(p.location)} is:</div>'
            f'<div class="pay-range"><span>{_money(s.min, s.currency)}</span><span class="divider">&mdash;</span>'
            f'<span>{_money(s.max, s.currency)} {s.currency}</span></div></div></div>')
    conclusion = (f"{heading(hd['benefits'])}\n{ul(c.benefits)}\n<p><em>{_esc(c.eeo)}</em></p>")
    parts.append(f'<div class="content-conclusion">{conclusion}</div>')
    return _gh_escape("".join(parts))


def gh_job(c: Company, p: Posting, week: int, seq: int) -> dict[str, object]:
    v = p.version(week)
    x = c.extras
    job_id = int(f"{x['id_base'] + seq * x['id_step']}{x['id_suffix']}")
    internal = int(f"{x['internal_base'] + seq * 1733}{x['id_suffix']}")
    url = (f"{x['custom_url']}{job_id}" if "custom_url" in x
           else f"https://job-boards.greenhouse.io/{c.token}/jobs/{job_id}")
    pub = p.published_utc
    updated = pub + timedelta(minutes=7 + _h("upd", p.key) % 170)
    if p.edited_at and week >= min(p.edits):
        updated = datetime.strptime(p.edited_at, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc) \
            + timedelta(seconds=_h("edit", p.key) % 60)
    if c.token == "lumenforge":
        metadata: object = [{"id": 4611207003, "name": "Employment Type",
                             "value": {"FullTime": "Full-time", "Intern": "Intern",
                                       "Contract": "Contract"}[p.employment],
                             "value_type": "single_select"},
                            {"id": 4611208003, "name": "Workplace Type",
                             "value": {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On-site"}[p.workplace],
                             "value_type": "single_select"}]
        compliance = [{"type": "gdpr", "requires_consent": False, "requires_processing_consent": False,
                       "requires_retention_consent": False, "retention_period": None,
                       "demographic_data_consent_applies": False}]
    else:
        metadata = None
        compliance = [{"type": "gdpr", "requires_consent": True, "requires_processing_consent": False,
                       "requires_retention_consent": False, "retention_period": None,
                       "demographic_data_consent_applies": False}]
    dept = p.department or p.team
    return {
        "absolute_url": url,
        "data_compliance": compliance,
        "internal_job_id": internal,
        "location": {"name": p.location},
        "metadata": metadata,
        "id": job_id,
        "updated_at": gh_time(updated, c.tz),
        "requisition_id": f"{x['req_prefix']}{x['req_base'] + seq * 3}",
        "title": v.title,
        "company_name": c.name,
        "first_published": gh_time(pub, c.tz),
        "language": "en",
        "application_deadline": None,
        "content": gh_content(c, v),
        "departments": [{"id": _gh_dept_id(c, dept), "name": dept, "child_ids": [], "parent_id": None}],
        "offices": [_gh_office(c, p)],
        "ai_disclaimer": None,
        "include_ai_disclaimer": None,
        "ai_opt_out_request_url": None,
    }


def gh_board(c: Company, week: int) -> dict[str, object]:
    seq = _sorted_seq(c.token)
    jobs = [gh_job(c, p, week, seq[p.key]) for p in POSTINGS if p.board == c.token and p.in_week(week)]
    return {"meta": {"total": len(jobs)}, "jobs": jobs}


# --- Lever -------------------------------------------------------------------------------------------

def _lever_div_html(blocks: list[tuple[str, str]], c: Company) -> str:
    """Lever rich text: one <div> per line. Kinds: h (heading), p (paragraph), sp (nbsp), br (blank)."""
    out = []
    for kind, text in blocks:
        if kind == "h":
            if c.token == "harborlight":
                out.append(f'<div><strong><span style="font-size: 18px;">{_esc(text)}</span></strong></div>')
            else:
                out.append(f'<div><b style="font-size: 16px">{_esc(text)}</b></div>')
        elif kind == "p":
            out.append(f"<div>{_esc(text)}</div>" if c.token == "harborlight"
                       else f'<div><span style="font-size: 11pt">{_esc(text)}</span></div>')
        elif kind == "sp":
            out.append("<div>&nbsp;</div>")
        else:
            out.append("<div><br></div>")
    return ("\n" if c.token == "harborlight" else "").join(out)


def _lever_div_plain(blocks: list[tuple[str, str]]) -> str:
    out = []
    for kind, text in blocks:
        out.append({"sp": "\u00a0\n", "br": "\n"}.get(kind, text + "\n"))
    return "".join(out)


def _lever_blocks_about(c: Company) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = [("h", c.headings["about"]), ("sp", "")]
    for i, a in enumerate(c.about):
        if i:
            blocks.append(("br", ""))
        blocks.append(("p", a))
    return blocks


def _lever_blocks_role(c: Company, p: Posting) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = [("h", c.headings["role"]), ("sp", "")]
    for i, t in enumerate(p.intro):
        if i:
            blocks.append(("br", ""))
        blocks.append(("p", t))
    return blocks


def _lever_blocks_additional(c: Company, p: Posting) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = []
    if "salary_text" in p.extra:
        blocks += [("h", "Compensation"), ("sp", ""), ("p", str(p.extra["salary_text"])), ("br", "")]
    blocks += [("h", c.headings["benefits"]), ("sp", "")]
    blocks += [("p", "\u2022 " + b) for b in c.benefits]
    blocks += [("br", ""), ("p", c.eeo)]
    return blocks


LEVER_INTERVAL = {"year": "per-year-salary", "hour": "per-hour-wage"}


def lever_posting(c: Company, p: Posting, week: int) -> dict[str, object]:
    v = p.version(week)
    pid = _uuid("lever", c.token, p.key)
    opening_b, body_b, add_b = _lever_blocks_about(c), _lever_blocks_role(c, v), _lever_blocks_additional(c, v)
    opening, opening_plain = _lever_div_html(opening_b, c), _lever_div_plain(opening_b)
    body, body_plain = _lever_div_html(body_b, c), _lever_div_plain(body_b)
    categories: dict[str, object] = {"commitment": {"FullTime": "Full-time", "Intern": "Internship",
                                                    "Contract": "Contract"}[p.employment]}
    if p.department:
        categories["department"] = p.department
    categories["location"] = p.location
    categories["team"] = p.team
    categories["allLocations"] = [p.location]
    lists = [{"text": c.headings[k], "content": "\n" + "".join(f"<li>{_esc(i)}</li>\n" for i in items)}
             for k, items in (("do", v.do), ("need", v.need), ("nice", v.nice))]
    out: dict[str, object] = {
        "additionalPlain": _lever_div_plain(add_b),
        "additional": _lever_div_html(add_b, c),
        "categories": categories,
        "createdAt": lever_time(p.published_utc, p.key),
        "descriptionPlain": opening_plain + "\n\n" + body_plain,
        "description": opening + "<div><br></div>" + body,
        "id": pid,
        "lists": lists,
    }
    if p.salary is not None:
        s = p.salary
        out["salaryRange"] = {"interval": LEVER_INTERVAL[s.interval], "currency": s.currency,
                              "min": s.min, "max": s.max}
        if s.note:
            out["salaryDescription"] = f'<div><span style="font-size: 16px;">{_esc(s.note)}</span></div>'
            out["salaryDescriptionPlain"] = s.note + "\n"
    out.update({
        "text": v.title,
        "country": p.country,
        "workplaceType": p.workplace,
        "opening": opening,
        "openingPlain": opening_plain,
        "descriptionBody": body,
        "descriptionBodyPlain": body_plain,
        "hostedUrl": f"https://jobs.lever.co/{c.token}/{pid}",
        "applyUrl": f"https://jobs.lever.co/{c.token}/{pid}/apply",
    })
    return out


def lever_board(c: Company, week: int) -> list[dict[str, object]]:
    return [lever_posting(c, p, week) for p in POSTINGS if p.board == c.token and p.in_week(week)]


# --- Ashby -------------------------------------------------------------------------------------------

P_STYLE = '<p style="min-height:1.5em">'


def ashby_description(c: Company, p: Posting) -> tuple[str, str]:
    """(descriptionHtml, descriptionPlain) in Ashby's editor conventions."""
    hd = c.headings
    style = c.extras["style"]
    blocks: list[tuple[str, object]] = []

    def section(title: str, kind: str, content: object, gap: bool = True) -> None:
        blocks.append(("h", title))
        blocks.append((kind, content))
        if gap:
            blocks.append(("gap", ""))

    blocks.append(("h", hd["about"]))
    for a in c.about:
        blocks.append(("p", a))
    blocks.append(("gap", ""))
    blocks.append(("h", hd["role"]))
    for t in p.intro:
        blocks.append(("p", t))
    blocks.append(("gap", ""))
    section(hd["do"], "ul", p.do)
    section(hd["need"], "ul", p.need)
    section(hd["nice"], "ul", p.nice)
    section(hd["benefits"], "ul", c.benefits)
    blocks.append(("em", c.eeo))

    h_out, t_out = [], []
    for kind, content in blocks:
        if kind == "h":
            if style == "h2":
                h_out.append(f"<h2>{_esc(str(content))}</h2>")
                t_out.append(str(content).upper() + "\n\n")
            else:
                h_out.append(f"{P_STYLE}<strong>{_esc(str(content))}</strong></p>")
                t_out.append(f"{content}\n\n")
        elif kind == "p":
            h_out.append(f"{P_STYLE}{_esc(str(content))}</p>")
            t_out.append(f"{content}\n\n")
        elif kind == "em":
            h_out.append(f"{P_STYLE}<em>{_esc(str(content))}</em></p>")
            t_out.append(f"{content}\n\n")
        elif kind == "ul":
            items = list(content)  # type: ignore[call-overload]
            h_out.append('<ul style="min-height:1.5em">'
                         + "".join(f"<li>{P_STYLE}{_esc(i)}</p></li>" for i in items) + "</ul>")
            t_out.append("".join(f" - {i}\n\n" for i in items))
        else:  # gap: an empty paragraph
            h_out.append(f"{P_STYLE}</p>")
            t_out.append("\n")
    return "".join(h_out), "".join(t_out).strip("\n")


def _k(amount: int, currency: str) -> str:
    return f"{SYMBOL[currency]}{amount // 1000}K" if amount % 1000 == 0 else \
        f"{SYMBOL[currency]}{amount / 1000:.1f}K"


def _ashby_salary_summary(s: Salary, sep: str = " \u2013 ") -> str:
    if s.interval == "hour":
        return f"{SYMBOL[s.currency]}{s.min:.2f}{sep}{SYMBOL[s.currency]}{s.max:.2f} per hour"
    return f"{_k(s.min, s.currency)}{sep}{_k(s.max, s.currency)}"


def ashby_compensation(c: Company, p: Posting) -> dict[str, object]:
    if p.salary is None:
        return {"compensationTierSummary": None, "scrapeableCompensationSalarySummary": None,
                "compensationTiers": [], "summaryComponents": []}
    tiers_spec = p.extra.get("tiers") or [(None, p.salary)]
    offers_equity = p.employment != "Intern"
    tiers, summary_components = [], []
    for n, (title, s) in enumerate(tiers_spec):  # type: ignore[misc]
        comps = [{
            "id": _uuid("ashby-comp", c.token, p.key, n, "salary"),
            "summary": _ashby_salary_summary(s),
            "compensationType": "Salary",
            "interval": "1 HOUR" if s.interval == "hour" else "1 YEAR",
            "currencyCode": s.currency,
            "minValue": s.min,
            "maxValue": s.max,
        }]
        tier_summary = _ashby_salary_summary(s)
        if offers_equity:
            comps.append({"id": _uuid("ashby-comp", c.token, p.key, n, "equity"), "summary": "Offers Equity",
                          "compensationType": "EquityPercentage", "interval": "NONE", "currencyCode": None,
                          "minValue": None, "maxValue": None})
            tier_summary += " \u2022 Offers Equity"
        tiers.append({"id": _uuid("ashby-tier", c.token, p.key, n), "tierSummary": tier_summary,
                      "title": title, "additionalInformation": None, "components": comps})
        if n == 0:
            summary_components = [{k: comp[k] for k in ("compensationType", "interval", "currencyCode",
                                                        "minValue", "maxValue")} for comp in comps]
    first = tiers[0]["tierSummary"]
    s0 = tiers_spec[0][1]  # type: ignore[index]
    return {
        "compensationTierSummary": first + (" \u2022 Multiple Ranges" if len(tiers) > 1 else ""),
        "scrapeableCompensationSalarySummary": None if s0.interval == "hour" else _ashby_salary_summary(s0, " - "),
        "compensationTiers": tiers,
        "summaryComponents": summary_components,
    }


US_STATES = {"CA": "California", "NY": "New York", "CO": "Colorado", "TX": "Texas", "MA": "Massachusetts"}
COUNTRY_NAMES = {"US": "United States", "CA": "Canada", "DE": "Germany", "GB": "United Kingdom", "IN": "India"}


def _ashby_address(p: Posting) -> dict[str, object]:
    if "address" in p.extra:
        return {"postalAddress": dict(p.extra["address"])}  # type: ignore[arg-type]
    country = COUNTRY_NAMES[p.country]
    if p.location.startswith("Remote"):
        return {"postalAddress": {"addressCountry": country}}
    city, _, region = p.location.partition(", ")
    region = US_STATES.get(region, region)
    if region == country:
        region = {"Berlin": "Berlin"}.get(city, region)
    return {"postalAddress": {"addressRegion": region, "addressCountry": country, "addressLocality": city}}


ASHBY_WORKPLACE = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "OnSite"}


def ashby_job(c: Company, p: Posting, week: int) -> dict[str, object]:
    v = p.version(week)
    jid = _uuid("ashby", c.token, p.key)
    desc_html, desc_plain = ashby_description(c, v)
    secondary = [{"location": loc, "address": {"postalAddress": {"addressRegion": region,
                                                                 "addressCountry": country,
                                                                 "addressLocality": city}}}
                 for loc, city, region, country in p.extra.get("secondary", [])]  # type: ignore[union-attr]
    is_remote = p.extra["is_remote"] if "is_remote" in p.extra else p.workplace == "remote"
    job: dict[str, object] = {
        "id": jid,
        "title": v.title,
        "department": p.department,
        "team": p.team,
        "employmentType": p.employment,
        "location": p.location,
        "shouldDisplayCompensationOnJobPostings": p.salary is not None,
        "secondaryLocations": secondary,
        "publishedAt": ashby_time(p.published_utc, p.key),
        "isListed": True,
        "isRemote": is_remote,
    }
    if c.extras["workplace_key"]:
        job["workplaceType"] = ASHBY_WORKPLACE[p.workplace]
    job.update({
        "address": _ashby_address(p),
        "jobUrl": f"https://jobs.ashbyhq.com/{c.token}/{jid}",
        "applyUrl": f"https://jobs.ashbyhq.com/{c.token}/{jid}/application",
        "descriptionHtml": desc_html,
        "descriptionPlain": desc_plain,
        "compensation": ashby_compensation(c, v),
    })
    return job


def ashby_board(c: Company, week: int) -> dict[str, object]:
    return {"jobs": [ashby_job(c, p, week) for p in POSTINGS if p.board == c.token and p.in_week(week)],
            "apiVersion": "1"}


# =====================================================================================================
# Sources beyond the ATS APIs (all invented): Hacker News, Remote OK, Remotive, a JSON-LD career site
# =====================================================================================================

def _utc(stamp: str, key: str = "") -> datetime:
    """``"YYYY-MM-DD HH:MM"`` UTC plus a stable 0-59 s jitter from *key* (none without a key)."""
    base = datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)
    return base + timedelta(seconds=_h("s", key) % 60) if key else base


def _visible(t: datetime, week: int) -> bool:
    """Posted before the snapshot's crawl date (everything in a snapshot predates its Monday)."""
    return t < _week_date(week)


# --- Hacker News (Firebase API: /v0/user/<name>.json, /v0/item/<id>.json) ---------------------------

HN_USER = "whoishiring"
# HN item ids grow with time (about 12,400 a day); ids here are computed from the item's time so that
# they are ordered like real ones and unique (validate() checks).
HN_BASE_T = datetime(2026, 10, 1, 15, 0, tzinfo=timezone.utc)
HN_BASE_ID = 49843120
HN_RATE = 0.1435  # ids per second


def hn_id(t: datetime, key: str) -> int:
    return HN_BASE_ID + int((t - HN_BASE_T).total_seconds() * HN_RATE) + _h("hnid", key) % 23


@dataclass
class HnThread:
    key: str
    title: str
    posted: str  # UTC "YYYY-MM-DD HH:MM"
    hiring: bool
    text: str
    offset: int = 0  # id offset from the hiring thread posted with it (the bot posts them together)

    @property
    def time(self) -> datetime:
        return _utc(self.posted) + timedelta(seconds=self.offset)

    @property
    def id(self) -> int:
        return HN_BASE_ID + int((self.time - HN_BASE_T).total_seconds() * HN_RATE) + self.offset


@dataclass
class HnComment:
    thread: str
    key: str
    posted: str  # UTC "YYYY-MM-DD HH:MM"
    by: str
    paras: list[str]  # plain text paragraphs (URLs become links); the first is the header
    dead: bool = False
    deleted: bool = False  # deleted by its author before any snapshot saw it
    deleted_from: int | None = None  # live until the week before, then served as deleted
    note: str = ""  # what the comment is there to exercise (README)

    @property
    def time(self) -> datetime:
        return _utc(self.posted, "hn/" + self.key)

    @property
    def id(self) -> int:
        return hn_id(self.time, self.key)

    def state(self, week: int) -> str:
        if self.deleted or (self.deleted_from is not None and week >= self.deleted_from):
            return "deleted"
        return "dead" if self.dead else "live"


_HIRING_TEXT = ("Please state the location and include REMOTE for remote work, REMOTE (US) or similar if the "
                "country is restricted, and ONSITE when remote work is <i>not</i> an option.<p>Please only post "
                "if you personally are part of the hiring company&#x2F;no recruiting firms or job boards. One "
                "post per company. If it isn&#x27;t a household name, explain what your company does.<p>Commenters: "
                "please don&#x27;t reply to job posts to complain about something. Readers: please only email "
                "if you are personally interested in the job.")
_WANTS_TEXT = ("Share your information if you are looking for work. Please use this format:<p>Location:<p>"
               "Remote:<p>Willing to relocate:<p>Technologies:<p>Résumé&#x2F;CV:<p>Email:<p>"
               "Please only post if you are personally looking for work. Readers: please only email these "
               "people if you are personally hiring.")

HN_THREADS: dict[str, HnThread] = {t.key: t for t in [
    HnThread("oct", "Ask HN: Who is hiring? (October 2026)", "2026-10-01 15:00", True, _HIRING_TEXT),
    HnThread("oct-wants", "Ask HN: Who wants to be hired? (October 2026)", "2026-10-01 15:00", False,
             _WANTS_TEXT, offset=2),
    HnThread("nov", "Ask HN: Who is hiring? (November 2026)", "2026-11-01 16:00", True, _HIRING_TEXT),
    HnThread("nov-wants", "Ask HN: Who wants to be hired? (November 2026)", "2026-11-01 16:00", False,
             _WANTS_TEXT, offset=2),
]}

HN_COMMENTS: list[HnComment] = [
    # --- October thread ----------------------------------------------------------------------------
    HnComment("oct", "oct-lumenforge", "2026-10-01 15:04", "lumenforge_eng", [
        "Lumenforge Labs | Machine Learning Engineer, Retrieval | MLOps Engineer | San Francisco, New York "
        "| REMOTE (US) | $150k–$215k",
        "We build the retrieval and question-answering layer that companies run over their own contracts, "
        "manuals and support tickets, inside their own cloud accounts. About 140 people, profitable.",
        "Machine Learning Engineer, Retrieval: embeddings, hybrid search and re-ranking that hold up on messy enterprise "
        "documents. Python, PyTorch, a lot of evaluation work.",
        "MLOps Engineer: training and evaluation pipelines, GPU scheduling on Kubernetes, CI/CD for models.",
        "Both roles and the rest of our openings: https://job-boards.greenhouse.io/lumenforge",
    ], note="links the sample's Greenhouse board `lumenforge` (discover)"),
    HnComment("oct", "oct-drumlin", "2026-10-01 15:12", "drumlin_cto", [
        "Drumlin Robotics | Perception Engineer, Robotics ML Engineer | Pittsburgh, PA | ONSITE | "
        "$160k-$210k + equity",
        "Our robots unload trailers at distribution centres: mixed boxes, crushed boxes, boxes wrapped in "
        "plastic. We need people who like getting models to work on real hardware.",
        "Stack: Python, C++, PyTorch, ROS 2, a fleet of 40 robots at four customer sites.",
        "Apply at https://drumlin.example/careers or write to hiring@drumlin.example",
    ]),
    HnComment("oct", "oct-wrenfield", "2026-10-01 15:37", "wren_founder", [
        "Wrenfield (YC S25) | Founding AI Engineer | San Francisco | Onsite | $180K–$240K, 0.5–1.5% equity",
        "Wrenfield reads insurance claim files (photos, PDFs, adjuster notes) and drafts the settlement "
        "letter. We are 6 people with paying customers.",
        "You would own our LLM and RAG pipeline end to end: document parsing, retrieval, evaluation, prompt "
        "and fine-tuning experiments. TypeScript and Python.",
        "Email founders@wrenfield.example with something you built.",
    ]),
    HnComment("oct", "oct-deleted", "2026-10-01 16:48", "", [], deleted=True,
              note="deleted before the first snapshot"),
    HnComment("oct", "oct-orbitale", "2026-10-02 09:15", "orbitale_jobs", [
        "Orbitale - Berlin, Germany - Hybrid - Senior Data Engineer, Machine Learning Engineer - €75k–€95k",
        "Orbitale runs the search and recommendations behind three European second-hand marketplaces.",
        "Senior Data Engineer: Kafka, Flink, dbt, BigQuery. Machine Learning Engineer: ranking models, "
        "feature store, online A/B tests.",
        "English-speaking team, visa sponsorship and relocation support. https://orbitale.example/jobs",
    ], note="` - ` separators instead of pipes, two roles in one field"),
    HnComment("oct", "oct-saltbox", "2026-10-03 14:20", "saltbox_data", [
        "Saltbox Analytics | Data Scientist (Experimentation) | REMOTE (US, Canada) | Full-time",
        "We run the experimentation platform for subscription apps. You would design tests, build variance "
        "reduction into the product and help customers read their results.",
        "SQL, Python, causal inference. No salary posted yet; ask us and we will tell you the band.",
    ], note="no salary"),
    HnComment("oct", "oct-dead", "2026-10-05 03:02", "easycash_4471", [
        "Earn $400 a day reviewing AI answers from home, no experience needed!! Message me on the app",
    ], dead=True, note="flagged spam"),
    HnComment("oct", "oct-kelpline", "2026-10-12 08:40", "kelpline_hr", [
        "Kelpline | Staff Machine Learning Engineer, Forecasting | Oslo, Norway or REMOTE (EU) | €110k–€140k",
        "Kelpline predicts port congestion and vessel arrival times for shipping lines. Time-series models "
        "on AIS data, weather and port schedules.",
        "Python, PyTorch, Polars, Airflow. Details: https://kelpline.example/careers/staff-mle",
    ]),
    HnComment("oct", "oct-mirthwood", "2026-10-21 17:05", "mirthwood_studio", [
        "Mirthwood Games | Senior Frontend Engineer (TypeScript, WebGL) | Montreal, QC | Hybrid | "
        "CA$140k–CA$175k",
        "We make a cosy browser-based farming game with 2M monthly players. You will own rendering "
        "performance and our UI toolkit.",
        "https://mirthwood.example/jobs",
    ], note="posted after the first snapshot; not an ML role"),
    HnComment("oct", "oct-larkspur", "2026-10-29 13:30", "larkspur_clinical", [
        "Larkspur Clinical | Machine Learning Engineer, Medical Imaging; Data Engineer | Boston, MA | Hybrid "
        "| $165,000 - $205,000",
        "Larkspur builds screening tools for diabetic eye disease used in primary-care clinics.",
        "- Machine Learning Engineer, Medical Imaging: PyTorch, model validation for FDA submissions",
        "- Data Engineer: DICOM pipelines, Postgres, AWS",
        "Apply: https://larkspur.example/careers",
    ], note="roles separated by `;`, listed again in the body"),
    # --- November thread ---------------------------------------------------------------------------
    HnComment("nov", "nov-drumlin", "2026-11-01 16:02", "drumlin_cto", [
        "Drumlin Robotics | Perception Engineer, Robotics ML Engineer, Controls Engineer | Pittsburgh, PA | "
        "ONSITE | $160k-$215k + equity",
        "Our robots unload trailers at distribution centres: mixed boxes, crushed boxes, boxes wrapped in "
        "plastic. We need people who like getting models to work on real hardware.",
        "Stack: Python, C++, PyTorch, ROS 2, a fleet of 55 robots at six customer sites.",
        "Apply at https://drumlin.example/careers or write to hiring@drumlin.example",
    ], note="October's Drumlin ad re-posted, edited (a third role, a higher top of range, a bigger fleet)"),
    HnComment("nov", "nov-fernwave", "2026-11-01 16:09", "fernwave_talent", [
        "Fernwave | AI Engineer, Voice Agents | REMOTE (Canada) | CA$160k–CA$200k",
        "Fernwave builds voice agents that answer the phone for utilities, airlines and clinics.",
        "You would build the tools and evaluations behind our agents: function calling, retrieval over "
        "customer knowledge bases and call-quality metrics. Python and TypeScript.",
        "Apply: https://fernwave.example/careers",
    ]),
    HnComment("nov", "nov-glasswing", "2026-11-01 16:27", "glasswing_ai", [
        "Glasswing AI | LLM Evaluation Engineer | Research Engineer, Post-training | REMOTE | $150k–$200k",
        "We sell evaluation suites for companies shipping LLM features: regression tests for prompts, "
        "red-teaming and human review at scale.",
        "Research Engineer, Post-training: RLHF and DPO on open-weight models, vLLM for sampling.",
        "https://glasswing.example/jobs",
    ]),
    HnComment("nov", "nov-dead", "2026-11-01 17:45", "jobsjobsjobs2", [
        "We are hiring everyone!!! Click here for 1000 remote jobs: https://jobsjobsjobs.example",
    ], dead=True, note="flagged spam, with a link"),
    HnComment("nov", "nov-pinewhistle", "2026-11-01 19:33", "pinewhistle", [
        "Pinewhistle | Data Engineer | Lisbon, Portugal | Hybrid | €55k–€70k",
        "Pinewhistle makes route-planning software for regional bus networks. Spark, dbt and a lot of GTFS.",
        "Email jobs@pinewhistle.example",
    ], deleted_from=5),
    HnComment("nov", "nov-orbitale", "2026-11-01 22:10", "orbitale_jobs", [
        "Orbitale | ML Engineer (Search & Ranking) | Berlin | Hybrid | €80k–€100k",
        "Orbitale runs the search and recommendations behind three European second-hand marketplaces.",
        "Learning-to-rank, embeddings for retrieval, online experiments. Visa sponsorship and relocation "
        "support. https://orbitale.example/jobs",
    ], note="`&` served as `&amp;`; not the job Orbitale posted in October"),
    HnComment("nov", "nov-quarrytide", "2026-11-04 15:50", "quarrytide_eng", [
        "Quarrytide | Senior ML Engineer, Recommendations | REMOTE (US) | $170k–$210k | Full-time",
        "Quarrytide is a marketplace for reclaimed building materials. We are hiring for:",
        "- Senior ML Engineer, Recommendations",
        "- Data Scientist, Marketplace",
        "Python, PyTorch, BigQuery. https://quarrytide.example/careers",
    ], note="two roles, the second only in the body"),
    HnComment("nov", "nov-tessellar", "2026-11-07 10:30", "tessellar_ml", [
        "Tessellar | Vision-Language Model Engineer | REMOTE (Europe) | €90k–€115k",
        "Tessellar turns satellite and aerial imagery into maps. We are adding language to our perception "
        "models so analysts can ask questions about any place on Earth.",
        "Apply through our board: https://jobs.lever.co/tessellar",
    ], note="links the sample's Lever board `tessellar` (discover); the Lever posting "
            "\"Vision-Language Model Engineer\" in HN's words"),
    HnComment("nov", "nov-wrenfield", "2026-11-10 15:15", "wren_founder", [
        "Wrenfield (YC S25) | Founding AI Engineer | Founding Product Designer | San Francisco | Onsite",
        "Wrenfield reads insurance claim files (photos, PDFs, adjuster notes) and drafts the settlement "
        "letter. We are 9 people with paying customers.",
        "You would own our LLM and RAG pipeline end to end: document parsing, retrieval, evaluation, prompt "
        "and fine-tuning experiments. TypeScript and Python.",
        "Email founders@wrenfield.example with something you built.",
    ], note="October's Wrenfield ad re-posted: a second role, no salary this time"),
    HnComment("nov", "nov-hollowpine", "2026-11-12 06:20", "hollowpine", [
        "Hollowpine Labs | Computer Vision Engineer | Bengaluru, India | ONSITE | ₹35L–₹50L",
        "Quality inspection for textile mills: cameras over the loom, defects found in real time.",
        "OpenCV, PyTorch, TensorRT on Jetson. careers@hollowpine.example",
    ]),
    # --- "Who wants to be hired?" threads (the spider must not read them) ---------------------------
    HnComment("oct-wants", "oct-wants-1", "2026-10-01 15:20", "quietgradient", [
        "Location: Porto, Portugal",
        "Remote: Yes", "Willing to relocate: No",
        "Technologies: Python, PyTorch, SQL, Airflow", "Email: quietgradient@mail.example",
    ]),
    HnComment("oct-wants", "oct-wants-2", "2026-10-02 11:05", "ferrous_dev", [
        "Location: Austin, TX", "Remote: Yes", "Willing to relocate: Yes",
        "Technologies: Go, Kubernetes, Terraform", "Email: ferrous@mail.example",
    ]),
    HnComment("nov-wants", "nov-wants-1", "2026-11-01 16:30", "quietgradient", [
        "Location: Porto, Portugal", "Remote: Yes", "Willing to relocate: No",
        "Technologies: Python, PyTorch, SQL, Airflow, vLLM", "Email: quietgradient@mail.example",
    ]),
]

_URL_RE = re.compile(r"https?://[^\s,)]+[^\s,).]")


def hn_escape(text: str) -> str:
    """HN's text escaping: & < > " ' and also / as ``&#x2F;``."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#x27;").replace("/", "&#x2F;"))


def hn_html(paras: list[str]) -> str:
    """Paragraphs -> HN comment HTML: ``<p>`` between paragraphs (no closing tags), URLs linked."""
    out = []
    for para in paras:
        pieces, last = [], 0
        for m in _URL_RE.finditer(para):
            url = hn_escape(m.group(0))
            pieces += [hn_escape(para[last:m.start()]), f'<a href="{url}" rel="nofollow">{url}</a>']
            last = m.end()
        pieces.append(hn_escape(para[last:]))
        out.append("".join(pieces))
    return "<p>".join(out)


def hn_comments(thread: str, week: int) -> list[HnComment]:
    return [c for c in HN_COMMENTS if c.thread == thread and _visible(c.time, week)]


def hn_threads(week: int) -> list[HnThread]:
    """The user's visible submissions, newest first (as ``submitted`` lists them)."""
    return sorted((t for t in HN_THREADS.values() if _visible(t.time, week)), key=lambda t: -t.id)


def hn_comment_item(c: HnComment, week: int) -> dict[str, object]:
    parent = HN_THREADS[c.thread].id
    state = c.state(week)
    if state == "deleted":
        return {"deleted": True, "id": c.id, "parent": parent, "time": int(c.time.timestamp()), "type": "comment"}
    item: dict[str, object] = {"by": c.by}
    if state == "dead":
        item["dead"] = True
    item.update({"id": c.id, "parent": parent, "text": hn_html(c.paras), "time": int(c.time.timestamp()),
                 "type": "comment"})
    return item


def hn_story_item(t: HnThread, week: int) -> dict[str, object]:
    kids = sorted((c.id for c in hn_comments(t.key, week)), reverse=True)  # newest first, as served
    live = sum(1 for c in hn_comments(t.key, week) if c.state(week) == "live")
    age_days = (_week_date(week) - t.time).days
    replies = live * min(age_days, 14) // 4  # replies under the top-level comments (not served here)
    return {"by": HN_USER, "descendants": live + replies, "id": t.id, "kids": kids,
            "score": 180 + 9 * min(age_days, 30) + _h("score", t.key) % 40, "text": t.text,
            "time": int(t.time.timestamp()), "title": t.title, "type": "story"}


def hn_user(week: int) -> dict[str, object]:
    return {"about": "This account posts the monthly hiring threads. (Fictional sample account.)",
            "created": 1301664000, "id": HN_USER, "karma": 41000 + 300 * week,
            "submitted": [t.id for t in hn_threads(week)]}


def hn_files(week: int) -> dict[str, object]:
    files: dict[str, object] = {f"hn/user/{HN_USER}.json": hn_user(week)}
    for t in hn_threads(week):
        files[f"hn/item/{t.id}.json"] = hn_story_item(t, week)
        for c in hn_comments(t.key, week):
            files[f"hn/item/{c.id}.json"] = hn_comment_item(c, week)
    return files


# --- Remote OK (GET /api) ----------------------------------------------------------------------------

@dataclass
class FeedJob:
    """One Remote OK / Remotive / JSON-LD posting; weeks=(first, last) index SNAPSHOTS from 1."""
    key: str
    id: str
    company: str
    title: str
    location: str
    weeks: tuple[int, int]
    posted: str  # UTC "YYYY-MM-DD HH:MM"
    tags: list[str]
    paras: list[str]
    bullets: list[str] = field(default_factory=list)
    salary: tuple[int, int] | None = None
    salary_text: str = ""
    category: str = ""
    job_type: str = "full_time"
    currency: str = "USD"
    extra: dict[str, object] = field(default_factory=dict)
    note: str = ""

    @property
    def time(self) -> datetime:
        return _utc(self.posted, "feed/" + self.key)

    def in_week(self, week: int) -> bool:
        return self.weeks[0] <= week <= self.weeks[1]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _simple_html(paras: list[str], bullets: list[str]) -> str:
    out = "".join(f"<p>{_esc(p)}</p>" for p in paras)
    if bullets:
        out += "<ul>" + "".join(f"<li>{_esc(b)}</li>" for b in bullets) + "</ul>"
    return out


# The cross-source duplicate: Fernwave's Ashby posting "Staff Machine Learning Engineer, LLM Serving"
# also listed on Remote OK, a day after the Ashby one, with the same text (no inline styles).
DUP_BOARD, DUP_KEY = "fernwave", "staff-mle-llm-serving"


def _dup_posting() -> Posting:
    return next(p for p in POSTINGS if p.board == DUP_BOARD and p.key == DUP_KEY)


def remoteok_dup_description() -> str:
    c, p = COMPANIES[DUP_BOARD], _dup_posting()
    hd = c.headings
    parts = [f"<h2>{_esc(hd['about'])}</h2>"] + [f"<p>{_esc(a)}</p>" for a in c.about]
    parts += [f"<h2>{_esc(hd['role'])}</h2>"] + [f"<p>{_esc(t)}</p>" for t in p.intro]
    for k, items in (("do", p.do), ("need", p.need), ("nice", p.nice), ("benefits", c.benefits)):
        parts.append(f"<h2>{_esc(hd[k])}</h2><ul>" + "".join(f"<li>{_esc(i)}</li>" for i in items) + "</ul>")
    return "".join(parts)


REMOTEOK_JOBS: list[FeedJob] = [
    FeedJob("ro-fernwave-llm-serving", "1160427", "Fernwave", "Staff Machine Learning Engineer, LLM Serving",
            "Remote - United States", (2, 5), "2026-10-21 18:05",
            ["machine learning", "llm", "vllm", "rust", "kubernetes", "gpu"], [],
            salary=(250000, 310000),
            note="the same job as the Ashby posting (cross-source duplicate)"),
    FeedJob("ro-saltbox-analytics", "1157730", "Saltbox Analytics", "Senior Analytics Engineer", "US, Canada",
            (1, 3), "2026-10-09 13:40", ["analytics", "dbt", "sql", "data"],
            ["Saltbox Analytics runs the experimentation platform for subscription apps. Our analytics "
             "engineers own the models every customer dashboard reads from."],
            ["Build and test dbt models over event data from hundreds of apps",
             "Own data quality checks and freshness alerts",
             "Work with data scientists on metric definitions"],
            note="no salary (0/0)"),
    FeedJob("ro-quarrytide-recsys", "1158914", "Quarrytide", "Machine Learning Engineer, Recommendations",
            "United States", (1, 5), "2026-10-14 16:22", ["machine learning", "python", "pytorch", "recsys"],
            ["Quarrytide is a marketplace for reclaimed building materials. Help builders find the beams, "
             "bricks and tiles they need before they buy new."],
            ["Train and ship ranking and candidate-generation models",
             "Build features from listings, photos and search behaviour",
             "Run online experiments with the marketplace team"],
            salary=(160000, 200000)),
    FeedJob("ro-pinewhistle-data", "1156201", "Pinewhistle", "Data Engineer", "Europe", (1, 2),
            "2026-10-02 09:50", ["data engineer", "spark", "python"],
            ["Pinewhistle makes route-planning software for regional bus networks."],
            ["Maintain Spark and dbt pipelines over timetable (GTFS) and ticketing data",
             "Publish clean datasets for our planners and customers"],
            note="closes after 2026-10-26"),
    FeedJob("ro-nimbleroot-ds", "1162208", "Nimbleroot", "Data Scientist, Forecasting", "Worldwide", (3, 5),
            "2026-10-28 11:15", ["data science", "python", "forecasting", "statistics"],
            ["Nimbleroot forecasts crop yields for agricultural lenders from satellite and weather data."],
            ["Build and validate yield forecasts for new crops and regions",
             "Explain forecast uncertainty to credit teams"],
            salary=(110000, 140000)),
    FeedJob("ro-ledgerwise-mlops", "1164590", "Ledgerwise", "MLOps Engineer", "North America", (4, 5),
            "2026-11-05 14:30", ["mlops", "kubernetes", "python", "llm"],
            ["Ledgerwise automates bookkeeping for small businesses with LLM agents that read receipts and "
             "bank feeds."],
            ["Run model serving and evaluation pipelines on Kubernetes",
             "Own GPU capacity, monitoring and cost",
             "Build tooling for fine-tuning and RAG experiments"],
            salary=(150000, 185000)),
]

REMOTEOK_LEGAL = ("Sample data for the jobtrends demo: every listing below is invented. The real Remote OK API "
                  "asks users to link back to each listing and to name Remote OK as the source; this file only "
                  "copies the shape of its answer.")


def remoteok_job(j: FeedJob) -> dict[str, object]:
    slug = f"remote-{_slug(j.title)}-{_slug(j.company)}-{j.id}"
    low, high = j.salary or (0, 0)
    desc = remoteok_dup_description() if j.key == "ro-fernwave-llm-serving" else _simple_html(j.paras, j.bullets)
    return {
        "slug": slug, "id": j.id, "epoch": int(j.time.timestamp()), "date": j.time.isoformat(timespec="seconds"),
        "company": j.company, "company_logo": "", "position": j.title, "tags": j.tags, "logo": "",
        "description": desc, "location": j.location, "salary_min": low, "salary_max": high,
        "apply_url": f"https://remoteOK.com/remote-jobs/{slug}", "url": f"https://remoteOK.com/remote-jobs/{slug}",
    }


def remoteok_api(week: int) -> list[dict[str, object]]:
    jobs = sorted((j for j in REMOTEOK_JOBS if j.in_week(week)), key=lambda j: j.time, reverse=True)
    updated = int((_week_date(week) - timedelta(hours=1)).timestamp())
    return [{"last_updated": updated, "legal": REMOTEOK_LEGAL}, *(remoteok_job(j) for j in jobs)]


# --- Remotive (GET /api/remote-jobs) -----------------------------------------------------------------

REMOTIVE_JOBS: list[FeedJob] = [
    FeedJob("rv-tidemark-mle", "2104417", "Tidemark Health", "Senior Machine Learning Engineer", "USA",
            (1, 4), "2026-10-06 14:12", ["python", "pytorch", "nlp", "healthcare"],
            ["Tidemark Health helps home-care agencies schedule visits and spot patients at risk of "
             "readmission."],
            ["Build risk models from visit notes and claims data",
             "Own model monitoring and fairness reviews"],
            salary_text="$150k - $185k", category="Software Development",
            note="closes after 2026-11-09"),
    FeedJob("rv-copperleaf-analyst", "2103950", "Copperleaf Data", "Data Analyst", "Europe, UK", (1, 5),
            "2026-10-01 08:30", ["sql", "looker", "analytics"],
            ["Copperleaf Data builds reporting for European wind-farm operators."],
            ["Build dashboards for turbine availability and output",
             "Answer ad hoc questions from operations teams"],
            salary_text="", category="Data Analysis", note="no salary (\"\")"),
    FeedJob("rv-marrowbyte-analytics", "2105122", "Marrowbyte", "Analytics Engineer", "Worldwide", (2, 3),
            "2026-10-20 10:45", ["dbt", "snowflake", "sql"],
            ["Marrowbyte sells inventory software to independent bookshops."],
            ["Model sales and stock data in dbt and Snowflake"],
            salary_text="$40 - $55/hr", category="Data Analysis", job_type="contract",
            note="hourly, contract"),
    FeedJob("rv-glasswing-evals", "2106033", "Glasswing AI", "LLM Evaluation Engineer", "USA, Canada", (3, 5),
            "2026-10-30 17:20", ["llm", "python", "evaluation", "machine learning"],
            ["Glasswing AI sells evaluation suites for companies shipping LLM features."],
            ["Design regression tests for prompts and agents",
             "Build red-teaming datasets with our annotation team",
             "Report model quality to customers in plain language"],
            salary_text="$130k - $160k", category="Software Development"),
]

REMOTIVE_WARNING = ("Sample data for the jobtrends demo: every job below is invented. The shape follows the "
                    "public Remotive API, which asks for a link back to each job and a few requests a day.")
REMOTIVE_LEGAL = "Fictional sample: no real company or job is listed here."


def remotive_job(j: FeedJob) -> dict[str, object]:
    cat = _slug(j.category).replace("software-development", "software-dev").replace("data-analysis", "data")
    return {
        "id": int(j.id), "url": f"https://remotive.com/remote-jobs/{cat}/{_slug(j.title)}-{j.id}",
        "title": j.title, "company_name": j.company, "company_logo": f"https://remotive.com/job/{j.id}/logo",
        "category": j.category, "tags": j.tags, "job_type": j.job_type,
        "publication_date": j.time.strftime("%Y-%m-%dT%H:%M:%S"), "candidate_required_location": j.location,
        "salary": j.salary_text, "description": _simple_html(j.paras, j.bullets),
    }


def remotive_body(week: int) -> dict[str, object]:
    jobs = [remotive_job(j) for j in sorted((j for j in REMOTIVE_JOBS if j.in_week(week)),
                                            key=lambda j: j.time, reverse=True)]
    return {"00-warning": REMOTIVE_WARNING, "0-legal-notice": REMOTIVE_LEGAL, "job-count": len(jobs),
            "total-job-count": len(jobs), "jobs": jobs}


# --- JSON-LD career site (pages served at /<site>/<id>) ----------------------------------------------

JSONLD_SITE = "brightmoor"
JSONLD_COMPANY = "Brightmoor"
JSONLD_ABOUT = ("Brightmoor builds demand forecasting and pricing software for independent grocers, so a "
                "corner shop can order like a supermarket chain. We are 70 people in Leeds and Chicago.")

JSONLD_JOBS: list[FeedJob] = [
    FeedJob("bm-1042", "bm-1042", JSONLD_COMPANY, "Machine Learning Engineer, Demand Forecasting", "Leeds, GB",
            (1, 5), "2026-09-28 09:00", [],
            ["Every night our models forecast sales for 40,000 products in 1,800 shops. You will make those "
             "forecasts better for fresh food, promotions and bank holidays."],
            ["Train and evaluate forecasting models (LightGBM, PyTorch) on store-level sales",
             "Own the nightly training pipeline on Airflow and Kubernetes",
             "Work with our category experts to explain forecast errors"],
            salary=(60000, 78000), currency="GBP",
            extra={"locality": "Leeds", "region": "England", "country": "GB", "employment": "FULL_TIME"}),
    FeedJob("bm-1057", "bm-1057", JSONLD_COMPANY, "Senior Data Scientist, Pricing", "Chicago, IL, US",
            (1, 3), "2026-10-06 15:00", [],
            ["Help grocers set prices that keep customers and margins: price elasticity, markdowns for "
             "short-dated food and competitor monitoring."],
            ["Build elasticity and markdown models", "Design pricing experiments with partner stores",
             "Mentor two data scientists"],
            salary=(150000, 180000), currency="USD",
            extra={"locality": "Chicago", "region": "IL", "country": "US", "employment": "FULL_TIME",
                   "valid_through": "2026-11-08"},
            note="page gone from 2026-11-09 (its validThrough passed)"),
    FeedJob("bm-1071", "bm-1071", JSONLD_COMPANY, "AI Engineer, Store Assistant (LLM)", "Remote, United Kingdom",
            (3, 5), "2026-10-29 10:30", [],
            ["Shop owners ask our assistant what to order and why. You will build it: an LLM agent with "
             "retrieval over sales history, supplier catalogues and our forecasts."],
            ["Build the RAG and tool-calling layer of the assistant",
             "Set up offline evaluations and guardrails",
             "Ship features weekly with product and design"],
            salary=(70000, 90000), currency="GBP",
            extra={"locality": "Leeds", "region": "England", "country": "GB", "employment": "FULL_TIME",
                   "remote": True, "escaped": True},
            note="`jobLocationType: TELECOMMUTE` + `applicantLocationRequirements`; description HTML-escaped"),
]


def jsonld_posting(j: FeedJob) -> dict[str, object]:
    url = f"https://careers.brightmoor.example/jobs/{j.id}"
    desc = f"<p>{_esc(JSONLD_ABOUT)}</p>" + _simple_html(j.paras, [])
    desc += "<h3>What you will do</h3><ul>" + "".join(f"<li>{_esc(b)}</li>" for b in j.bullets) + "</ul>"
    if j.extra.get("escaped"):
        desc = html.escape(desc, quote=False)
    posted = j.time.date()
    valid = str(j.extra.get("valid_through") or (posted + timedelta(days=60)).isoformat())
    x = j.extra
    out: dict[str, object] = {
        "@context": "https://schema.org/", "@type": "JobPosting", "title": j.title, "description": desc,
        "identifier": {"@type": "PropertyValue", "name": JSONLD_COMPANY, "value": j.id},
        "datePosted": posted.isoformat(), "validThrough": f"{valid}T23:59:59Z",
        "employmentType": x["employment"],
        "hiringOrganization": {"@type": "Organization", "name": JSONLD_COMPANY,
                               "sameAs": "https://brightmoor.example", "logo": "https://brightmoor.example/logo.png"},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": x["locality"],
                                                      "addressRegion": x["region"], "addressCountry": x["country"]}},
    }
    if x.get("remote"):
        out["jobLocationType"] = "TELECOMMUTE"
        out["applicantLocationRequirements"] = {"@type": "Country", "name": "United Kingdom"}
    low, high = j.salary  # type: ignore[misc]
    out["baseSalary"] = {"@type": "MonetaryAmount", "currency": j.currency,
                         "value": {"@type": "QuantitativeValue", "minValue": low, "maxValue": high,
                                   "unitText": "YEAR"}}
    out["url"] = url
    return out


def jsonld_page(j: FeedJob) -> str:
    posting = jsonld_posting(j)
    ld = json.dumps(posting, ensure_ascii=False, indent=2).replace("</", "<\\/")
    url = str(posting["url"])
    body = html.unescape(str(posting["description"])) if j.extra.get("escaped") else str(posting["description"])
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{_esc(j.title)} | {JSONLD_COMPANY} careers</title>\n"
        f"<link rel=\"canonical\" href=\"{url}\">\n<meta property=\"og:url\" content=\"{url}\">\n"
        f"<meta property=\"og:title\" content=\"{html.escape(j.title)}\">\n"
        "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"Organization\", "
        f"\"name\": \"{JSONLD_COMPANY}\", \"url\": \"https://brightmoor.example\"}}</script>\n"
        f"<script type=\"application/ld+json\">\n{ld}\n</script>\n</head>\n<body>\n"
        f"<header><a href=\"https://careers.brightmoor.example/\">{JSONLD_COMPANY} careers</a></header>\n"
        f"<main>\n<h1>{_esc(j.title)}</h1>\n<p class=\"meta\">{_esc(j.location)}</p>\n{body}\n"
        f"<p><a class=\"apply\" href=\"{url}/apply\">Apply for this job</a></p>\n</main>\n</body>\n</html>\n"
    )


def feed_counts() -> dict[str, list[int]]:
    """Source -> postings per snapshot (HN: live top-level comments in the newest hiring thread)."""
    out: dict[str, list[int]] = {"hn": [], "remoteok": [], "remotive": [], "jsonld": []}
    for w in range(1, len(SNAPSHOTS) + 1):
        newest = next(t for t in hn_threads(w) if t.hiring)
        out["hn"].append(sum(1 for c in hn_comments(newest.key, w) if c.state(w) == "live"))
        out["remoteok"].append(sum(j.in_week(w) for j in REMOTEOK_JOBS))
        out["remotive"].append(sum(j.in_week(w) for j in REMOTIVE_JOBS))
        out["jsonld"].append(sum(j.in_week(w) for j in JSONLD_JOBS))
    return out


# =====================================================================================================
# Output, checks, summary, README
# =====================================================================================================

def _dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def _dump_compact(obj: object) -> str:
    """As the HN Firebase and Remote OK APIs serve it: one line, no spaces."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def build() -> dict[str, str]:
    """Relative path -> file text, for every file this script owns."""
    files: dict[str, str] = {}
    for week, day in enumerate(SNAPSHOTS, start=1):
        files[f"{day}/robots.txt"] = ROBOTS
        for c in COMPANIES.values():
            body = {"greenhouse": gh_board, "lever": lever_board, "ashby": ashby_board}[c.ats](c, week)
            files[f"{day}/{c.ats}/{c.token}.json"] = _dump(body)
        for rel, item in hn_files(week).items():
            files[f"{day}/{rel}"] = _dump_compact(item)
        files[f"{day}/remoteok/api.json"] = _dump_compact(remoteok_api(week))
        files[f"{day}/remotive/remote-jobs.json"] = "\ufeff" + _dump(remotive_body(week))  # served with a BOM
        for j in JSONLD_JOBS:
            if j.in_week(week):
                files[f"{day}/jsonld/{JSONLD_SITE}/{j.id}.html"] = jsonld_page(j)
    files["README.md"] = readme()
    return files


def _board_jobs(body: object) -> list[dict[str, object]]:
    return body if isinstance(body, list) else body["jobs"]  # type: ignore[index,return-value]


def _job_id(ats: str, job: dict[str, object]) -> str:
    return str(job["id"])


def counts() -> dict[str, list[int]]:
    return {c.token: [sum(1 for p in POSTINGS if p.board == c.token and p.in_week(w))
                      for w in range(1, len(SNAPSHOTS) + 1)] for c in COMPANIES.values()}


def posting_ids() -> dict[tuple[str, str], str]:
    """(board, key) -> the id the API shows for it."""
    out = {}
    for c in COMPANIES.values():
        seq = _sorted_seq(c.token) if c.ats == "greenhouse" else {}
        for p in POSTINGS:
            if p.board != c.token:
                continue
            if c.ats == "greenhouse":
                x = c.extras
                out[(c.token, p.key)] = f"{x['id_base'] + seq[p.key] * x['id_step']}{x['id_suffix']}"
            else:
                out[(c.token, p.key)] = _uuid(c.ats, c.token, p.key)
    return out


def readme() -> str:
    cnt = counts()
    ids = posting_ids()
    n_ml = sum(p.ml for p in POSTINGS)
    lines = [
        "# Replay SAMPLE: fictional job postings",
        "",
        "This folder is a **sample of fictional postings written for the jobtrends demo and tests**. The",
        "companies, postings, people, URLs on `.example` domains and all text are invented; any",
        "resemblance to real employers is coincidental. Nothing here is copied from real postings. The",
        "files only reproduce the *shapes* of the public job-board API responses (field names, nesting,",
        "value formats) so that the spiders, parsers and the rest of the pipeline can run offline: the",
        "Greenhouse, Lever and Ashby board APIs, Hacker News \"Who is hiring?\" threads (Firebase API),",
        "Remote OK, Remotive and one schema.org JSON-LD career site.",
        "",
        "Layout (see docs/ARCHITECTURE.md, \"Replay\"): one folder per weekly snapshot, named by its",
        "crawl date (Mondays), each served by `crawlers.replay.server.ReplayServer`:",
        "",
        "```",
        "<YYYY-MM-DD>/robots.txt               User-agent: * / Allow: /",
        "<YYYY-MM-DD>/greenhouse/<token>.json  GET /v1/boards/<token>/jobs?content=true",
        "<YYYY-MM-DD>/lever/<site>.json        GET /v0/postings/<site>?mode=json  (skip/limit honoured)",
        "<YYYY-MM-DD>/ashby/<org>.json         GET /posting-api/job-board/<org>?includeCompensation=true",
        "<YYYY-MM-DD>/hn/user/whoishiring.json GET /v0/user/whoishiring.json",
        "<YYYY-MM-DD>/hn/item/<id>.json        GET /v0/item/<id>.json      (stories and top-level comments)",
        "<YYYY-MM-DD>/remoteok/api.json        GET /api",
        "<YYYY-MM-DD>/remotive/remote-jobs.json GET /api/remote-jobs       (starts with a UTF-8 BOM)",
        "<YYYY-MM-DD>/jsonld/<site>/<id>.html  GET /<site>/<id>            (listed at /<site>/sitemap.xml)",
        "```",
        "",
        "All files are generated by `build_sample.py` (deterministic; `--check` verifies the files on",
        "disk). Edit the data in the script and re-run it rather than editing the JSON by hand.",
        "",
        "## Boards",
        "",
        "| ATS | token | invented company | " + " | ".join(SNAPSHOTS) + " | distinct |",
        "|---|---|---|" + "---:|" * (len(SNAPSHOTS) + 1),
    ]
    for c in COMPANIES.values():
        n = sum(1 for p in POSTINGS if p.board == c.token)
        lines.append(f"| {c.ats} | `{c.token}` | {c.name} | " + " | ".join(map(str, cnt[c.token]))
                     + f" | {n} |")
    totals = [sum(v[i] for v in cnt.values()) for i in range(len(SNAPSHOTS))]
    lines.append("| | | **total** | " + " | ".join(f"**{t}**" for t in totals) + f" | **{len(POSTINGS)}** |")
    lines += [
        "",
        f"{len(POSTINGS)} distinct postings: {n_ml} ML / data roles and {len(POSTINGS) - n_ml} non-ML roles "
        "(account executives, product designers, backend engineers, recruiters), from intern to principal "
        "and manager, in the US, UK, Germany, Canada and India, remote, hybrid and on-site.",
        "",
        "## Deliberate features (for tests)",
        "",
    ]

    def ref(board: str, key: str) -> str:
        p = next(q for q in POSTINGS if q.board == board and q.key == key)
        return f"`{board}` \"{p.title}\" (id `{ids[(board, key)]}`)"

    edited = next(p for p in POSTINGS if p.edits)
    appear = [p for p in POSTINGS if p.weeks[0] > 1]
    gone = [p for p in POSTINGS if p.weeks[1] < len(SNAPSHOTS)]
    lines += [
        f"* **Edited posting**: {ref(edited.board, edited.key)} keeps its id and URL but its description "
        f"changes from {SNAPSHOTS[min(edited.edits) - 1]} on (adds vLLM / RAG / LLM serving, \"4+ years\" "
        "becomes \"5+ years\"); its Greenhouse `updated_at` moves to the edit time.",
        "* **Empty board**: `ashby/petalcrest.json` is `{\"jobs\": [], \"apiVersion\": \"1\"}` on "
        f"{SNAPSHOTS[3]} (its three postings closed after {SNAPSHOTS[2]}); a new posting appears on "
        f"{SNAPSHOTS[4]}.",
        "* **Lever paging**: both Lever boards have more than 3 postings every week (`tessellar` up to "
        f"{max(cnt['tessellar'])}, `harborlight` up to {max(cnt['harborlight'])}), so `limit=3` needs "
        "several pages.",
        "* **Ashby `isRemote: null`**: " + ", ".join(ref(p.board, p.key) for p in POSTINGS
                                                    if p.extra.get("is_remote", 0) is None)
        + " (the first also has `address.postalAddress.addressCountry: \"\"` and location \"Remote - North "
        "America\"). Ashby `workplaceType` is present on `fernwave` and `cobaltgrid`, absent on "
        "`petalcrest`; `employmentType` includes `Intern` and `Contract`.",
        "* **Lever `workplaceType: \"unspecified\"`**: " + ", ".join(
            ref(p.board, p.key) for p in POSTINGS if p.workplace == "unspecified") + ".",
        "* **Salaries**: structured yearly USD / GBP / EUR / CAD (Lever `salaryRange`, Ashby "
        "`compensationTiers`), hourly interns (Lever `per-hour-wage`: "
        + ref("harborlight", "ml-intern") + "; Ashby `1 HOUR`: " + ref("petalcrest", "ml-research-intern")
        + "; Greenhouse pay-transparency block: " + ref("lumenforge", "mle-intern-2027") + "), an Ashby "
        "posting with two tiers (EUR and GBP, \"Multiple Ranges\"): "
        + ref("cobaltgrid", "sr-mle-forecasting-platform") + ", a salary only in the text: "
        + ref("tessellar", "cv-engineer-munich") + ", and postings with no salary at all. Greenhouse "
        "salaries are only in `content` (`content-pay-transparency`), as on the real API.",
        "* **Greenhouse `content`** is HTML-escaped once more, as served (`&lt;p&gt;`, `&quot;`, `&#39;`, "
        "`&amp;mdash;` in the pay range); `lumenforge` carries `metadata` custom fields \"Employment Type\" "
        "and \"Workplace Type\" (Remote / Hybrid / On-site) and Greenhouse `departments` / `offices`; "
        "`quillmetric` uses a custom careers-site `absolute_url` (`?gh_jid=`), "
        "`metadata: null` and time stamps in Europe/London time (BST until 2026-10-25, then GMT); "
        "`lumenforge` in America/New_York (EDT until 2026-11-01, then EST).",
        "* **Trends**: LLM / RAG / vLLM postings grow week by week (new LLM, agent, serving and "
        "vision-language roles; the edited posting adds vLLM) while TensorFlow-centred postings close. "
        "Postings mentioning each term, per snapshot: " + trend_line() + ".",
        f"* **Cross-source duplicate**: {ref(DUP_BOARD, DUP_KEY)} is also on Remote OK as id "
        f"`{_dup_remoteok().id}` (same company, title and location, the same description without Ashby's "
        "inline styles), one day later. See \"Other sources\" below for the other cross-source pairs.",
        "",
        "### Postings that appear after the first snapshot",
        "",
    ]
    for p in sorted(appear, key=lambda q: (q.weeks[0], q.board)):
        lines.append(f"* {SNAPSHOTS[p.weeks[0] - 1]}: {ref(p.board, p.key)}")
    lines += ["", "### Postings that close (last seen on the date given)", ""]
    for p in sorted(gone, key=lambda q: (q.weeks[1], q.board)):
        lines.append(f"* {SNAPSHOTS[p.weeks[1] - 1]}: {ref(p.board, p.key)}")
    lines += ["", "### All postings", "",
              "| ATS | board | id | title | ML | first | last | salary |", "|---|---|---|---|---|---|---|---|"]
    for c in COMPANIES.values():
        for p in POSTINGS:
            if p.board != c.token:
                continue
            s = p.salary
            sal = (f"{s.currency} {s.min:,}–{s.max:,}/{s.interval}" if s else
                   ("in text" if "salary_text" in p.extra else "–"))
            lines.append(f"| {c.ats} | {c.token} | `{ids[(c.token, p.key)]}` | {p.title} | "
                         f"{'yes' if p.ml else 'no'} | {SNAPSHOTS[p.weeks[0] - 1]} | "
                         f"{SNAPSHOTS[p.weeks[1] - 1]} | {sal} |")
    lines.append("")
    lines += readme_feeds(ref)
    return "\n".join(lines)


def _dup_remoteok() -> FeedJob:
    return next(j for j in REMOTEOK_JOBS if j.key == "ro-fernwave-llm-serving")


def _span(weeks: tuple[int, int]) -> str:
    return f"{SNAPSHOTS[weeks[0] - 1]} to {SNAPSHOTS[weeks[1] - 1]}" if weeks[0] != weeks[1] else SNAPSHOTS[weeks[0] - 1]


def _comment_weeks(c: HnComment) -> tuple[int, int] | None:
    seen = [w for w in range(1, len(SNAPSHOTS) + 1) if _visible(c.time, w)]
    return (seen[0], seen[-1]) if seen else None


def _all_totals() -> list[int]:
    """Postings per snapshot over every source, HN counting the live comments of every hiring thread."""
    ats = counts()
    out = []
    for w in range(1, len(SNAPSHOTS) + 1):
        hn = sum(1 for t in hn_threads(w) if t.hiring for c in hn_comments(t.key, w) if c.state(w) == "live")
        out.append(sum(v[w - 1] for v in ats.values()) + hn + sum(j.in_week(w) for j in
                                                                  REMOTEOK_JOBS + REMOTIVE_JOBS + JSONLD_JOBS))
    return out


def readme_feeds(ref: object) -> list[str]:
    n = len(SNAPSHOTS)
    weeks = range(1, n + 1)

    def cell(records: int, skipped: int | None = None) -> str:
        return str(records) if not skipped else f"{records} ({skipped})"

    def thread_row(t: HnThread, label: str) -> str:
        cells = []
        for w in weeks:
            if not _visible(t.time, w):
                cells.append("–")
                continue
            cs = hn_comments(t.key, w)
            live = sum(c.state(w) == "live" for c in cs)
            cells.append(cell(live, len(cs) - live))
        return f"| hn | {label} (story `{t.id}`) | " + " | ".join(cells) + " |"

    fc = feed_counts()
    lines = [
        "## Other sources: Hacker News, Remote OK, Remotive, JSON-LD",
        "",
        "Postings per snapshot (in brackets: top-level HN comments that are deleted or dead, which the parser "
        "counts as `skipped`). The HN spider reads `submitted` newest first and passes over the \"Who wants to "
        "be hired?\" stories. A replay (the demo) reads every hiring thread the snapshot holds (the weekly flow "
        "sets `HN_MAX_THREADS = 1000` when replaying), so from 2026-11-02 on both the October thread (closed, "
        "still in `submitted`) and the November thread are read; with the Scrapy setting's default of 1 only "
        "the newest hiring thread is.",
        "",
        "| source | board / thread | " + " | ".join(SNAPSHOTS) + " |",
        "|---|---|" + "---:|" * n,
        thread_row(HN_THREADS["oct"], "\"Ask HN: Who is hiring? (October 2026)\""),
        thread_row(HN_THREADS["nov"], "\"Ask HN: Who is hiring? (November 2026)\""),
        "| hn | \"Who wants to be hired?\" (October `" + str(HN_THREADS["oct-wants"].id) + "`, November `"
        + str(HN_THREADS["nov-wants"].id) + "`): must be ignored | "
        + " | ".join(str(sum(len(hn_comments(t.key, w)) for t in hn_threads(w) if not t.hiring)) + " comments"
                     for w in weeks) + " |",
        "| remoteok | `remoteok` (`api.json`, after the legal notice) | " + " | ".join(map(str, fc["remoteok"])) + " |",
        "| remotive | `remotive` (`remote-jobs.json`) | " + " | ".join(map(str, fc["remotive"])) + " |",
        f"| jsonld | `{JSONLD_SITE}` (pages) | " + " | ".join(map(str, fc["jsonld"])) + " |",
        "| | **all sources, ATS boards included (what the demo loads)** | " + " | ".join(
            f"**{t}**" for t in _all_totals()) + " |",
        "",
        "`hn/user/whoishiring.json` `submitted`, newest first: "
        + "; ".join(f"{SNAPSHOTS[w - 1]}: " + ", ".join(f"`{t.id}`" for t in hn_threads(w)) for w in (1, 3)) + " (the "
        "same from then on). Story `kids` list the top-level comment ids newest first and grow from snapshot to "
        "snapshot.",
        "",
        "### Deliberate features",
        "",
    ]
    cid = {c.key: c.id for c in HN_COMMENTS}
    ro = {j.key: j.id for j in REMOTEOK_JOBS}
    rv = {j.key: j.id for j in REMOTIVE_JOBS}
    ref_ = ref  # type: ignore[assignment]
    lines += [
        f"* **Cross-source duplicate (near-identical)**: Remote OK `{ro['ro-fernwave-llm-serving']}` = "
        f"{ref_(DUP_BOARD, DUP_KEY)}: company \"Fernwave\", title \"Staff Machine Learning Engineer, LLM Serving\", "
        "location \"Remote - United States\", USD 250,000–310,000, the Ashby description re-rendered without inline "
        "styles (EEO line left out). Both are in every snapshot from 2026-10-26 on.",
        "* **Same job named on HN** (equal title, compatible location, different text): HN "
        f"`{cid['oct-lumenforge']}` = {ref_('lumenforge', 'mle-retrieval')}; HN `{cid['nov-fernwave']}` = "
        f"{ref_('fernwave', 'ai-engineer-voice-agents')}; HN `{cid['nov-tessellar']}` = "
        f"{ref_('tessellar', 'vlm-engineer')}. Between feeds: HN `{cid['nov-glasswing']}` and Remotive "
        f"`{rv['rv-glasswing-evals']}` (Glasswing AI, \"LLM Evaluation Engineer\"); HN `{cid['nov-pinewhistle']}` and "
        f"Remote OK `{ro['ro-pinewhistle-data']}` (Pinewhistle, \"Data Engineer\").",
        f"* **HN re-posts** (one company's ad again in the next month's thread, edited): Drumlin Robotics "
        f"`{cid['oct-drumlin']}` -> `{cid['nov-drumlin']}`; Wrenfield `{cid['oct-wrenfield']}` -> "
        f"`{cid['nov-wrenfield']}`. Orbitale posts different roles each month (`{cid['oct-orbitale']}`, "
        f"`{cid['nov-orbitale']}`): not the same job.",
        f"* **Board links for discover**: HN `{cid['oct-lumenforge']}` links `https://job-boards.greenhouse.io/"
        f"lumenforge` (October thread), HN `{cid['nov-tessellar']}` links `https://jobs.lever.co/tessellar` "
        "(November thread); both boards are already in the sample.",
        f"* **Skipped HN comments**: deleted `{cid['oct-deleted']}` (October, deleted before any snapshot), dead "
        f"`{cid['oct-dead']}` (October) and `{cid['nov-dead']}` (November), and `{cid['nov-pinewhistle']}` "
        "(November), live on 2026-11-02 and 2026-11-09 and served as `{\"deleted\": true, ...}` on 2026-11-16.",
        "* **HN header styles**: `|` between fields (most), ` - ` (Orbitale, October), roles separated by `|` "
        f"(`{cid['oct-lumenforge']}`, `{cid['nov-glasswing']}`), by `,` (`{cid['oct-drumlin']}`), by `;` "
        f"(`{cid['oct-larkspur']}`, roles listed again in the body), a second role only in a body list "
        f"(`{cid['nov-quarrytide']}`), salaries as `$150k–$215k`, `$160k-$210k + equity`, `$180K–$240K, 0.5–1.5% "
        "equity`, `$165,000 - $205,000`, `€75k–€95k`, `CA$140k–CA$175k`, `₹35L–₹50L` and none; REMOTE, REMOTE "
        "(US, Canada), Hybrid, Onsite / ONSITE; text with `<p>`, `&#x2F;`, `&#x27;`, `&amp;` and `<a href ... "
        "rel=\"nofollow\">` links.",
        "* **Remote OK**: the first element is the legal notice `{\"last_updated\", \"legal\"}` (no `id`); "
        "`salary_min`/`salary_max` `0` = not stated on "
        + ", ".join(f"`{j.id}`" for j in REMOTEOK_JOBS if not j.salary) + "; ids are strings, `epoch` is Unix "
        "seconds and `date` the same instant in ISO form.",
        "* **Remotive**: the body starts with a UTF-8 BOM; `00-warning` / `0-legal-notice` keys; salary text "
        + ", ".join(f"`\"{j.salary_text}\"` (`{j.id}`)" for j in REMOTIVE_JOBS) + ".",
        f"* **JSON-LD** (`jsonld/{JSONLD_SITE}/`, invented company \"{JSONLD_COMPANY}\"): each page has an "
        "`Organization` block and a `JobPosting` block (`identifier` PropertyValue, `hiringOrganization`, "
        "`jobLocation` Place/PostalAddress, `datePosted`, `validThrough`, `employmentType`, `baseSalary` "
        "MonetaryAmount with a yearly QuantitativeValue, `url`, `description` HTML; `</` written `<\\/` inside "
        "the script), plus `og:url` / canonical links. "
        + "; ".join(f"`{j.id}`: {j.note}" for j in JSONLD_JOBS if j.note) + ".",
        "",
        "### Postings, by source",
        "",
        "Top-level comments of the hiring threads (the header is the comment's first line, as written; "
        "ids grow with time, `kids` lists them newest first):",
        "",
        "| thread | id | header (first line) | in snapshots | served as / note |",
        "|---|---|---|---|---|",
    ]
    for c in HN_COMMENTS:
        span = _comment_weeks(c)
        thread = HN_THREADS[c.thread]
        if not thread.hiring:
            continue
        month = thread.title.split("(")[-1].rstrip(")")
        first = c.paras[0].replace("|", "\\|") if c.paras else "–"
        if c.deleted:
            served = "deleted"
        elif c.dead:
            served = "dead"
        elif c.deleted_from:
            served = f"comment, deleted from {SNAPSHOTS[c.deleted_from - 1]}"
        else:
            served = "comment"
        lines.append(f"| {month} | `{c.id}` | {first} | {_span(span) if span else '–'} | "
                     f"{served}{'; ' + c.note if c.note else ''} |")
    lines += [
        "",
        "Remote OK, Remotive and JSON-LD postings:",
        "",
        "| source | id | company | title | location | in snapshots | salary | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for source, jobs in (("remoteok", REMOTEOK_JOBS), ("remotive", REMOTIVE_JOBS), ("jsonld", JSONLD_JOBS)):
        for j in jobs:
            if source == "remotive":
                sal = j.salary_text or "–"
            elif j.salary:
                sal = f"{j.currency} {j.salary[0]:,}–{j.salary[1]:,}/year"
            else:
                sal = "–"
            lines.append(f"| {source} | `{j.id}` | {j.company} | {j.title} | {j.location} | {_span(j.weeks)} | "
                         f"{sal} | {j.note} |")
    lines.append("")
    return lines


def validate(root: Path) -> list[str]:
    """Checks on the files as written: JSON parses, shapes, counts, id/URL stability, dates."""
    errors: list[str] = []
    seen: dict[tuple[str, str, str], dict[str, object]] = {}
    cnt = counts()
    for week, day in enumerate(SNAPSHOTS, start=1):
        snap = root / day
        if (snap / "robots.txt").read_text() != ROBOTS:
            errors.append(f"{day}: robots.txt")
        monday = _week_date(week)
        for c in COMPANIES.values():
            f = snap / c.ats / f"{c.token}.json"
            try:
                body = json.loads(f.read_text(encoding="utf-8"))
            except ValueError as e:
                errors.append(f"{f}: {e}")
                continue
            if c.ats == "lever" and not isinstance(body, list):
                errors.append(f"{f}: Lever body is not an array")
            if c.ats == "greenhouse" and body["meta"]["total"] != len(body["jobs"]):
                errors.append(f"{f}: meta.total")
            jobs = _board_jobs(body)
            if len(jobs) != cnt[c.token][week - 1]:
                errors.append(f"{f}: {len(jobs)} jobs, expected {cnt[c.token][week - 1]}")
            for j in jobs:
                jid = _job_id(c.ats, j)
                url = j.get("absolute_url") or j.get("hostedUrl") or j.get("jobUrl")
                if c.ats == "greenhouse":
                    dates = [j["first_published"], j["updated_at"]]
                    text = j["content"]
                    if "<" in text:
                        errors.append(f"{f}: {jid} content not escaped")
                elif c.ats == "lever":
                    dates = [datetime.fromtimestamp(j["createdAt"] / 1000, timezone.utc).isoformat()]
                    text = j["description"] + json.dumps(j["lists"]) + j["additional"]
                else:
                    dates = [j["publishedAt"]]
                    text = j["descriptionHtml"]
                for d in dates:
                    if datetime.fromisoformat(d) > monday:
                        errors.append(f"{f}: {jid} dated {d}, after the snapshot")
                prev = seen.get((c.ats, c.token, jid))
                if prev is not None:
                    if prev["url"] != url:
                        errors.append(f"{f}: {jid} URL changed")
                    if prev["text"] != text:
                        prev["changes"] = int(prev["changes"]) + 1  # type: ignore[call-overload]
                    prev["text"] = text
                else:
                    seen[(c.ats, c.token, jid)] = {"url": url, "text": text, "changes": 0}
    errors += validate_feeds(root)
    n_changed = sum(1 for v in seen.values() if v["changes"])
    if n_changed != 1:
        errors.append(f"{n_changed} postings change text between snapshots; expected exactly 1")
    if len(seen) != len(POSTINGS):
        errors.append(f"{len(seen)} distinct ids on disk, {len(POSTINGS)} postings defined")
    return errors


_LD_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def validate_feeds(root: Path) -> list[str]:
    """Checks on the HN, Remote OK, Remotive and JSON-LD files as written."""
    errors: list[str] = []
    ids: dict[int, str] = {}  # HN item id -> what it is (unique across items)
    for t in HN_THREADS.values():
        ids.setdefault(t.id, t.key)
    for c in HN_COMMENTS:
        if ids.setdefault(c.id, c.key) != c.key:
            errors.append(f"HN id {c.id} used twice ({ids[c.id]}, {c.key})")
    kids_before: dict[int, set[int]] = {}
    for week, day in enumerate(SNAPSHOTS, start=1):
        snap, monday = root / day, _week_date(week)
        try:
            user = json.loads((snap / "hn/user" / f"{HN_USER}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            errors.append(f"{day}: HN user: {e}")
            continue
        on_disk = {p.name for p in (snap / "hn/item").glob("*.json")}
        expected = {f"{t.id}.json" for t in hn_threads(week)} | {
            f"{c.id}.json" for t in hn_threads(week) for c in hn_comments(t.key, week)}
        if on_disk != expected:
            errors.append(f"{day}: hn/item files differ: extra {sorted(on_disk - expected)}, "
                          f"missing {sorted(expected - on_disk)}")
        hiring = 0
        for sid in user["submitted"]:
            story = json.loads((snap / "hn/item" / f"{sid}.json").read_text(encoding="utf-8"))
            if story["time"] >= monday.timestamp():
                errors.append(f"{day}: story {sid} dated after the snapshot")
            kids = story.get("kids", [])
            if kids != sorted(kids, reverse=True):
                errors.append(f"{day}: story {sid} kids not newest first")
            if not kids_before.get(sid, set()) <= set(kids):
                errors.append(f"{day}: story {sid} lost kids")
            kids_before[sid] = set(kids)
            if "Who is hiring?" in story["title"]:
                hiring += 1
                if not 6 <= len(kids) <= 10:
                    errors.append(f"{day}: story {sid} has {len(kids)} kids, expected 6-10")
            for kid in kids:
                item = json.loads((snap / "hn/item" / f"{kid}.json").read_text(encoding="utf-8"))
                if item["parent"] != sid or item["type"] != "comment" or item["id"] != kid:
                    errors.append(f"{day}: comment {kid} parent/type/id")
                if not story["time"] < item["time"] < monday.timestamp():
                    errors.append(f"{day}: comment {kid} time outside its thread and snapshot")
        if hiring != (1 if week < 3 else 2):
            errors.append(f"{day}: {hiring} hiring threads in submitted")
        api = json.loads((snap / "remoteok/api.json").read_text(encoding="utf-8"))
        if "id" in api[0] or "legal" not in api[0]:
            errors.append(f"{day}: remoteok legal notice")
        if not 3 <= len(api) - 1 <= 5:
            errors.append(f"{day}: remoteok has {len(api) - 1} jobs")
        for job in api[1:]:
            if job["epoch"] >= monday.timestamp():
                errors.append(f"{day}: remoteok {job['id']} dated after the snapshot")
        raw = (snap / "remotive/remote-jobs.json").read_bytes()
        if not raw.startswith(b"\xef\xbb\xbf"):
            errors.append(f"{day}: remotive BOM")
        rem = json.loads(raw.decode("utf-8-sig"))
        if rem["job-count"] != len(rem["jobs"]) or not 2 <= len(rem["jobs"]) <= 4:
            errors.append(f"{day}: remotive job-count")
        for job in rem["jobs"]:
            if datetime.fromisoformat(job["publication_date"] + "+00:00") >= monday:
                errors.append(f"{day}: remotive {job['id']} dated after the snapshot")
        pages = sorted((snap / "jsonld" / JSONLD_SITE).glob("*.html"))
        if [p.stem for p in pages] != sorted(j.id for j in JSONLD_JOBS if j.in_week(week)):
            errors.append(f"{day}: jsonld pages {[p.stem for p in pages]}")
        for page in pages:
            blocks = [json.loads(m) for m in _LD_BLOCK.findall(page.read_text(encoding="utf-8"))]
            postings = [b for b in blocks if b.get("@type") == "JobPosting"]
            if len(postings) != 1 or postings[0]["identifier"]["value"] != page.stem:
                errors.append(f"{page}: expected one JobPosting with identifier {page.stem}")
            elif date.fromisoformat(postings[0]["datePosted"]) >= monday.date():
                errors.append(f"{page}: datePosted after the snapshot")
    return errors


def summary() -> str:
    cnt = counts()
    width = max(len(t) for t in cnt) + 2
    head = f"{'ats':<11}{'board':<{width}}" + "".join(f"{d[5:]:>7}" for d in SNAPSHOTS) + f"{'distinct':>10}"
    rows = [head, "-" * len(head)]
    for c in COMPANIES.values():
        n = sum(1 for p in POSTINGS if p.board == c.token)
        rows.append(f"{c.ats:<11}{c.token:<{width}}" + "".join(f"{v:>7}" for v in cnt[c.token]) + f"{n:>10}")
    totals = [sum(v[i] for v in cnt.values()) for i in range(len(SNAPSHOTS))]
    rows.append("-" * len(head))
    rows.append(f"{'':<11}{'total':<{width}}" + "".join(f"{t:>7}" for t in totals) + f"{len(POSTINGS):>10}")
    n_ml = sum(p.ml for p in POSTINGS)
    rows.append(f"distinct postings: {len(POSTINGS)} (ML/data {n_ml}, non-ML {len(POSTINGS) - n_ml})")
    rows.append("postings mentioning, per week: " + trend_line())
    rows.append("")
    for source, per_week in feed_counts().items():
        rows.append(f"{source:<11}{'':<{width}}" + "".join(f"{v:>7}" for v in per_week))
    return "\n".join(rows)


TREND_TERMS = ["LLM", "RAG", "vLLM", "LangChain", "TensorFlow", "PyTorch", "Kubernetes"]


def trend_line() -> str:
    return "; ".join(
        f"{t} " + "/".join(str(sum(1 for p in POSTINGS if p.in_week(w) and _mentions(p.version(w), t)))
                           for w in range(1, len(SNAPSHOTS) + 1))
        for t in TREND_TERMS)


def _mentions(p: Posting, term: str) -> bool:
    text = " ".join([p.title, *p.intro, *p.do, *p.need, *p.nice])
    return re.search(rf"(?<![A-Za-z]){re.escape(term)}s?(?![A-Za-z])", text) is not None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only compare the files on disk with the output")
    ap.add_argument("--root", type=Path, default=HERE, help="where to write (default: this folder)")
    args = ap.parse_args(argv)
    files = build()
    if args.check:
        stale = [rel for rel, text in files.items()
                 if not (args.root / rel).is_file() or (args.root / rel).read_text(encoding="utf-8") != text]
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
    else:
        for rel, text in files.items():
            path = args.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
    errors = validate(args.root)
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    print(summary())
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
