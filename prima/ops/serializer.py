"""Django's JSON Lines serializer, keeping times to the microsecond (Django's JSON encoder cuts
them to milliseconds, so a backup would not give back the rows it read). Registered as the
format ``primajsonl`` (settings.SERIALIZATION_MODULES) for dumpdata/loaddata."""

from __future__ import annotations

import datetime as dt
import json

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def end_object(self, obj):
        kwargs = {key: value for key, value in self.json_kwargs.items() if key != "cls"}
        json.dump(self.get_dump_object(obj), self.stream, cls=ExactJSONEncoder, **kwargs)
        self.stream.write("\n")
        self._current = None


Deserializer = jsonl.Deserializer
