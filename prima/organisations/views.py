from django.http import HttpResponse


def satker_tree(request):
    return HttpResponse("tree")


def satker_detail(request, code):
    return HttpResponse(code)


def staff_satker(request, code):
    return HttpResponse(code)
