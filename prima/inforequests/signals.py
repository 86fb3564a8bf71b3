"""Infrastructure signals of the information-request service (no business flow here).

``request_delivered`` is sent, once the delivery is committed, with ``request`` (the delivered
InformationRequest); other apps (the satisfaction survey) connect to it to follow up.
"""

import django.dispatch

request_delivered = django.dispatch.Signal()
