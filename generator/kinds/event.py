"""Events: content/events/<id>.md — conferences, meetings, agreements, policies, awards."""

from __future__ import annotations

from . import schema as s
from .article import STANDARDS
from .spec import Kind, KindSpec, Ref

EVENT_KIND_LABELS = {  # what sort of event it is → how pages name it
    "conference": "Conference", "forum": "Forum", "meeting": "Meeting", "agreement": "Agreement",
    "policy": "Policy", "launch": "Launch", "publication": "Publication", "award": "Award",
    "observance": "Observance", "other": "Event",
}
EVENT_KINDS = tuple(EVENT_KIND_LABELS)
ATTENDANCE_MODES = ("offline", "online", "mixed")  # schema.org's eventAttendanceMode: in person, online, both

SPEC = KindSpec(
    Kind.EVENT, "events", "Events", "Event", rank=4, folder="events",
    references=(Ref("organizations", "organization"), Ref("people", "person"), Ref("place", "place", many=False),
                STANDARDS),
    name_fields=("title",), body="a description of what happened", template="event.html",
    index_template="events-index.html", jsonld="Event",
    api="Every event, by id, with its date as precise as the reports give it.",
    newest_first=True, chart=False, covered_by="article",
    scaffold_body="describe what happened, or delete this line.",
    distinguishing=("place",), tell_apart="give each its place, or titles that tell them apart", name_with="date",
    api_item=s.record({
        "id": s.ident("Event id."), "url": s.URL, "title": s.text("Name of the event."),
        "kind": s.choice(EVENT_KINDS, "What sort of event it is."),
        "date": s.date("When it happened"), "date_precision": s.PRECISION,
        "end": s.date("Last day of a multi-day event", nullable=True),
        "in_calendar": s.typed("boolean", "Whether events.ics lists it (only events with a day-precision date)."),
        "attendance": s.choice(ATTENDANCE_MODES, "How people took part: in person, online, or both."),
        "summary": s.text("One line on what happened.", nullable=True),
        "place": s.ident("Id in places.json.", nullable=True),
        "organizations": s.idents("Ids in organizations.json."), "people": s.idents("Ids in people.json."),
        "articles": s.article_ids("Ids in articles.json, newest first."),
        "standards": s.texts("Designations of the standards it is about, as written."),
        "body": s.BODY,
    }),
)
