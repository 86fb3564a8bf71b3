"""The public page cache (issue 13): anonymous visitors share pages, never a CSRF token, a
personal page or a page older than the last write."""

import re

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from prima.core import pagecache

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"'
                   r'|"X-CSRFToken": "([A-Za-z0-9]{64})"')


@pytest.fixture
def on(settings):
    """The cache switched on (after the fixtures listed before it have written their rows)."""
    settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS = 30
    pagecache._pages.clear()
    yield
    pagecache._pages.clear()


def _satker_url(tree):
    return reverse("organisations:satker-detail", args=[tree.jepara.code])


def test_second_anonymous_visit_is_answered_without_a_query(on, tree,
                                                            django_assert_num_queries):
    url = _satker_url(tree)
    first = Client().get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second.status_code == 200
    assert tree.jepara.name in second.content.decode()


def test_off_by_default_in_tests(tree, django_assert_max_num_queries):
    url = _satker_url(tree)
    Client().get(url)
    with pytest.raises(pytest.fail.Exception):
        with django_assert_max_num_queries(0):
            Client().get(url)


def _tokens(response) -> set[str]:
    return {a or b for a, b in TOKEN.findall(response.content.decode())}


def test_each_visitor_gets_their_own_csrf_token(on, tree):
    url = _satker_url(tree)
    first, second = Client(), Client()
    one = first.get(url)
    two = second.get(url)  # from the cache
    secret_one = first.cookies["csrftoken"].value
    secret_two = second.cookies["csrftoken"].value
    assert secret_one != secret_two
    assert _tokens(one) and _tokens(two)
    assert {_unmask_cipher_token(t) for t in _tokens(one)} == {secret_one}
    assert {_unmask_cipher_token(t) for t in _tokens(two)} == {secret_two}
    assert b"prima-csrf-token" not in two.content


def test_a_write_drops_the_cached_pages(tree, on, django_capture_on_commit_callbacks):
    url = _satker_url(tree)
    Client().get(url)
    with django_capture_on_commit_callbacks(execute=True):
        tree.jepara.name = "KPU Kabupaten Jepara Baru"
        tree.jepara.save()
    assert "KPU Kabupaten Jepara Baru" in Client().get(url).content.decode()


def test_logged_in_people_and_sessions_get_the_view(on, tree, people, login):
    url = _satker_url(tree)
    Client().get(url)
    html = login(people.ppid, Client()).get(url).content.decode()
    assert reverse("accounts:logout") in html  # their own navigation, not the cached page
    visitor = Client()
    visitor.cookies["sessionid"] = "whatever"
    assert reverse("accounts:login") in visitor.get(url).content.decode()


def test_the_language_is_part_of_the_key(on, tree, settings):
    url = _satker_url(tree)
    indonesian = Client().get(url)
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        assert english.get(url).content != indonesian.content
        assert 'lang="en"' in english.get(url).content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)  # the middleware left English active


REPLAYED = []


def _record(*, value):
    REPLAYED.append(value)


def test_hits_replay_what_the_view_counted(on, db):
    REPLAYED.clear()
    factory = RequestFactory()

    @pagecache.public_page
    def view(request):
        pagecache.replay_on_hit(request, f"{__name__}:_record", value=1)
        REPLAYED.append("view")
        return HttpResponse("page")

    for _ in range(3):
        assert view(factory.get("/x/")).content == b"page"
    assert REPLAYED == ["view", 1, 1]


def test_private_and_failed_answers_are_not_kept(on, db):
    factory = RequestFactory()
    seen = []

    @pagecache.public_page
    def private(request):
        seen.append(1)
        response = HttpResponse("secret")
        response["Cache-Control"] = "private"
        return response

    @pagecache.public_page
    def missing(request):
        seen.append(2)
        return HttpResponse("no", status=404)

    for _ in range(2):
        private(factory.get("/p/"))
        missing(factory.get("/m/"))
    assert seen == [1, 2, 1, 2]


def test_a_rolled_back_write_keeps_the_pages_and_a_commit_drops_them(
        tree, on, django_capture_on_commit_callbacks):
    pagecache.bump_generation()
    from django.core.cache import cache

    before = cache.get(pagecache.GENERATION_KEY)
    with pytest.raises(RuntimeError), transaction.atomic():
        tree.kudus.name = "x"
        tree.kudus.save()
        raise RuntimeError
    assert cache.get(pagecache.GENERATION_KEY) == before
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tree.kudus.save()
        tree.jepara.save()
    assert len(callbacks) == 1  # once per transaction
    assert cache.get(pagecache.GENERATION_KEY) != before


def test_a_broken_cache_never_fails_a_write_or_a_page(on, tree, monkeypatch):
    """Data migrations save rows before the cache table exists; a cache outage must not turn
    public pages into errors either."""
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise RuntimeError("no cache")

    monkeypatch.setattr(cache, "set", broken)
    monkeypatch.setattr(cache, "get", broken)
    tree.kudus.name = "KPU Kabupaten Kudus Baru"
    tree.kudus.save()  # outside the test's transaction hooks too: no error
    pagecache._bump_after_write()
    response = Client().get(_satker_url(tree))
    assert response.status_code == 200


def test_pages_stay_in_the_process_and_only_the_generation_is_shared(on, tree):
    """Random query strings must not fill the shared (database) cache: the page is kept in the
    process's bounded memory, compressed; the shared cache holds one key."""
    from django.core.cache import cache

    url = _satker_url(tree)
    Client().get(url)
    Client().get(url + "?x=1")
    assert cache.get(pagecache.GENERATION_KEY) is not None
    assert len(pagecache._pages.items) == 2
    assert all(pagecache.KEY_PREFIX not in key for key in cache._cache)  # locmem in tests


def test_with_redis_the_pages_are_shared_by_every_worker(on, tree, settings):
    from django.core.cache import cache

    settings.PRIMA_CACHE = "redis"  # the backend stays the test's memory cache
    url = _satker_url(tree)
    Client().get(url)
    assert not pagecache._pages.items
    assert any(pagecache.KEY_PREFIX in key for key in cache._cache)
    pagecache._pages.clear()
    second = Client().get(url)
    assert tree.jepara.name in second.content.decode()


def test_unseen_writes_leave_the_cached_pages_alone(tree, on, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from prima.core import pagecache

    url = _satker_url(tree)
    Client().get(url)
    generation = cache.get(pagecache.GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pagecache.unseen_writes():
            tree.kudus.save()
    assert callbacks == []
    assert cache.get(pagecache.GENERATION_KEY) == generation
    with django_capture_on_commit_callbacks(execute=True):
        tree.kudus.save()  # the same write outside the block moves it
    assert cache.get(pagecache.GENERATION_KEY) != generation


def _token_page(request):
    from django.middleware.csrf import get_token

    # A token in an unusual place (a data attribute), two calls (two masks), and a 64-character
    # word that is not a token and must stay.
    other = "A" * 64
    return HttpResponse(f'<p data-t="{get_token(request)}">{other}</p>'
                        f'<input value="{get_token(request)}">')


def test_the_tokens_handed_out_are_replaced_wherever_they_are(on, db):
    assert pagecache._RECORDING  # Django's get_token still masks through the recorded function
    view = pagecache.public_page(_token_page)
    factory = RequestFactory()
    first = factory.get("/token-page/")
    first.COOKIES = {}
    view(first)
    second = factory.get("/token-page/")
    second.COOKIES = {}
    page = view(second).content.decode()  # from the cache, with the second visitor's tokens
    tokens = re.findall(r'(?:data-t|value)="([A-Za-z0-9]{64})"', page)
    assert len(tokens) == 2
    assert {_unmask_cipher_token(t) for t in tokens} == {second.META["CSRF_COOKIE"]}
    assert "A" * 64 in page and "prima-csrf-token" not in page


def test_without_a_record_the_page_is_scanned_for_the_token(db):
    from django.middleware.csrf import get_token

    request = RequestFactory().get("/")
    token = get_token(request)
    content = f'<b>{token}</b><i>{"B" * 64}</i>'.encode()
    scanned, found = pagecache._without_token(request, content)
    recorded, found_too = pagecache._without_token(request, content, [token])
    assert found and found_too and scanned == recorded
    assert scanned == b"<b>" + pagecache.PLACEHOLDER + b"</b><i>" + b"B" * 64 + b"</i>"
    assert pagecache._without_token(request, content, []) == (content, False)
