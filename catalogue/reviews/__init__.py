"""Reviews from buyers: Oscar's review app, limited to customers who received the piece.

Oscar's class loading looks for `catalogue.reviews.<module>` inside our forked catalogue, so
`views.py` here replaces only the review views that change, without forking Oscar's reviews
app (its models, dashboard moderation and URLs stay Oscar's). Who may review is decided in
`selectors.py`; the invitation email sent on delivery is in `invitations.py`.
"""
