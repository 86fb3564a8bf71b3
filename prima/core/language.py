"""Bahasa Indonesia is the language of Prima unless the person chose English.

Django's LocaleMiddleware would follow the browser's Accept-Language, so most visitors with an
English-language phone or office browser would get English pages without asking. Here only an
explicit choice (the language switch, which sets the language cookie) changes the language.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
