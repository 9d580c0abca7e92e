"""The editors' screens: parse, ask editions.permissions, call a selector or a service, render.

Everything that changes an issue is a POST form (no JavaScript needed): moving a piece up or
down, to another column, removing it, adding results of the case library. The frozen versions'
screens (list, compare, read, download, the export jobs' state) are ``version_views``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from library.filters import PilotUnitFilter
from pilots import selectors as pilot_selectors
from pilots.models import Article, Practice
from pilots.validation import parse_id, parse_ids, parse_integer

from . import selectors, services
from .exporters import print_html
from .forms import EditionForm, FreezeForm, NoteForm, OverviewForm, SectionForm, VolumeForm
from .models import Edition, Entry, Section, Volume
from .permissions import EditionAction, can_edition, check_edition, edition_for, visible_editions

MAX_ARTICLE_CHOICES = 500


def _errors(exc: ValidationError) -> str:
    return "；".join(exc.messages)


@require_http_methods(["GET", "POST"])
def edition_list(request):
    editions = visible_editions(request.user, Edition.objects.all()).annotate(entry_count=Count("entries"))
    can_edit = can_edition(request.user, EditionAction.EDIT)
    form = EditionForm()
    form.fields.pop("cover_image")  # uploaded on the issue's own page
    if request.method == "POST":
        check_edition(request.user, EditionAction.EDIT)
        form = EditionForm(request.POST)
        form.fields.pop("cover_image")
        if form.is_valid():
            edition = services.edition_create(user=request.user, **form.cleaned_data)
            messages.success(request, _("已新建专刊“%(title)s”。") % {"title": edition.title})
            return redirect("editions:detail", pk=edition.pk)
    context = {"editions": editions, "form": form, "can_edit": can_edit}
    return render(request, "editions/edition_list.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def edition_detail(request, pk: int):
    edition = Edition.objects.filter(pk=pk).first()
    if edition is None:
        raise Http404(_("没有找到该专刊。"))
    if not can_edition(request.user, EditionAction.VIEW, edition):
        check_edition(request.user, EditionAction.VIEW_PUBLISHED, edition)
        return redirect("editions:version", pk=edition.pk, number=edition.published_version.number)
    can_edit = can_edition(request.user, EditionAction.EDIT, edition)
    form = EditionForm(instance=edition)
    if request.method == "POST":
        check_edition(request.user, EditionAction.EDIT, edition)
        form = EditionForm(request.POST, request.FILES, instance=Edition.objects.get(pk=pk))
        if form.is_valid():
            fields = dict(form.cleaned_data)
            if fields.get("cover_image") is False:  # 清除 ticked
                fields["cover_image"] = ""
            services.edition_update(edition=edition, **fields)
            messages.success(request, _("已保存专刊信息。"))
            return redirect("editions:detail", pk=pk)
    edition = selectors.edition_detail(pk)
    taken = Entry.objects.filter(edition=edition).values("article_id")
    articles = (
        pilot_selectors.public_articles()
        .exclude(pk__in=taken)
        .order_by("source_file", "start_line")[:MAX_ARTICLE_CHOICES]
        if can_edit
        else []
    )
    sections = [section for volume in edition.volumes.all() for section in volume.sections.all()]
    context = {
        "edition": edition,
        "form": form,
        "can_edit": can_edit,
        "articles": articles,
        "sections": sections,
        "volume_form": VolumeForm(),
        "section_form": SectionForm(),
        "versions": edition.versions.order_by("-number")[:5],
        "undo": undo if (undo := request.session.get("editions_undo")) and undo.get("edition") == edition.pk else None,
    }
    return render(request, "editions/edition_detail.html", context, status=400 if form.errors else 200)


@require_POST
def volume_add(request, pk: int):
    edition = edition_for(request.user, pk, EditionAction.EDIT)
    form = VolumeForm(request.POST)
    if form.is_valid():
        try:
            services.volume_create(edition=edition, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _("分册：%(e)s") % {"e": _errors(exc)})
    else:
        messages.error(request, _("分册名称不能为空。"))
    return redirect("editions:detail", pk=pk)


@require_POST
def section_add(request, pk: int, volume_id: int):
    edition = edition_for(request.user, pk, EditionAction.EDIT)
    volume = get_object_or_404(Volume, pk=volume_id, edition=edition)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            services.section_create(volume=volume, title=form.cleaned_data["title"])
        except ValidationError as exc:
            messages.error(request, _("栏目：%(e)s") % {"e": _errors(exc)})
    else:
        messages.error(request, _("栏目名称不能为空。"))
    return redirect("editions:detail", pk=pk)


def _report_added(request, result: services.AddResult) -> None:
    if result.added:
        messages.success(request, _("已加入 %(n)s 篇。") % {"n": len(result.added)})
    for article, why in result.skipped[:10]:
        messages.warning(request, _("《%(title)s》未加入：%(why)s") % {"title": article.title, "why": why})
    if not result.added and not result.skipped:
        messages.warning(request, _("没有可加入的已发布文章。"))


@require_POST
def articles_add(request, pk: int, section_id: int):
    edition = edition_for(request.user, pk, EditionAction.EDIT)
    section = get_object_or_404(Section, pk=section_id, volume__edition=edition)
    ids = parse_ids(request.POST.getlist("article")[: services.MAX_ADD])
    if ids is None:
        messages.error(request, _("文章编号（article）应为正整数。"))
        return redirect("editions:detail", pk=pk)
    if not ids:
        messages.error(request, _("请选择要加入的文章。"))
        return redirect("editions:detail", pk=pk)
    found = {article.pk: article for article in Article.objects.filter(pk__in=ids)}
    result = services.entries_add(section=section, articles=[found[i] for i in ids if i in found])
    _report_added(request, result)
    return redirect(reverse("editions:detail", args=[pk]) + f"#section-{section.pk}")


@require_POST
def add_results(request):
    """From the case library: one result (``unit``) or every result of a filtered list (``query``)."""
    section_id = parse_id(request.POST.get("section", ""))
    section = (
        Section.objects.select_related("volume__edition").filter(pk=section_id).first()
        if section_id is not None
        else None
    )
    if section is None:
        check_edition(request.user, EditionAction.EDIT)
        messages.error(request, _("请选择要加入的专刊栏目。"))
        return redirect("editions:list")
    edition = section.volume.edition
    check_edition(request.user, EditionAction.EDIT, edition)
    if "unit" in request.POST:
        ids = parse_ids(request.POST.getlist("unit")[: services.MAX_ADD])
        if ids is None:
            messages.error(request, _("单位编号（unit）应为正整数，未加入任何文章。"))
            return redirect("editions:detail", pk=edition.pk)
        units = list(pilot_selectors.public_units().filter(pk__in=ids))
    else:
        filterset = PilotUnitFilter(
            QueryDict(request.POST.get("query", "")[:2000]), queryset=pilot_selectors.public_units()
        )
        if not filterset.is_valid():
            messages.error(request, _("检索条件有误，未加入任何文章。"))
            return redirect("editions:detail", pk=edition.pk)
        units = list(filterset.qs.order_by("name")[: services.MAX_ADD])
    result = services.entries_add_units(section=section, units=units)
    if "application/json" in request.headers.get("Accept", ""):
        # From the library's results: the page stays where it is and its button says 已加入.
        return JsonResponse(
            {
                "ok": bool(result.added) or bool(result.skipped),
                "added": len(result.added),
                "skipped": [{"title": article.title, "why": str(why)} for article, why in result.skipped[:10]],
                "section": f"{section.volume.name} · {section.title}",
            }
        )
    _report_added(request, result)
    return redirect(reverse("editions:detail", args=[edition.pk]) + f"#section-{section.pk}")


@require_POST
def entry_change(request, pk: int, entry_id: int):
    """One change to a piece: up/down, place (section and position: drag-and-drop, "移到第 N 位",
    another column), remove (undoable), note. A form post answers with a redirect; a request from
    the page's script (Accept: application/json) answers with JSON and the page is not reloaded."""
    edition = edition_for(request.user, pk, EditionAction.EDIT)
    entry = get_object_or_404(Entry.objects.select_related("section__volume", "article"), pk=entry_id, edition=edition)
    action = request.POST.get("action")
    wants_json = "application/json" in request.headers.get("Accept", "")
    undo = None
    error = ""
    try:
        if action in ("up", "down"):
            services.entry_move(entry=entry, direction=action)
        elif action in ("move", "place"):
            raw_section = request.POST.get("section", "")
            section_id = (parse_id(raw_section) or 0) if raw_section else entry.section_id
            target = get_object_or_404(Section, pk=section_id, volume__edition=edition)
            raw = request.POST.get("position", "").strip()
            position = parse_integer(raw, minimum=1, maximum=100_000) if raw else None
            if raw and position is None:
                raise ValidationError(_("位置应为正整数（第 N 位）。"))
            services.entry_place(entry=entry, section=target, position=position)
        elif action == "remove":
            undo = {
                "article": entry.article_id,
                "section": entry.section_id,
                "position": entry.position,
                "note": entry.note,
                "title": entry.article.title,
            }
            services.entry_remove(entry=entry)
            request.session["editions_undo"] = {**undo, "edition": edition.pk}
            if not wants_json:
                messages.success(request, _("已移除《%(title)s》，可撤销。") % {"title": entry.article.title})
        elif action == "note":
            form = NoteForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("编者按：%(e)s") % {"e": " ".join(form.errors.get("note", []))})
            services.entry_update_note(entry=entry, note=form.cleaned_data["note"])
        else:
            raise ValidationError(_("未知的操作。"))
    except ValidationError as exc:
        error = _errors(exc)
        if not wants_json:
            messages.error(request, error)
    if wants_json:
        return JsonResponse(
            {"ok": not error, "error": error, "sections": _section_orders(edition), "undo": undo},
            status=400 if error else 200,
        )
    anchor = f"#entry-{entry.pk}" if action != "remove" else f"#section-{entry.section_id}"
    return redirect(reverse("editions:detail", args=[pk]) + anchor)


def _section_orders(edition: Edition) -> dict[str, list[int]]:
    """Each section's entry ids in order: what the page's script checks its list against."""
    orders: dict[str, list[int]] = {}
    for section_id, entry_id in (
        Entry.objects.filter(edition=edition).order_by("section_id", "position", "id").values_list("section_id", "pk")
    ):
        orders.setdefault(str(section_id), []).append(entry_id)
    return orders


@require_POST
def entry_undo(request, pk: int):
    """Put back the piece removed last (remembered in the session): the undo of 移除."""
    edition = edition_for(request.user, pk, EditionAction.EDIT)
    undo = request.session.get("editions_undo") or {}
    wants_json = "application/json" in request.headers.get("Accept", "")
    if undo.get("edition") != edition.pk:
        message = _("没有可撤销的移除。")
        if wants_json:
            return JsonResponse({"ok": False, "error": message}, status=400)
        messages.error(request, message)
        return redirect("editions:detail", pk=pk)
    section = Section.objects.filter(pk=undo["section"], volume__edition=edition).first()
    article = Article.objects.filter(pk=undo["article"]).first()
    try:
        if section is None or article is None:
            raise ValidationError(_("原来的栏目或文章已不存在，无法撤销。"))
        entry = services.entry_restore(section=section, article=article, position=undo["position"], note=undo["note"])
    except ValidationError as exc:
        if wants_json:
            return JsonResponse({"ok": False, "error": _errors(exc)}, status=400)
        messages.error(request, _errors(exc))
        return redirect("editions:detail", pk=pk)
    del request.session["editions_undo"]
    if wants_json:
        return JsonResponse({"ok": True, "entry": entry.pk})
    messages.success(request, _("已撤销移除《%(title)s》。") % {"title": article.title})
    return redirect(reverse("editions:detail", args=[pk]) + f"#entry-{entry.pk}")


@require_http_methods(["GET", "POST"])
def volume_overview(request, pk: int, volume_id: int):
    edition = edition_for(request.user, pk, EditionAction.VIEW)
    volume = get_object_or_404(Volume, pk=volume_id, edition=edition)
    can_edit = can_edition(request.user, EditionAction.EDIT, edition)
    form = OverviewForm(initial={"overview_text": volume.overview_text, "figures_table": volume.figures_table})
    if request.method == "POST":
        check_edition(request.user, EditionAction.EDIT, edition)
        form = OverviewForm(request.POST)
        if form.is_valid():
            services.volume_update(
                volume=volume,
                overview_text=form.cleaned_data["overview_text"],
                figures_table=form.cleaned_data["figures_table"],
            )
            messages.success(request, _("已保存综述。"))
            return redirect("editions:overview", pk=pk, volume_id=volume.pk)
    adoption = selectors.volume_adoption(volume)
    text = form.data.get("overview_text", volume.overview_text) if form.is_bound else volume.overview_text
    segments = selectors.overview_segments(text, adoption)
    context = {
        "edition": edition,
        "volume": volume,
        "adoption": adoption,
        "rendered": selectors.overview_html(segments),
        "placeholder_errors": selectors.overview_errors(segments),
        "picker": [
            {
                "area": area.name,
                "practices": [
                    {
                        "name": practice.name,
                        "count": practice.count,
                        "percent": practice.percent,
                        "inserts": [
                            (word, selectors.placeholder_name(kind, practice.name))
                            for word, kind in selectors.PICKER_KINDS
                        ],
                    }
                    for practice in area.practices
                ],
            }
            for area in adoption.areas
        ],
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "editions/volume_overview.html", context, status=400 if form.errors else 200)


@require_GET
def practice_evidence(request, pk: int, volume_id: int, code: str):
    edition = edition_for(request.user, pk, EditionAction.VIEW)
    volume = get_object_or_404(Volume, pk=volume_id, edition=edition)
    practice = get_object_or_404(Practice.objects.select_related("area"), code=code)
    adoption = selectors.volume_adoption(volume)
    context = {
        "edition": edition,
        "volume": volume,
        "practice": practice,
        "share": adoption.practice(code),
        "evidence": selectors.volume_evidence(volume, code),
    }
    return render(request, "editions/practice_evidence.html", context)


@require_GET
def edition_preview(request, pk: int):
    """The live issue as print HTML (not a version: exports are made from versions)."""
    edition = edition_for(request.user, pk, EditionAction.VIEW)
    html = print_html(services.edition_content(edition), back_url=reverse("editions:detail", args=[pk]))
    return HttpResponse(html)


@require_http_methods(["GET", "POST"])
def edition_freeze(request, pk: int):
    edition = edition_for(request.user, pk, EditionAction.EDIT)
    warnings = services.edition_checks(edition)
    form = FreezeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.edition_freeze(
                edition=edition,
                user=request.user,
                accept_warnings=form.cleaned_data["accept"],
                comment=form.cleaned_data["comment"],
            )
        except services.FreezeBlocked as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已定稿为第 %(n)s 版。") % {"n": version.number})
            return redirect("editions:versions", pk=pk)
    errors = [w for w in warnings if w.is_error]
    context = {
        "edition": edition,
        "warnings": warnings,
        "errors": errors,
        "notes": [w for w in warnings if not w.is_error],
        "blocking": any(w.blocking for w in warnings),
        "form": form,
    }
    return render(request, "editions/freeze.html", context, status=409 if request.method == "POST" else 200)


@require_POST
def proofing_fix(request, pk: int):
    """Apply one proofing finding's fix in place (the run of text and its replacement), back to the check."""
    edition = edition_for(request.user, pk, EditionAction.EDIT)
    article_id = parse_id(request.POST.get("article", ""))
    old, new = request.POST.get("old", ""), request.POST.get("new", "")
    if article_id is None:
        messages.error(request, _("文章编号无效。"))
    else:
        try:
            article = services.article_text_fix(edition=edition, article_id=article_id, old=old, new=new)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("已修正《%(title)s》。") % {"title": article.title})
    return redirect(reverse("editions:freeze", args=[pk]) + "#findings")


@require_POST
def edition_publish(request, pk: int):
    edition = edition_for(request.user, pk, EditionAction.EDIT)
    number = request.POST.get("version", "")
    version_number = parse_integer(number, minimum=1)
    version = edition.versions.filter(number=version_number).first() if version_number is not None else None
    if number and version is None:
        messages.error(request, _("没有这个版本。"))
    else:
        services.edition_publish(edition=edition, version=version)
        messages.success(request, _("已公开第 %(n)s 版。") % {"n": version.number} if version else _("已撤回公开。"))
    return redirect("editions:versions", pk=pk)
