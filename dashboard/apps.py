import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Forked only so that Oscar's class loader finds `dashboard.catalogue.forms`: Oscar looks
    sub-apps up through the parent's label."""

    name = "dashboard"
