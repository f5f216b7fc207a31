"""Two cooperatives, each with a coordinator and two members, for the workspace's tests."""

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import Image

from cooperatives.models import Cooperative, Maker
from tests.factories import CooperativeFactory, MakerFactory, UserFactory
from workspace import services
from workspace.models import Coordinator, Listing
from workspace.selectors import workspace_for

Category = get_model("catalogue", "Category")
Material = get_model("catalogue", "Material")

PASSWORD = "a-long-test-password"


def jpeg_bytes(size=(640, 480), colour=(180, 60, 40)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def photo_upload(name="piece.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


@dataclass
class Side:
    cooperative: Cooperative
    coordinator: object
    member: object
    maker: Maker
    other_member: object
    other_maker: Maker
    offline_maker: Maker


def make_side(name: str) -> Side:
    cooperative = CooperativeFactory(name=f"{name} cooperative")
    coordinator = UserFactory(username=f"coordinator-{name}", first_name=f"Coord {name}")
    Coordinator.objects.create(user=coordinator, cooperative=cooperative)
    coordinator.groups.add(Group.objects.get_or_create(name="Coordinators")[0])
    member = UserFactory(username=f"member-{name}", first_name=f"Member {name}")
    maker = MakerFactory(cooperative=cooperative, user=member, display_name=f"Maker {name}")
    other_member = UserFactory(username=f"member2-{name}")
    other_maker = MakerFactory(cooperative=cooperative, user=other_member)
    offline_maker = MakerFactory(cooperative=cooperative, display_name=f"Offline {name}")
    return Side(cooperative, coordinator, member, maker, other_member, other_maker, offline_maker)


@pytest.fixture
def side_a(db) -> Side:
    return make_side("a")


@pytest.fixture
def side_b(db) -> Side:
    return make_side("b")


def leaf(code="household-textiles/cushion-covers"):
    return Category.objects.get(code=code)


def ready_listing(user, *, maker=None, title="Olive cushion", price="39.00", quantity=3) -> Listing:
    """A listing with everything a review needs, made through the services as she would."""
    workspace = workspace_for(user)
    listing = services.listing_create(workspace=workspace, maker=maker or workspace.maker)
    errors = services.listing_add_photos(
        listing=listing, workspace=workspace, uploads=[photo_upload()]
    )
    assert errors == []
    services.listing_describe_photos(
        listing=listing,
        descriptions={photo.pk: "A cushion on a chair" for photo in listing.photos.all()},
    )
    listing.refresh_from_db()
    return services.listing_update(
        listing=listing,
        workspace=workspace,
        changes={
            "title": title,
            "category": leaf(),
            "price": Decimal(price),
            "quantity": quantity,
            "colour": "Green",
            "description": "An olive branch embroidered on linen.",
            "technique": "Cross-stitch",
            "materials": list(Material.objects.filter(slug__in=["linen", "cotton"])),
        },
        expected_version=listing.version,
    )
