from django import template

from referrals.snapshot import read_helpline_snapshot

register = template.Library()


@register.inclusion_tag("includes/main_helplines.html")
def main_helplines():
    """The main helplines from the snapshot (cache or disk), never the database: error pages
    use it, and they may be showing because the database is the problem."""
    return {"helplines": read_helpline_snapshot()}
