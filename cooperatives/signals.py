"""A maker who withdraws her consent to a photo (or never gave it) has no portrait on file.

Hiding the picture from pages was not enough: the original and its renditions stayed at
guessable `/media/original_images/…` and `/media/images/…` addresses, and editors could open,
change and reuse them in the admin. So when a maker is saved without photo consent, her
portrait is unlinked and, unless a maker who did consent uses the same image, the Wagtail image
is deleted: Wagtail removes the original's file and every rendition's file once the transaction
commits. If she consents again, a new portrait is uploaded.
"""

import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from cooperatives.models import Maker

logger = logging.getLogger(__name__)


def maker_portrait_withdraw(*, maker: Maker) -> bool:
    """Unlink and delete the portrait of a maker without photo consent; True if deleted."""
    image = maker.portrait
    if image is None:
        return False
    Maker.objects.filter(pk=maker.pk).update(portrait=None)
    maker.portrait = None
    if Maker.objects.filter(portrait=image, consent_show_photo=True).exists():
        return False
    image.delete()
    logger.info("Portrait of maker %s deleted: no photo consent.", maker.pk)
    return True


@receiver(post_save, sender=Maker, dispatch_uid="maker_portrait_without_consent")
def _portrait_without_consent(sender, instance: Maker, raw=False, **kwargs):
    if raw or instance.consent_show_photo or not instance.portrait_id:
        return
    maker_portrait_withdraw(maker=instance)
