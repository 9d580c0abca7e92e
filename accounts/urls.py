from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/start/", views.after_login, name="after-login"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("accounts/password/done/", views.PasswordChangeDoneView.as_view(), name="password-change-done"),
    path("accounts/units/", views.account_list, name="account-list"),
    path("accounts/units/new/", views.account_create, name="account-create"),
    path("accounts/units/<int:pk>/reset/", views.account_reset, name="account-reset"),
    path("accounts/units/<int:pk>/deactivate/", views.account_deactivate, name="account-deactivate"),
]
