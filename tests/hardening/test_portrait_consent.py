"""When a maker withdraws her consent to a photo, her portrait's files and renditions stop being
served (deleted), and editors can no longer open, change or delete it in the admin."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtail.images import get_image_model

from tests.factories import MakerFactory, UserFactory
from tests.stories.conftest import make_image

pytestmark = pytest.mark.django_db

Image = get_image_model()


def _editor():
    from django.contrib.auth.models import Group

    editor = UserFactory(username="selin")
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


def test_withdrawing_photo_consent_deletes_the_portrait_and_its_renditions(
    client, django_capture_on_commit_callbacks
):
    portrait = make_image("Portrait of Ayse")
    maker = MakerFactory(portrait=portrait, consent_show_photo=True)
    rendition = portrait.get_rendition("fill-200x200")
    files = [portrait.file.name, rendition.file.name]
    portrait_id = portrait.pk
    assert all(default_storage.exists(name) for name in files)

    client.force_login(_editor())
    assert client.get(reverse("wagtailimages:edit", args=[portrait.pk])).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        maker.consent_show_photo = False
        maker.save()

    maker.refresh_from_db()
    assert maker.portrait is None
    assert not Image.objects.filter(pk=portrait_id).exists()
    assert not any(default_storage.exists(name) for name in files)
    # Editors can no longer open, change or delete it.
    for view in ("wagtailimages:edit", "wagtailimages:delete"):
        response = client.get(reverse(view, args=[portrait_id]), follow=True)
        assert response.status_code == 404


def test_a_portrait_given_to_a_maker_without_consent_is_not_kept(
    django_capture_on_commit_callbacks,
):
    portrait = make_image("Portrait without consent")
    with django_capture_on_commit_callbacks(execute=True):
        maker = MakerFactory(portrait=portrait, consent_show_photo=False)
    maker.refresh_from_db()
    assert maker.portrait is None
    assert not default_storage.exists(portrait.file.name)


def test_an_image_a_consenting_maker_also_uses_is_only_unlinked():
    shared = make_image("Group photo")
    MakerFactory(portrait=shared, consent_show_photo=True)
    without = MakerFactory(portrait=shared, consent_show_photo=False)
    without.refresh_from_db()
    assert without.portrait is None
    assert Image.objects.filter(pk=shared.pk).exists()
