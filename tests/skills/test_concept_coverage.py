"""Concepts, practices and soft skills added so the taxonomy can express what ML and software postings ask
for beyond tools: ML methods, robotics, security, product and business functions. Made-up lines: each case
gives a phrasing that must count for the skill and a near miss (the word in another sense, or a company's
own text) that must not."""

import pytest

from flows.skills import SkillExtractor, load_taxonomy


@pytest.fixture(scope="module")
def extractor():
    return SkillExtractor(load_taxonomy())


def found(extractor, text):
    return {skill for skill, _, _ in extractor.extract_text(f"Engineer\n{text}")}


CASES = [
    # ML methods and problem areas
    ("model-training", "Experience with large-scale model training on GPU clusters.", "Training and development budget for every hire."),
    ("imitation-learning", "Research on imitation learning and behavior cloning for robot policies.", "We learn by imitating nobody."),
    ("alignment", "Work on LLM alignment and reward hacking.", "Keep the team aligned on priorities."),
    ("question-answering", "Build question answering systems over enterprise documents.", "Answer questions from candidates about benefits."),
    ("metric-learning", "Background in metric learning and triplet loss.", "Track the metrics that matter to the business."),
    ("representation-learning", "Publications in representation learning.", "Representation from every office at the offsite."),
    ("reward-modeling", "Train reward models and design reward functions for RL.", "Rewards and recognition programme for staff."),
    ("llm-reasoning", "Improve reasoning in large language models with RL.", "Sound reasoning and clear writing."),
    ("llm-reasoning", "Study chain-of-thought and test-time compute.", "We explain our reasoning in design reviews."),
    ("embodied-ai", "Build embodied AI agents for household tasks.", "Values embodied by every teammate."),
    ("robot-perception", "Develop perception models for our robot fleet.", "Shape the public perception of our brand."),
    ("robot-manipulation", "Learning-based manipulation policies for robot arms.", "Data manipulation in pandas."),
    ("motion-planning", "Motion planning and path planning for mobile robots.", "Intuitive website navigation for customers."),
    ("motion-planning", "Autonomous navigation for warehouse robots.", "Navigation bar redesign for the web app."),
    ("control-systems", "Strong grounding in control theory and model predictive control.", "Version control with Git."),
    ("sim-to-real", "Close the sim-to-real gap for legged robots.", "Realtime simulation of nothing at all."),
    ("simulation", "Build physics simulation environments for training agents.", "A simulated interview with the hiring team."),
    ("3d-vision", "Experience with 3D reconstruction and point clouds.", "A 3D printer in the office."),
    ("summarization", "Fine-tune models for summarization of clinical notes.", "Summary of benefits below."),
    ("synthetic-data", "Generate synthetic data to augment rare classes.", "Synthetic fabrics used in our products."),
    ("text-generation", "Work on natural language generation for reports.", "Generate leads for the sales team."),
    ("video-generation", "Research on video generation with diffusion.", "Video calls with the team every week."),
    ("speech-audio-models", "Train speech models and audio models for voice agents.", "Speak at industry events."),
    ("intent-classification", "Build intent classification for the support bot.", "Intent to hire letters go out in March."),
    ("query-understanding", "Improve query understanding and query rewriting for search.", "Answer queries from customers."),
    ("scaling-laws", "Study scaling laws for pretraining.", "Scaling our sales team across Europe."),
    ("long-context", "Efficient long-context attention and context window extension.", "Some context about our company."),
    ("code-generation", "Evaluate code generation models on repository tasks.", "Generate revenue from new customers."),
    ("text-to-sql", "Build text-to-SQL for analysts.", "Write SQL queries for dashboards."),
    ("llm-routing", "Own the LLM gateway and model routing across providers.", "Route packages through our warehouses."),
    ("llm-security", "Defend agents against prompt injection and jailbreaks.", "Secure parking at the office."),
    ("trust-and-safety", "Build content moderation and abuse detection classifiers.", "Safety shoes are provided on site."),
    ("human-in-the-loop", "Design human-in-the-loop review tools for labelers.", "Keep humans informed about the loop schedule."),
    ("churn-modeling", "Own churn prediction and customer lifetime value models.", "Low employee churn and long tenure."),
    ("product-analytics", "Product analytics: funnel analysis and cohort analysis.", "Analytics team lunch on Fridays."),
    ("marketing-analytics", "Build marketing attribution and marketing mix modeling.", "Work with the marketing team on launches."),
    ("kpis-okrs", "Define OKRs and success metrics for the team.", "KPIs that nobody tracks."),
    ("unstructured-data", "Process unstructured data such as PDFs and emails.", "A structured interview process."),
    ("formal-verification", "Apply formal verification to smart contracts.", "Formal dress is not required."),
    ("program-analysis", "Build static analysis and dynamic analysis tools.", "A dynamic, fast-growing team."),
    ("code-transformation", "Automate large-scale code migrations with codemods.", "Transform how people shop."),
    ("operating-systems", "Solid understanding of operating systems internals.", "The system operates 24/7."),
    ("computer-architecture", "Knowledge of computer architecture and memory hierarchy.", "Our architecture team is hiring."),
    ("data-privacy", "Implement data anonymization and PII handling.", "Read our privacy notice before applying."),
    ("data-collection", "Design robot data collection with teleoperation.", "We limit data collection from applicants to what is needed."),
    ("ontologies", "Maintain ontologies for the knowledge graph.", "An ontological argument about nothing."),
    # practices
    ("reliability-engineering", "Build highly available, fault-tolerant services.", "A reliable internet connection for remote work."),
    ("root-cause-analysis", "Lead root cause analysis and write postmortems.", "Plant roots in the community garden."),
    ("refactoring", "Refactor legacy modules and improve test coverage.", "Factor in the commute time."),
    ("quality-assurance", "Own QA processes and test plans for releases.", "Q&A session with the founders."),
    ("requirements-gathering", "Gather requirements from clinicians and product.", "Requirements: a laptop and a quiet desk."),
    ("product-management", "Write PRDs and own the product roadmapping process.", "Work with the product management team."),
    ("zero-to-one", "Take products from zero to one.", "Rated one of the top zero-waste offices."),
    ("change-management", "Lead change management for the new tooling rollout.", "We change fast and ship often."),
    ("process-automation", "Drive workflow automation with internal AI agents.", "Automated emails confirm your application."),
    ("process-improvement", "Run process mapping and value stream mapping.", "Improve model accuracy on rare classes."),
    ("customer-facing", "5+ years in customer-facing roles.", "Ship customer-facing features in the web app."),
    ("customer-support", "Handle technical support and customer escalations.", "Use LLMs to improve customer support for retailers."),
    ("customer-success", "Own customer success and account management for key clients.", "Customers succeed with our product."),
    ("solutions-engineering", "Lead pre-sales solutions engineering with enterprises.", "Solutions to hard engineering problems."),
    ("consulting", "Background in technical consulting with clients.", "Before joining, I worked in consulting for years."),
    ("sales", "Proven enterprise sales experience closing six-figure deals.", "Partner with Sales and Marketing on launches."),
    ("business-development", "Lead business development and partner management.", "Work with marketing and business development teams."),
    ("marketing", "Run demand generation and lifecycle marketing programs.", "Partner with the marketing team on the launch."),
    ("market-research", "Conduct market research and competitive analysis.", "Research scientists in the market team."),
    ("community-building", "Lead community building for our developer ecosystem.", "Part of a strong community of engineers."),
    ("event-planning", "Own event planning for customer summits.", "Events in the ingestion pipeline are deduplicated."),
    ("accounting", "Handle accounts payable and month-end close.", "Accounting for latency in the design."),
    ("financial-analysis", "Build financial models and unit economics analyses.", "Financial wellness benefits for employees."),
    ("corporate-law", "Draft commercial contracts and handle securities filings.", "We contract with a cleaning company."),
    ("intellectual-property", "Support patent preparation and prosecution.", "Intellectual curiosity is a must."),
    ("policy", "Contribute to AI policy and policy development.", "Our privacy policy explains how we use data."),
    ("regulatory-compliance", "Ensure regulatory compliance and SOC 2 audit readiness.", "We act in compliance with applicable law."),
    ("human-resources", "Act as HR business partner on employee relations.", "Our people team runs the offsite."),
    ("performance-management", "Run performance management and talent management cycles.", "Performance optimization of CUDA kernels."),
    ("recruiting", "Own technical hiring and talent acquisition.", "Recruiting agencies: please do not send resumes."),
    ("administrative-support", "Provide executive support and calendar management.", "Admin access to the cluster."),
    ("medical-coding", "Audit inpatient coding with ICD-10 and DRG validation.", "Coding skills in Python."),
    ("translation", "Technical translation from German into Slovak.", "Translate research into product features."),
    ("translation", "Translation of marketing surveys into Italian.", "NLP tasks such as translation and sentiment analysis."),
    ("transcription-subtitling", "Subtitling and transcription of interviews.", "Subscribe to our newsletter."),
    ("content-writing", "Copywriting, proofreading and fact-checking.", "Write clean code."),
    ("linguistics", "Background in linguistics or phonetics.", "Fluent in two languages."),
    ("electrical-engineering", "PCB layout, schematic capture and power electronics.", "Electric bikes for every employee."),
    ("hardware-verification", "Design verification with hardware emulation.", "Verify your email address."),
    ("hardware-integration", "Lead hardware bring-up and sensor integration.", "Bring your own hardware to the hackathon."),
    ("mechanical-manufacturing", "Thermal management and design for manufacturing.", "We manufacture delight for customers."),
    ("systems-engineering", "Model-based systems engineering for aircraft.", "Distributed systems engineering at scale."),
    ("systems-integration", "Build third-party integrations and system integrations.", "Integrate feedback into your next draft."),
    ("developer-tooling", "Improve developer productivity and developer tooling.", "Developers love our SDK."),
    ("design-systems", "Maintain our component library and design system.", "Design systems that scale to millions of users."),
    ("ux-design", "Own UI/UX design for the console.", "Work with UX designers on the console."),
    ("user-research", "Run user research and usability testing.", "Research on user behaviour in recommender systems."),
    ("data-lineage", "Track data lineage across the warehouse.", "Lineage of the founding team."),
    ("data-lineage", "Own metadata, lineage and data contracts.", "A family lineage going back centuries."),
    ("analytics-engineering", "Strong analytics engineering skills with dbt.", "Analytics for the engineering org."),
    ("vulnerability-management", "Drive vulnerability remediation and penetration testing.", "Show vulnerability in feedback sessions."),
    ("security-operations", "Build threat detection and response pipelines.", "Sr. Employee Relations Partner (Non-Investigations)"),
    ("risk-management", "Perform risk assessment and scenario analysis.", "Take risks and move fast."),
    ("payments", "Build payment processing and billing systems.", "Payment of salary on the first of the month."),
    # maths and soft skills
    ("monte-carlo", "Monte Carlo simulation for uncertainty.", "Offsite in Monte Rosa."),
    ("negotiation", "Strong negotiation skills with vendors.", "Salary is negotiable."),
    ("conflict-resolution", "Skilled at conflict resolution and de-escalation.", "Resolve merge conflicts in Git."),
    ("facilitation", "Run workshops and lead workshop facilitation.", "A teaching hospital partner."),
    ("strategic-planning", "Lead strategic planning for the business unit.", "Plan your strategy for the interview."),
    ("discretion", "Handle confidential information with discretion.", "Bonuses are paid at the company's discretion."),
]


@pytest.mark.parametrize(("skill", "phrased", "not_it"), CASES)
def test_new_concepts_phrased_and_near_miss(extractor, skill, phrased, not_it):
    assert skill in found(extractor, phrased)
    assert skill not in found(extractor, not_it)


def test_cases_name_taxonomy_skills():
    ids = {skill for skill, _, _ in CASES}
    assert ids <= set(load_taxonomy().by_id())


def test_names_that_contain_another_skill_leave_it_counted(extractor):
    """"LLM alignment", "training deep learning models": phrase rules, so the inner skill still counts."""
    assert {"alignment", "llm"} <= found(extractor, "Research on LLM alignment.")
    assert {"llm-routing", "llm"} <= found(extractor, "Own our LLM gateway.")
    assert {"model-training", "deep-learning"} <= found(extractor, "Experience training deep learning models.")
    assert {"3d-vision", "computer-vision"} <= found(extractor, "Background in 3D computer vision.")
    assert {"intent-classification", "classification"} <= found(extractor, "Build intent classification models.")
    assert {"quality-assurance", "testing"} <= found(extractor, "Own manual testing before releases.")


@pytest.mark.parametrize(("skill", "phrase"), [
    ("emotional-intelligence", "Customer empathy and high EQ."),
    ("data-curation", "Golden dataset curation for evaluations."),
    ("distributed-training", "Context parallelism for long sequences."),
    ("attention-mechanism", "Grouped-query attention in decoder models."),
    ("vector-search", "Dense retrieval with bi-encoders."),
    ("transfer-learning", "Domain adaptation for new hospitals."),
    ("concurrency", "Asynchronous processing with queues."),
    ("data-quality", "Define data contracts with producers."),
    ("data-modeling", "Handle schema evolution in the lakehouse."),
    ("agents", "Build web agents and browser agents."),
    ("mentoring", "Knowledge sharing and upskilling across teams."),
])
def test_names_mapped_to_existing_skills(extractor, skill, phrase):
    """Annotators' names the existing skills now spell (missing_map.csv maps them there)."""
    assert skill in found(extractor, phrase)
