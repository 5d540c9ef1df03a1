"""Vocabulary for the synthetic corpus (``portal synth``): names and sentence patterns
that read like standardization news, so that benchmarks see realistic text and markup."""

from __future__ import annotations

# (id, name, short name, kind, country or None)
BODIES = [
    ("iso", "International Organization for Standardization", "ISO", "international-body", None),
    ("iec", "International Electrotechnical Commission", "IEC", "international-body", None),
    ("itu", "International Telecommunication Union", "ITU", "international-body", None),
    ("iaf", "International Accreditation Forum", "IAF", "international-body", None),
    ("ilac", "International Laboratory Accreditation Cooperation", "ILAC", "international-body", None),
    ("cen", "European Committee for Standardization", "CEN", "regional-body", None),
    ("cenelec", "European Committee for Electrotechnical Standardization", "CENELEC", "regional-body", None),
    ("etsi", "European Telecommunications Standards Institute", "ETSI", "regional-body", None),
    ("pasc", "Pacific Area Standards Congress", "PASC", "regional-body", None),
    ("sac", "Standardization Administration of China", "SAC", "national-body", "CN"),
    ("samr", "State Administration for Market Regulation", "SAMR", "government-agency", "CN"),
    ("cnca", "Certification and Accreditation Administration of China", "CNCA", "government-agency", "CN"),
    ("cnis", "China National Institute of Standardization", "CNIS", "national-body", "CN"),
    ("din", "German Institute for Standardization", "DIN", "national-body", "DE"),
    ("bsi", "British Standards Institution", "BSI", "national-body", "GB"),
    ("afnor", "French Association for Standardization", "AFNOR", "national-body", "FR"),
    ("ansi", "American National Standards Institute", "ANSI", "national-body", "US"),
    ("jisc", "Japanese Industrial Standards Committee", "JISC", "national-body", "JP"),
    ("kats", "Korean Agency for Technology and Standards", "KATS", "national-body", "KR"),
    ("scc", "Standards Council of Canada", "SCC", "national-body", "CA"),
    ("sa", "Standards Australia", "SA", "national-body", "AU"),
    ("bis", "Bureau of Indian Standards", "BIS", "national-body", "IN"),
    ("abnt", "Brazilian Association of Technical Standards", "ABNT", "national-body", "BR"),
    ("sis", "Swedish Institute for Standards", "SIS", "national-body", "SE"),
]
MEDIA = [
    ("China Daily", "www.chinadaily.com.cn"), ("Xinhua", "www.xinhuanet.com"),
    ("Shanghai Daily", "www.shine.cn"), ("Shenzhen Daily", "www.szdaily.com"),
    ("Global Times", "www.globaltimes.cn"), ("ISO News", "www.iso.org"),
    ("IEC e-tech", "etech.iec.ch"), ("ITU News", "news.itu.int"),
    ("Standardization Guide", "www.cnstandards.net"), ("Quality Daily", "www.cqn.com.cn"),
]
# (id, name, code) — countries with their subdivisions' kind.
COUNTRIES = [
    ("china", "China", "CN"), ("germany", "Germany", "DE"), ("switzerland", "Switzerland", "CH"),
    ("united-states", "United States", "US"), ("japan", "Japan", "JP"), ("united-kingdom", "United Kingdom", "GB"),
    ("france", "France", "FR"), ("south-korea", "South Korea", "KR"), ("canada", "Canada", "CA"),
    ("australia", "Australia", "AU"), ("india", "India", "IN"), ("brazil", "Brazil", "BR"),
]
CITIES = [
    ("Shanghai", "CN"), ("Shenzhen", "CN"), ("Beijing", "CN"), ("Hangzhou", "CN"), ("Guangzhou", "CN"),
    ("Tianjin", "CN"), ("Nanjing", "CN"), ("Suzhou", "CN"), ("Chengdu", "CN"), ("Wuhan", "CN"),
    ("Qingdao", "CN"), ("Xiamen", "CN"), ("Geneva", "CH"), ("Berlin", "DE"), ("Frankfurt", "DE"),
    ("London", "GB"), ("Paris", "FR"), ("Washington", "US"), ("Tokyo", "JP"), ("Seoul", "KR"),
    ("Ottawa", "CA"), ("Sydney", "AU"), ("New Delhi", "IN"), ("Sao Paulo", "BR"),
]
SYLLABLES = [
    "an", "bao", "chang", "da", "dong", "feng", "fu", "gao", "hai", "he", "hong", "hua", "jia", "jin",
    "kang", "lan", "li", "lin", "long", "min", "ning", "ping", "qing", "rui", "shan", "sheng", "tai",
    "tian", "wan", "wei", "xin", "xing", "yang", "yi", "yong", "yu", "yuan", "ze", "zhong", "zhu",
]
DISTRICT_KINDS = ["district", "district", "zone", "area"]
SURNAMES = [
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu",
    "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Liang", "Song", "Zheng", "Xie", "Han", "Tang",
    "Feng", "Yu", "Dong", "Xiao", "Cheng", "Cao", "Yuan", "Deng", "Fu", "Shen", "Peng", "Lu", "Jiang",
    "Schmidt", "Martin", "Smith", "Tanaka", "Kim", "Dubois", "Johansson", "Silva", "Sharma", "Brown",
]
GIVEN = [
    "Wei", "Fang", "Min", "Jing", "Lei", "Jun", "Yan", "Hui", "Qiang", "Ping", "Xiaojun", "Yizhi",
    "Zuliang", "Xiaolu", "Haiyan", "Guoqing", "Lihua", "Jianguo", "Xiaoming", "Yuting", "Anna",
    "Thomas", "Sarah", "Kenji", "Ji-woo", "Claire", "Erik", "Paulo", "Priya", "David", "Elena",
]
ROLES = [
    "director", "deputy director", "secretary-general", "president", "vice president", "chair",
    "convenor", "head of standardization", "chief engineer", "researcher", "spokesperson", "reporter",
    "correspondent", "mayor", "vice mayor", "party secretary",
]
# Committee subjects: (number, subject)
SUBJECTS = [
    "quality management", "environmental management", "information security", "smart cities",
    "artificial intelligence", "energy management", "medical devices", "food safety",
    "occupational health and safety", "intelligent transport systems", "blockchain",
    "additive manufacturing", "cold chain logistics", "electric vehicles", "photovoltaic systems",
    "shipping containers", "robotics", "internet of things", "elderly care services", "tourism services",
    "building information modelling", "water efficiency", "hydrogen technologies", "sensors",
    "biotechnology", "nanotechnologies", "conformity assessment", "service excellence",
    "smart manufacturing", "cybersecurity", "data centres", "5G networks", "textiles", "fine ceramics",
]
COMPANY_SUFFIXES = [
    "Technology Co.", "Electric Group", "Testing and Certification Co.", "Instruments Co.",
    "Semiconductor Co.", "Logistics Group", "Medical Technology Co.", "Robotics Co.", "Software Co.",
    "New Energy Co.", "Precision Manufacturing Co.", "Inspection Services Co.",
]
ASSOCIATION_NAMES = [
    "Association for Standardization", "Quality Association", "Certification Industry Association",
    "Standardization Service Alliance", "Testing Laboratories Association", "Cooperation Platform for "
    "International Standardization", "Innovation Alliance",
]
AGENCIES = [
    "Administration for Market Regulation", "Institute of Standardization", "Bureau of Quality and Technical "
    "Supervision", "Commission of Commerce", "Science and Technology Commission", "Institute of Metrology",
]
TOPICS = [
    ("standardization-services", "Standardization services", "Services built around standards."),
    ("international-standardization", "International standardization", "Work in international bodies."),
    ("certification-and-accreditation", "Certification and accreditation", "Certification bodies and their sector."),
    ("local-standards", "Local standards", "Standards issued by a municipality or city."),
    ("policy-and-planning", "Policy and planning", "Action plans and strategies for standardization."),
    ("standardization-pilots", "Standardization pilots", "Pilot and demonstration projects."),
    ("industry", "Industry", "How companies take part in standardization."),
    ("metrology", "Metrology", "Measurement standards and calibration."),
    ("digital-economy", "Digital economy", "Standards for data, software and networks."),
    ("green-development", "Green development", "Standards for energy, emissions and the environment."),
    ("consumer-protection", "Consumer protection", "Product safety and consumer rights."),
    ("trade-facilitation", "Trade facilitation", "Standards that ease cross-border trade."),
    ("education-and-training", "Education and training", "Training standardization professionals."),
    ("smart-cities", "Smart cities", "Standards for urban services and infrastructure."),
    ("healthcare", "Healthcare", "Standards for medical devices and health services."),
]
EVENT_PATTERNS = {
    "conference": "{place} International Standardization Conference",
    "forum": "Forum on {subject} Standards",
    "meeting": "{org} Plenary Meeting",
    "agreement": "{org} Cooperation Agreement on {subject}",
    "policy": "{place} Action Plan for {subject}",
    "launch": "Launch of the {place} {subject} Standardization Pilot",
    "publication": "{org} Publishes Standard on {subject}",
    "award": "{place} Standardization Innovation Award",
    "observance": "World Standards Day Celebration in {place}",
    "other": "{org} Open Day",
}
TITLE_PATTERNS = [
    "{place} steps up work on {subject} standards",
    "{org} releases new standards for {subject}",
    "{event} held in {place}",
    "{place} companies join {org} work on {subject}",
    "{org} and {org2} sign agreement on {subject}",
    "Experts gather in {place} to discuss {subject}",
    "{place} issues plan to lead in {subject} standardization",
    "{n} standards on {subject} approved in {place}",
    "{org} delegation visits {place}",
    "New pilot on {subject} starts in {place}",
]
SENTENCES = [
    "The {org} said the new standards on {subject} would take effect next year.",
    "Officials from {place} attended the meeting, which focused on {subject} and related services.",
    "According to {person}, {role} of the {org}, the work will help local companies compete abroad.",
    "By the end of the year, {place} had published {n} local standards and revised {m} others.",
    "The {org} has taken part in {n} international standards projects since it was founded.",
    "Participants exchanged views on how standards can support {subject} in the region.",
    "The agreement between the {org} and the {org2} covers testing, certification and training.",
    "{person} said that standardization is a technical foundation for high-quality development.",
    "The pilot project in {place} is expected to produce {n} enterprise standards within two years.",
    "More than {n} representatives from government, industry and academia attended the event.",
    "The {org} will also host the secretariat of a technical committee on {subject}.",
    "Companies in {place} are encouraged to adopt international standards and to take part in drafting them.",
    "The plan sets targets for {subject}, including {n} new national standards by the end of the period.",
    "Certification bodies in {place} reported revenue of {m} million yuan, up {p} percent on the previous year.",
    "The {org} and the {org2} agreed to share data on conformity assessment results.",
    "Training courses for {n} standardization professionals will be held in {place} this year.",
    "The draft standard was open for public comment for {m} days before it was approved.",
    "Delegates visited laboratories and testing centres in {place} during the three-day programme.",
    "The {org} said mutual recognition of certificates would cut costs for exporters.",
    "A report released at the event found that {p} percent of surveyed firms use standards on {subject}.",
    "{person} called for closer cooperation between standards bodies and research institutes.",
    "The new rules give priority to standards on {subject}, safety and environmental protection.",
    "The {org} was established in {year} and now has {n} member organizations.",
    "Local authorities in {place} will provide funding for companies that lead standards projects.",
]
LIST_ITEMS = [
    "improve the system of local standards on {subject}",
    "support {n} companies in leading international standards projects",
    "set up a public service platform for standards information in {place}",
    "train {m} standardization professionals each year",
    "strengthen cooperation with the {org}",
    "promote certification and accreditation services for small businesses",
    "carry out {n} standardization pilot projects",
    "publish an annual report on standardization in {place}",
]
HEADINGS = ["Background", "Key tasks", "Cooperation", "Next steps", "Results so far", "Reactions"]

# The standards synthetic reports list (undated, as reports often write them), with their real titles.
STANDARDS = (
    (9001, "Quality management systems — Requirements"), (14001, "Environmental management systems"),
    (27001, "Information security management systems"), (37120, "Sustainable cities and communities"),
    (45001, "Occupational health and safety management systems"), (50001, "Energy management systems"),
    (22000, "Food safety management systems"),
)
