"""Spreadsheet import and export in the admin: previews, row errors, all or nothing."""

import csv
import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from referrals.models import ContactRoute, OpeningSession, Service
from referrals.spreadsheets import ContactRouteSpreadsheet, hours_to_text, parse_hours
from resources.models import Resource
from resources.spreadsheets import ResourceSpreadsheet
from tests.referrals.factories import ContactRouteFactory, OpeningSessionFactory, ServiceFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
ROUTE_HEADERS = "uuid,service,kind,label,number,hours"


def upload(client, url_name, content: bytes, name="directory.csv", file_format=CSV_FORMAT):
    return client.post(
        reverse(url_name),
        {
            "resource": "0",
            "format": file_format,
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, url_name, preview):
    form = preview.context["confirm_form"]
    return client.post(reverse(url_name), {**form.initial})


def route_csv(*rows) -> bytes:
    return "\n".join([ROUTE_HEADERS, *rows]).encode()


# ----------------------------------------------------------------------------- export
def test_routes_export_with_their_hours_and_the_number_people_dial(editor_client):
    route = ContactRouteFactory(number="+441632960123", label="Parent line")
    OpeningSessionFactory(route=route, weekday=0, opens="08:00", closes="18:00")
    url = reverse("admin:referrals_contactroute_export")
    form = editor_client.get(url).context["form"]
    every_column = {name: "on" for name in form.fields if name not in {"format", "resource"}}
    every_column.pop("export_items", None)
    response = editor_client.post(url, {"format": CSV_FORMAT, "resource": "0", **every_column})
    assert "text/csv" in response["Content-Type"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["number"] == "01632 960123"
    assert rows[0]["hours"] == "Mon 08:00-18:00"
    assert rows[0]["label"] == "Parent line"


def test_exported_text_never_runs_as_a_formula():
    ServiceFactory(name='=HYPERLINK("http://evil.example","Click")', summary="+A1*2")
    ContactRouteFactory(label="@SUM(1)", service=Service.objects.get())
    exported = ContactRouteSpreadsheet().export()
    assert exported.dict[0]["label"] == "'@SUM(1)"
    from referrals.spreadsheets import ServiceSpreadsheet

    service_row = ServiceSpreadsheet().export().dict[0]
    assert service_row["name"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert service_row["summary"] == "'+A1*2"


def test_hours_read_back_as_they_were_written():
    sessions = parse_hours("Mon-Fri 08:00-18:00; Sat 24 hours")
    assert len(sessions) == 6
    rows = [OpeningSession(weekday=d, opens=o, closes=c, all_day=a) for d, o, c, a in sessions]
    assert hours_to_text(rows).startswith("Mon 08:00-18:00; Tue 08:00-18:00")
    assert hours_to_text(rows).endswith("Sat 24 hours")


# ----------------------------------------------------------------------------- import
def test_import_previews_first_and_changes_nothing_until_confirmed(editor_client, editor):
    ServiceFactory(slug="healthy-child")
    content = route_csv(",healthy-child,phone,Parent line,01632 960111,Mon-Fri 08:00-18:00")
    preview = upload(editor_client, "admin:referrals_contactroute_import", content)
    assert preview.status_code == 200
    assert "confirm_form" in preview.context
    assert not ContactRoute.objects.exists()

    done = confirm(editor_client, "admin:referrals_contactroute_process_import", preview)
    assert done.status_code == 302
    route = ContactRoute.objects.get()
    assert (route.label, route.number) == ("Parent line", "+441632960111")
    assert route.sessions.count() == 5
    # A revision for the new route, with who imported it.
    assert route.history.get().history_user == editor


def test_a_row_error_names_the_row_and_what_is_wrong(editor_client):
    ServiceFactory(slug="healthy-child")
    rows = [f",healthy-child,phone,Line {n},01632 9601{n:02d}," for n in range(12)]
    rows.append(",healthy-child,phone,Short line,0300 30,")
    preview = upload(editor_client, "admin:referrals_contactroute_import", route_csv(*rows))
    assert "confirm_form" not in preview.context
    result = preview.context["result"]
    [(row_number, errors)] = [(row.number, row.error_dict) for row in result.invalid_rows]
    # The spreadsheet's own row 14: the headings are row 1.
    assert row_number + 1 == 14
    assert "“0300 30” is not a valid phone number" in str(errors["number"])
    assert "<td>14</td>" in preview.text and "Spreadsheet row" in preview.text
    # Nothing imported, not even the twelve good rows.
    assert not ContactRoute.objects.exists()


def test_a_bad_row_rolls_back_the_whole_file_even_without_the_admin():
    ServiceFactory(slug="healthy-child")
    dataset = tablib.Dataset(headers=ROUTE_HEADERS.split(","))
    dataset.append(["", "healthy-child", "phone", "Good line", "01632 960111", ""])
    dataset.append(["", "no-such-service", "phone", "Orphan", "01632 960112", ""])
    result = ContactRouteSpreadsheet().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert not ContactRoute.objects.exists()


def test_a_formula_in_an_imported_cell_is_refused(editor_client):
    ServiceFactory(slug="healthy-child")
    content = route_csv(',healthy-child,phone,"=HYPERLINK(""http://x"")",01632 960111,')
    preview = upload(editor_client, "admin:referrals_contactroute_import", content)
    assert "confirm_form" not in preview.context
    assert "would run as a spreadsheet formula" in preview.text
    assert not ContactRoute.objects.exists()


def test_a_formula_hidden_in_an_xlsx_file_is_refused(editor_client):
    ResourceFactory(slug="consent", title="Consent")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["slug", "title", "summary"])
    sheet.append(["consent", "Consent", "=1+1"])
    buffer = io.BytesIO()
    book.save(buffer)
    preview = upload(
        editor_client,
        "admin:resources_resource_import",
        buffer.getvalue(),
        name="resources.xlsx",
        file_format=XLSX_FORMAT,
    )
    assert "would run as a spreadsheet formula" in preview.text
    assert Resource.objects.get().summary != "2"


def test_a_phone_number_with_a_plus_is_data_not_a_formula():
    ServiceFactory(slug="healthy-child")
    dataset = tablib.Dataset(headers=ROUTE_HEADERS.split(","))
    dataset.append(["", "healthy-child", "phone", "International", "+44 1632 960111", ""])
    result = ContactRouteSpreadsheet().import_data(dataset, dry_run=False)
    assert not result.has_validation_errors() and not result.has_errors()
    assert ContactRoute.objects.get().number == "+441632960111"


def test_an_unknown_key_stage_is_a_row_error_that_names_it(publisher_client):
    content = (
        b'slug,title,kind,summary,key_stages\nnew-page,New page,guidance,A summary,"ks3, ks9"\n'
    )
    preview = upload(publisher_client, "admin:resources_resource_import", content)
    assert "confirm_form" not in preview.context
    assert "unknown key stage “ks9”" in preview.text
    assert not Resource.objects.exists()


def test_key_stages_are_imported_and_new_resources_are_drafts(editor_client):
    content = (
        b'slug,title,kind,summary,key_stages\nnew-page,New page,guidance,A summary,"KS3, ks4"\n'
    )
    preview = upload(editor_client, "admin:resources_resource_import", content)
    confirm(editor_client, "admin:resources_resource_process_import", preview)
    resource = Resource.objects.get()
    assert sorted(resource.key_stages.values_list("code", flat=True)) == ["ks3", "ks4"]
    assert resource.status == "draft"


def test_duplicate_rows_are_refused(editor_client):
    content = b"slug,title,kind,summary\nsame,First,guidance,One\nsame,Second,guidance,Two\n"
    preview = upload(editor_client, "admin:resources_resource_import", content)
    assert "confirm_form" not in preview.context
    assert "Row 3 repeats row 2" in preview.text
    assert not Resource.objects.exists()


def test_editors_cannot_change_a_published_page_by_spreadsheet(editor_client, publisher_client):
    ResourceFactory(slug="live", title="Live page", summary="As approved")
    content = b"slug,title,kind,summary\nlive,Live page,guidance,Changed behind approval\n"
    preview = upload(editor_client, "admin:resources_resource_import", content)
    assert "only a publisher can change it" in preview.text
    assert Resource.objects.get().summary == "As approved"
    preview = upload(publisher_client, "admin:resources_resource_import", content)
    confirm(publisher_client, "admin:resources_resource_process_import", preview)
    assert Resource.objects.get().summary == "Changed behind approval"


def test_unchanged_rows_make_no_revision(editor_client):
    resource = ResourceFactory(slug="same", title="Same", summary="Same", status="draft")
    before = resource.history.count()
    exported = ResourceSpreadsheet().export()
    result = ResourceSpreadsheet().import_data(exported, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert resource.history.count() == before


def test_a_malformed_file_is_refused_with_a_message(editor_client):
    preview = upload(
        editor_client,
        "admin:resources_resource_import",
        b"\x00\x01PK\x03\x04 not really a workbook",
        name="broken.xlsx",
        file_format=XLSX_FORMAT,
    )
    assert preview.status_code == 200
    assert "confirm_form" not in preview.context
    assert preview.context["form"].errors


def test_a_20_mb_upload_is_refused(editor_client):
    content = b"slug,title,kind,summary\n" + b"x" * (20 * 1024 * 1024)
    preview = upload(editor_client, "admin:resources_resource_import", content)
    assert "the largest accepted is 5.0" in preview.text
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:resources_resource_import",
        "admin:resources_resource_export",
        "admin:referrals_contactroute_export",
    ],
)
def test_import_and_export_pages_have_nothing_inline_the_csp_would_block(editor_client, url_name):
    page = editor_client.get(reverse(url_name)).text
    assert " style=" not in page
    assert " onchange=" not in page and " onclick=" not in page
    assert "<script>" not in page


def test_services_import_as_drafts_with_audiences_and_topics(editor_client):
    from tests.resources.factories import TopicFactory

    TopicFactory(name="Parenting", slug="parenting")
    content = (
        b"slug,name,summary,audiences,topics,area_served\n"
        b'family-line,Family line,Advice for families,"parent, young-person",Parenting,Norfolk\n'
    )
    preview = upload(editor_client, "admin:referrals_service_import", content)
    confirm(editor_client, "admin:referrals_service_process_import", preview)
    service = Service.objects.get()
    assert (service.name, service.status, service.area_served) == (
        "Family line",
        "draft",
        "Norfolk",
    )
    assert sorted(service.audiences.values_list("code", flat=True)) == ["parent", "young-person"]
    assert list(service.topics.values_list("name", flat=True)) == ["Parenting"]


def test_an_unknown_topic_is_named_not_invented(editor_client):
    content = b"slug,name,summary,topics\nfamily-line,Family line,Advice,Parentingg\n"
    preview = upload(editor_client, "admin:referrals_service_import", content)
    assert "unknown topic “Parentingg”" in preview.text
    assert not Service.objects.exists()


def test_changed_hours_replace_a_routes_sessions_with_revisions(editor_client, editor):
    route = ContactRouteFactory(label="Parent line")
    OpeningSessionFactory(route=route, weekday=0, opens="08:00", closes="18:00")
    content = route_csv(
        f"{route.uuid},{route.service.slug},phone,Parent line,01632 960111,Mon-Tue 09:00-17:00"
    )
    preview = upload(editor_client, "admin:referrals_contactroute_import", content)
    confirm(editor_client, "admin:referrals_contactroute_process_import", preview)
    assert hours_to_text(route.sessions.all()) == "Mon 09:00-17:00; Tue 09:00-17:00"
    # The old session's removal and each new session are in the history, with who did it.
    history = OpeningSession.history.filter(route_id=route.pk)
    assert history.filter(history_type="-").count() == 1
    assert history.filter(history_type="+", history_user=editor).count() == 2


def test_hours_that_cannot_be_read_are_a_row_error(editor_client):
    ServiceFactory(slug="healthy-child")
    content = route_csv(",healthy-child,phone,Parent line,01632 960111,Mondays 9 till 5")
    preview = upload(editor_client, "admin:referrals_contactroute_import", content)
    assert "is not a day and times" in preview.text
    assert not ContactRoute.objects.exists()
