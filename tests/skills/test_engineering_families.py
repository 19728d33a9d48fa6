"""Everyday software-engineering families of the taxonomy (issue #13): each family is found by its names, and the
names that are also words need support on their line. Made-up lines."""

import pytest

from flows.skills import SkillExtractor, load_taxonomy
from flows.skills.taxonomy import TOOL_CATEGORIES


@pytest.fixture(scope="module")
def extractor():
    return SkillExtractor(load_taxonomy())


def found(extractor, text):
    return {skill for skill, _, _ in extractor.extract_text(f"Engineer\n{text}")}


@pytest.mark.parametrize(("line", "expected"), [
    # identity and auth standards
    ("Secure the app with OAuth 2.0, OpenID Connect and SAML single sign-on.", {"oauth", "oidc", "saml", "sso"}),
    ("Token auth with JWTs, RBAC, Keycloak or Okta.", {"jwt", "rbac", "keycloak", "okta"}),
    ("Integrate SSO through Azure AD and Auth0.", {"sso", "active-directory", "auth0"}),
    ("Policy-as-code with OPA and secrets in HashiCorp Vault.", {"open-policy-agent", "hashicorp-vault"}),
    # managed cloud services by name
    ("Serverless jobs on AWS Lambda and Step Functions, queues in SQS.", {"aws-lambda", "aws-step-functions", "sqs"}),
    ("Data on Amazon RDS, Aurora and CloudWatch dashboards.", {"rds", "aurora", "cloudwatch"}),
    ("Deploy to Cloud Run and Cloud Functions with Firestore.", {"cloud-run", "cloud-functions", "firestore"}),
    ("Ship on Vercel or Cloudflare Workers.", {"vercel", "cloudflare"}),
    # mobile platforms
    ("Build iOS and Android apps in Swift and Kotlin.", {"ios", "android", "swift", "kotlin"}),
    ("Cross-platform apps in React Native or Flutter.", {"react-native", "flutter"}),
    # front-end frameworks
    ("Front-end in Angular or Vue.js, styled with Tailwind CSS.", {"angular", "vue", "tailwind"}),
    ("Our web app runs on Next.js and SvelteKit.", {"nextjs", "svelte"}),
    ("APIs in NestJS and Express.js.", {"nestjs", "express", "apis"}),
    # compilers and runtimes
    ("Work on ML compilers: LLVM, MLIR and XLA.", {"compilers", "llvm", "mlir", "xla"}),
    ("Deep knowledge of language runtimes and the JVM.", {"language-runtimes", "jvm"}),
    # messaging, caching, networking
    ("Backends with message queues, caching layers and WebSockets.", {"message-brokers", "caching", "websocket"}),
    ("Solid networking fundamentals: TCP/IP, DNS and load balancers.", {"networking", "load-balancing"}),
    ("Service mesh experience with Istio.", {"service-mesh", "istio"}),
    # sandboxes and kernels
    ("Isolate untrusted code with gVisor, Firecracker microVMs or Kata Containers.",
     {"gvisor", "firecracker", "kata-containers"}),
    ("Comfort with cgroups and kernel internals.", {"linux-kernel"}),
    ("Write Kubernetes operators and tune autoscaling.", {"kubernetes-operators", "autoscaling"}),
    # orchestrators, BI and business software
    ("Durable workflows on Temporal or Inngest.", {"temporal", "inngest"}),
    ("Dashboards in Looker, Mode or Hex.", {"looker", "mode-analytics", "hex"}),
    ("Keep Salesforce, HubSpot and Zendesk in sync.", {"salesforce", "hubspot", "zendesk"}),
    ("Track work in Jira and Asana.", {"jira", "asana"}),
    # agents' tooling
    ("Build MCP servers and use Claude Code daily.", {"mcp", "ai-coding-tools"}),
    ("Browser automation with Playwright.", {"browser-automation", "playwright"}),
    # development disciplines
    ("Full-stack development across the product.", {"full-stack-development"}),
    ("Rapid prototyping of new features.", {"prototyping"}),
    ("Strong project management and DevOps skills.", {"project-management", "devops"}),
    ("Site reliability engineering for our inference fleet.", {"site-reliability-engineering"}),
    ("Mobile app development and web development experience.", {"mobile-development", "web-development"}),
])
def test_family_is_found(extractor, line, expected):
    assert expected <= found(extractor, line)


@pytest.mark.parametrize(("skill", "as_skill", "as_word"), [
    ("angular", "Front-end work in Angular and TypeScript.", "Estimate the angular velocity of the arm."),
    ("temporal", "Orchestrate workflows with Temporal.", "Temporal reasoning over video frames."),
    ("mode-analytics", "Reports in Looker and Mode.", "Ship Voice Mode to more users."),
    ("hex", "Notebooks in Hex and dbt models.", "Hex was our first hire."),
    ("omni-analytics", "BI tools such as Omni or Looker.", "An Omni-channel retail brand."),
    ("networking", "Linux networking and TCP tuning.", "Networking events every month."),
    ("envoy", "Proxies: Envoy and NGINX.", "Act as an envoy to our partners."),
    ("slack", "Fluent in Slack and Google Docs.", "Our founders came from Slack and Stripe."),
    ("cursor", "Daily use of Cursor and Claude Code.", "Move the Cursor to the top."),
    ("notion", "Docs live in Notion and Confluence.", "Notion of fairness in ranking."),
    ("rails", "Backend in Ruby and Rails.", "Rails and guard rails for the product."),
    ("caching", "Caching layers with Redis.", "KV caching for LLM inference."),
    ("load-balancing", "Configure load balancers.", "Expert load balancing in mixture-of-experts models."),
    ("github", "We use GitHub Actions and GitHub.", "See our code at github.com/example."),
    ("html", "Templates in HTML and CSS.", "Parse documents (PDF, CSV, HTML)."),
    ("gcs", "Datasets in GCS and BigQuery.", "Former public company GCs welcome."),
    ("c", "Systems programming in C.", "Build relationships with C level sponsors."),
    ("ai-coding-tools", "Use AI coding tools every day.", "AI coding tools or CAC (computer-assisted coding) software."),
    ("google-workspace", "Fluent in Gmail and Google Sheets.", "Email: someone@gmail.com"),
    ("microsoft-office", "Skilled in Word, Excel and Outlook.", "Outlook for the quarter is strong."),
    ("iceberg", "Lakehouse tables in Iceberg and Parquet.", "Iceberg lettuce for the office salad bar."),
    ("delta-lake", "Lakehouse formats (Delta, Parquet).", "Flights on Delta Airlines are covered."),
    ("excel", "Pivot tables in Excel.", "Parse data formats: PDFs, Excel, emails."),
    ("model-versioning", "Automate model training, deployment, versioning and monitoring.",
     "Knowledge of ontology versioning."),
])

def test_name_is_not_word(extractor, skill, as_skill, as_word):
    assert skill in found(extractor, as_skill)
    assert skill not in found(extractor, as_word)


@pytest.mark.parametrize(("line", "expected", "absent"), [
    ("Both OAuth2/OIDC and SAML.", {"oauth", "oidc", "saml"}, set()),
    ("Deep knowledge of Linux internals and cgroups.", {"linux", "linux-kernel"}, set()),
    ("Nginx and LuaJIT modules.", {"nginx", "lua"}, set()),
    ("Workloads on FaaS platforms.", {"serverless"}, set()),
    ("Terraform for infra-as-code.", {"terraform", "infrastructure-as-code"}, set()),
    ("Comfortable with SQL/NoSQL databases.", {"relational-databases", "nosql"}, set()),
    ("GPU capacity from Lambda Labs.", {"lambda-labs"}, {"aws-lambda"}),
    ("Operate battery energy storage systems.", set(), {"storage-systems"}),
    ("Experience with GPU kernel development in CUDA.", {"cuda"}, {"linux-kernel"}),
])
def test_spellings_that_hide_a_skill(extractor, line, expected, absent):
    hits = found(extractor, line)
    assert expected <= hits and not absent & hits


@pytest.mark.parametrize(("as_api_skill", "as_company_text"), [
    ("Design and build REST APIs for our customers.", "Our platform provides APIs for retrieval and evaluation."),
    ("Integrate third-party APIs into the backend.", "Not another thin wrapper around an API."),
    ("Experience with APIs and PostgreSQL.", "Customers rely on our APIs to build products."),
])
def test_bare_api_needs_engineering_support(extractor, as_api_skill, as_company_text):
    assert "apis" in found(extractor, as_api_skill)
    assert "apis" not in found(extractor, as_company_text)


def test_new_families_are_tools():
    assert {"web", "business-software"} <= set(TOOL_CATEGORIES)
    by_id = load_taxonomy().by_id()
    assert by_id["angular"].is_tool and by_id["salesforce"].is_tool
    assert by_id["full-stack-development"].category == "practice"


def test_services_roll_up_to_their_platform():
    by_id = load_taxonomy().by_id()
    assert by_id["aws-step-functions"].parent == "aws"
    assert by_id["cloud-functions"].parent == "gcp"
    assert by_id["oauth"].parent == "identity-and-access-management"
    assert by_id["nextjs"].parent == "react"
