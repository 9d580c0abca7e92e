from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "region"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name", "region__name"]
    autocomplete_fields = ["user", "unit", "region"]
