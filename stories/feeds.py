"""Feeds of the stories: RSS at `<story index>/feed/` (e.g. /en/stories/feed/), Atom at
`<story index>/feed/atom/`."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from stories.selectors import story_cards

FEED_LENGTH = 20


class StoryFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, index_page=None, **kwargs):
        self.request = request
        self.index_page = index_page
        return super().__call__(request, *args, **kwargs)

    def _absolute(self, url: str) -> str:
        # Built from the request, not django.contrib.sites, whose domain may not be this one.
        return self.request.build_absolute_uri(url)

    def title(self):
        return _("Ortak stories")

    def description(self):
        return _("The women behind the goods: stories from the cooperatives of Ortak.")

    def link(self):
        return self._absolute(self.index_page.url if self.index_page else "/")

    def feed_url(self):
        return self._absolute(self.request.path)

    def items(self):
        # The feed of /tr/stories/ lists the stories in Turkish where they are translated.
        if self.index_page is not None:
            from stories.localized import in_default_language

            index = in_default_language(self.index_page)
            return story_cards(index.get_children())[:FEED_LENGTH]
        return story_cards()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return self._absolute(item.url)

    def item_guid(self, item):
        return f"ortak-story-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None


class StoryAtomFeed(StoryFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
