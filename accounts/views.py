"""Account pages: everyone changes their own password; reviewers manage their region's unit accounts.

A reviewer creates a submitter for a unit of its region, resets a forgotten password (the new one is
shown once, to be passed on) and deactivates an account, without the Django admin. Who may do what is
decided in ``accounts.permissions`` (``check_manage``, ``managed_accounts``).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pilots.models import PilotUnit
from pilots.text import pinyin_key
from pilots.validation import IdChoiceField
from pilots.widgets import NameSelect

from . import services as account_services
from .models import Role
from .permissions import check_manage, managed_accounts, role_of, units_in_scope


class SubmitterForm(forms.Form):
    username = forms.RegexField(
        label=gettext_lazy("账号名"),
        max_length=40,
        regex=r"^[A-Za-z0-9_.@+-]+$",
        error_messages={"invalid": gettext_lazy("账号名只能用字母、数字和 _ . @ + -。")},
        help_text=gettext_lazy("字母、数字和 _ . @ + -，如 wenqiao2019"),
    )
    # The unit's id read by the one number parser: "٨٦" is no unit 86.
    unit = IdChoiceField(label=gettext_lazy("试点单位"), queryset=PilotUnit.objects.none(), widget=NameSelect)
    email = forms.EmailField(label=gettext_lazy("邮箱"), required=False, help_text=gettext_lazy("用于报送提醒，可不填"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].choices = [("", "—")] + [
            (unit.pk, unit.name)
            for unit in sorted(units.only("pk", "name")[:2000], key=lambda unit: pinyin_key(unit.name))
        ]


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password-change-done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change.html"
    extra_context = {"done": True}


def _units(request):
    return units_in_scope(request.user).exclude(pilot_level="none")


@login_required
def account_list(request):
    check_manage(request.user)
    accounts = sorted(
        managed_accounts(request.user), key=lambda user: (pinyin_key(str(user.membership.unit)), user.username)
    )
    return render(
        request,
        "accounts/account_list.html",
        {"accounts": accounts, "form": SubmitterForm(units=_units(request))},
    )


@login_required
@require_POST
def account_create(request):
    check_manage(request.user)
    form = SubmitterForm(request.POST, units=_units(request))
    if form.is_valid():
        try:
            user, password = account_services.account_create_submitter(
                actor=request.user,
                username=form.cleaned_data["username"],
                unit=form.cleaned_data["unit"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return render(
                request, "accounts/account_password.html", {"account": user, "password": password, "created": True}
            )
    accounts = managed_accounts(request.user)
    return render(request, "accounts/account_list.html", {"accounts": accounts, "form": form}, status=400)


def _account(request, pk: int):
    account = get_object_or_404(get_user_model(), pk=pk)
    check_manage(request.user, account)
    return account


@login_required
def account_reset(request, pk: int):
    """GET asks for confirmation (the old password stops working at once); POST resets."""
    account = _account(request, pk)
    if request.method != "POST":
        return render(request, "accounts/account_reset.html", {"account": account})
    password = account_services.account_reset_password(actor=request.user, account=account)
    return render(request, "accounts/account_password.html", {"account": account, "password": password})


@login_required
def account_deactivate(request, pk: int):
    """GET asks for confirmation; POST deactivates."""
    account = _account(request, pk)
    if request.method == "POST":
        account_services.account_deactivate(actor=request.user, account=account)
        messages.success(request, _("账号 %(name)s 已停用。") % {"name": account.username})
        return redirect("accounts:account-list")
    return render(request, "accounts/account_deactivate.html", {"account": account})


# Where each role starts after logging in (settings.LOGIN_REDIRECT_URL): editors compile the special
# issues, everyone else starts from the annual records.
LANDING = {Role.EDITOR: "editions:list"}


@login_required
def after_login(request):
    return redirect(LANDING.get(role_of(request.user), "reports:record-list"))
