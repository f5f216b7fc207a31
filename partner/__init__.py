default_app_config = 'partner.apps.PartnerConfig'
