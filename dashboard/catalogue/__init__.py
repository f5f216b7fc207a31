default_app_config = 'dashboard.catalogue.apps.CatalogueDashboardConfig'
