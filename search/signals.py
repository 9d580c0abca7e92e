"""Signals that keep the index following every save and delete of units, measures, positions, articles and regions."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from pilots.models import Article, PilotUnit, Practice, PracticeArea, ReformMeasure, Region, ServicePosition

from .indexing import schedule


def _unit_saved(sender, instance, **kwargs):
    schedule([instance.pk])


def _part_changed(sender, instance, **kwargs):
    schedule([instance.unit_id])


def _article_saved(sender, instance, **kwargs):
    schedule(instance.units.values_list("pk", flat=True))


def _article_deleting(sender, instance, **kwargs):
    # After the delete the links are gone: note the units now.
    schedule(list(instance.units.values_list("pk", flat=True)))


def _article_units_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if reverse:  # unit.articles.add(...): the unit itself changed
        schedule([instance.pk])
    else:
        schedule(list(instance.units.values_list("pk", flat=True)) if action == "pre_clear" else pk_set or [])


def _measure_practices_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    if reverse:  # practice.measures.add(...)
        schedule(ReformMeasure.objects.filter(pk__in=pk_set or []).values_list("unit_id", flat=True))
    else:
        schedule([instance.unit_id])


def _practice_saved(sender, instance, created, **kwargs):
    if not created:
        schedule(PilotUnit.objects.filter(measures__practices=instance).values_list("pk", flat=True).distinct())


def _area_saved(sender, instance, created, **kwargs):
    # The area facet counts units by their areas' codes (search.facet_table).
    if not created:
        schedule(PilotUnit.objects.filter(measures__practices__area=instance).values_list("pk", flat=True).distinct())


def _region_saved(sender, instance, created, **kwargs):
    # A renamed or moved region changes its units' places: in their documents and in every list
    # that names them (remembered answers expire with the index stamp).
    if not created:
        schedule(PilotUnit.objects.in_region(instance).values_list("pk", flat=True))


def connect() -> None:
    uid = "search.signals"
    post_save.connect(_unit_saved, sender=PilotUnit, dispatch_uid=f"{uid}.unit")
    for model in (ReformMeasure, ServicePosition):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.save")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.delete")
    post_save.connect(_article_saved, sender=Article, dispatch_uid=f"{uid}.article.save")
    pre_delete.connect(_article_deleting, sender=Article, dispatch_uid=f"{uid}.article.delete")
    m2m_changed.connect(_article_units_changed, sender=Article.units.through, dispatch_uid=f"{uid}.article.units")
    m2m_changed.connect(
        _measure_practices_changed, sender=ReformMeasure.practices.through, dispatch_uid=f"{uid}.measure.practices"
    )
    post_save.connect(_practice_saved, sender=Practice, dispatch_uid=f"{uid}.practice")
    post_save.connect(_area_saved, sender=PracticeArea, dispatch_uid=f"{uid}.practice_area")
    post_save.connect(_region_saved, sender=Region, dispatch_uid=f"{uid}.region")
