"""Requests no page could answer sensibly are refused at the door with a 400.

A NUL byte in a query string reaches the ORM as text that PostgreSQL refuses ("string literal
cannot contain NUL (0x00) characters"), which answered 500 on any page that filters by a GET
parameter (site search, catalogue facets). No real visitor types one. Form fields need nothing
here: Django's form fields refuse NUL themselves, with a message next to the field.
"""

from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_string = request.META.get("QUERY_STRING", "")
        if b"\x00" in unquote_to_bytes(query_string.replace("+", " ")):
            return HttpResponseBadRequest(_("This address contains characters we cannot read."))
        return self.get_response(request)
