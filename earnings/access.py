"""Who may open the earnings staff pages (the dashboard menu asks this too). Imported by the
settings, so it imports nothing else."""


def staff_only(user, *args, **kwargs) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_staff", False))
