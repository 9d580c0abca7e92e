"""What the apps' admin pages share."""


class ReadOnlyAdminMixin:
    """An admin page (or inline) that shows rows and never adds, changes or deletes them: the rows are
    written by the portal's own workflow (a frozen version, a record's values, its log)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
