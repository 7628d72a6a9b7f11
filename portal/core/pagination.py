from django.core.paginator import Paginator


class KnownCountPaginator(Paginator):
    """A paginator given its count by the caller, who already knows it."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count
