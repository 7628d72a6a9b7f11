"""Short-lived links to lesson files kept in private object storage.

Used when ``S3_DOWNLOADS=signed-url``: the portal checks that the file may be downloaded (its
resource is published) and then sends the browser to a signed link that works for
``S3_SIGNED_URL_SECONDS`` and makes the store answer with the file's original name and type.
"""

from django.conf import settings
from django.utils.http import content_disposition_header

from .models import ResourceFile


def signed_download_url(resource_file: ResourceFile) -> str:
    parameters = {
        "ResponseContentDisposition": content_disposition_header(
            as_attachment=True, filename=resource_file.original_name or "download"
        ),
    }
    if resource_file.content_type:
        parameters["ResponseContentType"] = resource_file.content_type
    return resource_file.file.storage.url(
        resource_file.file.name, parameters=parameters, expire=settings.S3_SIGNED_URL_SECONDS
    )
