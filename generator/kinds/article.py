"""News articles: content/news/<year>/<slug>.md, the reports themselves."""

from __future__ import annotations

from . import schema as s
from .spec import Kind, KindSpec, Ref

STANDARDS = Ref("standards", "standard", by="designation")  # designations as printed, articles and events alike

SPEC = KindSpec(
    Kind.ARTICLE, "news", "News", "Article", rank=0, name_fields=("title",),
    references=(Ref("organizations", "organization"), Ref("people", "person"), Ref("places", "place"),
                Ref("events", "event"), Ref("topics", "topic"), STANDARDS,
                Ref("translation_of", "article", many=False)),
    id_hint="an article's id is its year folder and file name, e.g. '2017/shanghai-forum-opens'",
    body="the article text", card_label="News",
    scaffold_body="write the article text here, in Markdown: the report's paragraphs, in order.",
    template="article.html", index_template="news.html", unreferenced=False,
    jsonld="NewsArticle", api="Every published article, newest first, with its source and everything it mentions.",
    api_item=s.record({
        "id": s.ident("Article id: <year>/<slug>.", pattern=s.ARTICLE_ID_PATTERN), "url": s.URL,
        "title": s.text("Headline."), "date": s.date("Publication date"), "date_precision": s.PRECISION,
        "updated": s.date("Date of the last substantive correction", nullable=True),
        "summary": s.text("One or two plain-text sentences."),
        "source": s.record({
            "name": s.text("Publication the report comes from; 'Unattributed' when the original names none."),
            "url": s.typed(["string", "null"], "Web address of the original report.", format="uri"),
            "date": s.date("Original publication date, if it differs", nullable=True),
            "authors": s.texts("Reporters the original report credits."),
        }, "Where the report was first published."),
        "organizations": s.idents("Ids in organizations.json."), "people": s.idents("Ids in people.json."),
        "places": s.idents("Ids in places.json."), "events": s.idents("Ids in events.json."),
        "topics": s.idents("Ids in topics.json."),
        "standards": s.texts("Standard designations, e.g. 'ISO 9001'."),
        "images": s.typed("array", "Photo captions and credits.", items=s.record({
            "caption": s.text("Caption as the report gives it."), "credit": s.text("Photo credit.", nullable=True),
            "file": s.text("Site-relative path of the image file, if the portal has it.", nullable=True),
        })),
        "language": s.text("Language of the report (BCP 47), e.g. en, zh."),
        "translation_of": s.ident("Id of the report it translates (the original).", nullable=True,
                                  pattern=s.ARTICLE_ID_PATTERN),
        "translations": s.article_ids("Ids of the same report in other languages."),
        "body": s.BODY,
    }),
)
