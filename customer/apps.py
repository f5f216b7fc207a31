"""Oscar's customer app, forked for confirm-by-email registration (see customer/services.py).

Registering answers the same whether or not the address has an account, so the form cannot be
used to find out who shops here; the account only exists once its owner follows the link sent
to her address. The replaced views are in customer/views.py (Oscar's class loading finds them);
the three pages added here are the "check your inbox" page, the link itself and "send it again".
"""

import oscar.apps.customer.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CustomerConfig(apps.CustomerConfig):
    name = "customer"

    def ready(self):
        super().ready()
        self.registration_sent_view = get_class("customer.views", "RegistrationSentView")
        self.registration_confirm_view = get_class("customer.views", "RegistrationConfirmView")
        self.registration_resend_view = get_class("customer.views", "RegistrationResendView")

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            path("register/sent/", self.registration_sent_view.as_view(), name="register-sent"),
            path("register/confirm/<str:token>/", self.registration_confirm_view.as_view(),
                 name="register-confirm"),
            path("register/resend/", self.registration_resend_view.as_view(),
                 name="register-resend"),
        ]
        return self.post_process_urls(urls)
