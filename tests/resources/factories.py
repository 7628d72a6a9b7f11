import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.core.vocabulary import PublicationStatus
from resources.models import Resource, ResourceFile, ResourceLink, ResourceSection, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    description = factory.LazyAttribute(lambda o: f"Everything about {o.name.lower()}.")


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published guidance page. Pass ``key_stages=["ks3"]``, ``topics=[topic]`` and
    ``audiences=["parent"]`` to link it."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Guidance page {n}")
    slug = factory.Sequence(lambda n: f"guidance-page-{n}")
    kind = Resource.Kind.GUIDANCE
    summary = "A short summary of the page."
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=PublicationStatus.DRAFT, published_at=None)
        lesson_pack = factory.Trait(kind=Resource.Kind.LESSON_PACK, publisher="NSPCC")

    @factory.post_generation
    def key_stages(self, create, codes, **kwargs):
        if create and codes:
            self.key_stages.set(codes)

    @factory.post_generation
    def audiences(self, create, codes, **kwargs):
        if create and codes:
            self.audiences.set(codes)

    @factory.post_generation
    def topics(self, create, topics, **kwargs):
        if create and topics:
            self.topics.set(topics)


class ResourceSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceSection

    resource = factory.SubFactory(ResourceFactory)
    heading = "What you may see"
    body = "<p>Some body text.</p>"
    order = factory.Sequence(int)


class ResourceLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceLink

    resource = factory.SubFactory(ResourceFactory, lesson_pack=True)
    title = "Lesson plan"
    url = "https://example.org/lesson"


class ResourceFileFactory(factory.django.DjangoModelFactory):
    """A small PDF, described as the admin describes uploads."""

    class Meta:
        model = ResourceFile

    resource = factory.SubFactory(ResourceFactory, lesson_pack=True)
    title = "Lesson slides"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 lesson", name="Lesson slides.pdf"))
    original_name = "Lesson slides.pdf"
    content_type = "application/pdf"
    size = len(b"%PDF-1.4 lesson")
