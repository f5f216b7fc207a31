"""Every image upload path goes through `catalogue.images.photo_clean`.

The workspace (members' photos) always did; this module does the same for the two staff paths:
Oscar's dashboard product images and Wagtail's images (portraits, story heroes, cooperative
photos), single and multiple upload. Each upload is bounded by IMAGE_UPLOAD_MAX_BYTES and
IMAGE_UPLOAD_MAX_PIXELS, decoded in full (a truncated phone upload is refused here, with a
message, instead of breaking pages later), stripped of its metadata (GPS, camera) and re-encoded.
"""

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from catalogue.images import photo_clean

CONTENT_TYPES = {"jpg": "image/jpeg", "webp": "image/webp", "png": "image/png"}


def upload_clean(value):
    """The cleaned copy of a newly uploaded file, as an upload; a stored file is returned as
    it is. Raises ValidationError with a message naming the file."""
    if not isinstance(value, UploadedFile):
        return value
    clean = photo_clean(upload=value)
    name = clean.content.name
    return SimpleUploadedFile(
        name, clean.content.read(), content_type=CONTENT_TYPES[name.rsplit(".", 1)[-1]]
    )


class CleanWagtailImageField(WagtailImageField):
    """Wagtail's checks run on the cleaned copy: its own reading of a truncated file (Willow's
    size and orientation) raised OSError, a 500 in the image chooser and the multiple upload."""

    def to_python(self, data):
        return super().to_python(upload_clean(data))


class WagtailImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) with the shop's upload rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # Wagtail builds the field itself (formfield_for_dbfield); only its class changes.
            self.fields["file"].__class__ = CleanWagtailImageField
